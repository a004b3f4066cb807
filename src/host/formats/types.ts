/** A file that cannot be read as a workbook: the message is one line naming what the file is. */
export class FormatError extends Error {
  constructor(message: string) { super(message); this.name = 'FormatError'; }
}

/** One sheet's values, row by row (null: an empty cell). */
export interface SheetValues { name: string; rows: (string | number | boolean | null)[][] }

/** A file that is not a workbook this host can read; the message is one line for the user. */
export class PackageError extends Error {
  constructor(message: string) { super(message); this.name = 'PackageError'; }
}

/**
 * Queued writes shared by the commands: new tables written as whole ranges, rows appended with one rows.add,
 * text cells formatted '@' before their values are written (so "=1+1" stays text and "001" keeps its zeros).
 */
import type { RawCell } from '../../domain/types';
import { blockAddress } from './a1';

/** numberFormat grid: '@' for the text columns, General elsewhere. */
export function formatGrid(rows: number, cols: number, textCols: ReadonlySet<number>): string[][] {
  const row = Array.from({ length: cols }, (_, c) => (textCols.has(c) ? '@' : 'General'));
  return Array.from({ length: rows }, () => row.slice());
}

/** Blank placeholders of the same shape (for rows.add before the formats are set). */
export function blankGrid(rows: number, cols: number): string[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
}

/** Values as Excel takes them: null cells become '' (clear), everything else as is. */
export function toWrite(rows: RawCell[][], width: number): (string | number | boolean)[][] {
  return rows.map((r) => Array.from({ length: width }, (_, c) => (r[c] === null || r[c] === undefined ? '' : (r[c] as string | number | boolean))));
}

export interface NewTableSpec {
  name: string;
  headers: string[];
  rows: RawCell[][];
  /** Columns whose cells hold user text. */
  textCols: ReadonlySet<number>;
  /** Formula per column for a calculated column (written into every data row), by column index. */
  formulas?: Record<number, string>;
  /** 1-based row of the header. */
  headerRow?: number;
  style?: string;
}

/**
 * Writes a header and rows on a sheet and makes a table of them (with one blank row when there are no rows,
 * as Excel does). Returns the table proxy and the address of its data body.
 */
export function queueNewTable(sheet: Excel.Worksheet, spec: NewTableSpec): { table: Excel.Table; bodyRows: number } {
  const width = spec.headers.length;
  const headerRow = spec.headerRow ?? 1;
  const body = spec.rows.length > 0 ? spec.rows : [Array.from({ length: width }, () => null as RawCell)];
  const values = toWrite(body, width);
  const header = sheet.getRange(blockAddress(headerRow, 0, 1, width));
  header.numberFormat = formatGrid(1, width, new Set(spec.headers.map((_, i) => i)));
  header.values = [spec.headers];
  const bodyRange = sheet.getRange(blockAddress(headerRow + 1, 0, values.length, width));
  // Text columns, and any other string that is not a formula (a settings value "=1+1" stays text).
  const fmt = formatGrid(values.length, width, spec.textCols);
  values.forEach((r, i) => r.forEach((v, c) => {
    if (typeof v === 'string' && v !== '') fmt[i][c] = '@';
  }));
  bodyRange.numberFormat = fmt;
  bodyRange.values = values;
  const table = sheet.tables.add(blockAddress(headerRow, 0, values.length + 1, width), true);
  table.name = spec.name;
  table.style = spec.style ?? 'TableStyleMedium2';
  table.showTotals = false;
  // Formulas with structured references (kp_Self[@[…]:[…]]) only parse once the table has its name: written last,
  // the same formula down the whole column, which makes it the table's calculated column.
  for (const [c, f] of Object.entries(spec.formulas ?? {})) {
    sheet.getRange(blockAddress(headerRow + 1, Number(c), values.length, 1)).formulas = values.map(() => [f]);
  }
  return { table, bodyRows: values.length };
}

/**
 * Appends rows to an existing table with one rows.add, then formats the text columns and writes the values, so
 * user text is never parsed as a formula. firstRow/firstColumn/bodyRows locate the table as read.
 */
export function queueAppendRows(
  sheet: Excel.Worksheet,
  table: Excel.Table,
  at: { firstRow: number; firstColumn: number; bodyRows: number; width: number; emptyBody?: boolean },
  rows: RawCell[][],
  textCols: ReadonlySet<number>,
): void {
  if (rows.length === 0) return;
  // An empty table keeps one blank row: fill it first, so rows.add appends whether or not an Excel would have
  // put the first new row into it.
  let start = at.firstRow + at.bodyRows;
  let rest = rows;
  if (at.emptyBody) {
    queueWriteRows(sheet, { row1: at.firstRow, firstColumn: at.firstColumn, width: at.width }, rows.slice(0, 1), textCols);
    rest = rows.slice(1);
    start = at.firstRow + 1;
    if (rest.length === 0) return;
  }
  table.rows.add(undefined, blankGrid(rest.length, at.width));
  const range = sheet.getRange(blockAddress(start, at.firstColumn, rest.length, at.width));
  range.numberFormat = formatGrid(rest.length, at.width, textCols);
  range.values = toWrite(rest, at.width);
}

/** True when a table's body is the single blank row an empty table keeps. */
export function isEmptyBody(rows: RawCell[][]): boolean {
  return rows.length === 1 && rows[0].every((v) => v === '' || v === null);
}

/** Writes rows over part of a table body (in place), text columns formatted first. */
export function queueWriteRows(
  sheet: Excel.Worksheet,
  at: { row1: number; firstColumn: number; width: number },
  rows: RawCell[][],
  textCols: ReadonlySet<number>,
): void {
  if (rows.length === 0) return;
  const range = sheet.getRange(blockAddress(at.row1, at.firstColumn, rows.length, at.width));
  range.numberFormat = formatGrid(rows.length, at.width, textCols);
  range.values = toWrite(rows, at.width);
}

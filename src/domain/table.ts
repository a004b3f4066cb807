/** Helpers over TableBlock: columns found by header name, cell addresses, blank rows, problem construction. */
import { message, problemMessage, type MessageKey, type Params } from './texts/messages';
import { cellAddress, isBlank, toHalfWidth } from './parse';
import type { Language, Problem, ProblemCode, RawCell, Severity, TableBlock } from './types';

/** Header text as compared: half-width, no spaces or line breaks (a header typed "姓 名" still matches). */
export function headerKey(h: unknown): string {
  return toHalfWidth(String(h ?? '')).replace(/\s+/g, '');
}

/** Index of the column with this header in the block, or -1. */
export function findColumn(block: TableBlock, header: string): number {
  const key = headerKey(header);
  for (let i = 0; i < block.headers.length; i++) if (headerKey(block.headers[i]) === key) return i;
  return -1;
}

/** A1 address of a body cell: row index in block.rows, column index in block.headers. */
export function bodyCell(block: TableBlock, rowIndex: number, colIndex: number): string {
  return cellAddress(block.firstRow + rowIndex, block.firstColumn + Math.max(0, colIndex));
}

/**
 * Address of the header cell of a column (for table-level problems about a column); without a column (or one
 * that is missing) the table's first header cell, where a problem about the whole table points.
 */
export function headerCell(block: TableBlock, colIndex = 0): string {
  return cellAddress(Math.max(1, block.firstRow - 1), block.firstColumn + Math.max(0, colIndex));
}

export function isBlankRow(row: readonly RawCell[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}

/** Index (in block.rows) of the first row from which every row is blank: where the next row is typed. */
export function firstFreeRow(block: TableBlock): number {
  let i = block.rows.length;
  while (i > 0 && isBlankRow(block.rows[i - 1])) i--;
  return i;
}

/** Builds a Problem with its message (the message names the sheet and the cell). */
export function makeProblem(
  lang: Language,
  severity: Severity,
  sheet: string,
  cell: string,
  code: ProblemCode,
  params: Params = {},
  memberId?: string,
): Problem {
  const p: Problem = { severity, sheet, cell, code, message: problemMessage(lang, code, params, sheet, cell) };
  if (memberId !== undefined) p.memberId = memberId;
  return p;
}

/** Text of a sub-message, for problems whose message carries a {detail}. */
export function detail(lang: Language, key: MessageKey, params: Params = {}): string {
  return message(lang, key, params);
}

/** An empty block (for inputs a caller does not have). */
export function emptyBlock(sheet: string, headers: string[]): TableBlock {
  return { sheet, headers, rows: [], firstRow: 2, firstColumn: 0 };
}

/** A1 address helpers for the workbook commands (pure). */
import { columnLetter } from '../../domain/parse';

export { columnLetter };

/** "A1:C3" (no sheet) for a block starting at 1-based row and 0-based column. */
export function blockAddress(row1: number, col0: number, rows: number, cols: number): string {
  const a = `${columnLetter(col0)}${row1}`;
  if (rows === 1 && cols === 1) return a;
  return `${a}:${columnLetter(col0 + cols - 1)}${row1 + rows - 1}`;
}

/** 0-based column index of column letters ("A" → 0, "AA" → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parses "E7" / "'Sheet'!E7:F9" → the top-left cell as 1-based row and 0-based column, and the size. */
export function parseAddress(address: string): { row1: number; col0: number; rows: number; cols: number } {
  const bang = address.lastIndexOf('!');
  const a = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, '');
  const [from, to] = a.split(':');
  const p = (s: string) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(s);
    if (!m) throw new Error(`bad address ${address}`);
    return { col0: columnIndex(m[1]), row1: Number(m[2]) };
  };
  const f = p(from);
  const t = to ? p(to) : f;
  return { row1: f.row1, col0: f.col0, rows: t.row1 - f.row1 + 1, cols: t.col0 - f.col0 + 1 };
}

/** Quotes a sheet name for a formula or an address ('党员互评'!A1). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

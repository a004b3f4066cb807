/**
 * Shared formulas (ECMA-376 §18.3.1.40, t="shared"): a cell of the group has the master's formula with its relative
 * references moved by the cell's offset from the master. Whole-column references (G:H) move by columns only,
 * whole-row references (3:4) by rows only; "$" parts never move.
 */
import { colIndex, colName, MAX_COLS, MAX_ROWS } from '../model/address';
import { mapOutsideQuotes } from '../formula/shift';

const B = '(^|[^\\p{L}\\p{N}_.$])';
const AFTER = '(?![\\p{L}\\p{N}_(!])';
// Cell or range: A1, $A$1, A1:B2 (each corner on its own); whole columns A:B; whole rows 1:2.
const CELL_RE = new RegExp(`${B}(\\$?)([A-Za-z]{1,3})(\\$?)([0-9]{1,7})${AFTER}`, 'gu');
const COLS_RE = new RegExp(`${B}(\\$?)([A-Za-z]{1,3}):(\\$?)([A-Za-z]{1,3})${AFTER}`, 'gu');
const ROWS_RE = new RegExp(`${B}(\\$?)([0-9]{1,7}):(\\$?)([0-9]{1,7})${AFTER}`, 'gu');

function moveCol(abs: string, col: string, dc: number): string | null {
  const c = abs ? colIndex(col) : colIndex(col) + dc;
  return c < 0 || c >= MAX_COLS ? null : `${abs}${colName(c)}`;
}
function moveRow(abs: string, row: string, dr: number): string | null {
  const r = abs ? +row : +row + dr;
  return r < 1 || r > MAX_ROWS ? null : `${abs}${r}`;
}

/** The formula of a shared-formula cell at (dr, dc) from its master (file spelling in, file spelling out). */
export function shiftShared(f: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return f;
  return mapOutsideQuotes(f, (part) => {
    // Whole rows/columns first, with placeholders so the cell pass does not see them again.
    const held: string[] = [];
    const hold = (s: string): string => { held.push(s); return `\u0000${held.length - 1}\u0000`; };
    let p = part.replace(COLS_RE, (m, pre: string, a1: string, c1: string, a2: string, c2: string) => {
      const x = moveCol(a1, c1, dc), y = moveCol(a2, c2, dc);
      return `${pre}${hold(x && y ? `${x}:${y}` : '#REF!')}`;
    });
    p = p.replace(ROWS_RE, (m, pre: string, a1: string, r1: string, a2: string, r2: string) => {
      const x = moveRow(a1, r1, dr), y = moveRow(a2, r2, dr);
      return `${pre}${hold(x && y ? `${x}:${y}` : '#REF!')}`;
    });
    p = p.replace(CELL_RE, (m, pre: string, ca: string, col: string, ra: string, row: string) => {
      if (colIndex(col) >= MAX_COLS) return m; // a name such as LOG10, not a cell
      const x = moveCol(ca, col, dc), y = moveRow(ra, row, dr);
      return `${pre}${x && y ? `${x}${y}` : '#REF!'}`;
    });
    // eslint-disable-next-line no-control-regex -- placeholders set above
    return p.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => held[+i]);
  });
}

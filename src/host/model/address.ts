/** A1 addresses: parsing and formatting. Coordinates are 0-based; rectangles are inclusive. */
import { fail } from './errors';

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface Rect { r0: number; c0: number; r1: number; c1: number }

export function colName(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellName(r: number, c: number): string {
  return `${colName(c)}${r + 1}`;
}

/** Address without sheet, like Excel: whole rows "2:3", whole columns "A:B", single cell "A1". */
export function rectAddress(rect: Rect): string {
  const wholeRows = rect.c0 === 0 && rect.c1 === MAX_COLS - 1;
  const wholeCols = rect.r0 === 0 && rect.r1 === MAX_ROWS - 1;
  if (wholeCols && !wholeRows) return `${colName(rect.c0)}:${colName(rect.c1)}`;
  if (wholeRows && !wholeCols) return `${rect.r0 + 1}:${rect.r1 + 1}`;
  const a = cellName(rect.r0, rect.c0);
  if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return a;
  return `${a}:${cellName(rect.r1, rect.c1)}`;
}

/** Quote a sheet name for an address/formula unless it is only word characters (and not cell-like). */
export function quoteSheet(name: string): string {
  // Like Excel: names made only of letters (any script), digits, '_' and '.', not starting with a digit and not
  // looking like a cell reference, go unquoted ("党员互评!A1", "Sheet1!A1"); all others are quoted.
  if (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) && !/^R[0-9]*C[0-9]*$/i.test(name)) {
    return name;
  }
  return `'${name.replace(/'/g, "''")}'`;
}

export function qualified(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${rectAddress(rect)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?([0-9]{1,7})$/;

/** Splits "'Sheet'!A1:B2" into sheet name (or null) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") { name += "'"; i += 2; continue; }
        break;
      }
      name += s[i++];
    }
    if (s[i + 1] !== '!') fail('InvalidArgument', `Bad address: ${address}`);
    return { sheet: name, local: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  if (bang >= 0) return { sheet: s.slice(0, bang), local: s.slice(bang + 1) };
  return { sheet: null, local: s };
}

/** Parses a local A1 reference ("A1", "A1:C3", "2:2", "A:C"); returns null when it is not one. */
export function tryParseLocal(local: string): Rect | null {
  const parts = local.trim().split(':');
  if (parts.length > 2 || parts.length === 0) return null;
  const [a, b = a] = parts;
  let m1 = CELL.exec(a);
  let m2 = CELL.exec(b);
  if (m1 && m2) {
    const r0 = +m1[2] - 1, c0 = colIndex(m1[1]), r1 = +m2[2] - 1, c1 = colIndex(m2[1]);
    if (r0 < 0 || r1 < 0 || r0 >= MAX_ROWS || r1 >= MAX_ROWS || c0 >= MAX_COLS || c1 >= MAX_COLS) return null;
    return norm({ r0, c0, r1, c1 });
  }
  if (parts.length === 2) {
    m1 = COL.exec(a); m2 = COL.exec(b);
    if (m1 && m2) {
      const c0 = colIndex(m1[1]), c1 = colIndex(m2[1]);
      if (c0 >= MAX_COLS || c1 >= MAX_COLS) return null;
      return norm({ r0: 0, c0, r1: MAX_ROWS - 1, c1 });
    }
    m1 = ROW.exec(a); m2 = ROW.exec(b);
    if (m1 && m2) {
      const r0 = +m1[1] - 1, r1 = +m2[1] - 1;
      if (r0 < 0 || r1 < 0 || r0 >= MAX_ROWS || r1 >= MAX_ROWS) return null;
      return norm({ r0, c0: 0, r1, c1: MAX_COLS - 1 });
    }
  }
  return null;
}

export function parseLocal(local: string): Rect {
  const r = tryParseLocal(local);
  if (!r) fail('InvalidArgument', `The address "${local}" is not valid.`);
  return r;
}

function norm(r: Rect): Rect {
  return { r0: Math.min(r.r0, r.r1), c0: Math.min(r.c0, r.c1), r1: Math.max(r.r0, r.r1), c1: Math.max(r.c0, r.c1) };
}

export function rows(r: Rect): number { return r.r1 - r.r0 + 1; }
export function cols(r: Rect): number { return r.c1 - r.c0 + 1; }

export function intersect(a: Rect, b: Rect): Rect | null {
  const r0 = Math.max(a.r0, b.r0), c0 = Math.max(a.c0, b.c0), r1 = Math.min(a.r1, b.r1), c1 = Math.min(a.c1, b.c1);
  return r0 <= r1 && c0 <= c1 ? { r0, c0, r1, c1 } : null;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
}

export function containsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;
}

/** a minus b as up to four rectangles. */
export function subtract(a: Rect, b: Rect): Rect[] {
  const x = intersect(a, b);
  if (!x) return [a];
  const out: Rect[] = [];
  if (a.r0 < x.r0) out.push({ r0: a.r0, c0: a.c0, r1: x.r0 - 1, c1: a.c1 });
  if (x.r1 < a.r1) out.push({ r0: x.r1 + 1, c0: a.c0, r1: a.r1, c1: a.c1 });
  if (a.c0 < x.c0) out.push({ r0: x.r0, c0: a.c0, r1: x.r1, c1: x.c0 - 1 });
  if (x.c1 < a.c1) out.push({ r0: x.r0, c0: x.c1 + 1, r1: x.r1, c1: a.c1 });
  return out;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;
}

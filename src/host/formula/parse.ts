/** Formula parsing: A1 references, sheet-qualified references, structured table references, functions. */
import { type Rect, colIndex, MAX_COLS, MAX_ROWS } from '../model/address';

export type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'err'; v: string }
  | { k: 'ref'; sheet: string | null; rect: Rect }
  | { k: 'struct'; table: string | null; spec: StructSpec }
  | { k: 'name'; name: string }
  | { k: 'call'; fn: string; args: Node[] }
  | { k: 'un'; op: string; e: Node }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'pct'; e: Node };

export interface StructSpec {
  area: 'data' | 'all' | 'headers' | 'totals' | 'thisRow';
  from: string | null;
  to: string | null;
}

export class ParseError extends Error {}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ERRORS = ['#N/A', '#NAME?', '#DIV/0!', '#REF!', '#VALUE!', '#NUM!', '#NULL!', '#SPILL!', '#CALC!'];

export function parseFormula(text: string): Node {
  const src = text.startsWith('=') ? text.slice(1) : text;
  const p = new Parser(src);
  const n = p.expr(0);
  p.ws();
  if (p.i < src.length) throw new ParseError(`Unexpected "${src.slice(p.i)}"`);
  return n;
}

const BIN: Record<string, number> = { '=': 1, '<>': 1, '<': 1, '>': 1, '<=': 1, '>=': 1, '&': 2, '+': 3, '-': 3, '*': 4, '/': 4, '^': 5 };

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void { while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++; }

  expr(minPrec: number): Node {
    let left = this.unary();
    for (;;) {
      this.ws();
      const op = this.peekOp();
      if (!op || BIN[op] < minPrec || BIN[op] === undefined) return left;
      this.i += op.length;
      const prec = BIN[op];
      const right = this.expr(op === '^' ? prec : prec + 1);
      left = { k: 'bin', op, l: left, r: right };
    }
  }

  peekOp(): string | null {
    const two = this.s.slice(this.i, this.i + 2);
    if (two === '<>' || two === '<=' || two === '>=') return two;
    const one = this.s[this.i];
    return one !== undefined && '=<>&+-*/^'.includes(one) ? one : null;
  }

  unary(): Node {
    this.ws();
    const ch = this.s[this.i];
    if (ch === '-' || ch === '+') {
      this.i++;
      const e = this.unary();
      return ch === '-' ? { k: 'un', op: '-', e } : e;
    }
    let n = this.primary();
    this.ws();
    while (this.s[this.i] === '%') { this.i++; n = { k: 'pct', e: n }; this.ws(); }
    return n;
  }

  primary(): Node {
    this.ws();
    const s = this.s;
    const ch = s[this.i];
    if (ch === undefined) throw new ParseError('Unexpected end');
    if (ch === '(') {
      this.i++;
      const e = this.expr(0);
      this.ws();
      this.expect(')');
      return e;
    }
    if (ch === '"') {
      let v = '';
      this.i++;
      for (;;) {
        if (this.i >= s.length) throw new ParseError('Unterminated string');
        if (s[this.i] === '"') {
          if (s[this.i + 1] === '"') { v += '"'; this.i += 2; continue; }
          this.i++;
          break;
        }
        v += s[this.i++];
      }
      return { k: 'str', v };
    }
    if (ch === '#') {
      const e = ERRORS.find((x) => s.startsWith(x, this.i) || s.toUpperCase().startsWith(x, this.i));
      if (!e) throw new ParseError('Bad error literal');
      this.i += e.length;
      return { k: 'err', v: e };
    }
    if (/[0-9.]/.test(ch)) {
      const m = /^[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?/.exec(s.slice(this.i))!;
      const txt = m[0];
      // A whole-row reference such as 2:3.
      const rowRange = /^([0-9]+):([0-9]+)/.exec(s.slice(this.i));
      if (rowRange) {
        this.i += rowRange[0].length;
        return { k: 'ref', sheet: null, rect: rowRect(+rowRange[1], +rowRange[2]) };
      }
      if (txt === '' || txt === '.') throw new ParseError('Bad number');
      this.i += txt.length;
      return { k: 'num', v: Number(txt) };
    }
    if (ch === "'") {
      // Quoted sheet name.
      let name = '';
      this.i++;
      for (;;) {
        if (this.i >= s.length) throw new ParseError('Unterminated sheet name');
        if (s[this.i] === "'") {
          if (s[this.i + 1] === "'") { name += "'"; this.i += 2; continue; }
          this.i++;
          break;
        }
        name += s[this.i++];
      }
      this.expect('!');
      return this.localRef(name);
    }
    if (ch === '[') {
      return { k: 'struct', table: null, spec: this.structSpec() };
    }
    const word = this.word();
    if (!word) throw new ParseError(`Unexpected "${ch}"`);
    const next = s[this.i];
    if (next === '!') {
      this.i++;
      return this.localRef(word);
    }
    if (next === '(') {
      this.i++;
      const args: Node[] = [];
      this.ws();
      if (s[this.i] === ')') { this.i++; }
      else {
        for (;;) {
          this.ws();
          if (s[this.i] === ',' || s[this.i] === ')') args.push({ k: 'str', v: '' });
          else args.push(this.expr(0));
          this.ws();
          if (s[this.i] === ',') { this.i++; continue; }
          this.expect(')');
          break;
        }
      }
      let fn = word.toUpperCase();
      if (fn.startsWith('_XLFN.')) fn = fn.slice(6);
      if (fn.startsWith('_XLWS.')) fn = fn.slice(6);
      return { k: 'call', fn, args };
    }
    if (next === '[') {
      return { k: 'struct', table: word, spec: this.structSpec() };
    }
    const up = word.toUpperCase();
    if (up === 'TRUE' || up === 'FALSE') return { k: 'bool', v: up === 'TRUE' };
    const ref = this.tryRefFrom(word, null);
    if (ref) return ref;
    return { k: 'name', name: word };
  }

  word(): string {
    const m = /^[\p{L}\p{N}_.$\\]+/u.exec(this.s.slice(this.i));
    if (!m) return '';
    this.i += m[0].length;
    return m[0];
  }

  localRef(sheet: string): Node {
    const w = this.word();
    if (!w && /[0-9]/.test(this.s[this.i] ?? '')) throw new ParseError('Bad reference');
    const r = this.tryRefFrom(w, sheet);
    if (!r) throw new ParseError(`Bad reference ${sheet}!${w}`);
    return r;
  }

  /** w is a cell ("A1"), a column ("A" of "A:B") or a row number ("2" of "2:3"); a ":" may follow. */
  tryRefFrom(w: string, sheet: string | null): Node | null {
    const s = this.s;
    const cm = CELL_RE.exec(w);
    if (cm) {
      const r = +cm[2] - 1, c = colIndex(cm[1]);
      if (r < 0 || r >= MAX_ROWS || c >= MAX_COLS) return null;
      if (s[this.i] === ':') {
        const save = this.i;
        this.i++;
        const w2 = this.word();
        const m2 = CELL_RE.exec(w2);
        if (m2) {
          const r2 = +m2[2] - 1, c2 = colIndex(m2[1]);
          return { k: 'ref', sheet, rect: { r0: Math.min(r, r2), c0: Math.min(c, c2), r1: Math.max(r, r2), c1: Math.max(c, c2) } };
        }
        this.i = save;
      }
      return { k: 'ref', sheet, rect: { r0: r, c0: c, r1: r, c1: c } };
    }
    const colm = COL_RE.exec(w);
    if (colm && s[this.i] === ':') {
      const save = this.i;
      this.i++;
      const w2 = this.word();
      const m2 = COL_RE.exec(w2);
      if (m2) {
        const a = colIndex(colm[1]), b = colIndex(m2[1]);
        return { k: 'ref', sheet, rect: { r0: 0, c0: Math.min(a, b), r1: MAX_ROWS - 1, c1: Math.max(a, b) } };
      }
      this.i = save;
    }
    if (/^\$?[0-9]+$/.test(w) && s[this.i] === ':') {
      const save = this.i;
      this.i++;
      const w2 = this.word();
      if (/^\$?[0-9]+$/.test(w2)) return { k: 'ref', sheet, rect: rowRect(+w.replace('$', ''), +w2.replace('$', '')) };
      this.i = save;
    }
    return null;
  }

  expect(ch: string): void {
    if (this.s[this.i] !== ch) throw new ParseError(`Expected "${ch}"`);
    this.i++;
  }

  /** Reads a balanced [...] structured reference specifier starting at "[". */
  structSpec(): StructSpec {
    const start = this.i;
    let depth = 0;
    for (;;) {
      const ch = this.s[this.i];
      if (ch === undefined) throw new ParseError('Unterminated structured reference');
      if (ch === "'") { this.i += 2; continue; }
      if (ch === '[') depth++;
      if (ch === ']') { depth--; if (depth === 0) { this.i++; break; } }
      this.i++;
    }
    return parseStructInner(this.s.slice(start + 1, this.i - 1));
  }
}

function rowRect(a: number, b: number): Rect {
  return { r0: Math.min(a, b) - 1, c0: 0, r1: Math.max(a, b) - 1, c1: MAX_COLS - 1 };
}

function unescapeCol(s: string): string {
  return s.replace(/'(.)/g, '$1');
}

/** Items of the inner part: "[#This Row],[a]:[b]" → ["#This Row", ",", "a", ":", "b"]. */
function bracketItems(inner: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < inner.length) {
    const ch = inner[i];
    if (ch === '[') {
      let j = i + 1, name = '';
      while (j < inner.length && inner[j] !== ']') {
        if (inner[j] === "'") { name += inner[j + 1]; j += 2; continue; }
        name += inner[j++];
      }
      out.push(name);
      i = j + 1;
    } else if (ch === ',' || ch === ':' || ch === '@') {
      out.push(ch); i++;
    } else if (/\s/.test(ch)) i++;
    else throw new ParseError(`Bad structured reference [${inner}]`);
  }
  return out;
}

export function parseStructInner(inner: string): StructSpec {
  const t = inner.trim();
  if (t === '') return { area: 'data', from: null, to: null };
  if (t.startsWith('@')) {
    const rest = t.slice(1).trim();
    if (!rest.startsWith('[')) return { area: 'thisRow', from: unescapeCol(rest), to: null };
    return fromItems(['#This Row', ',', ...bracketItems(rest)]);
  }
  if (!t.startsWith('[')) {
    if (t.startsWith('#')) return fromItems([t]);
    return { area: 'data', from: unescapeCol(t), to: null };
  }
  return fromItems(bracketItems(t));
}

function fromItems(items: string[]): StructSpec {
  let area: StructSpec['area'] = 'data';
  const cols: string[] = [];
  for (const it of items) {
    if (it === ',' || it === ':' || it === '@') continue;
    const special = it.toLowerCase();
    if (special === '#this row') area = 'thisRow';
    else if (special === '#data') area = 'data';
    else if (special === '#headers') area = 'headers';
    else if (special === '#totals') area = 'totals';
    else if (special === '#all') area = 'all';
    else cols.push(it);
  }
  return { area, from: cols[0] ?? null, to: cols[1] ?? null };
}

/** Writes a formula for an .xlsx file: "@" row references become "[#This Row],…", newer functions get "_xlfn.". */
export const XLFN = ['RANK.EQ', 'RANK.AVG', 'STDEV.S', 'STDEV.P', 'VAR.S', 'VAR.P', 'IFNA', 'IFS', 'MAXIFS', 'MINIFS',
  'CONCAT', 'TEXTJOIN', 'SWITCH', 'XLOOKUP', 'XMATCH', 'FILTER', 'SORT', 'SORTBY', 'UNIQUE', 'SEQUENCE', 'LET',
  'PERCENTILE.INC', 'PERCENTILE.EXC', 'QUARTILE.INC', 'QUARTILE.EXC', 'MODE.SNGL', 'CEILING.MATH', 'FLOOR.MATH',
  'NORM.DIST', 'NORM.INV', 'DAYS', 'ISOWEEKNUM'];

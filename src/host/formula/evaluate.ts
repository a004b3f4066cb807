/**
 * Formula evaluation over the model: a small, exact subset of Excel. A formula it cannot compute (a function or
 * name it does not know, an array or data-table formula) keeps the result cached in its file; one set through the
 * API without a cached result gives #NAME?. It never gives a wrong value.
 */
import { type Rect, MAX_ROWS, intersect } from '../model/address';
import { type Node, type StructSpec, parseFormula } from './parse';
import { type Cell, type CellValue, ErrorValue, type Sheet, type TableModel, type WorkbookModel, tableBody } from '../model/model';

type Scalar = number | string | boolean | ErrorValue | null;
interface RangeVal { kind: 'range'; sheet: Sheet; rect: Rect }
type Val = Scalar | RangeVal;

const NAME = new ErrorValue('#NAME?');
const VALUE = new ErrorValue('#VALUE!');
const DIV0 = new ErrorValue('#DIV/0!');
const REF = new ErrorValue('#REF!');
const NA = new ErrorValue('#N/A');
const NUM = new ErrorValue('#NUM!');

export function err(code: string): ErrorValue {
  switch (code) {
    case '#NAME?': return NAME;
    case '#VALUE!': return VALUE;
    case '#DIV/0!': return DIV0;
    case '#REF!': return REF;
    case '#N/A': return NA;
    case '#NUM!': return NUM;
    default: return new ErrorValue(code);
  }
}

const parseCache = new Map<string, Node | null>();
function parsed(formula: string): Node | null {
  let n = parseCache.get(formula);
  if (n === undefined) {
    try { n = parseFormula(formula); } catch { n = null; }
    if (parseCache.size > 50000) parseCache.clear();
    parseCache.set(formula, n);
  }
  return n;
}

/** True when the text parses as a formula this host understands syntactically. */
export function isParsable(formula: string): boolean {
  return parsed(formula) !== null;
}

/** Sheets (by name) and tables a formula refers to; 'all' when it cannot be told (names, INDIRECT, OFFSET …). */
const refsCache = new Map<string, { sheets: Set<string>; tables: Set<string> } | 'all'>();
function formulaRefs(formula: string): { sheets: Set<string>; tables: Set<string> } | 'all' {
  let hit = refsCache.get(formula);
  if (hit !== undefined) return hit;
  const node = parsed(formula);
  const out = { sheets: new Set<string>(), tables: new Set<string>() };
  let all = node === null;
  const walk = (n: Node): void => {
    switch (n.k) {
      case 'ref': if (n.sheet !== null) out.sheets.add(n.sheet); break;
      case 'struct': if (n.table !== null) out.tables.add(n.table); break;
      case 'name': all = true; break;
      case 'call': if (['INDIRECT', 'OFFSET', 'INDEX', 'CELL', 'INFO'].includes(n.fn.toUpperCase())) all = true; n.args.forEach(walk); break;
      case 'un': case 'pct': walk(n.e); break;
      case 'bin': walk(n.l); walk(n.r); break;
      default: break;
    }
  };
  if (node) walk(node);
  hit = all ? 'all' : out;
  if (refsCache.size > 50000) refsCache.clear();
  refsCache.set(formula, hit);
  return hit;
}

class Abort { constructor(readonly v: ErrorValue) {} }
/** Thrown where the host cannot compute a formula exactly. */
class Unknown {}
const UNKNOWN = new Unknown();

export class Calculator {
  private state = new Map<Cell, 1 | 2>();
  constructor(private readonly wb: WorkbookModel) {}

  /** Recomputes every formula cell of the workbook. */
  recalcAll(): void {
    this.state.clear();
    for (const sheet of this.wb.sheets) {
      for (const [r, row] of sheet.rows) {
        for (const [c, cell] of row) if (cell.formula !== null) this.cellValue(sheet, r, c, cell);
      }
    }
    this.state.clear();
  }

  /**
   * Recomputes the formulas that can depend on the changed sheets: those on sheets that refer to them, directly or
   * through other sheets (a sheet's formulas are recomputed together). Others keep their values.
   */
  recalcSheets(changed: Set<Sheet>): void {
    if (changed.size === 0) return;
    const deps = new Map<Sheet, Set<Sheet> | 'all'>();
    for (const sheet of this.wb.sheets) {
      let d: Set<Sheet> | 'all' = new Set([sheet]);
      // A table's calculated column repeats one formula down thousands of rows: each text is looked at once.
      const seen = new Set<string>();
      for (const row of sheet.rows.values()) {
        for (const cell of row.values()) {
          const f = cell.formula;
          if (f === null || seen.has(f)) continue;
          seen.add(f);
          const refs = formulaRefs(f);
          if (refs === 'all') { d = 'all'; break; }
          for (const name of refs.sheets) { const s = this.wb.sheetByName(name); if (s) d.add(s); }
          for (const name of refs.tables) { const t = this.wb.tableByName(name); if (t) d.add(t.sheet); }
        }
        if (d === 'all') break;
      }
      deps.set(sheet, d);
    }
    const scope = new Set(changed);
    for (let grew = true; grew;) {
      grew = false;
      for (const [sheet, d] of deps) {
        if (scope.has(sheet)) continue;
        if (d === 'all' || [...d].some((x) => scope.has(x))) { scope.add(sheet); grew = true; }
      }
    }
    this.state.clear();
    for (const sheet of this.wb.sheets) {
      if (!scope.has(sheet)) continue;
      for (const [r, row] of sheet.rows) {
        for (const [c, cell] of row) if (cell.formula !== null) this.cellValue(sheet, r, c, cell);
      }
    }
    this.state.clear();
  }

  private cellValue(sheet: Sheet, r: number, c: number, cell: Cell): CellValue {
    if (cell.formula === null) return cell.value;
    const st = this.state.get(cell);
    if (st === 2) return cell.value;
    if (st === 1) return 0; // circular reference: Excel shows 0
    // A formula as read from its file (unchanged since): its cached result is what the host falls back on.
    const fromFile = cell.pristine;
    if (fromFile && cell.keep) { this.state.set(cell, 2); return cell.value; }
    this.state.set(cell, 1);
    const v = this.evaluate(cell.formula, sheet, r, c);
    const value = v === UNKNOWN ? (fromFile ? cell.cached : NAME) : v as CellValue;
    cell.setResult(value);
    this.state.set(cell, 2);
    return value;
  }

  evalFormula(formula: string, sheet: Sheet, r: number, c: number): CellValue {
    const v = this.evaluate(formula, sheet, r, c);
    return v === UNKNOWN ? NAME : v as CellValue;
  }

  private evaluate(formula: string, sheet: Sheet, r: number, c: number): CellValue | Unknown {
    const node = parsed(formula);
    if (!node) return UNKNOWN;
    try {
      const v = this.ev(node, { sheet, r, c });
      const s = this.toScalar(v, { sheet, r, c });
      if (s === null) return 0; // a formula pointing to a blank shows 0
      if (typeof s === 'number' && !Number.isFinite(s)) return NUM;
      return s;
    } catch (e) {
      if (e instanceof Abort) return e.v;
      if (e instanceof Unknown) return UNKNOWN;
      throw e;
    }
  }

  private ev(n: Node, at: Loc): Val {
    switch (n.k) {
      case 'num': return n.v;
      case 'str': return n.v;
      case 'bool': return n.v;
      case 'err': return err(n.v);
      case 'ref': {
        const sheet = n.sheet === null ? at.sheet : this.wb.sheetByName(n.sheet);
        if (!sheet) return REF;
        return { kind: 'range', sheet, rect: n.rect };
      }
      case 'struct': return this.struct(n.table, n.spec, at);
      case 'name': {
        const def = this.wb.names.find((x) => x.name.toLowerCase() === n.name.toLowerCase());
        if (!def) throw UNKNOWN;
        const node = parsed(def.formula);
        if (!node) throw UNKNOWN;
        return this.ev(node, at);
      }
      case 'un': {
        const v = this.num(this.ev(n.e, at), at);
        return v instanceof ErrorValue ? v : -v;
      }
      case 'pct': {
        const v = this.num(this.ev(n.e, at), at);
        return v instanceof ErrorValue ? v : v / 100;
      }
      case 'bin': return this.binary(n.op, this.ev(n.l, at), this.ev(n.r, at), at);
      case 'call': return this.call(n.fn, n.args, at);
    }
  }

  private struct(tableName: string | null, spec: StructSpec, at: Loc): Val {
    let t: TableModel | undefined;
    if (tableName === null) t = this.wb.tableAt(at.sheet, at.r, at.c);
    else t = this.wb.tableByName(tableName);
    if (!t) return tableName === null ? REF : NAME;
    let c0 = t.rect.c0, c1 = t.rect.c1;
    if (spec.from !== null) {
      const i = t.columns.findIndex((col) => col.name.toLowerCase() === spec.from!.toLowerCase());
      const j = spec.to === null ? i : t.columns.findIndex((col) => col.name.toLowerCase() === spec.to!.toLowerCase());
      if (i < 0 || j < 0) return REF;
      c0 = t.rect.c0 + Math.min(i, j);
      c1 = t.rect.c0 + Math.max(i, j);
    }
    const body = tableBody(t);
    let r0: number, r1: number;
    switch (spec.area) {
      case 'thisRow':
        if (at.sheet !== t.sheet || at.r < body.r0 || at.r > body.r1) return VALUE;
        r0 = r1 = at.r;
        break;
      case 'headers':
        if (!t.showHeaders) return REF;
        r0 = r1 = t.rect.r0;
        break;
      case 'totals':
        if (!t.showTotals) return REF;
        r0 = r1 = t.rect.r1;
        break;
      case 'all': r0 = t.rect.r0; r1 = t.rect.r1; break;
      default: r0 = body.r0; r1 = body.r1;
    }
    return { kind: 'range', sheet: t.sheet, rect: { r0, c0, r1, c1 } };
  }

  private get(sheet: Sheet, r: number, c: number): CellValue {
    const cell = sheet.cell(r, c);
    if (!cell) return null;
    return this.cellValue(sheet, r, c, cell);
  }

  /** Scalar of a value: a one-cell range gives its cell; a larger range is intersected with the formula's row/column. */
  private toScalar(v: Val, at: Loc): Scalar {
    if (v === null || typeof v !== 'object' || v instanceof ErrorValue) return v;
    const { rect, sheet } = v;
    if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return this.get(sheet, rect.r0, rect.c0);
    if (sheet === at.sheet) {
      if (rect.c0 === rect.c1 && at.r >= rect.r0 && at.r <= rect.r1) return this.get(sheet, at.r, rect.c0);
      if (rect.r0 === rect.r1 && at.c >= rect.c0 && at.c <= rect.c1) return this.get(sheet, rect.r0, at.c);
    }
    return VALUE;
  }

  private scalar(v: Val, at: Loc): Scalar {
    return this.toScalar(v, at);
  }

  /** Number coercion as Excel arithmetic does it: blank 0, TRUE 1, numeric text its number, other text #VALUE!. */
  private num(v: Val, at: Loc): number | ErrorValue {
    const s = this.scalar(v, at);
    if (s === null) return 0;
    if (typeof s === 'number') return s;
    if (typeof s === 'boolean') return s ? 1 : 0;
    if (s instanceof ErrorValue) return s;
    const t = s.trim();
    if (t !== '' && Number.isFinite(Number(t))) return Number(t);
    return VALUE;
  }

  private binary(op: string, a: Val, b: Val, at: Loc): Scalar {
    if (op === '&') {
      const x = this.scalar(a, at), y = this.scalar(b, at);
      if (x instanceof ErrorValue) return x;
      if (y instanceof ErrorValue) return y;
      return text(x) + text(y);
    }
    if (['=', '<>', '<', '>', '<=', '>='].includes(op)) {
      const x = this.scalar(a, at), y = this.scalar(b, at);
      if (x instanceof ErrorValue) return x;
      if (y instanceof ErrorValue) return y;
      const c = compare(x, y);
      switch (op) {
        case '=': return c === 0;
        case '<>': return c !== 0;
        case '<': return c < 0;
        case '>': return c > 0;
        case '<=': return c <= 0;
        default: return c >= 0;
      }
    }
    const x = this.num(a, at);
    if (x instanceof ErrorValue) return x;
    const y = this.num(b, at);
    if (y instanceof ErrorValue) return y;
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/': return y === 0 ? DIV0 : x / y;
      case '^': return Math.pow(x, y);
    }
    return NAME;
  }

  /** Every cell value of the arguments (ranges expanded, blanks skipped), with a flag for direct (typed) arguments. */
  private *flat(args: Node[], at: Loc): Generator<{ v: Scalar; direct: boolean }> {
    for (const a of args) {
      const v = this.ev(a, at);
      if (v !== null && typeof v === 'object' && !(v instanceof ErrorValue)) {
        for (const x of this.rangeValues(v)) yield { v: x, direct: false };
      } else yield { v, direct: true };
    }
  }

  private *rangeValues(rv: RangeVal): Generator<Scalar> {
    const { sheet } = rv;
    const rect = clampToUsed(sheet, rv.rect);
    if (!rect) return;
    for (const [r, c, cell] of sheet.cellsIn(rect)) {
      const v = this.cellValue(sheet, r, c, cell);
      if (v !== null) yield v;
    }
  }

  /** Numbers for SUM/AVERAGE/…: range text and booleans are ignored, typed ones are coerced; errors propagate. */
  private numbers(args: Node[], at: Loc): number[] {
    const out: number[] = [];
    for (const { v, direct } of this.flat(args, at)) {
      if (v instanceof ErrorValue) throw new Abort(v);
      if (typeof v === 'number') out.push(v);
      else if (direct) {
        if (typeof v === 'boolean') out.push(v ? 1 : 0);
        else if (v !== null) {
          const n = this.num(v, at);
          if (n instanceof ErrorValue) throw new Abort(n);
          out.push(n);
        }
      }
    }
    return out;
  }

  private call(fn: string, args: Node[], at: Loc): Val {
    const arg = (i: number): Val => (i < args.length ? this.ev(args[i], at) : null);
    const numArg = (i: number): number => {
      const n = this.num(arg(i), at);
      if (n instanceof ErrorValue) throw new Abort(n);
      return n;
    };
    switch (fn) {
      case 'SUM': return exactSum(this.numbers(args, at));
      case 'AVERAGE': {
        const ns = this.numbers(args, at);
        return ns.length === 0 ? DIV0 : exactSum(ns) / ns.length;
      }
      case 'MIN': { const ns = this.numbers(args, at); return ns.length ? Math.min(...ns) : 0; }
      case 'MAX': { const ns = this.numbers(args, at); return ns.length ? Math.max(...ns) : 0; }
      case 'COUNT': {
        let n = 0;
        for (const { v, direct } of this.flat(args, at)) {
          if (typeof v === 'number') n++;
          else if (direct && (typeof v === 'boolean' || (typeof v === 'string' && Number.isFinite(Number(v.trim())) && v.trim() !== ''))) n++;
        }
        return n;
      }
      case 'COUNTA': {
        let n = 0;
        for (const { v, direct } of this.flat(args, at)) if (v !== null && (direct || v !== '')) n++;
        return n;
      }
      case 'COUNTBLANK': {
        const v = arg(0);
        if (!isRange(v)) return VALUE;
        let filled = 0;
        for (const x of this.rangeValues(v)) if (x !== '') filled++;
        return (v.rect.r1 - v.rect.r0 + 1) * (v.rect.c1 - v.rect.c0 + 1) - filled;
      }
      case 'IF': {
        const cond = this.truthy(arg(0), at);
        if (cond instanceof ErrorValue) return cond;
        if (cond) return args.length > 1 ? this.scalarOrRange(arg(1)) : true;
        return args.length > 2 ? this.scalarOrRange(arg(2)) : false;
      }
      case 'IFERROR': {
        const v = this.scalar(arg(0), at);
        return v instanceof ErrorValue ? this.scalar(arg(1), at) : v;
      }
      case 'IFNA': {
        const v = this.scalar(arg(0), at);
        return v instanceof ErrorValue && v.code === '#N/A' ? this.scalar(arg(1), at) : v;
      }
      case 'AND': case 'OR': {
        const bs: boolean[] = [];
        for (const { v } of this.flat(args, at)) {
          if (v instanceof ErrorValue) return v;
          if (typeof v === 'boolean') bs.push(v);
          else if (typeof v === 'number') bs.push(v !== 0);
        }
        if (bs.length === 0) return VALUE;
        return fn === 'AND' ? bs.every(Boolean) : bs.some(Boolean);
      }
      case 'NOT': {
        const b = this.truthy(arg(0), at);
        return b instanceof ErrorValue ? b : !b;
      }
      case 'ROUND': case 'ROUNDUP': case 'ROUNDDOWN': {
        const x = numArg(0);
        const d = args.length > 1 ? Math.trunc(numArg(1)) : 0;
        return roundExcel(x, d, fn);
      }
      case 'INT': return Math.floor(numArg(0));
      case 'ABS': return Math.abs(numArg(0));
      case 'MOD': {
        const a = numArg(0), b = numArg(1);
        return b === 0 ? DIV0 : a - b * Math.floor(a / b);
      }
      case 'LEN': { const v = this.scalar(arg(0), at); return v instanceof ErrorValue ? v : text(v).length; }
      case 'TRIM': { const v = this.scalar(arg(0), at); return v instanceof ErrorValue ? v : text(v).trim().replace(/ +/g, ' '); }
      case 'CONCATENATE': case 'CONCAT': {
        let s = '';
        for (const { v } of this.flat(args, at)) { if (v instanceof ErrorValue) return v; s += text(v); }
        return s;
      }
      case 'ISBLANK': { const v = this.scalar(arg(0), at); return v === null; }
      case 'ISNUMBER': { const v = this.scalar(arg(0), at); return typeof v === 'number'; }
      case 'ISERROR': { const v = this.scalar(arg(0), at); return v instanceof ErrorValue; }
      case 'RANK': case 'RANK.EQ': {
        const x = numArg(0);
        const ref = arg(1);
        if (!isRange(ref)) return NA;
        const desc = args.length < 3 || numArg(2) === 0;
        let rank = 1, found = false;
        for (const v of this.rangeValues(ref)) {
          if (typeof v !== 'number') continue;
          if (v === x) found = true;
          if (desc ? v > x : v < x) rank++;
        }
        return found ? rank : NA;
      }
      case 'COUNTIF': case 'COUNTIFS': case 'SUMIF': case 'SUMIFS': case 'AVERAGEIF': case 'AVERAGEIFS':
        return this.ifs(fn, args, at);
    }
    // A function this host does not compute (VLOOKUP, TEXT, TODAY …): the file's cached result stands.
    throw UNKNOWN;
  }

  private scalarOrRange(v: Val): Val { return v; }

  private truthy(v: Val, at: Loc): boolean | ErrorValue {
    const s = this.scalar(v, at);
    if (s instanceof ErrorValue) return s;
    if (s === null) return false;
    if (typeof s === 'boolean') return s;
    if (typeof s === 'number') return s !== 0;
    const u = s.toUpperCase();
    if (u === 'TRUE') return true;
    if (u === 'FALSE') return false;
    return VALUE;
  }

  /** COUNTIF(S), SUMIF(S), AVERAGEIF(S) over same-shaped ranges. */
  private ifs(fn: string, args: Node[], at: Loc): Scalar {
    let target: Val | null = null;
    const pairs: [Val, Val][] = [];
    if (fn === 'COUNTIF' || fn === 'COUNTIFS') {
      for (let i = 0; i + 1 < args.length; i += 2) pairs.push([this.ev(args[i], at), this.ev(args[i + 1], at)]);
    } else if (fn === 'SUMIF' || fn === 'AVERAGEIF') {
      pairs.push([this.ev(args[0], at), this.ev(args[1], at)]);
      target = args.length > 2 ? this.ev(args[2], at) : pairs[0][0];
    } else {
      target = this.ev(args[0], at);
      for (let i = 1; i + 1 < args.length; i += 2) pairs.push([this.ev(args[i], at), this.ev(args[i + 1], at)]);
    }
    if (pairs.length === 0) return VALUE;
    const first = pairs[0][0];
    if (!isRange(first)) return VALUE;
    const h = first.rect.r1 - first.rect.r0, w = first.rect.c1 - first.rect.c0;
    const crits = pairs.map(([rng, c]) => {
      if (!isRange(rng) || rng.rect.r1 - rng.rect.r0 !== h || rng.rect.c1 - rng.rect.c0 !== w) throw new Abort(VALUE);
      const cv = this.scalar(c, at);
      if (cv instanceof ErrorValue) throw new Abort(cv);
      return { rng, test: criterion(cv) };
    });
    if (target !== null && !isRange(target)) return VALUE;
    // Rows beyond every range's used extent are blank: limit the scan to the used part.
    const used = Math.max(...crits.map((c) => (clampToUsed(c.rng.sheet, c.rng.rect)?.r1 ?? c.rng.rect.r0) - c.rng.rect.r0));
    const hh = Math.min(h, Math.max(used, 0));
    let count = 0;
    const sum: number[] = [];
    for (let dr = 0; dr <= hh; dr++) {
      for (let dc = 0; dc <= w; dc++) {
        let ok = true;
        for (const { rng, test } of crits) {
          if (!test(this.get(rng.sheet, rng.rect.r0 + dr, rng.rect.c0 + dc))) { ok = false; break; }
        }
        if (!ok) continue;
        count++;
        if (target) {
          const v = this.get(target.sheet, target.rect.r0 + dr, target.rect.c0 + dc);
          if (typeof v === 'number') sum.push(v);
          else if (v instanceof ErrorValue) return v;
        }
      }
    }
    if (hh < h) {
      // The blank tail: criteria matching blanks count those rows too (only for COUNTIF-like use).
      let blankOk = true;
      for (const { test } of crits) if (!test(null)) blankOk = false;
      if (blankOk) count += (h - hh) * (w + 1);
    }
    if (fn.startsWith('COUNT')) return count;
    if (fn.startsWith('SUM')) return exactSum(sum);
    return sum.length === 0 ? DIV0 : exactSum(sum) / sum.length;
  }
}

interface Loc { sheet: Sheet; r: number; c: number }

function isRange(v: Val | null): v is RangeVal {
  return v !== null && typeof v === 'object' && !(v instanceof ErrorValue);
}

function clampToUsed(sheet: Sheet, rect: Rect): Rect | null {
  if (rect.r1 - rect.r0 < 5000) return rect;
  let max = -1;
  for (const r of sheet.rows.keys()) if (r > max) max = r;
  return intersect(rect, { r0: 0, c0: 0, r1: Math.min(max, MAX_ROWS - 1), c1: rect.c1 });
}

export function text(v: Scalar): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  return String(v);
}

/** Excel's comparison: numbers < text < booleans; text compares case-insensitively; blank equals 0 / "" / FALSE. */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (a === null) a = typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
  if (b === null) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase(), y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a), y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function criterion(c: Scalar): (v: CellValue) => boolean {
  if (typeof c === 'boolean') return (v) => v === c;
  if (typeof c === 'number') return criterion(`=${c}`);
  if (c === null) return (v) => v === 0;
  const s = String(c);
  const m = /^(<=|>=|<>|<|>|=)?(.*)$/s.exec(s)!;
  const op = m[1] ?? '=';
  const rhs = m[2];
  const n = rhs.trim() !== '' && Number.isFinite(Number(rhs)) ? Number(rhs) : null;
  if (n !== null) {
    return (cv) => {
      // Numeric-looking text is compared as a number, as Excel's *IF(S) criteria do.
      const v = typeof cv === 'string' && cv.trim() !== '' && Number.isFinite(Number(cv)) ? Number(cv) : cv;
      if (typeof v !== 'number') return op === '<>';
      switch (op) {
        case '=': return v === n;
        case '<>': return v !== n;
        case '<': return v < n;
        case '>': return v > n;
        case '<=': return v <= n;
        default: return v >= n;
      }
    };
  }
  if (op === '=' || op === '<>') {
    if (rhs === '') {
      return op === '=' ? (v) => v === null || v === '' : (v) => v !== null && v !== '';
    }
    // Wildcards: * and ? (escaped with ~), everything else literal.
    let pattern = '';
    for (let i = 0; i < rhs.length; i++) {
      const ch = rhs[i];
      if (ch === '~' && (rhs[i + 1] === '*' || rhs[i + 1] === '?')) { pattern += `\\${rhs[++i]}`; continue; }
      if (ch === '*') pattern += '.*';
      else if (ch === '?') pattern += '.';
      else pattern += ch.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
    }
    const re = new RegExp(`^${pattern}$`, 'is');
    const eq = (v: CellValue): boolean => typeof v === 'string' && re.test(v);
    return op === '=' ? eq : (v) => !eq(v);
  }
  return (v) => {
    if (typeof v !== 'string') return false;
    const x = v.toLowerCase(), y = rhs.toLowerCase();
    switch (op) {
      case '<': return x < y;
      case '>': return x > y;
      case '<=': return x <= y;
      default: return x >= y;
    }
  };
}

/**
 * Sums decimals without binary drift for typical scores: the float sum is rounded to the most decimals any
 * addend has (≤ 10), which recovers the exact decimal result while it stays far below 2^53.
 */
export function exactSum(ns: number[]): number {
  let scale = 1, total = 0;
  for (const n of ns) {
    total += n;
    while (scale < 1e10 && !Number.isInteger(n * scale) && Math.round(n * scale) / scale !== n) scale *= 10;
  }
  if (scale >= 1e10 || Math.abs(total * scale) > 2 ** 52) return total;
  return Math.round(total * scale) / scale;
}

function roundExcel(x: number, d: number, fn: string): number {
  const f = Math.pow(10, d);
  // Excel rounds the decimal it shows: correct the binary representation error before rounding.
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  let r: number;
  if (fn === 'ROUND') r = Math.round(scaled);
  else if (fn === 'ROUNDUP') r = Math.ceil(scaled);
  else r = Math.floor(scaled);
  return (Math.sign(x) * r) / f;
}

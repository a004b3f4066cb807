/** Data validation: the proxy (rule, prompt, errorAlert, ignoreBlanks, clear) and our own invalid-cell check. */
import { type Rect, intersect, cols, rows } from '../model/address';
import { fail } from '../model/errors';
import { Calculator } from '../formula/evaluate';
import { shiftFormula } from '../formula/shift';
import { type CellValue, type DataValidationModel, ErrorValue, type Sheet, type WorkbookModel } from '../model/model';
import { HostProxy, type HostRequestContext, type PropDef, installProps } from './proxyBase';
import { checkEditable, subtractEntries, type RangeTarget } from '../ops/rangeOps';
import { resolveAddress } from '../ops/resolve';
import { RangeAreasProxy } from './rangeProxy';

const RULE_KINDS = ['wholeNumber', 'decimal', 'list', 'textLength', 'date', 'time', 'custom'];
const TYPE_NAMES: Record<string, string> = {
  wholeNumber: 'WholeNumber', decimal: 'Decimal', list: 'List', textLength: 'TextLength', date: 'Date', time: 'Time', custom: 'Custom',
};

export function defaultDv(): DataValidationModel {
  return {
    rule: null,
    prompt: { showPrompt: false, title: '', message: '' },
    errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' },
    ignoreBlanks: true,
  };
}

export function dvAt(sheet: Sheet, r: number, c: number): DataValidationModel | null {
  for (let i = sheet.validations.length - 1; i >= 0; i--) {
    const e = sheet.validations[i];
    if (e.rects.some((x) => r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1)) return e.dv;
  }
  return null;
}

function setDv(sheet: Sheet, rect: Rect, patch: Partial<DataValidationModel>): void {
  const cur = dvAt(sheet, rect.r0, rect.c0) ?? defaultDv();
  const next: DataValidationModel = { ...cur, ...patch };
  sheet.validations = subtractEntries(sheet.validations, rect);
  sheet.validations.push({ rects: [rect], dv: next });
}

function checkRule(rule: unknown): Record<string, unknown> {
  if (!rule || typeof rule !== 'object') fail('InvalidArgument', 'The data validation rule is not valid.');
  const keys = Object.keys(rule as object).filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1 || !RULE_KINDS.includes(keys[0])) fail('InvalidArgument', 'A data validation rule has exactly one criterion.');
  const k = keys[0];
  const body = (rule as Record<string, Record<string, unknown>>)[k];
  if (k === 'list') {
    const src = body.source;
    if (typeof src === 'string' && !src.startsWith('=') && src.length > 255) {
      fail('InvalidArgument', 'The list source is longer than 255 characters.');
    }
  } else if (k === 'custom') {
    if (typeof body.formula !== 'string') fail('InvalidArgument', 'A custom rule needs a formula.');
  } else if (k !== 'date' && k !== 'time') {
    if (body.formula1 === undefined || body.operator === undefined) fail('InvalidArgument', 'The rule needs formula1 and operator.');
    if ((body.operator === 'Between' || body.operator === 'NotBetween') && body.formula2 === undefined) {
      fail('InvalidArgument', 'Between needs formula2.');
    }
  }
  return JSON.parse(JSON.stringify(rule));
}

export class DataValidationProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'DataValidation'); }
  _props(): Record<string, PropDef<RangeTarget>> {
    const guard = (t: RangeTarget): void => checkEditable(this._ctx.model, t.sheet, t.rect, 'formats');
    const common = <T>(t: RangeTarget, f: (dv: DataValidationModel | null) => T): T | null => {
      const first = f(dvAt(t.sheet, t.rect.r0, t.rect.c0));
      const json = JSON.stringify(first);
      const n = rows(t.rect) * cols(t.rect);
      if (n > 100000) return first;
      for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) {
        if (JSON.stringify(f(dvAt(t.sheet, r, c))) !== json) return null;
      }
      return first;
    };
    return {
      rule: {
        get: (t) => common(t, (dv) => dv?.rule ?? {}),
        set: (t, v) => { guard(t); setDv(t.sheet, t.rect, { rule: checkRule(v) }); },
      },
      prompt: {
        get: (t) => common(t, (dv) => (dv ?? defaultDv()).prompt),
        set: (t, v) => { guard(t); setDv(t.sheet, t.rect, { prompt: { ...(dvAt(t.sheet, t.rect.r0, t.rect.c0) ?? defaultDv()).prompt, ...v } }); },
      },
      errorAlert: {
        get: (t) => common(t, (dv) => (dv ?? defaultDv()).errorAlert),
        set: (t, v) => { guard(t); setDv(t.sheet, t.rect, { errorAlert: { ...(dvAt(t.sheet, t.rect.r0, t.rect.c0) ?? defaultDv()).errorAlert, ...v } }); },
      },
      ignoreBlanks: {
        get: (t) => common(t, (dv) => (dv ?? defaultDv()).ignoreBlanks),
        set: (t, v) => { guard(t); setDv(t.sheet, t.rect, { ignoreBlanks: Boolean(v) }); },
      },
      type: {
        get: (t) => common(t, (dv) => {
          const k = dv?.rule ? Object.keys(dv.rule)[0] : null;
          return k ? TYPE_NAMES[k] : 'None';
        }) ?? 'Inconsistent',
      },
      valid: { get: (t) => invalidRects(this._ctx.model, t.sheet, t.rect).length === 0 },
    };
  }
  getInvalidCellsOrNullObject(): RangeAreasProxy {
    return this._make(new RangeAreasProxy(this._ctx), 'DataValidation.getInvalidCellsOrNullObject', null, (t) => {
      const rects = invalidRects(this._ctx.model, t.sheet, t.rect);
      return rects.length ? { sheet: t.sheet, rects } : null;
    }, true);
  }
  getInvalidCells(): RangeAreasProxy {
    return this._make(new RangeAreasProxy(this._ctx), 'DataValidation.getInvalidCells', null, (t) => {
      const rects = invalidRects(this._ctx.model, t.sheet, t.rect);
      if (!rects.length) fail('ItemNotFound', 'All cell values are valid.');
      return { sheet: t.sheet, rects };
    });
  }
  clear(): void {
    this._op('DataValidation.clear', null, (t) => {
      checkEditable(this._ctx.model, t.sheet, t.rect, 'formats');
      t.sheet.validations = subtractEntries(t.sheet.validations, t.rect);
    });
  }
}
installProps(DataValidationProxy, ['rule', 'prompt', 'errorAlert', 'ignoreBlanks', 'type', 'valid'], ['rule', 'prompt', 'errorAlert', 'ignoreBlanks']);

/** Value of a rule's formula1/formula2: a number, or a formula evaluated at the cell. */
function operand(wb: WorkbookModel, sheet: Sheet, f: unknown, r: number, c: number, origin: { r: number; c: number }): CellValue {
  if (typeof f === 'number') return f;
  if (typeof f !== 'string') return null;
  const t = f.trim();
  if (t.startsWith('=')) return new Calculator(wb).evalFormula(shiftFormula(t, r - origin.r, c - origin.c), sheet, r, c);
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t;
}

export function compareOp(op: string, v: number, a: number, b: number | null): boolean {
  switch (op) {
    case 'Between': return v >= a && v <= (b ?? a);
    case 'NotBetween': return v < a || v > (b ?? a);
    case 'EqualTo': return v === a;
    case 'NotEqualTo': return v !== a;
    case 'GreaterThan': return v > a;
    case 'LessThan': return v < a;
    case 'GreaterThanOrEqualTo': case 'GreaterThanOrEqual': return v >= a;
    case 'LessThanOrEqualTo': case 'LessThanOrEqual': return v <= a;
    default: return true;
  }
}

/** Whether one cell satisfies a rule (what Excel's "circle invalid data" / getInvalidCells reports). */
export function cellValid(wb: WorkbookModel, sheet: Sheet, dv: DataValidationModel, r: number, c: number, origin: { r: number; c: number }): boolean {
  if (!dv.rule) return true;
  const v = sheet.cell(r, c)?.value ?? null;
  if (v === null || v === '') return dv.ignoreBlanks;
  if (v instanceof ErrorValue) return false;
  const kind = Object.keys(dv.rule)[0];
  const body = (dv.rule as Record<string, Record<string, unknown>>)[kind];
  const num = (x: CellValue): number | null => (typeof x === 'number' ? x : null);
  switch (kind) {
    case 'wholeNumber': case 'decimal': case 'textLength': {
      let x: number;
      if (kind === 'textLength') x = String(typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : v).length;
      else {
        if (typeof v !== 'number') return false;
        if (kind === 'wholeNumber' && !Number.isInteger(v)) return false;
        x = v;
      }
      const a = num(operand(wb, sheet, body.formula1, r, c, origin));
      const b = body.formula2 === undefined ? null : num(operand(wb, sheet, body.formula2, r, c, origin));
      if (a === null) return false;
      return compareOp(String(body.operator), x, a, b);
    }
    case 'list': {
      const items = listItems(wb, sheet, body.source);
      const s = typeof v === 'number' ? String(v) : String(v);
      return items.some((i) => i.toLowerCase() === s.toLowerCase());
    }
    case 'custom': {
      const res = operand(wb, sheet, body.formula, r, c, origin);
      return res === true || (typeof res === 'number' && res !== 0);
    }
    default: return true;
  }
}

function listItems(wb: WorkbookModel, sheet: Sheet, source: unknown): string[] {
  if (typeof source !== 'string') return [];
  if (!source.startsWith('=')) return source.split(',').map((s) => s.trim());
  try {
    const t = resolveAddress(wb, null, source.slice(1).includes('!') ? source.slice(1) : `'${sheet.name.replace(/'/g, "''")}'!${source.slice(1)}`);
    const out: string[] = [];
    for (const [, , cell] of t.sheet.cellsIn(t.rect)) if (cell.value !== null) out.push(String(cell.value));
    return out;
  } catch {
    return [];
  }
}

/** Invalid cells of rect as a small list of rectangles (row runs merged vertically). */
export function invalidRects(wb: WorkbookModel, sheet: Sheet, rect: Rect): Rect[] {
  const runs: Rect[] = [];
  for (const e of sheet.validations) {
    for (const area of e.rects) {
      const x = intersect(area, rect);
      if (!x) continue;
      const origin = { r: area.r0, c: area.c0 };
      const h = x.r1 - x.r0 + 1;
      // Blank cells are valid under ignoreBlanks: only look at existing cells then.
      if (e.dv.ignoreBlanks || h * (x.c1 - x.c0 + 1) > 200000) {
        for (const [r, c] of sheet.cellsIn(x)) if (dvAt(sheet, r, c) === e.dv && !cellValid(wb, sheet, e.dv, r, c, origin)) runs.push({ r0: r, c0: c, r1: r, c1: c });
      } else {
        for (let r = x.r0; r <= x.r1; r++) for (let c = x.c0; c <= x.c1; c++) {
          if (dvAt(sheet, r, c) === e.dv && !cellValid(wb, sheet, e.dv, r, c, origin)) runs.push({ r0: r, c0: c, r1: r, c1: c });
        }
      }
    }
  }
  return compactRects(runs);
}

export function compactRects(cells: Rect[]): Rect[] {
  cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  const rowRuns: Rect[] = [];
  for (const x of cells) {
    const last = rowRuns[rowRuns.length - 1];
    if (last && last.r0 === x.r0 && last.c1 + 1 === x.c0) last.c1 = x.c1;
    else if (!(last && last.r0 === x.r0 && x.c0 <= last.c1)) rowRuns.push({ ...x });
  }
  const out: Rect[] = [];
  for (const x of rowRuns) {
    const above = out.find((o) => o.c0 === x.c0 && o.c1 === x.c1 && o.r1 + 1 === x.r0);
    if (above) above.r1 = x.r1;
    else out.push(x);
  }
  return out;
}

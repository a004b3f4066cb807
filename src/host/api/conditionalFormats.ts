/** Conditional formats (CellValue and Custom): proxies and the per-cell evaluation the snapshot shows. */
import { intersect } from '../model/address';
import { fail } from '../model/errors';
import { Calculator } from '../formula/evaluate';
import { shiftFormula } from '../formula/shift';
import { type CfFormat, type ConditionalFormatModel, type Sheet, type WorkbookModel } from '../model/model';
import { HostProxy, type HostRequestContext, type PropDef, installProps, resultOp, type HostClientResult, notLoaded } from './proxyBase';
import { checkEditable, type RangeTarget, subtractEntries } from '../ops/rangeOps';
import { normColor, RangeProxy } from './rangeProxy';
import { compareOp } from './dataValidation';

interface CfTarget { sheet: Sheet; cf: ConditionalFormatModel }

function emptyFormat(): CfFormat { return { fill: null, fontColor: null, bold: null, italic: null }; }

export class ConditionalFormatCollectionProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ConditionalFormatCollection'); }
  _props(): Record<string, PropDef<RangeTarget>> {
    return {
      items: {
        get: (t, self: ConditionalFormatCollectionProxy) => self._items(t, null),
      },
    };
  }
  _list(t: RangeTarget): ConditionalFormatModel[] {
    return t.sheet.conditionalFormats.filter((cf) => cf.rects.some((x) => intersect(x, t.rect))).sort((a, b) => a.priority - b.priority);
  }
  _items(t: RangeTarget, sub: import('./proxyBase').LoadSpec | null): ConditionalFormatProxy[] {
    return this._list(t).map((cf) => {
      const p = new ConditionalFormatProxy(this._ctx);
      p._target = { sheet: t.sheet, cf };
      p._nullKnown = true;
      p._doLoad(sub ?? { props: new Set(), nav: new Map(), all: true });
      return p;
    });
  }
  override _doLoad(spec: import('./proxyBase').LoadSpec): void {
    const t = this._t();
    const sub = spec.nav.get('items') ?? null;
    if (spec.all || spec.props.has('items') || sub) this._loaded.items = this._items(t, sub);
    if (spec.props.has('count')) this._loaded.count = this._list(t).length;
  }
  get items(): ConditionalFormatProxy[] { return this._read('items'); }
  get count(): number { return this._read('count'); }

  add(type: string): ConditionalFormatProxy {
    return this._make(new ConditionalFormatProxy(this._ctx), 'ConditionalFormatCollection.add', [type], (t: RangeTarget) => {
      if (type !== 'CellValue' && type !== 'Custom') fail('InvalidArgument', `Conditional format type "${type}" is not supported by this host.`);
      checkEditable(this._ctx.model, t.sheet, t.rect, 'formats');
      for (const cf of t.sheet.conditionalFormats) cf.priority++;
      const cf: ConditionalFormatModel = {
        id: this._ctx.model.newId(), type, rects: [{ ...t.rect }], rule: {}, format: emptyFormat(), stopIfTrue: false, priority: 0,
      };
      t.sheet.conditionalFormats.push(cf);
      return { sheet: t.sheet, cf };
    });
  }
  clearAll(): void {
    this._op('ConditionalFormatCollection.clearAll', null, (t) => {
      checkEditable(this._ctx.model, t.sheet, t.rect, 'formats');
      t.sheet.conditionalFormats = subtractEntries(t.sheet.conditionalFormats, t.rect);
    });
  }
  getCount(): HostClientResult<number> {
    return resultOp(this, 'ConditionalFormatCollection.getCount', (t: RangeTarget) => this._list(t).length);
  }
  getItemAt(index: number): ConditionalFormatProxy {
    return this._make(new ConditionalFormatProxy(this._ctx), 'ConditionalFormatCollection.getItemAt', [index], (t: RangeTarget) => {
      const cf = this._list(t)[index];
      if (!cf) fail('ItemNotFound', 'No conditional format at that index.');
      return { sheet: t.sheet, cf };
    });
  }
}

export class ConditionalFormatProxy extends HostProxy<CfTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ConditionalFormat'); }
  _props(): Record<string, PropDef<CfTarget>> {
    return {
      id: { get: (t) => String(t.cf.id) },
      type: { get: (t) => t.cf.type },
      priority: {
        get: (t) => t.cf.priority,
        set: (t, v) => {
          const list = t.sheet.conditionalFormats.filter((x) => x !== t.cf).sort((a, b) => a.priority - b.priority);
          list.splice(Math.max(0, Math.min(Number(v), list.length)), 0, t.cf);
          list.forEach((x, i) => { x.priority = i; });
        },
      },
      stopIfTrue: { get: (t) => t.cf.stopIfTrue, set: (t, v) => { t.cf.stopIfTrue = Boolean(v); } },
    };
  }
  override _navs(): string[] { return ['cellValue', 'custom']; }
  get cellValue(): CellValueCfProxy {
    return this._nav('cellValue', () => new CellValueCfProxy(this._ctx), (t) => {
      if (t.cf.type !== 'CellValue') fail('InvalidOperation', 'This conditional format is not a CellValue format.');
      return t;
    });
  }
  get custom(): CustomCfProxy {
    return this._nav('custom', () => new CustomCfProxy(this._ctx), (t) => {
      if (t.cf.type !== 'Custom') fail('InvalidOperation', 'This conditional format is not a Custom format.');
      return t;
    });
  }
  getRange(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'ConditionalFormat.getRange', null, (t) => ({ sheet: t.sheet, rect: t.cf.rects[0] }));
  }
  delete(): void {
    this._op('ConditionalFormat.delete', null, (t) => { t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((x) => x !== t.cf); });
  }
}
installProps(ConditionalFormatProxy, ['id', 'type', 'priority', 'stopIfTrue'], ['priority', 'stopIfTrue']);

export class CellValueCfProxy extends HostProxy<CfTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'CellValueConditionalFormat'); }
  _props(): Record<string, PropDef<CfTarget>> {
    return {
      rule: {
        get: (t) => ({ ...t.cf.rule }),
        set: (t, v) => {
          if (!v || typeof v !== 'object' || v.formula1 === undefined || !v.operator) fail('InvalidArgument', 'The rule needs formula1 and operator.');
          if ((v.operator === 'Between' || v.operator === 'NotBetween') && v.formula2 === undefined) fail('InvalidArgument', 'Between needs formula2.');
          t.cf.rule = { formula1: String(v.formula1), formula2: v.formula2 === undefined ? undefined : String(v.formula2), operator: String(v.operator) };
        },
      },
    };
  }
  override _navs(): string[] { return ['format']; }
  get format(): CfRangeFormatProxy { return this._nav('format', () => new CfRangeFormatProxy(this._ctx), (t) => t); }
}
installProps(CellValueCfProxy, ['rule'], ['rule']);

export class CustomCfProxy extends HostProxy<CfTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'CustomConditionalFormat'); }
  _props(): Record<string, PropDef<CfTarget>> { return {}; }
  override _navs(): string[] { return ['format', 'rule']; }
  get format(): CfRangeFormatProxy { return this._nav('format', () => new CfRangeFormatProxy(this._ctx), (t) => t); }
  get rule(): CfRuleProxy { return this._nav('rule', () => new CfRuleProxy(this._ctx), (t) => t); }
}

export class CfRuleProxy extends HostProxy<CfTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ConditionalFormatRule'); }
  _props(): Record<string, PropDef<CfTarget>> {
    return {
      formula: { get: (t) => t.cf.rule.formula ?? '', set: (t, v) => { t.cf.rule = { formula: String(v) }; } },
      formulaLocal: { get: (t) => t.cf.rule.formula ?? '', set: (t, v) => { t.cf.rule = { formula: String(v) }; } },
    };
  }
}
installProps(CfRuleProxy, ['formula', 'formulaLocal'], ['formula', 'formulaLocal']);

export class CfRangeFormatProxy extends HostProxy<CfTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ConditionalRangeFormat'); }
  _props(): Record<string, PropDef<CfTarget>> { return {}; }
  override _navs(): string[] { return ['fill', 'font']; }
  get fill(): CfFillProxy { return this._nav('fill', () => new CfFillProxy(this._ctx), (t) => t); }
  get font(): CfFontProxy { return this._nav('font', () => new CfFontProxy(this._ctx), (t) => t); }
}

export class CfFillProxy extends HostProxy<CfTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ConditionalRangeFill'); }
  _props(): Record<string, PropDef<CfTarget>> {
    return { color: { get: (t) => t.cf.format.fill, set: (t, v) => { t.cf.format.fill = v ? normColor(v) : null; } } };
  }
  clear(): void { this._op('ConditionalRangeFill.clear', null, (t) => { t.cf.format.fill = null; }); }
}
installProps(CfFillProxy, ['color'], ['color']);

export class CfFontProxy extends HostProxy<CfTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ConditionalRangeFont'); }
  _props(): Record<string, PropDef<CfTarget>> {
    return {
      color: { get: (t) => t.cf.format.fontColor, set: (t, v) => { t.cf.format.fontColor = v ? normColor(v) : null; } },
      bold: { get: (t) => t.cf.format.bold, set: (t, v) => { t.cf.format.bold = Boolean(v); } },
      italic: { get: (t) => t.cf.format.italic, set: (t, v) => { t.cf.format.italic = Boolean(v); } },
    };
  }
  clear(): void { this._op('ConditionalRangeFont.clear', null, (t) => { t.cf.format.fontColor = null; t.cf.format.bold = null; t.cf.format.italic = null; }); }
}
installProps(CfFontProxy, ['color', 'bold', 'italic'], ['color', 'bold', 'italic']);

void notLoaded;

/** The format conditional formats give one cell, or null (higher priority wins per property). */
export function cfFormatAt(wb: WorkbookModel, sheet: Sheet, r: number, c: number): CfFormat | null {
  const list = sheet.conditionalFormats
    .filter((cf) => cf.rects.some((x) => r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1))
    .sort((a, b) => a.priority - b.priority);
  if (!list.length) return null;
  const out = emptyFormat();
  let any = false;
  const calc = new Calculator(wb);
  for (const cf of list) {
    if (!cfMatches(calc, sheet, cf, r, c)) continue;
    any = true;
    if (out.fill === null) out.fill = cf.format.fill;
    if (out.fontColor === null) out.fontColor = cf.format.fontColor;
    if (out.bold === null) out.bold = cf.format.bold;
    if (out.italic === null) out.italic = cf.format.italic;
    if (cf.stopIfTrue) break;
  }
  return any ? out : null;
}

function operand(calc: Calculator, sheet: Sheet, f: string | undefined, r: number, c: number, dr: number, dc: number): unknown {
  if (f === undefined) return null;
  const t = f.trim();
  if (t.startsWith('=')) return calc.evalFormula(shiftFormula(t, dr, dc), sheet, r, c);
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t.replace(/^"(.*)"$/, '$1');
}

function cfMatches(calc: Calculator, sheet: Sheet, cf: ConditionalFormatModel, r: number, c: number): boolean {
  const origin = cf.rects[0];
  const dr = r - origin.r0, dc = c - origin.c0;
  if (cf.type === 'Custom') {
    if (!cf.rule.formula) return false;
    const v = operand(calc, sheet, cf.rule.formula.startsWith('=') ? cf.rule.formula : `=${cf.rule.formula}`, r, c, dr, dc);
    return v === true || (typeof v === 'number' && v !== 0);
  }
  const v = sheet.cell(r, c)?.value ?? null;
  if (!cf.rule.operator) return false;
  const a = operand(calc, sheet, cf.rule.formula1, r, c, dr, dc);
  const b = operand(calc, sheet, cf.rule.formula2, r, c, dr, dc);
  if (typeof v === 'number' || v === null) {
    if (typeof a !== 'number') return false;
    // Blank cells compare as 0, as in Excel.
    return compareOp(cf.rule.operator, v ?? 0, a, typeof b === 'number' ? b : null);
  }
  if (typeof v === 'string' && typeof a === 'string') {
    const x = v.toLowerCase(), y = a.toLowerCase();
    if (cf.rule.operator === 'EqualTo') return x === y;
    if (cf.rule.operator === 'NotEqualTo') return x !== y;
  }
  return false;
}

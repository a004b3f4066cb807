/** Range, RangeAreas and the range-format proxies. */
/* eslint-disable @typescript-eslint/no-explicit-any -- proxies of any target type */
import { type Rect, MAX_COLS, MAX_ROWS, cols, intersect, qualified, rows, rectAddress } from '../model/address';
import { HostError, fail } from '../model/errors';
import { DEFAULT_STYLE, type Sheet, type Style, type WorkbookModel } from '../model/model';
import { HostProxy, type HostRequestContext, type PropDef, installProps } from './proxyBase';
import {
  type ClearWhat, type RangeTarget, checkEditable, clearRange, commonStyle, forEachInput, mergeRange, patchStyle,
  readFormulas, readNumberFormats, readText, readValueTypes, readValues, setStyle, unmergeRange, writeCell,
} from '../ops/rangeOps';
import { autofitWidth } from '../ops/autofit';
import { DataValidationProxy } from './dataValidation';
import { ConditionalFormatCollectionProxy } from './conditionalFormats';
import { resolveAddress } from '../ops/resolve';
import { WorksheetProxy } from './worksheetProxy';
import { expandTablesBelow } from '../ops/tableOps';

function model(p: HostProxy<any>): WorkbookModel { return p._ctx.model; }

export class RangeProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'Range'); }

  override _validate(t: RangeTarget): void {
    if (!this._ctx.model.sheets.includes(t.sheet)) fail('ItemNotFound', 'The worksheet of this range was deleted.');
  }

  _props(): Record<string, PropDef<RangeTarget>> {
    const wb = model(this);
    return {
      address: { get: (t) => qualified(t.sheet.name, t.rect) },
      addressLocal: { get: (t) => qualified(t.sheet.name, t.rect) },
      rowIndex: { get: (t) => t.rect.r0 },
      columnIndex: { get: (t) => t.rect.c0 },
      rowCount: { get: (t) => rows(t.rect) },
      columnCount: { get: (t) => cols(t.rect) },
      cellCount: { get: (t) => rows(t.rect) * cols(t.rect) },
      isEntireRow: { get: (t) => t.rect.c0 === 0 && t.rect.c1 === MAX_COLS - 1 },
      isEntireColumn: { get: (t) => t.rect.r0 === 0 && t.rect.r1 === MAX_ROWS - 1 },
      values: { get: (t) => readValues(t), set: (t, v) => writeRange(wb, t, v, 'Range.values') },
      formulas: { get: (t) => readFormulas(t), set: (t, v) => writeRange(wb, t, v, 'Range.formulas') },
      formulasLocal: { get: (t) => readFormulas(t), set: (t, v) => writeRange(wb, t, v, 'Range.formulasLocal') },
      numberFormat: {
        get: (t) => readNumberFormats(t),
        set: (t, v) => {
          checkEditable(wb, t.sheet, t.rect, 'formats');
          forEachInput(t.rect, v, () => undefined, 'Range.numberFormat');
          if (!Array.isArray(v)) { if (v !== null) patchStyle(t.sheet, t.rect, { numberFormat: String(v) }); }
          else forEachInput(t.rect, v, (r, c, x) => { if (x !== null && x !== undefined) setStyle(t.sheet, r, c, { numberFormat: String(x) }); }, 'Range.numberFormat');
          wb.markDirty(t.sheet);
        },
      },
      numberFormatLocal: { get: (t) => readNumberFormats(t) },
      text: { get: (t) => readText(t) },
      valueTypes: { get: (t) => readValueTypes(t) },
      rowHidden: {
        get: (t) => allIn(t.rect.r0, t.rect.r1, (r) => t.sheet.hiddenRows.has(r)),
        set: (t, v) => { for (let r = t.rect.r0; r <= Math.min(t.rect.r1, t.rect.r0 + 100000); r++) { if (v) t.sheet.hiddenRows.add(r); else t.sheet.hiddenRows.delete(r); } },
      },
      columnHidden: {
        get: (t) => allIn(t.rect.c0, t.rect.c1, (c) => t.sheet.hiddenCols.has(c)),
        set: (t, v) => { for (let c = t.rect.c0; c <= t.rect.c1; c++) { if (v) t.sheet.hiddenCols.add(c); else t.sheet.hiddenCols.delete(c); } },
      },
    };
  }
  override _navs(): string[] { return ['format', 'worksheet', 'dataValidation', 'conditionalFormats']; }

  get format(): RangeFormatProxy { return this._nav('format', () => new RangeFormatProxy(this._ctx), (t) => t); }
  get worksheet(): WorksheetProxy { return this._nav('worksheet', () => new WorksheetProxy(this._ctx), (t) => t.sheet); }
  get dataValidation(): DataValidationProxy { return this._nav('dataValidation', () => new DataValidationProxy(this._ctx), (t) => t); }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return this._nav('conditionalFormats', () => new ConditionalFormatCollectionProxy(this._ctx), (t) => t);
  }

  private _derive(label: string, args: unknown, fn: (t: RangeTarget) => RangeTarget | null, orNull = false): RangeProxy {
    return this._make(new RangeProxy(this._ctx), `Range.${label}`, args, fn, orNull);
  }

  getCell(row: number, column: number): RangeProxy {
    return this._derive('getCell', [row, column], (t) => at(t.sheet, t.rect.r0 + row, t.rect.c0 + column, 1, 1));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this._derive('getResizedRange', [deltaRows, deltaColumns], (t) =>
      at(t.sheet, t.rect.r0, t.rect.c0, rows(t.rect) + deltaRows, cols(t.rect) + deltaColumns));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this._derive('getOffsetRange', [rowOffset, columnOffset], (t) =>
      at(t.sheet, t.rect.r0 + rowOffset, t.rect.c0 + columnOffset, rows(t.rect), cols(t.rect)));
  }
  getRowsBelow(count = 1): RangeProxy {
    return this._derive('getRowsBelow', [count], (t) => at(t.sheet, t.rect.r1 + 1, t.rect.c0, count, cols(t.rect)));
  }
  getRowsAbove(count = 1): RangeProxy {
    return this._derive('getRowsAbove', [count], (t) => at(t.sheet, t.rect.r0 - count, t.rect.c0, count, cols(t.rect)));
  }
  getColumnsAfter(count = 1): RangeProxy {
    return this._derive('getColumnsAfter', [count], (t) => at(t.sheet, t.rect.r0, t.rect.c1 + 1, rows(t.rect), count));
  }
  getColumnsBefore(count = 1): RangeProxy {
    return this._derive('getColumnsBefore', [count], (t) => at(t.sheet, t.rect.r0, t.rect.c0 - count, rows(t.rect), count));
  }
  getRow(row: number): RangeProxy {
    return this._derive('getRow', [row], (t) => {
      if (row < 0 || row >= rows(t.rect)) fail('InvalidArgument', 'The row index is outside the range.');
      return at(t.sheet, t.rect.r0 + row, t.rect.c0, 1, cols(t.rect));
    });
  }
  getColumn(column: number): RangeProxy {
    return this._derive('getColumn', [column], (t) => {
      if (column < 0 || column >= cols(t.rect)) fail('InvalidArgument', 'The column index is outside the range.');
      return at(t.sheet, t.rect.r0, t.rect.c0 + column, rows(t.rect), 1);
    });
  }
  getLastRow(): RangeProxy { return this._derive('getLastRow', [], (t) => at(t.sheet, t.rect.r1, t.rect.c0, 1, cols(t.rect))); }
  getLastColumn(): RangeProxy { return this._derive('getLastColumn', [], (t) => at(t.sheet, t.rect.r0, t.rect.c1, rows(t.rect), 1)); }
  getLastCell(): RangeProxy { return this._derive('getLastCell', [], (t) => at(t.sheet, t.rect.r1, t.rect.c1, 1, 1)); }
  getEntireRow(): RangeProxy { return this._derive('getEntireRow', [], (t) => ({ sheet: t.sheet, rect: { r0: t.rect.r0, c0: 0, r1: t.rect.r1, c1: MAX_COLS - 1 } })); }
  getEntireColumn(): RangeProxy { return this._derive('getEntireColumn', [], (t) => ({ sheet: t.sheet, rect: { r0: 0, c0: t.rect.c0, r1: MAX_ROWS - 1, c1: t.rect.c1 } })); }
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeProxy {
    return this._derive('getAbsoluteResizedRange', [numRows, numColumns], (t) => at(t.sheet, t.rect.r0, t.rect.c0, numRows, numColumns));
  }

  private _other(t: RangeTarget, other: RangeProxy | string): RangeTarget {
    if (typeof other === 'string') return resolveAddress(model(this), t.sheet, other);
    return other._t();
  }
  getIntersection(anotherRange: RangeProxy | string): RangeProxy {
    return this._derive('getIntersection', [label(anotherRange)], (t) => {
      const o = this._other(t, anotherRange);
      const x = o.sheet === t.sheet ? intersect(t.rect, o.rect) : null;
      if (!x) fail('ItemNotFound', 'The ranges do not intersect.');
      return { sheet: t.sheet, rect: x };
    });
  }
  getIntersectionOrNullObject(anotherRange: RangeProxy | string): RangeProxy {
    return this._derive('getIntersectionOrNullObject', [label(anotherRange)], (t) => {
      const o = this._other(t, anotherRange);
      const x = o.sheet === t.sheet ? intersect(t.rect, o.rect) : null;
      return x ? { sheet: t.sheet, rect: x } : null;
    }, true);
  }
  getBoundingRect(anotherRange: RangeProxy | string): RangeProxy {
    return this._derive('getBoundingRect', [label(anotherRange)], (t) => {
      const o = this._other(t, anotherRange);
      if (o.sheet !== t.sheet) fail('InvalidArgument', 'The ranges are on different worksheets.');
      return { sheet: t.sheet, rect: { r0: Math.min(t.rect.r0, o.rect.r0), c0: Math.min(t.rect.c0, o.rect.c0), r1: Math.max(t.rect.r1, o.rect.r1), c1: Math.max(t.rect.c1, o.rect.c1) } };
    });
  }
  getUsedRange(valuesOnly = false): RangeProxy {
    return this._derive('getUsedRange', [valuesOnly], (t) => {
      const u = t.sheet.usedRect(valuesOnly);
      const x = u ? intersect(u, t.rect) : null;
      // Like Excel: a range with nothing used gives its top-left cell.
      return x ? { sheet: t.sheet, rect: x } : { sheet: t.sheet, rect: { r0: t.rect.r0, c0: t.rect.c0, r1: t.rect.r0, c1: t.rect.c0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this._derive('getUsedRangeOrNullObject', [valuesOnly], (t) => {
      const u = t.sheet.usedRect(valuesOnly);
      const x = u ? intersect(u, t.rect) : null;
      return x ? { sheet: t.sheet, rect: x } : null;
    }, true);
  }
  merge(across = false): void {
    this._op('Range.merge', [across], (t) => { checkEditable(model(this), t.sheet, t.rect, 'formats'); mergeRange(model(this), t, across); });
  }
  unmerge(): void {
    this._op('Range.unmerge', null, (t) => { checkEditable(model(this), t.sheet, t.rect, 'formats'); unmergeRange(t); });
  }
  clear(applyTo: ClearWhat = 'All'): void {
    this._op('Range.clear', [applyTo], (t) => {
      checkEditable(model(this), t.sheet, t.rect, applyTo === 'Formats' ? 'formats' : 'contents');
      clearRange(model(this), t, applyTo);
    });
  }
  select(): void {
    this._op('Range.select', null, (t) => {
      const wb = model(this);
      if (t.sheet.visibility !== 'Visible') fail('InvalidOperation', 'Cannot select a range on a hidden worksheet.');
      wb.selection = { sheet: t.sheet, rect: t.rect };
      wb.activeSheet = t.sheet;
    });
  }
  activate(): void { this.select(); }
  calculate(): void { this._op('Range.calculate', null, () => { model(this).dirty = true; }); }
}
installProps(RangeProxy, Object.keys(RangeProxy.prototype._props.call({ _ctx: { model: null } } as never)),
  ['values', 'formulas', 'formulasLocal', 'numberFormat', 'rowHidden', 'columnHidden']);

/** values / formulas: cell by cell as Excel takes them; data written just below a table extends it. */
function writeRange(wb: WorkbookModel, t: RangeTarget, v: unknown, what: string): void {
  checkEditable(wb, t.sheet, t.rect);
  forEachInput(t.rect, v, (r, c, x) => writeCell(wb, t.sheet, r, c, x, what), what);
  expandTablesBelow(wb, t.sheet, t.rect);
}

function label(r: RangeProxy | string): string { return typeof r === 'string' ? r : 'Range'; }

function allIn(a: number, b: number, f: (i: number) => boolean): boolean {
  for (let i = a; i <= Math.min(b, a + 100000); i++) if (!f(i)) return false;
  return true;
}

function at(sheet: Sheet, r: number, c: number, h: number, w: number): RangeTarget {
  if (h < 1 || w < 1 || r < 0 || c < 0 || r + h > MAX_ROWS || c + w > MAX_COLS) {
    throw new HostError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
  }
  return { sheet, rect: { r0: r, c0: c, r1: r + h - 1, c1: c + w - 1 } };
}

/** A set of rectangles on one sheet (what getInvalidCells returns). */
export interface AreasTarget { sheet: Sheet; rects: Rect[] }
export class RangeAreasProxy extends HostProxy<AreasTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'RangeAreas'); }
  _props(): Record<string, PropDef<AreasTarget>> {
    return {
      address: { get: (t) => t.rects.map((r) => qualified(t.sheet.name, r)).join(',') },
      addressLocal: { get: (t) => t.rects.map((r) => qualified(t.sheet.name, r)).join(',') },
      areaCount: { get: (t) => t.rects.length },
      cellCount: { get: (t) => t.rects.reduce((n, r) => n + rows(r) * cols(r), 0) },
      /** Host extension: the local addresses of the areas ("A1:B2"). */
      areaAddresses: { get: (t) => t.rects.map(rectAddress) },
    };
  }
}
installProps(RangeAreasProxy, ['address', 'addressLocal', 'areaCount', 'cellCount', 'areaAddresses']);

// ---------------------------------------------------------------- formats

type StyleKey = keyof Style;
function styleProp<K extends StyleKey>(wb: () => WorkbookModel, key: K, kind: 'formats' = 'formats', map?: (v: unknown) => Style[K]): PropDef<RangeTarget> {
  return {
    get: (t) => commonStyle(t, key),
    set: (t, v) => {
      checkEditable(wb(), t.sheet, t.rect, kind);
      patchStyle(t.sheet, t.rect, { [key]: map ? map(v) : v } as Partial<Style>);
    },
  };
}

export class RangeFormatProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'RangeFormat'); }
  _props(): Record<string, PropDef<RangeTarget>> {
    const wb = (): WorkbookModel => this._ctx.model;
    return {
      horizontalAlignment: styleProp(wb, 'hAlign'),
      verticalAlignment: styleProp(wb, 'vAlign'),
      wrapText: styleProp(wb, 'wrap', 'formats', Boolean),
      indentLevel: styleProp(wb, 'indent', 'formats', Number),
      columnWidth: {
        get: (t) => common(t.rect.c0, Math.min(t.rect.c1, t.rect.c0 + 16384), (c) => t.sheet.colWidths.get(c) ?? t.sheet.standardWidth),
        set: (t, v) => {
          checkEditable(wb(), t.sheet, t.rect, 'columns');
          if (typeof v !== 'number' || !(v >= 0)) fail('InvalidArgument', 'Invalid column width.');
          for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.colWidths.set(c, v);
        },
      },
      rowHeight: {
        get: (t) => common(t.rect.r0, Math.min(t.rect.r1, t.rect.r0 + 100000), (r) => t.sheet.rowHeights.get(r) ?? t.sheet.standardHeight),
        set: (t, v) => {
          checkEditable(wb(), t.sheet, t.rect, 'rows');
          if (typeof v !== 'number' || !(v >= 0)) fail('InvalidArgument', 'Invalid row height.');
          for (let r = t.rect.r0; r <= Math.min(t.rect.r1, t.rect.r0 + 100000); r++) t.sheet.rowHeights.set(r, v);
        },
      },
    };
  }
  override _navs(): string[] { return ['fill', 'font', 'borders', 'protection']; }
  get fill(): RangeFillProxy { return this._nav('fill', () => new RangeFillProxy(this._ctx), (t) => t); }
  get font(): RangeFontProxy { return this._nav('font', () => new RangeFontProxy(this._ctx), (t) => t); }
  get borders(): RangeBorderCollectionProxy { return this._nav('borders', () => new RangeBorderCollectionProxy(this._ctx), (t) => t); }
  get protection(): FormatProtectionProxy { return this._nav('protection', () => new FormatProtectionProxy(this._ctx), (t) => t); }

  autofitColumns(): void {
    this._op('RangeFormat.autofitColumns', null, (t) => {
      checkEditable(this._ctx.model, t.sheet, t.rect, 'columns');
      for (let c = t.rect.c0; c <= t.rect.c1; c++) {
        const w = autofitWidth(this._ctx.model, t.sheet, c, t.rect);
        if (w !== null) t.sheet.colWidths.set(c, w);
      }
    });
  }
  autofitRows(): void {
    this._op('RangeFormat.autofitRows', null, (t) => {
      for (let r = t.rect.r0; r <= Math.min(t.rect.r1, t.rect.r0 + 100000); r++) t.sheet.rowHeights.delete(r);
    });
  }
}
installProps(RangeFormatProxy, ['horizontalAlignment', 'verticalAlignment', 'wrapText', 'indentLevel', 'columnWidth', 'rowHeight'],
  ['horizontalAlignment', 'verticalAlignment', 'wrapText', 'indentLevel', 'columnWidth', 'rowHeight']);

function common<T>(a: number, b: number, f: (i: number) => T): T | null {
  const first = f(a);
  for (let i = a + 1; i <= b; i++) if (f(i) !== first) return null;
  return first;
}

/** Excel colours come back as "#RRGGBB" upper case. */
export function normColor(v: unknown): string {
  const s = String(v).trim();
  const named: Record<string, string> = { red: '#FF0000', green: '#008000', blue: '#0000FF', yellow: '#FFFF00', white: '#FFFFFF', black: '#000000', orange: '#FFA500', gray: '#808080', grey: '#808080' };
  if (named[s.toLowerCase()]) return named[s.toLowerCase()];
  let m = /^#?([0-9a-f]{6})$/i.exec(s);
  if (m) return `#${m[1].toUpperCase()}`;
  m = /^#?([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(s);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  fail('InvalidArgument', `Invalid color "${s}".`);
}

export class RangeFillProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'RangeFill'); }
  _props(): Record<string, PropDef<RangeTarget>> {
    const wb = (): WorkbookModel => this._ctx.model;
    return {
      color: {
        get: (t) => { const v = commonStyle(t, 'fill'); return v === null ? (allSame(t, 'fill') ? '#FFFFFF' : null) : v; },
        set: (t, v) => { checkEditable(wb(), t.sheet, t.rect, 'formats'); patchStyle(t.sheet, t.rect, { fill: v === null || v === '' ? null : normColor(v) }); },
      },
    };
  }
  clear(): void {
    this._op('RangeFill.clear', null, (t) => { checkEditable(this._ctx.model, t.sheet, t.rect, 'formats'); patchStyle(t.sheet, t.rect, { fill: null }); });
  }
}
installProps(RangeFillProxy, ['color'], ['color']);

function allSame(t: RangeTarget, key: StyleKey): boolean {
  // commonStyle returns null both for "mixed" and for a common null; tell them apart.
  const first = t.sheet.styleAt(t.rect.r0, t.rect.c0)[key];
  if (rows(t.rect) * cols(t.rect) > 200000) return first === null;
  for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) {
    if (t.sheet.styleAt(r, c)[key] !== first) return false;
  }
  return true;
}

export class RangeFontProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'RangeFont'); }
  _props(): Record<string, PropDef<RangeTarget>> {
    const wb = (): WorkbookModel => this._ctx.model;
    return {
      bold: styleProp(wb, 'bold', 'formats', Boolean),
      italic: styleProp(wb, 'italic', 'formats', Boolean),
      color: styleProp(wb, 'fontColor', 'formats', normColor),
      size: styleProp(wb, 'fontSize', 'formats', Number),
      name: styleProp(wb, 'fontName', 'formats', String),
      underline: styleProp(wb, 'underline', 'formats', String),
      strikethrough: styleProp(wb, 'strikethrough', 'formats', Boolean),
    };
  }
}
installProps(RangeFontProxy, ['bold', 'italic', 'color', 'size', 'name', 'underline', 'strikethrough'],
  ['bold', 'italic', 'color', 'size', 'name', 'underline', 'strikethrough']);

export class FormatProtectionProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'FormatProtection'); }
  _props(): Record<string, PropDef<RangeTarget>> {
    return {
      locked: {
        get: (t) => commonStyle(t, 'locked'),
        set: (t, v) => {
          if (t.sheet.protection.protected) fail('AccessDenied', 'Cell protection cannot change while the sheet is protected.');
          patchStyle(t.sheet, t.rect, { locked: Boolean(v) });
        },
      },
      formulaHidden: { get: () => false, set: () => undefined },
    };
  }
}
installProps(FormatProtectionProxy, ['locked', 'formulaHidden'], ['locked', 'formulaHidden']);

const SIDES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];

export class RangeBorderCollectionProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'RangeBorderCollection'); }
  _props(): Record<string, PropDef<RangeTarget>> {
    return { count: { get: () => SIDES.length } };
  }
  getItem(index: string): RangeBorderProxy {
    if (!SIDES.includes(index)) {
      const p = this._nav(`bad:${index}`, () => new RangeBorderProxy(this._ctx, index), () => null);
      this._op('RangeBorderCollection.getItem', [index], () => fail('InvalidArgument', `Unknown border "${index}".`));
      return p;
    }
    return this._nav(index, () => new RangeBorderProxy(this._ctx, index), (t) => t);
  }
}
installProps(RangeBorderCollectionProxy, ['count']);

type Edge = 'top' | 'bottom' | 'left' | 'right';
/** Cells and edges a border side of a range refers to. */
function sideCells(rect: Rect, side: string): { rect: Rect; edge: Edge }[] {
  switch (side) {
    case 'EdgeTop': return [{ rect: { ...rect, r1: rect.r0 }, edge: 'top' }];
    case 'EdgeBottom': return [{ rect: { ...rect, r0: rect.r1 }, edge: 'bottom' }];
    case 'EdgeLeft': return [{ rect: { ...rect, c1: rect.c0 }, edge: 'left' }];
    case 'EdgeRight': return [{ rect: { ...rect, c0: rect.c1 }, edge: 'right' }];
    case 'InsideHorizontal': return rect.r1 > rect.r0 ? [{ rect: { ...rect, r1: rect.r1 - 1 }, edge: 'bottom' }] : [];
    case 'InsideVertical': return rect.c1 > rect.c0 ? [{ rect: { ...rect, c1: rect.c1 - 1 }, edge: 'right' }] : [];
    default: return [];
  }
}

export class RangeBorderProxy extends HostProxy<RangeTarget> {
  constructor(ctx: HostRequestContext, readonly side: string) { super(ctx, 'RangeBorder'); }
  _props(): Record<string, PropDef<RangeTarget>> {
    const read = (t: RangeTarget, key: 'style' | 'color' | 'weight'): unknown => {
      const parts = sideCells(t.rect, this.side);
      if (!parts.length) return key === 'style' ? 'None' : key === 'color' ? '#000000' : 'Thin';
      const p = parts[0];
      const values = new Set<string>();
      for (let r = p.rect.r0; r <= Math.min(p.rect.r1, p.rect.r0 + 5000); r++) for (let c = p.rect.c0; c <= p.rect.c1; c++) {
        const b = t.sheet.styleAt(r, c)[p.edge];
        values.add(b ? b[key] : key === 'style' ? 'None' : key === 'color' ? '#000000' : 'Thin');
      }
      return values.size === 1 ? [...values][0] : null;
    };
    const write = (t: RangeTarget, key: 'style' | 'color' | 'weight', v: unknown): void => {
      checkEditable(this._ctx.model, t.sheet, t.rect, 'formats');
      const value = key === 'color' ? normColor(v) : String(v);
      for (const p of sideCells(t.rect, this.side)) {
        patchStyle(t.sheet, p.rect, (s) => {
          const cur = s[p.edge] ?? { style: 'None', color: '#000000', weight: 'Thin' };
          const next = { ...cur, [key]: value };
          if (key !== 'style' && cur.style === 'None') next.style = 'Continuous';
          return { [p.edge]: next.style === 'None' ? null : next } as Partial<Style>;
        });
      }
    };
    return {
      sideIndex: { get: () => this.side },
      style: { get: (t) => read(t, 'style'), set: (t, v) => write(t, 'style', v) },
      color: { get: (t) => read(t, 'color'), set: (t, v) => write(t, 'color', v) },
      weight: { get: (t) => read(t, 'weight'), set: (t, v) => write(t, 'weight', v) },
    };
  }
}
installProps(RangeBorderProxy, ['sideIndex', 'style', 'color', 'weight'], ['style', 'color', 'weight']);

export { DEFAULT_STYLE };

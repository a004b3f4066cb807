/** Worksheet, worksheet collection, protection, freeze panes, page layout and charts. */
import { type Rect, MAX_COLS, MAX_ROWS, cols, parseLocal, rows } from '../model/address';
import { fail } from '../model/errors';
import { type ChartModel, type Sheet, type WorkbookModel } from '../model/model';
import { HostProxy, type HostRequestContext, type PropDef, installProps, resultOp, type HostClientResult } from './proxyBase';
import { CollectionProxy } from './collection';
import type { RangeTarget } from '../ops/rangeOps';
import { normColor, RangeProxy } from './rangeProxy';
import { resolveAddress } from '../ops/resolve';
import { TableCollectionProxy } from './tableProxy';
import { renameSheetInFormula, rewriteFormulas } from '../formula/rename';

export function checkSheetName(wb: WorkbookModel, name: unknown, self?: Sheet): string {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    fail('InvalidArgument', `The worksheet name "${String(name)}" is not valid.`);
  }
  if (name.toLowerCase() === 'history') fail('InvalidArgument', 'The name "History" is reserved.');
  const other = wb.sheetByName(name);
  if (other && other !== self) fail('ItemAlreadyExists', `A worksheet named "${name}" already exists.`);
  return name;
}

function visibleCount(wb: WorkbookModel): number { return wb.sheets.filter((s) => s.visibility === 'Visible').length; }

export class WorksheetProxy extends HostProxy<Sheet> {
  constructor(ctx: HostRequestContext) { super(ctx, 'Worksheet'); }
  override _validate(t: Sheet): void {
    if (!this._ctx.model.sheets.includes(t)) fail('ItemNotFound', 'The worksheet was deleted.');
  }
  _props(): Record<string, PropDef<Sheet>> {
    const wb = (): WorkbookModel => this._ctx.model;
    return {
      id: { get: (t) => `{${String(t.id).padStart(8, '0')}-0000-0000-0000-000000000000}` },
      name: {
        get: (t) => t.name,
        set: (t, v) => {
          const name = checkSheetName(wb(), v, t);
          const before = t.name;
          t.name = name;
          if (before !== name) rewriteFormulas(wb(), (f) => renameSheetInFormula(f, before, name), t);
        },
      },
      position: {
        get: (t) => wb().sheets.indexOf(t),
        set: (t, v) => {
          const list = wb().sheets;
          if (typeof v !== 'number' || v < 0 || v >= list.length) fail('InvalidArgument', 'The position is out of range.');
          list.splice(list.indexOf(t), 1);
          list.splice(v, 0, t);
        },
      },
      visibility: {
        get: (t) => t.visibility,
        set: (t, v) => {
          if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) fail('InvalidArgument', 'Invalid visibility.');
          if (v !== 'Visible' && t.visibility === 'Visible' && visibleCount(wb()) === 1) fail('InvalidOperation', 'A workbook must keep at least one visible worksheet.');
          t.visibility = v;
          if (v !== 'Visible' && wb().activeSheet === t) wb().activeSheet = wb().sheets.find((s) => s.visibility === 'Visible') ?? t;
        },
      },
      tabColor: { get: (t) => t.tabColor, set: (t, v) => { t.tabColor = v ? normColor(v) : ''; } },
      showGridlines: { get: (t) => (t.passthrough.showGridLines as boolean | undefined) ?? true, set: (t, v) => { t.passthrough.showGridLines = Boolean(v); } },
      standardWidth: { get: (t) => t.standardWidth, set: (t, v) => { t.standardWidth = Number(v); } },
      standardHeight: { get: (t) => t.standardHeight },
    };
  }
  override _navs(): string[] { return ['tables', 'protection', 'freezePanes', 'pageLayout', 'charts']; }
  get tables(): TableCollectionProxy { return this._nav('tables', () => new TableCollectionProxy(this._ctx), (t) => ({ sheet: t })); }
  get protection(): WorksheetProtectionProxy { return this._nav('protection', () => new WorksheetProtectionProxy(this._ctx), (t) => t); }
  get freezePanes(): FreezePanesProxy { return this._nav('freezePanes', () => new FreezePanesProxy(this._ctx), (t) => t); }
  get pageLayout(): PageLayoutProxy { return this._nav('pageLayout', () => new PageLayoutProxy(this._ctx), (t) => t); }
  get charts(): ChartCollectionProxy { return this._nav('charts', () => new ChartCollectionProxy(this._ctx), (t) => t); }

  getRange(address?: string): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'Worksheet.getRange', [address ?? ''], (t): RangeTarget => {
      if (address === undefined || address === '') return { sheet: t, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
      return resolveAddress(this._ctx.model, t, address);
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'Worksheet.getRangeByIndexes', [startRow, startColumn, rowCount, columnCount], (t): RangeTarget => {
      if (![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) || startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1
        || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) fail('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      return { sheet: t, rect: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 } };
    });
  }
  getCell(row: number, column: number): RangeProxy { return this.getRangeByIndexes(row, column, 1, 1); }
  getUsedRange(valuesOnly = false): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'Worksheet.getUsedRange', [valuesOnly], (t): RangeTarget => {
      const u = t.usedRect(valuesOnly);
      return { sheet: t, rect: u ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'Worksheet.getUsedRangeOrNullObject', [valuesOnly], (t) => {
      const u = t.usedRect(valuesOnly);
      return u ? { sheet: t, rect: u } : null;
    }, true);
  }
  activate(): void {
    this._op('Worksheet.activate', null, (t) => {
      if (t.visibility !== 'Visible') fail('InvalidOperation', 'A hidden worksheet cannot be activated.');
      this._ctx.model.activeSheet = t;
      this._ctx.model.selection = null;
    });
  }
  delete(): void {
    this._op('Worksheet.delete', null, (t) => {
      const wb = this._ctx.model;
      if (t.visibility === 'Visible' && visibleCount(wb) === 1) fail('InvalidOperation', 'A workbook must keep at least one visible worksheet.');
      wb.sheets = wb.sheets.filter((s) => s !== t);
      wb.tables = wb.tables.filter((x) => x.sheet !== t);
      if (wb.activeSheet === t) wb.activeSheet = wb.sheets.find((s) => s.visibility === 'Visible') ?? null;
      if (wb.selection?.sheet === t) wb.selection = null;
      wb.dirty = true;
    });
  }
  calculate(): void { this._op('Worksheet.calculate', null, () => { this._ctx.model.dirty = true; }); }
}
installProps(WorksheetProxy, ['id', 'name', 'position', 'visibility', 'tabColor', 'showGridlines', 'standardWidth', 'standardHeight'],
  ['name', 'position', 'visibility', 'tabColor', 'showGridlines', 'standardWidth']);

export class WorksheetCollectionProxy extends CollectionProxy<WorkbookModel, Sheet> {
  constructor(ctx: HostRequestContext) { super(ctx, 'WorksheetCollection'); }
  _list(t: WorkbookModel): Sheet[] { return t.sheets; }
  _wrap(): WorksheetProxy { return new WorksheetProxy(this._ctx); }
  private _find(t: WorkbookModel, key: string): Sheet | undefined {
    return t.sheetByName(key) ?? t.sheets.find((s) => this._item(s) && `{${String(s.id).padStart(8, '0')}-0000-0000-0000-000000000000}` === key);
  }
  getItem(key: string): WorksheetProxy {
    return this._make(new WorksheetProxy(this._ctx), 'WorksheetCollection.getItem', [key], (t) => {
      const s = this._find(t, key);
      if (!s) fail('ItemNotFound', `The worksheet "${key}" doesn't exist.`);
      return s;
    });
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    return this._make(new WorksheetProxy(this._ctx), 'WorksheetCollection.getItemOrNullObject', [key], (t) => this._find(t, key) ?? null, true);
  }
  add(name?: string): WorksheetProxy {
    return this._make(new WorksheetProxy(this._ctx), 'WorksheetCollection.add', [name ?? null], (t) => {
      let n = name;
      if (n === undefined || n === null) {
        for (let i = t.sheets.length + 1; ; i++) if (!t.sheetByName(`Sheet${i}`)) { n = `Sheet${i}`; break; }
      }
      checkSheetName(t, n);
      const added = t.addSheet(n!);
      // Formulas naming the new sheet see it (see Calculator.recalcSheets).
      t.markDirty(added);
      return added;
    });
  }
  getActiveWorksheet(): WorksheetProxy {
    return this._make(new WorksheetProxy(this._ctx), 'WorksheetCollection.getActiveWorksheet', null, (t) => t.activeSheet ?? t.sheets[0]);
  }
  getFirst(visibleOnly = false): WorksheetProxy {
    return this._make(new WorksheetProxy(this._ctx), 'WorksheetCollection.getFirst', [visibleOnly], (t) =>
      t.sheets.find((s) => !visibleOnly || s.visibility === 'Visible') ?? fail('ItemNotFound', 'No worksheet.'));
  }
  getLast(visibleOnly = false): WorksheetProxy {
    return this._make(new WorksheetProxy(this._ctx), 'WorksheetCollection.getLast', [visibleOnly], (t) =>
      [...t.sheets].reverse().find((s) => !visibleOnly || s.visibility === 'Visible') ?? fail('ItemNotFound', 'No worksheet.'));
  }
}

const PROTECTION_DEFAULTS = {
  allowAutoFilter: false, allowDeleteColumns: false, allowDeleteRows: false, allowEditObjects: false, allowEditScenarios: false,
  allowFormatCells: false, allowFormatColumns: false, allowFormatRows: false, allowInsertColumns: false, allowInsertHyperlinks: false,
  allowInsertRows: false, allowPivotTables: false, allowSort: false, selectionMode: 'Normal',
};

export class WorksheetProtectionProxy extends HostProxy<Sheet> {
  constructor(ctx: HostRequestContext) { super(ctx, 'WorksheetProtection'); }
  _props(): Record<string, PropDef<Sheet>> {
    return {
      protected: { get: (t) => t.protection.protected },
      options: { get: (t) => ({ ...PROTECTION_DEFAULTS, ...t.protection.options, password: undefined }) },
    };
  }
  protect(options?: Record<string, unknown>, password?: string): void {
    this._op('WorksheetProtection.protect', [options ?? null], (t) => {
      if (t.protection.protected) fail('InvalidOperation', 'The worksheet is already protected.');
      t.protection = { protected: true, options: { ...(options ?? {}), ...(password ? { password } : {}) } };
    });
  }
  unprotect(password?: string): void {
    this._op('WorksheetProtection.unprotect', null, (t) => {
      if (!t.protection.protected) fail('InvalidOperation', 'The worksheet is not protected.');
      const pw = t.protection.options.password;
      if (typeof pw === 'string' && pw !== password) fail('InvalidArgument', 'The password is incorrect.');
      t.protection = { protected: false, options: {} };
    });
  }
}
installProps(WorksheetProtectionProxy, ['protected', 'options']);

export class FreezePanesProxy extends HostProxy<Sheet> {
  constructor(ctx: HostRequestContext) { super(ctx, 'WorksheetFreezePanes'); }
  _props(): Record<string, PropDef<Sheet>> { return {}; }
  freezeRows(count = 1): void {
    this._op('WorksheetFreezePanes.freezeRows', [count], (t) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_ROWS) fail('InvalidArgument', 'Invalid row count.');
      t.frozenRows = count; t.frozenCols = 0;
    });
  }
  freezeColumns(count = 1): void {
    this._op('WorksheetFreezePanes.freezeColumns', [count], (t) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_COLS) fail('InvalidArgument', 'Invalid column count.');
      t.frozenCols = count; t.frozenRows = 0;
    });
  }
  freezeAt(frozenRange: RangeProxy | string): void {
    this._op('WorksheetFreezePanes.freezeAt', [typeof frozenRange === 'string' ? frozenRange : 'Range'], (t) => {
      const r = typeof frozenRange === 'string' ? resolveAddress(this._ctx.model, t, frozenRange) : frozenRange._t();
      t.frozenRows = r.rect.r1 + 1;
      t.frozenCols = r.rect.c1 + 1;
    });
  }
  unfreeze(): void { this._op('WorksheetFreezePanes.unfreeze', null, (t) => { t.frozenRows = 0; t.frozenCols = 0; }); }
  getLocationOrNullObject(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'WorksheetFreezePanes.getLocationOrNullObject', null, (t) => {
      if (!t.frozenRows && !t.frozenCols) return null;
      return { sheet: t, rect: { r0: 0, c0: 0, r1: (t.frozenRows || MAX_ROWS) - 1, c1: (t.frozenCols || MAX_COLS) - 1 } };
    }, true);
  }
}

function rectArg(wb: WorkbookModel, sheet: Sheet, v: RangeProxy | string): Rect {
  if (typeof v === 'string') return resolveAddress(wb, sheet, v).rect;
  const t = v._t();
  if (t.sheet !== sheet) fail('InvalidArgument', 'The range is on another worksheet.');
  return t.rect;
}

export class PageLayoutProxy extends HostProxy<Sheet> {
  constructor(ctx: HostRequestContext) { super(ctx, 'PageLayout'); }
  _props(): Record<string, PropDef<Sheet>> {
    const margin = (k: 'top' | 'bottom' | 'left' | 'right' | 'header' | 'footer'): PropDef<Sheet> => ({
      get: (t) => t.pageLayout.margins[k],
      set: (t, v) => { if (typeof v !== 'number' || v < 0) fail('InvalidArgument', 'Invalid margin.'); t.pageLayout.margins[k] = v; },
    });
    return {
      orientation: { get: (t) => t.pageLayout.orientation, set: (t, v) => {
        if (v !== 'Portrait' && v !== 'Landscape') fail('InvalidArgument', 'Invalid orientation.');
        t.pageLayout.orientation = v;
      } },
      paperSize: { get: (t) => t.pageLayout.paperSize, set: (t, v) => { t.pageLayout.paperSize = String(v); } },
      topMargin: margin('top'), bottomMargin: margin('bottom'), leftMargin: margin('left'), rightMargin: margin('right'),
      headerMargin: margin('header'), footerMargin: margin('footer'),
      centerHorizontally: { get: (t) => t.pageLayout.centerHorizontally, set: (t, v) => { t.pageLayout.centerHorizontally = Boolean(v); } },
      centerVertically: { get: (t) => t.pageLayout.centerVertically, set: (t, v) => { t.pageLayout.centerVertically = Boolean(v); } },
      zoom: {
        get: (t) => {
          const z = t.pageLayout.zoom;
          // Fit-to-pages reads back with the scale set before it (kept: where fit is not applied, the scale prints).
          return z.horizontalFitToPages !== null || z.verticalFitToPages !== null
            ? { horizontalFitToPages: z.horizontalFitToPages ?? 0, verticalFitToPages: z.verticalFitToPages ?? 0, ...(z.scale !== null ? { scale: z.scale } : {}) }
            : { scale: z.scale ?? 100 };
        },
        set: (t, v) => {
          if (!v || typeof v !== 'object') fail('InvalidArgument', 'Invalid zoom.');
          const fit = v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined;
          if (fit && v.scale !== undefined) fail('InvalidArgument', 'Scale and fit-to-pages cannot both be set.');
          if (v.scale !== undefined && (v.scale < 10 || v.scale > 400)) fail('InvalidArgument', 'The scale must be between 10 and 400.');
          t.pageLayout.zoom = fit
            ? { scale: t.pageLayout.zoom.scale, horizontalFitToPages: v.horizontalFitToPages ?? 0, verticalFitToPages: v.verticalFitToPages ?? 0 }
            : { scale: v.scale ?? 100, horizontalFitToPages: null, verticalFitToPages: null };
        },
      },
      printGridlines: { get: (t) => Boolean(t.passthrough.printGridlines), set: (t, v) => { t.passthrough.printGridlines = Boolean(v); } },
    };
  }
  override _navs(): string[] { return ['headersFooters']; }
  get headersFooters(): HeaderFooterGroupProxy { return this._nav('headersFooters', () => new HeaderFooterGroupProxy(this._ctx), (t) => t); }
  setPrintTitleRows(titleRows: RangeProxy | string): void {
    this._op('PageLayout.setPrintTitleRows', [typeof titleRows === 'string' ? titleRows : 'Range'], (t) => {
      const r = rectArg(this._ctx.model, t, titleRows);
      t.pageLayout.printTitleRows = { r0: r.r0, c0: 0, r1: r.r1, c1: MAX_COLS - 1 };
    });
  }
  setPrintTitleColumns(titleColumns: RangeProxy | string): void {
    this._op('PageLayout.setPrintTitleColumns', [typeof titleColumns === 'string' ? titleColumns : 'Range'], (t) => {
      const r = rectArg(this._ctx.model, t, titleColumns);
      t.pageLayout.printTitleColumns = { r0: 0, c0: r.c0, r1: MAX_ROWS - 1, c1: r.c1 };
    });
  }
  setPrintArea(printArea: RangeProxy | string): void {
    this._op('PageLayout.setPrintArea', [typeof printArea === 'string' ? printArea : 'Range'], (t) => {
      if (typeof printArea === 'string') t.pageLayout.printArea = printArea.split(',').map((a) => resolveAddress(this._ctx.model, t, a).rect);
      else t.pageLayout.printArea = [rectArg(this._ctx.model, t, printArea)];
    });
  }
  getPrintAreaOrNullObject(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'PageLayout.getPrintAreaOrNullObject', null, (t) =>
      (t.pageLayout.printArea ? { sheet: t, rect: t.pageLayout.printArea[0] } : null), true);
  }
  getPrintTitleRowsOrNullObject(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'PageLayout.getPrintTitleRowsOrNullObject', null, (t) =>
      (t.pageLayout.printTitleRows ? { sheet: t, rect: t.pageLayout.printTitleRows } : null), true);
  }
}
installProps(PageLayoutProxy, ['orientation', 'paperSize', 'topMargin', 'bottomMargin', 'leftMargin', 'rightMargin', 'headerMargin', 'footerMargin',
  'centerHorizontally', 'centerVertically', 'zoom', 'printGridlines'],
['orientation', 'paperSize', 'topMargin', 'bottomMargin', 'leftMargin', 'rightMargin', 'headerMargin', 'footerMargin',
  'centerHorizontally', 'centerVertically', 'zoom', 'printGridlines']);

export class HeaderFooterGroupProxy extends HostProxy<Sheet> {
  constructor(ctx: HostRequestContext) { super(ctx, 'HeaderFooterGroup'); }
  _props(): Record<string, PropDef<Sheet>> {
    return { state: { get: () => 'Default', set: () => undefined } };
  }
  override _navs(): string[] { return ['defaultForAllPages']; }
  get defaultForAllPages(): HeaderFooterProxy { return this._nav('defaultForAllPages', () => new HeaderFooterProxy(this._ctx), (t) => t); }
}
installProps(HeaderFooterGroupProxy, ['state'], ['state']);

export class HeaderFooterProxy extends HostProxy<Sheet> {
  constructor(ctx: HostRequestContext) { super(ctx, 'HeaderFooter'); }
  _props(): Record<string, PropDef<Sheet>> {
    const hf = (part: 'header' | 'footer', k: 'left' | 'center' | 'right'): PropDef<Sheet> => ({
      get: (t) => t.pageLayout[part][k],
      set: (t, v) => { t.pageLayout[part][k] = String(v ?? ''); },
    });
    return {
      leftHeader: hf('header', 'left'), centerHeader: hf('header', 'center'), rightHeader: hf('header', 'right'),
      leftFooter: hf('footer', 'left'), centerFooter: hf('footer', 'center'), rightFooter: hf('footer', 'right'),
    };
  }
}
const HF = ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'];
installProps(HeaderFooterProxy, HF, HF);

// ---------------------------------------------------------------- charts (kept in memory; see README)

interface ChartTarget { sheet: Sheet; chart: ChartModel }

export class ChartCollectionProxy extends CollectionProxy<Sheet, ChartTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ChartCollection'); }
  _list(t: Sheet): ChartTarget[] { return t.charts.map((chart) => ({ sheet: t, chart })); }
  _wrap(): ChartProxy { return new ChartProxy(this._ctx); }
  override _item(item: ChartTarget): ChartProxy {
    const p = this._wrap();
    p._target = item; p._nullKnown = true;
    return p;
  }
  add(type: string, sourceData: RangeProxy, seriesBy = 'Auto'): ChartProxy {
    return this._make(new ChartProxy(this._ctx), 'ChartCollection.add', [type, seriesBy], (t) => {
      const src = sourceData._t();
      if (src.sheet !== t) fail('InvalidArgument', 'The source data must be on the same worksheet in this host.');
      if (t.protection.protected) fail('AccessDenied', 'The sheet is protected.');
      const chart: ChartModel = {
        id: this._ctx.model.newId(), name: `Chart ${t.charts.length + 1}`, type, source: src.rect, seriesBy, title: '', position: null,
      };
      t.charts.push(chart);
      return { sheet: t, chart };
    });
  }
  getItem(name: string): ChartProxy {
    return this._make(new ChartProxy(this._ctx), 'ChartCollection.getItem', [name], (t) => {
      const c = t.charts.find((x) => x.name === name);
      if (!c) fail('ItemNotFound', `The chart "${name}" doesn't exist.`);
      return { sheet: t, chart: c };
    });
  }
  getItemOrNullObject(name: string): ChartProxy {
    return this._make(new ChartProxy(this._ctx), 'ChartCollection.getItemOrNullObject', [name], (t) => {
      const c = t.charts.find((x) => x.name === name);
      return c ? { sheet: t, chart: c } : null;
    }, true);
  }
}

export class ChartProxy extends HostProxy<ChartTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'Chart'); }
  _props(): Record<string, PropDef<ChartTarget>> {
    return {
      id: { get: (t) => String(t.chart.id) },
      name: { get: (t) => t.chart.name, set: (t, v) => { t.chart.name = String(v); } },
      chartType: { get: (t) => t.chart.type, set: (t, v) => { t.chart.type = String(v); } },
    };
  }
  override _navs(): string[] { return ['title', 'legend']; }
  get title(): ChartTitleProxy { return this._nav('title', () => new ChartTitleProxy(this._ctx), (t) => t); }
  get legend(): ChartLegendProxy { return this._nav('legend', () => new ChartLegendProxy(this._ctx), (t) => t); }
  setPosition(startCell: RangeProxy | string, endCell?: RangeProxy | string): void {
    this._op('Chart.setPosition', [typeof startCell === 'string' ? startCell : 'Range', typeof endCell === 'string' ? endCell : null], (t) => {
      const addr = (v: RangeProxy | string): string => {
        const r = typeof v === 'string' ? resolveAddress(this._ctx.model, t.sheet, v) : v._t();
        return `${r.rect.r0},${r.rect.c0},${r.rect.r1},${r.rect.c1}`;
      };
      t.chart.position = { start: addr(startCell), end: endCell === undefined ? null : addr(endCell) };
    });
  }
  delete(): void { this._op('Chart.delete', null, (t) => { t.sheet.charts = t.sheet.charts.filter((c) => c !== t.chart); }); }
}
installProps(ChartProxy, ['id', 'name', 'chartType'], ['name', 'chartType']);

export class ChartTitleProxy extends HostProxy<ChartTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ChartTitle'); }
  _props(): Record<string, PropDef<ChartTarget>> {
    return {
      text: { get: (t) => t.chart.title, set: (t, v) => { t.chart.title = String(v ?? ''); } },
      visible: { get: (t) => t.chart.title !== '', set: () => undefined },
    };
  }
}
installProps(ChartTitleProxy, ['text', 'visible'], ['text', 'visible']);

export class ChartLegendProxy extends HostProxy<ChartTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'ChartLegend'); }
  _props(): Record<string, PropDef<ChartTarget>> {
    return {
      visible: { get: (t) => (t.chart as unknown as { legendVisible?: boolean }).legendVisible ?? true, set: (t, v) => { (t.chart as unknown as { legendVisible?: boolean }).legendVisible = Boolean(v); } },
      position: { get: (t) => (t.chart as unknown as { legendPosition?: string }).legendPosition ?? 'Right', set: (t, v) => { (t.chart as unknown as { legendPosition?: string }).legendPosition = String(v); } },
    };
  }
}
installProps(ChartLegendProxy, ['visible', 'position'], ['visible', 'position']);

export { rows, cols, parseLocal, resultOp };
export type { HostClientResult };

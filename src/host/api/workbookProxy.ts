/** The workbook proxy (context.workbook), defined names and the application object. */
import { fail } from '../model/errors';
import type { NameModel, WorkbookModel } from '../model/model';
import { HostProxy, type HostRequestContext, type PropDef, installProps } from './proxyBase';
import { CollectionProxy } from './collection';
import { RangeProxy } from './rangeProxy';
import { resolveAddress } from '../ops/resolve';
import { TableCollectionProxy } from './tableProxy';
import { WorksheetCollectionProxy } from './worksheetProxy';
import { qualified } from '../model/address';

export class WorkbookProxy extends HostProxy<WorkbookModel> {
  constructor(ctx: HostRequestContext) {
    super(ctx, 'Workbook');
    this._target = ctx.model;
    this._nullKnown = true;
  }
  _props(): Record<string, PropDef<WorkbookModel>> {
    return { name: { get: (t) => t.name } };
  }
  override _navs(): string[] { return ['worksheets', 'tables', 'names', 'application']; }
  get worksheets(): WorksheetCollectionProxy { return this._nav('worksheets', () => new WorksheetCollectionProxy(this._ctx), (t) => t); }
  get tables(): TableCollectionProxy { return this._nav('tables', () => new TableCollectionProxy(this._ctx), () => ({})); }
  get names(): NamedItemCollectionProxy { return this._nav('names', () => new NamedItemCollectionProxy(this._ctx), (t) => t); }
  get application(): ApplicationProxy { return this._nav('application', () => new ApplicationProxy(this._ctx), (t) => t); }

  getSelectedRange(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'Workbook.getSelectedRange', null, (t) => {
      if (t.selection && t.sheets.includes(t.selection.sheet)) return t.selection;
      const sheet = t.activeSheet ?? t.sheets[0];
      return { sheet, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getActiveCell(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'Workbook.getActiveCell', null, (t) => {
      const sel = t.selection && t.sheets.includes(t.selection.sheet) ? t.selection : null;
      const sheet = sel?.sheet ?? t.activeSheet ?? t.sheets[0];
      return { sheet, rect: sel ? { r0: sel.rect.r0, c0: sel.rect.c0, r1: sel.rect.r0, c1: sel.rect.c0 } : { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
}
installProps(WorkbookProxy, ['name']);

export class ApplicationProxy extends HostProxy<WorkbookModel> {
  constructor(ctx: HostRequestContext) { super(ctx, 'Application'); }
  _props(): Record<string, PropDef<WorkbookModel>> {
    return { calculationMode: { get: () => 'Automatic', set: () => undefined } };
  }
  calculate(): void { this._op('Application.calculate', null, (t) => { t.dirty = true; }); }
  suspendApiCalculationUntilNextSync(): void { this._op('Application.suspendApiCalculationUntilNextSync', null, () => undefined); }
  suspendScreenUpdatingUntilNextSync(): void { this._op('Application.suspendScreenUpdatingUntilNextSync', null, () => undefined); }
}
installProps(ApplicationProxy, ['calculationMode'], ['calculationMode']);

function checkName(wb: WorkbookModel, name: string): void {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || /^[A-Za-z]{1,3}[0-9]+$/.test(name)) fail('InvalidArgument', `The name "${name}" is not valid.`);
  if (wb.names.some((n) => n.name.toLowerCase() === name.toLowerCase()) || wb.tableByName(name)) fail('ItemAlreadyExists', `The name "${name}" already exists.`);
}

export class NamedItemCollectionProxy extends CollectionProxy<WorkbookModel, NameModel> {
  constructor(ctx: HostRequestContext) { super(ctx, 'NamedItemCollection'); }
  _list(t: WorkbookModel): NameModel[] { return t.names; }
  _wrap(): NamedItemProxy { return new NamedItemProxy(this._ctx); }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    return this._make(new NamedItemProxy(this._ctx), 'NamedItemCollection.add', [name, typeof reference === 'string' ? reference : 'Range'], (t) => {
      checkName(t, name);
      let formula: string;
      if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
      else { const r = reference._t(); formula = `=${qualified(r.sheet.name, r.rect).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`; }
      const item: NameModel = { name, formula, comment: comment ?? '', visible: true };
      t.names.push(item);
      t.dirty = true;
      return item;
    });
  }
  getItem(name: string): NamedItemProxy {
    return this._make(new NamedItemProxy(this._ctx), 'NamedItemCollection.getItem', [name], (t) => {
      const n = t.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!n) fail('ItemNotFound', `The name "${name}" doesn't exist.`);
      return n;
    });
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return this._make(new NamedItemProxy(this._ctx), 'NamedItemCollection.getItemOrNullObject', [name], (t) =>
      t.names.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null, true);
  }
}

export class NamedItemProxy extends HostProxy<NameModel> {
  constructor(ctx: HostRequestContext) { super(ctx, 'NamedItem'); }
  _props(): Record<string, PropDef<NameModel>> {
    return {
      name: { get: (t) => t.name },
      formula: { get: (t) => t.formula, set: (t, v) => { t.formula = String(v).startsWith('=') ? String(v) : `=${v}`; this._ctx.model.dirty = true; } },
      comment: { get: (t) => t.comment, set: (t, v) => { t.comment = String(v); } },
      visible: { get: (t) => t.visible, set: (t, v) => { t.visible = Boolean(v); } },
      type: { get: (t) => (/^=?('[^']+'|[^!]+)![$A-Z0-9:]+$/.test(t.formula) ? 'Range' : 'Formula') },
      value: { get: (t) => t.formula.replace(/^=/, '') },
    };
  }
  getRange(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'NamedItem.getRange', null, (t) => resolveAddress(this._ctx.model, null, t.formula.replace(/^=/, '').replace(/\$/g, '')));
  }
  getRangeOrNullObject(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'NamedItem.getRangeOrNullObject', null, (t) => {
      try { return resolveAddress(this._ctx.model, null, t.formula.replace(/^=/, '').replace(/\$/g, '')); } catch { return null; }
    }, true);
  }
  delete(): void {
    this._op('NamedItem.delete', null, (t) => { this._ctx.model.names = this._ctx.model.names.filter((n) => n !== t); this._ctx.model.dirty = true; });
  }
}
installProps(NamedItemProxy, ['name', 'formula', 'comment', 'visible', 'type', 'value'], ['formula', 'comment', 'visible']);

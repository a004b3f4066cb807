/** Tables: collection (workbook-wide or per sheet), table, columns, rows. */
import { type Rect, cols, rows, sameRect, intersect } from '../model/address';
import { fail } from '../model/errors';
import { type Sheet, type TableColumnModel, type TableModel, type WorkbookModel, tableBody } from '../model/model';
import { HostProxy, type HostRequestContext, type PropDef, installProps } from './proxyBase';
import { CollectionProxy } from './collection';
import { checkEditable, forEachInput, readValues, writeCell, type RangeTarget } from '../ops/rangeOps';
import { RangeProxy } from './rangeProxy';
import { resolveAddress } from '../ops/resolve';
import { addRows, addTable, checkTableName, renameColumn, shiftDown } from '../ops/tableOps';
import { WorksheetProxy } from './worksheetProxy';
import { renameTableInFormula, rewriteFormulas } from '../formula/rename';
import { AutoFilterProxy, FilterProxy, clearFilters, isFiltered } from './tableFilter';

interface TablesTarget { sheet?: Sheet }

export class TableCollectionProxy extends CollectionProxy<TablesTarget, TableModel> {
  constructor(ctx: HostRequestContext) { super(ctx, 'TableCollection'); }
  _list(t: TablesTarget): TableModel[] {
    const wb = this._ctx.model;
    return t.sheet ? wb.tablesOf(t.sheet) : wb.tables;
  }
  _wrap(): TableProxy { return new TableProxy(this._ctx); }
  private _find(t: TablesTarget, key: string | number): TableModel | undefined {
    const list = this._list(t);
    if (typeof key === 'number') return list[key];
    const k = String(key).toLowerCase();
    return list.find((x) => x.name.toLowerCase() === k || String(x.id) === key);
  }
  getItem(key: string): TableProxy {
    return this._make(new TableProxy(this._ctx), 'TableCollection.getItem', [key], (t) => {
      const x = this._find(t, key);
      if (!x) fail('ItemNotFound', `The table "${key}" doesn't exist.`);
      return x;
    });
  }
  getItemOrNullObject(key: string): TableProxy {
    return this._make(new TableProxy(this._ctx), 'TableCollection.getItemOrNullObject', [key], (t) => this._find(t, key) ?? null, true);
  }
  getItemAt(index: number): TableProxy {
    return this._make(new TableProxy(this._ctx), 'TableCollection.getItemAt', [index], (t) => {
      const x = this._list(t)[index];
      if (!x) fail('ItemNotFound', 'No table at that index.');
      return x;
    });
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    return this._make(new TableProxy(this._ctx), 'TableCollection.add', [typeof address === 'string' ? address : 'Range', hasHeaders], (t) => {
      const wb = this._ctx.model;
      let target: RangeTarget;
      if (typeof address === 'string') {
        target = resolveAddress(wb, t.sheet ?? (address.includes('!') ? null : wb.activeSheet), address);
      } else target = address._t();
      if (t.sheet && target.sheet !== t.sheet) fail('InvalidArgument', 'The range is on another worksheet.');
      if (rows(target.rect) > 1048575 || cols(target.rect) > 16383) fail('InvalidArgument', 'The range is too large for a table.');
      return addTable(wb, target.sheet, target.rect, Boolean(hasHeaders));
    });
  }
}

export class TableProxy extends HostProxy<TableModel> {
  constructor(ctx: HostRequestContext) { super(ctx, 'Table'); }
  override _validate(t: TableModel): void {
    if (!this._ctx.model.tables.includes(t)) fail('ItemNotFound', 'The table was deleted.');
  }
  _props(): Record<string, PropDef<TableModel>> {
    const wb = (): WorkbookModel => this._ctx.model;
    const flag = (k: 'showBandedRows' | 'showBandedColumns' | 'showFilterButton' | 'highlightFirstColumn' | 'highlightLastColumn'): PropDef<TableModel> => ({
      get: (t) => t[k], set: (t, v) => { t[k] = Boolean(v); },
    });
    return {
      id: { get: (t) => String(t.id) },
      legacyId: { get: (t) => String(t.id) },
      name: {
        get: (t) => t.name,
        set: (t, v) => {
          checkTableName(wb(), v, t);
          const before = t.name;
          t.name = v;
          if (before !== v) rewriteFormulas(wb(), (f) => renameTableInFormula(f, before, v));
        },
      },
      style: { get: (t) => t.style, set: (t, v) => { t.style = String(v ?? ''); } },
      showHeaders: { get: (t) => t.showHeaders },
      showTotals: { get: (t) => t.showTotals, set: (t, v) => setTotals(wb(), t, Boolean(v)) },
      showBandedRows: flag('showBandedRows'),
      showBandedColumns: flag('showBandedColumns'),
      showFilterButton: flag('showFilterButton'),
      highlightFirstColumn: flag('highlightFirstColumn'),
      highlightLastColumn: flag('highlightLastColumn'),
    };
  }
  override _navs(): string[] { return ['columns', 'rows', 'worksheet', 'autoFilter']; }
  get autoFilter(): AutoFilterProxy { return this._nav('autoFilter', () => new AutoFilterProxy(this._ctx), (t) => t); }
  get columns(): TableColumnCollectionProxy { return this._nav('columns', () => new TableColumnCollectionProxy(this._ctx), (t) => t); }
  get rows(): TableRowCollectionProxy { return this._nav('rows', () => new TableRowCollectionProxy(this._ctx), (t) => t); }
  get worksheet(): WorksheetProxy { return this._nav('worksheet', () => new WorksheetProxy(this._ctx), (t) => t.sheet); }

  private _range(label: string, fn: (t: TableModel) => Rect): RangeProxy {
    return this._make(new RangeProxy(this._ctx), `Table.${label}`, null, (t) => ({ sheet: t.sheet, rect: fn(t) }));
  }
  getRange(): RangeProxy { return this._range('getRange', (t) => t.rect); }
  getHeaderRowRange(): RangeProxy {
    return this._range('getHeaderRowRange', (t) => {
      if (!t.showHeaders) fail('ItemNotFound', 'The table has no header row.');
      return { ...t.rect, r1: t.rect.r0 };
    });
  }
  getDataBodyRange(): RangeProxy { return this._range('getDataBodyRange', (t) => tableBody(t)); }
  getTotalRowRange(): RangeProxy {
    return this._range('getTotalRowRange', (t) => {
      if (!t.showTotals) fail('ItemNotFound', 'The table has no total row.');
      return { ...t.rect, r0: t.rect.r1 };
    });
  }
  resize(newRange: RangeProxy | string): void {
    this._op('Table.resize', [typeof newRange === 'string' ? newRange : 'Range'], (t) => {
      const target = typeof newRange === 'string' ? resolveAddress(this._ctx.model, t.sheet, newRange) : newRange._t();
      resizeTable(this._ctx.model, t, target);
    });
  }
  delete(): void {
    this._op('Table.delete', null, (t) => {
      checkEditable(this._ctx.model, t.sheet, t.rect);
      for (const [, , cell] of t.sheet.cellsIn(t.rect)) { cell.value = null; cell.formula = null; cell.style = undefined; }
      this._ctx.model.tables = this._ctx.model.tables.filter((x) => x !== t);
      this._ctx.model.dirty = true;
    });
  }
  convertToRange(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'Table.convertToRange', null, (t) => {
      this._ctx.model.tables = this._ctx.model.tables.filter((x) => x !== t);
      this._ctx.model.dirty = true;
      return { sheet: t.sheet, rect: t.rect };
    });
  }
  clearFilters(): void { this._op('Table.clearFilters', null, (t) => clearFilters(t)); }
  reapplyFilters(): void { this._op('Table.reapplyFilters', null, () => undefined); }
}
installProps(TableProxy, ['id', 'legacyId', 'name', 'style', 'showHeaders', 'showTotals', 'showBandedRows', 'showBandedColumns', 'showFilterButton',
  'highlightFirstColumn', 'highlightLastColumn'],
['name', 'style', 'showTotals', 'showBandedRows', 'showBandedColumns', 'showFilterButton', 'highlightFirstColumn', 'highlightLastColumn']);

function setTotals(wb: WorkbookModel, t: TableModel, on: boolean): void {
  if (on === t.showTotals) return;
  if (t.sheet.protection.protected) fail('AccessDenied', 'The sheet is protected.');
  if (on) {
    const below = t.rect.r1 + 1;
    let empty = true;
    for (const [, , cell] of t.sheet.cellsIn({ r0: below, c0: t.rect.c0, r1: below, c1: t.rect.c1 })) if (cell.value !== null || cell.formula) empty = false;
    if (!empty) shiftDown(wb, t.sheet, below, t.rect.c0, t.rect.c1, 1, t);
    t.rect = { ...t.rect, r1: below };
    t.showTotals = true;
    const first = t.sheet.ensure(below, t.rect.c0);
    first.value = 'Total';
    first.formula = null;
  } else {
    for (const [, , cell] of t.sheet.cellsIn({ ...t.rect, r0: t.rect.r1 })) { cell.value = null; cell.formula = null; }
    t.rect = { ...t.rect, r1: t.rect.r1 - 1 };
    t.showTotals = false;
  }
  wb.dirty = true;
}

function resizeTable(wb: WorkbookModel, t: TableModel, target: RangeTarget): void {
  if (target.sheet !== t.sheet) fail('InvalidArgument', 'The new range must be on the same worksheet.');
  const r = target.rect;
  if (r.r0 !== t.rect.r0 || !intersect(r, t.rect)) fail('InvalidArgument', 'The header row must stay in the same row and the new range must overlap the table.');
  if (rows(r) < 2) fail('InvalidArgument', 'A table needs a header row and at least one row.');
  for (const o of wb.tablesOf(t.sheet)) if (o !== t && intersect(o.rect, r)) fail('InvalidOperation', 'A table can\'t overlap another table.');
  for (const m of t.sheet.merges) if (intersect(m, r)) fail('MergedRangeConflict', 'A table can\'t include merged cells.');
  const byCol = new Map<number, TableColumnModel>();
  t.columns.forEach((c, i) => byCol.set(t.rect.c0 + i, c));
  const columns: TableColumnModel[] = [];
  for (let c = r.c0; c <= r.c1; c++) {
    const existing = byCol.get(c);
    if (existing) { columns.push(existing); continue; }
    const cell = t.sheet.cell(r.r0, c);
    columns.push({ id: wb.newId(), name: cell && cell.value !== null ? String(cell.value) : '' });
  }
  const names: string[] = [];
  columns.forEach((col, i) => {
    let name = col.name.trim() === '' ? `Column${i + 1}` : col.name;
    for (let k = 2; names.some((n) => n.toLowerCase() === name.toLowerCase()); k++) name = `${col.name || 'Column'}${k}`;
    col.name = name;
    names.push(name);
    const cell = t.sheet.ensure(r.r0, r.c0 + i);
    cell.value = name;
    cell.formula = null;
  });
  t.columns = columns;
  t.rect = { ...r };
  // Formulas that see the table see its sheet (see Calculator.recalcSheets).
  wb.markDirty(t.sheet);
}

// ---------------------------------------------------------------- columns

interface ColTarget { table: TableModel; col: TableColumnModel }

export class TableColumnCollectionProxy extends CollectionProxy<TableModel, ColTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'TableColumnCollection'); }
  _list(t: TableModel): ColTarget[] { return t.columns.map((col) => ({ table: t, col })); }
  _wrap(): TableColumnProxy { return new TableColumnProxy(this._ctx); }
  private _find(t: TableModel, key: string | number): ColTarget | null {
    const col = typeof key === 'number' ? t.columns.find((c) => c.id === key) : t.columns.find((c) => c.name.toLowerCase() === String(key).toLowerCase() || String(c.id) === key);
    return col ? { table: t, col } : null;
  }
  getItem(key: string | number): TableColumnProxy {
    return this._make(new TableColumnProxy(this._ctx), 'TableColumnCollection.getItem', [key], (t) => {
      const x = this._find(t, key);
      if (!x) fail('ItemNotFound', `The column "${key}" doesn't exist.`);
      return x;
    });
  }
  getItemOrNullObject(key: string | number): TableColumnProxy {
    return this._make(new TableColumnProxy(this._ctx), 'TableColumnCollection.getItemOrNullObject', [key], (t) => this._find(t, key), true);
  }
  getItemAt(index: number): TableColumnProxy {
    return this._make(new TableColumnProxy(this._ctx), 'TableColumnCollection.getItemAt', [index], (t) => {
      const col = t.columns[index];
      if (!col) fail('ItemNotFound', 'No column at that index.');
      return { table: t, col };
    });
  }
  add(index?: number | null, values?: unknown, name?: string): TableColumnProxy {
    return this._make(new TableColumnProxy(this._ctx), 'TableColumnCollection.add', [index ?? null, values ?? null, name ?? null], (t) =>
      addColumn(this._ctx.model, t, index ?? null, values, name));
  }
}

function addColumn(wb: WorkbookModel, t: TableModel, index: number | null, values: unknown, name?: string): ColTarget {
  const sheet = t.sheet;
  if (sheet.protection.protected) fail('AccessDenied', 'The sheet is protected.');
  const n = t.columns.length;
  // "If null or -1, the addition happens at the end" (Excel.TableColumnCollection.add). Choice: an index equal to
  // the column count is refused (the docs name only null and -1 for appending; unconfirmed).
  if (index !== null && index !== -1 && (!Number.isInteger(index) || index < 0 || index >= n)) fail('InvalidArgument', 'The index is out of range.');
  const at = index === null || index === -1 ? n : index;
  const c = t.rect.c0 + at;
  if (values !== undefined && values !== null) {
    if (!Array.isArray(values) || values.length !== rows(t.rect) || values.some((r) => !Array.isArray(r) || r.length !== 1)) {
      fail('InvalidArgument', 'The values must have one column and as many rows as the table (header included).');
    }
  }
  // Cells to the right, within the table's rows, move right by one (unless appending into an empty column).
  let empty = at === n;
  if (empty) for (const [, , cell] of sheet.cellsIn({ r0: t.rect.r0, c0: c, r1: t.rect.r1, c1: c })) if (cell.value !== null || cell.formula) empty = false;
  if (!empty) {
    for (const o of wb.tablesOf(sheet)) if (o !== t && o.rect.c1 >= c && !(o.rect.r1 < t.rect.r0 || o.rect.r0 > t.rect.r1)) fail('InvalidOperation', 'This would move another table.');
    for (let r = t.rect.r0; r <= t.rect.r1; r++) {
      const row = sheet.rows.get(r);
      if (!row) continue;
      const keys = [...row.keys()].filter((k) => k >= c).sort((a, b) => b - a);
      for (const k of keys) { const m = row.get(k)!; m.moved(); row.set(k + 1, m); row.delete(k); }
    }
  }
  const header = name ?? (Array.isArray(values) ? String((values as unknown[][])[0][0] ?? '') : '');
  let colName = header.trim() === '' ? `Column${at + 1}` : header;
  for (let k = 2; t.columns.some((x) => x.name.toLowerCase() === colName.toLowerCase()); k++) colName = `${header || 'Column'}${k}`;
  const col: TableColumnModel = { id: wb.newId(), name: colName };
  t.columns.splice(at, 0, col);
  t.rect = { ...t.rect, c1: t.rect.c1 + 1 };
  const hc = sheet.ensure(t.rect.r0, c);
  hc.value = colName;
  hc.formula = null;
  if (Array.isArray(values)) {
    for (let i = 1; i < values.length; i++) writeCell(wb, sheet, t.rect.r0 + i, c, (values as unknown[][])[i][0], 'TableColumnCollection.add');
  }
  wb.dirty = true;
  return { table: t, col };
}

export class TableColumnProxy extends HostProxy<ColTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'TableColumn'); }
  override _validate(t: ColTarget): void {
    if (!this._ctx.model.tables.includes(t.table) || !t.table.columns.includes(t.col)) fail('ItemNotFound', 'The column was deleted.');
  }
  private _rect(t: ColTarget): Rect {
    const c = t.table.rect.c0 + t.table.columns.indexOf(t.col);
    return { r0: t.table.rect.r0, c0: c, r1: t.table.rect.r1, c1: c };
  }
  _props(): Record<string, PropDef<ColTarget>> {
    const wb = (): WorkbookModel => this._ctx.model;
    return {
      id: { get: (t) => t.col.id },
      index: { get: (t) => t.table.columns.indexOf(t.col) },
      name: { get: (t) => t.col.name, set: (t, v) => renameColumn(wb(), t.table, t.table.columns.indexOf(t.col), String(v)) },
      values: {
        get: (t) => readValues({ sheet: t.table.sheet, rect: this._rect(t) }),
        set: (t, v) => {
          const rect = this._rect(t);
          checkEditable(wb(), t.table.sheet, rect);
          forEachInput(rect, v, (r, c, x) => writeCell(wb(), t.table.sheet, r, c, x, 'TableColumn.values'), 'TableColumn.values');
        },
      },
    };
  }
  override _navs(): string[] { return ['filter']; }
  get filter(): FilterProxy { return this._nav('filter', () => new FilterProxy(this._ctx), (t) => t); }
  getRange(): RangeProxy { return this._make(new RangeProxy(this._ctx), 'TableColumn.getRange', null, (t) => ({ sheet: t.table.sheet, rect: this._rect(t) })); }
  getDataBodyRange(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'TableColumn.getDataBodyRange', null, (t) => {
      const b = tableBody(t.table);
      const c = this._rect(t).c0;
      return { sheet: t.table.sheet, rect: { r0: b.r0, c0: c, r1: b.r1, c1: c } };
    });
  }
  getHeaderRowRange(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'TableColumn.getHeaderRowRange', null, (t) => {
      const r = this._rect(t);
      return { sheet: t.table.sheet, rect: { ...r, r1: r.r0 } };
    });
  }
  getTotalRowRange(): RangeProxy {
    return this._make(new RangeProxy(this._ctx), 'TableColumn.getTotalRowRange', null, (t) => {
      if (!t.table.showTotals) fail('ItemNotFound', 'The table has no total row.');
      const r = this._rect(t);
      return { sheet: t.table.sheet, rect: { ...r, r0: r.r1 } };
    });
  }
  delete(): void {
    this._op('TableColumn.delete', null, (t) => {
      const table = t.table;
      if (table.columns.length === 1) fail('InvalidOperation', 'A table must keep at least one column.');
      const rect = this._rect(t);
      checkEditable(this._ctx.model, table.sheet, rect);
      for (let r = table.rect.r0; r <= table.rect.r1; r++) {
        const row = table.sheet.rows.get(r);
        if (!row) continue;
        row.delete(rect.c0);
        const keys = [...row.keys()].filter((k) => k > rect.c0 && k <= table.rect.c1).sort((a, b) => a - b);
        for (const k of keys) { const m = row.get(k)!; m.moved(); row.set(k - 1, m); row.delete(k); }
      }
      table.columns = table.columns.filter((c) => c !== t.col);
      table.rect = { ...table.rect, c1: table.rect.c1 - 1 };
      this._ctx.model.dirty = true;
    });
  }
}
installProps(TableColumnProxy, ['id', 'index', 'name', 'values'], ['name', 'values']);

// ---------------------------------------------------------------- rows

interface RowTarget { table: TableModel; row: number }

export class TableRowCollectionProxy extends CollectionProxy<TableModel, RowTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'TableRowCollection'); }
  _list(t: TableModel): RowTarget[] {
    const b = tableBody(t);
    const out: RowTarget[] = [];
    for (let r = b.r0; r <= b.r1; r++) out.push({ table: t, row: r });
    return out;
  }
  _wrap(): TableRowProxy { return new TableRowProxy(this._ctx); }
  getItemAt(index: number): TableRowProxy {
    return this._make(new TableRowProxy(this._ctx), 'TableRowCollection.getItemAt', [index], (t) => {
      const x = this._list(t)[index];
      if (!x) fail('ItemNotFound', 'No row at that index.');
      return x;
    });
  }
  add(index?: number | null, values?: unknown, alwaysInsert?: boolean): TableRowProxy {
    void alwaysInsert;
    return this._make(new TableRowProxy(this._ctx), 'TableRowCollection.add', [index ?? null, values ?? null], (t) => {
      const wb = this._ctx.model;
      const w = t.columns.length;
      let data: unknown[][] | null = null;
      if (values !== undefined && values !== null) {
        if (!Array.isArray(values) || values.length === 0 || values.some((r) => !Array.isArray(r) || r.length !== w)) {
          fail('InvalidArgument', 'The number of columns in the values does not match the table.');
        }
        data = values as unknown[][];
      }
      const n = data ? data.length : 1;
      // Choice (unconfirmed: reported to throw in Excel): a filtered table refuses new rows; clear the filters first.
      if (isFiltered(t)) fail('InvalidOperation', 'Rows cannot be added to a filtered table. Clear the filters first.');
      // "If null or -1, the addition happens at the end" (Excel.TableRowCollection.add).
      const at = addRows(wb, t, index === undefined || index === null || index === -1 ? null : index, n, () => undefined);
      if (data) {
        const rect = { r0: at, c0: t.rect.c0, r1: at + n - 1, c1: t.rect.c1 };
        forEachInput(rect, data, (r, c, x) => writeCell(wb, t.sheet, r, c, x, 'TableRowCollection.add'), 'TableRowCollection.add');
      }
      return { table: t, row: at };
    });
  }
}

export class TableRowProxy extends HostProxy<RowTarget> {
  constructor(ctx: HostRequestContext) { super(ctx, 'TableRow'); }
  private _rect(t: RowTarget): Rect { return { r0: t.row, c0: t.table.rect.c0, r1: t.row, c1: t.table.rect.c1 }; }
  _props(): Record<string, PropDef<RowTarget>> {
    const wb = (): WorkbookModel => this._ctx.model;
    return {
      index: { get: (t) => t.row - tableBody(t.table).r0 },
      values: {
        get: (t) => readValues({ sheet: t.table.sheet, rect: this._rect(t) }),
        set: (t, v) => {
          checkEditable(wb(), t.table.sheet, this._rect(t));
          forEachInput(this._rect(t), v, (r, c, x) => writeCell(wb(), t.table.sheet, r, c, x, 'TableRow.values'), 'TableRow.values');
        },
      },
    };
  }
  getRange(): RangeProxy { return this._make(new RangeProxy(this._ctx), 'TableRow.getRange', null, (t) => ({ sheet: t.table.sheet, rect: this._rect(t) })); }
  delete(): void {
    this._op('TableRow.delete', null, (t) => {
      const table = t.table;
      const body = tableBody(table);
      if (body.r0 === body.r1) {
        for (const [, , cell] of table.sheet.cellsIn(this._rect(t))) { cell.value = null; cell.formula = null; }
        return;
      }
      checkEditable(this._ctx.model, table.sheet, this._rect(t));
      // Cells below (within the table's columns) move up by one.
      const keys = [...table.sheet.rows.keys()].filter((r) => r >= t.row).sort((a, b) => a - b);
      for (const r of keys) {
        const row = table.sheet.rows.get(r)!;
        for (let c = table.rect.c0; c <= table.rect.c1; c++) {
          row.delete(c);
          const next = table.sheet.rows.get(r + 1)?.get(c);
          if (next) { next.moved(); row.set(c, next); table.sheet.rows.get(r + 1)!.delete(c); }
        }
      }
      table.rect = { ...table.rect, r1: table.rect.r1 - 1 };
      for (const o of this._ctx.model.tablesOf(table.sheet)) {
        if (o !== table && o.rect.r0 > t.row && o.rect.c0 >= table.rect.c0 && o.rect.c1 <= table.rect.c1) o.rect = { ...o.rect, r0: o.rect.r0 - 1, r1: o.rect.r1 - 1 };
      }
      this._ctx.model.dirty = true;
    });
  }
}
installProps(TableRowProxy, ['index', 'values'], ['values']);

export { sameRect };

/**
 * Table filters (the AutoFilter of a table): values filters per column hide the body rows whose text is not
 * listed; other criteria are kept but hide nothing (not modelled). A filtered table refuses rows.add (choice:
 * "rows.add on a filtered table may throw" is reported, unconfirmed; 自检 checks the workaround the commands
 * use, clearing the filters first).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- criteria objects are the Excel API's FilterCriteria */
import { fail } from '../model/errors';
import { type TableModel, tableBody } from '../model/model';
import { HostProxy, type HostRequestContext, type PropDef, installProps } from './proxyBase';
import { readText } from '../ops/rangeOps';

type Criteria = Record<string, any>;

const filters = new WeakMap<TableModel, Map<number, Criteria>>();
const hiddenByFilter = new WeakMap<TableModel, Set<number>>();

function of(t: TableModel): Map<number, Criteria> {
  let m = filters.get(t);
  if (!m) {
    m = new Map();
    filters.set(t, m);
  }
  return m;
}

export function isFiltered(t: TableModel): boolean {
  return (filters.get(t)?.size ?? 0) > 0;
}

/** Hides the body rows the criteria exclude (and shows again the rows a previous filter hid). */
function refresh(t: TableModel): void {
  const hidden = hiddenByFilter.get(t) ?? new Set<number>();
  for (const r of hidden) t.sheet.hiddenRows.delete(r);
  hidden.clear();
  const body = tableBody(t);
  for (const [colId, crit] of of(t)) {
    const i = t.columns.findIndex((c) => c.id === colId);
    if (i < 0 || crit.filterOn !== 'Values' || !Array.isArray(crit.values)) continue;
    const allowed = new Set((crit.values as unknown[]).map((v) => String(v).toLowerCase()));
    const c = t.rect.c0 + i;
    if (body.r1 < body.r0) continue;
    const text = readText({ sheet: t.sheet, rect: { r0: body.r0, c0: c, r1: body.r1, c1: c } });
    text.forEach((row, k) => {
      if (!allowed.has(String(row[0]).toLowerCase())) hidden.add(body.r0 + k);
    });
  }
  for (const r of hidden) t.sheet.hiddenRows.add(r);
  hiddenByFilter.set(t, hidden);
}

export function applyFilter(t: TableModel, columnIndex: number, criteria: Criteria | null): void {
  const col = t.columns[columnIndex];
  if (!col) fail('InvalidArgument', 'The column index is out of range.');
  if (criteria === null) of(t).delete(col.id);
  else {
    if (typeof criteria !== 'object' || typeof criteria.filterOn !== 'string') fail('InvalidArgument', 'Invalid filter criteria.');
    of(t).set(col.id, { ...criteria });
  }
  refresh(t);
}

export function clearFilters(t: TableModel): void {
  of(t).clear();
  refresh(t);
}

/** Table.autoFilter */
export class AutoFilterProxy extends HostProxy<TableModel> {
  constructor(ctx: HostRequestContext) { super(ctx, 'AutoFilter'); }
  _props(): Record<string, PropDef<TableModel>> {
    return {
      enabled: { get: () => true },
      isDataFiltered: { get: (t) => isFiltered(t) },
      criteria: { get: (t) => t.columns.map((c) => of(t).get(c.id) ?? { filterOn: 'Custom' }) },
    };
  }
  apply(range: unknown, columnIndex?: number, criteria?: Criteria): void {
    void range;
    this._op('AutoFilter.apply', [columnIndex ?? null, criteria ?? null], (t) => {
      if (columnIndex !== undefined && criteria !== undefined) applyFilter(t, columnIndex, criteria);
    });
  }
  clearCriteria(): void { this._op('AutoFilter.clearCriteria', null, (t) => clearFilters(t)); }
  clearColumnCriteria(columnIndex: number): void { this._op('AutoFilter.clearColumnCriteria', [columnIndex], (t) => applyFilter(t, columnIndex, null)); }
  reapply(): void { this._op('AutoFilter.reapply', null, (t) => refresh(t)); }
  remove(): void { this._op('AutoFilter.remove', null, (t) => clearFilters(t)); }
}
installProps(AutoFilterProxy, ['enabled', 'isDataFiltered', 'criteria']);

/** TableColumn.filter */
export class FilterProxy extends HostProxy<{ table: TableModel; col: { id: number } }> {
  constructor(ctx: HostRequestContext) { super(ctx, 'Filter'); }
  _props(): Record<string, PropDef<{ table: TableModel; col: { id: number } }>> {
    return { criteria: { get: (t) => of(t.table).get(t.col.id) ?? null } };
  }
  private index(t: { table: TableModel; col: { id: number } }): number {
    return t.table.columns.findIndex((c) => c.id === t.col.id);
  }
  apply(criteria: Criteria): void { this._op('Filter.apply', [criteria], (t) => applyFilter(t.table, this.index(t), criteria)); }
  applyValuesFilter(values: unknown[]): void {
    this._op('Filter.applyValuesFilter', [values], (t) => applyFilter(t.table, this.index(t), { filterOn: 'Values', values }));
  }
  clear(): void { this._op('Filter.clear', null, (t) => applyFilter(t.table, this.index(t), null)); }
}
installProps(FilterProxy, ['criteria']);

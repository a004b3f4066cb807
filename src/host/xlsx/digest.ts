/**
 * What the model holds of each part of a worksheet, as comparable strings: taken when the file is read and again
 * when it is written, so that only what changed is rewritten and the rest is copied as it was.
 */
import type { Sheet, Style, TableModel, WorkbookModel } from '../model/model';
import { XF, sameStyle } from './styles';

function styleId(s: Style | undefined): string {
  if (!s) return '';
  const src = (s as Style & { [XF]?: { index: number; as: Style } })[XF];
  if (src && sameStyle(s, src.as)) return `x${src.index}`;
  return JSON.stringify(s);
}

function sortedEntries<V>(m: Map<number, V>, f: (v: V) => unknown = (v) => v): unknown[] {
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [k, f(v)]);
}

export type SheetDigest = Record<'cols' | 'rows' | 'views' | 'format' | 'protection' | 'merges' | 'cf' | 'dv' | 'page' | 'tab' | 'charts', string>;

export function sheetDigest(model: WorkbookModel, sheet: Sheet): SheetDigest {
  const pl = sheet.pageLayout;
  return {
    cols: JSON.stringify([sortedEntries(sheet.colWidths), sortedEntries(sheet.colStyles, styleId), [...sheet.hiddenCols].sort((a, b) => a - b)]),
    rows: JSON.stringify([sortedEntries(sheet.rowHeights), sortedEntries(sheet.rowStyles, styleId), [...sheet.hiddenRows].sort((a, b) => a - b)]),
    views: JSON.stringify([sheet.frozenRows, sheet.frozenCols, sheet.passthrough.showGridLines ?? null]),
    format: JSON.stringify([sheet.standardWidth, sheet.standardHeight]),
    protection: JSON.stringify(sheet.protection),
    merges: JSON.stringify(sheet.merges),
    cf: JSON.stringify(sheet.conditionalFormats.map(({ id: _id, ...rest }) => rest)),
    dv: JSON.stringify(sheet.validations),
    page: JSON.stringify({ ...pl, printArea: null, printTitleRows: null, printTitleColumns: null }),
    tab: sheet.tabColor,
    charts: JSON.stringify(sheet.charts.map(({ id: _id, ...rest }) => rest)),
  };
}

/** Print area and titles (defined names in workbook.xml). */
export function printDigest(sheet: Sheet): string {
  const pl = sheet.pageLayout;
  return JSON.stringify([pl.printArea, pl.printTitleRows, pl.printTitleColumns]);
}

export function tableDigest(t: TableModel): string {
  return JSON.stringify([t.name, t.rect, t.showHeaders, t.showTotals, t.style, t.showBandedRows, t.showBandedColumns, t.showFilterButton,
    t.highlightFirstColumn, t.highlightLastColumn, t.columns.map((c) => [c.name, t.calculated.get(c.id) ?? null]), t.sheet.id]);
}

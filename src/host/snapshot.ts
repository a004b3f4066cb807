/** A plain-data picture of one sheet for the preview grid and for tests. */
import { rectAddress } from './model/address';
import { cfFormatAt } from './api/conditionalFormats';
import { type Sheet, type WorkbookModel, ErrorValue, DEFAULT_STYLE } from './model/model';
import { displayText } from './model/numberFormat';

export interface CellSnapshot {
  value: number | string | boolean | null;
  formula: string | null;
  text: string;
  numberFormat: string;
  fill: string | null;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  horizontalAlignment: string;
  /** What conditional formats add to this cell (null: no rule applies). */
  conditional: { fill: string | null; fontColor: string | null; bold: boolean | null } | null;
  locked: boolean;
  wrap: boolean;
}

export interface SheetSnapshot {
  name: string;
  visibility: string;
  tabColor: string;
  /** Rows and columns from A1 to the last used cell. */
  rowCount: number;
  columnCount: number;
  cells: CellSnapshot[][];
  merges: string[];
  /** Points per column / row over the used extent. */
  columnWidths: number[];
  rowHeights: number[];
  frozenRows: number;
  frozenColumns: number;
  tables: { name: string; address: string; columns: string[] }[];
  protected: boolean;
  charts: { name: string; type: string; title: string; source: string }[];
  validations: { address: string; type: string }[];
}

export function buildSnapshot(wb: WorkbookModel, sheet: Sheet): SheetSnapshot {
  const used = sheet.usedRect(false);
  let rowCount = used ? used.r1 + 1 : 0;
  let columnCount = used ? used.c1 + 1 : 0;
  for (const t of wb.tablesOf(sheet)) { rowCount = Math.max(rowCount, t.rect.r1 + 1); columnCount = Math.max(columnCount, t.rect.c1 + 1); }
  const cells: CellSnapshot[][] = [];
  for (let r = 0; r < rowCount; r++) {
    const line: CellSnapshot[] = [];
    for (let c = 0; c < columnCount; c++) {
      const cell = sheet.cell(r, c);
      const style = cell?.style ?? sheet.styleAt(r, c) ?? DEFAULT_STYLE;
      const v = cell?.value ?? null;
      const cf = sheet.conditionalFormats.length ? cfFormatAt(wb, sheet, r, c) : null;
      line.push({
        value: v instanceof ErrorValue ? v.code : v,
        formula: cell?.formula ?? null,
        text: displayText(v, style.numberFormat),
        numberFormat: style.numberFormat,
        fill: style.fill,
        fontColor: style.fontColor,
        bold: style.bold,
        italic: style.italic,
        horizontalAlignment: style.hAlign,
        conditional: cf ? { fill: cf.fill, fontColor: cf.fontColor, bold: cf.bold } : null,
        locked: style.locked,
        wrap: style.wrap,
      });
    }
    cells.push(line);
  }
  return {
    name: sheet.name,
    visibility: sheet.visibility,
    tabColor: sheet.tabColor,
    rowCount,
    columnCount,
    cells,
    merges: sheet.merges.map(rectAddress),
    columnWidths: Array.from({ length: columnCount }, (_, c) => sheet.colWidths.get(c) ?? sheet.standardWidth),
    rowHeights: Array.from({ length: rowCount }, (_, r) => sheet.rowHeights.get(r) ?? sheet.standardHeight),
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenCols,
    tables: wb.tablesOf(sheet).map((t) => ({ name: t.name, address: rectAddress(t.rect), columns: t.columns.map((c) => c.name) })),
    protected: sheet.protection.protected,
    charts: sheet.charts.map((ch) => ({ name: ch.name, type: ch.type, title: ch.title, source: rectAddress(ch.source) })),
    validations: sheet.validations.flatMap((v) => v.rects.map((r) => ({ address: rectAddress(r), type: v.dv.rule ? Object.keys(v.dv.rule)[0] : 'none' }))),
  };
}

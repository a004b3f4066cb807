/** .xlsx in and out through ExcelJS (browser-safe: Uint8Array in, Uint8Array out). */
/* eslint-disable @typescript-eslint/no-explicit-any -- ExcelJS models are untyped JSON-like objects */
import * as ExcelJSNs from 'exceljs';
import { type Rect, colIndex, parseLocal, rectAddress, tryParseLocal, MAX_COLS, MAX_ROWS, cellName } from './address';
import { fromFileFormula, toFileFormula } from './formulaShift';
import {
  type Cell, type CellValue, type ConditionalFormatModel, DEFAULT_STYLE, ErrorValue, type Sheet,
  type TableModel, WorkbookModel, tableBody,
} from './model';
import { HostWorkbook } from './workbook';
import { colorFromRaw, styleFromRaw, styleToRaw } from './xlsxStyle';
import JSZip from 'jszip';
import { addCharts, readCharts, sheetParts } from './xlsxCharts';
import { applyValidations, extractValidations, injectValidations } from './xlsxValidation';

type Raw = Record<string, any>;
const ExcelJS: any = (ExcelJSNs as any).default ?? ExcelJSNs;

const PAPER_IN: Record<number, string> = { 1: 'Letter', 5: 'Legal', 8: 'A3', 9: 'A4', 11: 'A5', 13: 'B5' };
const PAPER_OUT: Record<string, number> = Object.fromEntries(Object.entries(PAPER_IN).map(([k, v]) => [v, Number(k)]));

/** Column width: points (API) ↔ characters of the default font (file). */
export function pointsToChars(pt: number): number { return Math.max(0, Math.round(((pt / 0.75 - 5) / 7) * 100) / 100); }
export function charsToPoints(ch: number): number { return Math.round(Math.trunc(ch * 7 + 5 + 0.5) * 0.75 * 100) / 100; }

function dateSerial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateSerial(v);
  if (typeof v === 'object') {
    const o = v as Raw;
    if (typeof o.error === 'string') return new ErrorValue(o.error);
    if (Array.isArray(o.richText)) return o.richText.map((p: Raw) => p.text).join('');
    if (typeof o.text === 'string') return o.text;
    if (o.text && Array.isArray(o.text.richText)) return o.text.richText.map((p: Raw) => p.text).join('');
  }
  return null;
}

// ---------------------------------------------------------------- load

export async function loadXlsx(data: Uint8Array | ArrayBuffer): Promise<HostWorkbook> {
  const x = new ExcelJS.Workbook();
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // Validation and charts are read from the package directly; ExcelJS gets the rest.
  const zip = await JSZip.loadAsync(bytes);
  const parts = await sheetParts(zip);
  const validations = await extractValidations(zip, parts);
  await x.xlsx.load(await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }));
  const model = new WorkbookModel();
  const worksheets: Raw[] = [...x.worksheets].sort((a: Raw, b: Raw) => (a.orderNo ?? 0) - (b.orderNo ?? 0));
  const tablesToAdd: { sheet: Sheet; ws: Raw }[] = [];
  let missingResults = false;
  for (const ws of worksheets) {
    const sheet = model.addSheet(ws.name);
    sheet.visibility = ws.state === 'hidden' ? 'Hidden' : ws.state === 'veryHidden' ? 'VeryHidden' : 'Visible';
    const tab = colorFromRaw(ws.properties?.tabColor);
    if (tab) sheet.tabColor = tab;
    if (ws.properties?.defaultRowHeight) sheet.standardHeight = ws.properties.defaultRowHeight;
    if (ws.properties?.defaultColWidth) sheet.standardWidth = charsToPoints(ws.properties.defaultColWidth);
    if (loadCells(ws, sheet)) missingResults = true;
    loadColumns(ws, sheet);
    for (const m of (ws.model?.merges ?? []) as string[]) sheet.merges.push(parseLocal(m));
    const view = (ws.views ?? [])[0];
    if (view?.state === 'frozen') { sheet.frozenRows = view.ySplit ?? 0; sheet.frozenCols = view.xSplit ?? 0; }
    if (view && view.showGridLines === false) sheet.passthrough.showGridLines = false;
    if (ws.sheetProtection?.sheet) {
      const p = ws.sheetProtection;
      sheet.protection = {
        protected: true,
        options: { allowFormatCells: Boolean(p.formatCells), allowFormatColumns: Boolean(p.formatColumns), allowFormatRows: Boolean(p.formatRows),
          allowInsertRows: Boolean(p.insertRows), allowDeleteRows: Boolean(p.deleteRows), allowSort: Boolean(p.sort), allowAutoFilter: Boolean(p.autoFilter) },
      };
      sheet.passthrough.sheetProtection = p;
    }
    loadPageSetup(ws, sheet);
    loadConditionalFormats(model, ws, sheet);
    tablesToAdd.push({ sheet, ws });
  }
  for (const { sheet, ws } of tablesToAdd) {
    for (const t of Object.values(ws.tables ?? {}) as Raw[]) loadTable(model, sheet, t.table ?? t.model);
  }
  for (const dn of (x.definedNames?.model ?? []) as Raw[]) {
    if (!dn.name || dn.name.startsWith('_xlnm.') || !dn.ranges?.length) continue;
    if (dn.localSheetId !== undefined) continue;
    model.names.push({ name: dn.name, formula: `=${dn.ranges[0]}`, comment: '', visible: true });
  }
  await readCharts(zip, parts, model);
  applyValidations(model, validations);
  model.activeSheet = model.sheets[x.views?.[0]?.activeTab ?? 0] ?? model.sheets[0] ?? null;
  if (model.activeSheet && model.activeSheet.visibility !== 'Visible') model.activeSheet = model.sheets.find((s) => s.visibility === 'Visible') ?? null;
  // Formula results are the cached ones from the file until something changes (then everything recalculates);
  // a file without cached results (written by a generator) is calculated at once, as Excel does on open.
  model.dirty = missingResults;
  return new HostWorkbook(model);
}

/** Loads cell values, formulas and styles; true when some formula has no cached result. */
function loadCells(ws: Raw, sheet: Sheet): boolean {
  let missing = false;
  const styleCache = new Map<string, ReturnType<typeof styleFromRaw>>();
  const styleOf = (raw: Raw): ReturnType<typeof styleFromRaw> | undefined => {
    if (!raw || Object.keys(raw).length === 0) return undefined;
    const key = JSON.stringify(raw);
    let s = styleCache.get(key);
    if (!s) { s = styleFromRaw(raw); styleCache.set(key, s); }
    return s;
  };
  ws.eachRow({ includeEmpty: true }, (row: Raw, rowNumber: number) => {
    const r = rowNumber - 1;
    if (typeof row.height === 'number' && row.height > 0) sheet.rowHeights.set(r, row.height);
    if (row.hidden) sheet.hiddenRows.add(r);
    row.eachCell({ includeEmpty: true }, (xc: Raw, colNumber: number) => {
      const c = colNumber - 1;
      const style = styleOf(xc.style);
      const isSlave = xc.isMerged && xc.master && xc.master !== xc && xc.master.address !== xc.address;
      const v = isSlave ? null : xc.value;
      if (v === null && !style) return;
      const cell = sheet.ensure(r, c);
      if (style) cell.style = style;
      if (v === null || v === undefined) return;
      if (typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
        const f: string | undefined = xc.formula ?? v.formula;
        if (f) {
          cell.formula = fromFileFormula(f);
          cell.value = plainValue(v.result);
          if (v.result === undefined) missing = true;
          return;
        }
      }
      cell.value = plainValue(v);
      if (typeof v === 'object' && !(v instanceof Date) && v !== null && !('error' in v)) (cell as Cell & { raw?: unknown }).raw = v;
    });
  });
  return missing;
}

function loadColumns(ws: Raw, sheet: Sheet): void {
  const cols: Raw[] = ws.columns ?? [];
  cols.forEach((col: Raw, i: number) => {
    if (!col) return;
    if (col.width !== undefined && col.width !== null) sheet.colWidths.set(i, charsToPoints(col.width));
    if (col.hidden) sheet.hiddenCols.add(i);
    const st = col.style;
    if (st && Object.keys(st).length) sheet.colStyles.set(i, styleFromRaw(st));
  });
}

function loadPageSetup(ws: Raw, sheet: Sheet): void {
  const ps = ws.pageSetup ?? {};
  const pl = sheet.pageLayout;
  if (ps.orientation === 'landscape') pl.orientation = 'Landscape';
  if (ps.paperSize) pl.paperSize = PAPER_IN[ps.paperSize] ?? String(ps.paperSize);
  const m = ps.margins;
  if (m) pl.margins = { top: m.top * 72, bottom: m.bottom * 72, left: m.left * 72, right: m.right * 72, header: m.header * 72, footer: m.footer * 72 };
  pl.centerHorizontally = Boolean(ps.horizontalCentered);
  pl.centerVertically = Boolean(ps.verticalCentered);
  if (ps.fitToPage) pl.zoom = { scale: null, horizontalFitToPages: ps.fitToWidth ?? 1, verticalFitToPages: ps.fitToHeight ?? 1 };
  else if (ps.scale) pl.zoom = { scale: ps.scale, horizontalFitToPages: null, verticalFitToPages: null };
  if (ps.printArea) pl.printArea = String(ps.printArea).split('&&').map((a) => parseLocal(a.replace(/\$/g, '')));
  if (ps.printTitlesRow) pl.printTitleRows = parseLocal(String(ps.printTitlesRow).replace(/\$/g, ''));
  if (ps.printTitlesColumn) pl.printTitleColumns = parseLocal(String(ps.printTitlesColumn).replace(/\$/g, ''));
  const hf = ws.headerFooter ?? {};
  if (hf.oddFooter) pl.footer = parseHf(hf.oddFooter);
  if (hf.oddHeader) pl.header = parseHf(hf.oddHeader);
}

function parseHf(s: string): { left: string; center: string; right: string } {
  const out = { left: '', center: '', right: '' };
  let cur: 'left' | 'center' | 'right' = 'center';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '&' && (s[i + 1] === 'L' || s[i + 1] === 'C' || s[i + 1] === 'R')) {
      cur = s[i + 1] === 'L' ? 'left' : s[i + 1] === 'C' ? 'center' : 'right';
      i += 2;
      continue;
    }
    out[cur] += s[i++];
  }
  return out;
}

const CF_OP_IN: Record<string, string> = {
  between: 'Between', notBetween: 'NotBetween', equal: 'EqualTo', notEqual: 'NotEqualTo', greaterThan: 'GreaterThan', lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqual', lessThanOrEqual: 'LessThanOrEqual',
};
const CF_OP_OUT: Record<string, string> = Object.fromEntries(Object.entries(CF_OP_IN).map(([k, v]) => [v, k]));

function loadConditionalFormats(model: WorkbookModel, ws: Raw, sheet: Sheet): void {
  const keep: Raw[] = [];
  for (const cfRaw of (ws.conditionalFormattings ?? []) as Raw[]) {
    const rects = String(cfRaw.ref).split(/\s+/).map((a) => tryParseLocal(a.replace(/\$/g, ''))).filter((r): r is Rect => r !== null);
    const other: Raw[] = [];
    for (const rule of (cfRaw.rules ?? []) as Raw[]) {
      if (rule.type !== 'cellIs' && rule.type !== 'expression') { other.push(rule); continue; }
      const st = rule.style ?? {};
      const cf: ConditionalFormatModel = {
        id: model.newId(), type: rule.type === 'cellIs' ? 'CellValue' : 'Custom', rects: rects.map((r) => ({ ...r })),
        rule: rule.type === 'cellIs'
          ? { operator: CF_OP_IN[rule.operator] ?? 'EqualTo', formula1: cfOperandIn(rule.formulae?.[0]), formula2: rule.formulae?.[1] === undefined ? undefined : cfOperandIn(rule.formulae[1]) }
          : { formula: `=${fromFileFormula(String(rule.formulae?.[0] ?? '')).slice(1)}` },
        format: {
          fill: colorFromRaw(st.fill?.bgColor) ?? colorFromRaw(st.fill?.fgColor),
          fontColor: colorFromRaw(st.font?.color),
          bold: st.font?.bold === undefined ? null : Boolean(st.font.bold),
          italic: st.font?.italic === undefined ? null : Boolean(st.font.italic),
        },
        stopIfTrue: Boolean(rule.stopIfTrue),
        priority: typeof rule.priority === 'number' ? rule.priority - 1 : sheet.conditionalFormats.length,
      };
      sheet.conditionalFormats.push(cf);
    }
    if (other.length) keep.push({ ...cfRaw, rules: other });
  }
  if (keep.length) sheet.passthrough.otherConditionalFormats = keep;
}

function cfOperandIn(v: unknown): string {
  if (typeof v === 'number') return String(v);
  const s = String(v ?? '');
  if (s.trim() !== '' && Number.isFinite(Number(s))) return s;
  return s.startsWith('"') ? s.replace(/^"|"$/g, '') : `=${s}`;
}

function loadTable(model: WorkbookModel, sheet: Sheet, t: Raw): void {
  if (!t) return;
  const ref = t.tableRef ?? t.ref;
  const rect = tryParseLocal(String(ref));
  if (!rect) return;
  const columns = ((t.columns ?? []) as Raw[]).map((c) => ({ id: model.newId(), name: String(c.name) }));
  // ExcelJS reads a missing headerRowCount (Excel's default, 1) as "no header": trust the header cells instead.
  const headerCellsMatch = columns.every((c, i) => String(sheet.cell(rect.r0, rect.c0 + i)?.value ?? '') === c.name);
  const table: TableModel = {
    id: model.newId(), name: t.name, sheet, rect, showHeaders: true, showTotals: Boolean(t.totalsRow),
    style: t.style?.theme ?? 'TableStyleMedium2', showBandedRows: Boolean(t.style?.showRowStripes), showBandedColumns: Boolean(t.style?.showColumnStripes),
    showFilterButton: t.autoFilterRef !== undefined || headerCellsMatch, highlightFirstColumn: Boolean(t.style?.showFirstColumn),
    highlightLastColumn: Boolean(t.style?.showLastColumn), columns, calculated: new Map(),
  };
  if (!headerCellsMatch && t.headerRow === false) {
    // A table without a header row: this host always shows headers, so the names go into the cells above…
    // which would change the sheet. Keep it as a header-less range instead (documented limitation).
    table.showHeaders = false;
  }
  model.tables.push(table);
}

// ---------------------------------------------------------------- save

export async function saveXlsx(wb: HostWorkbook): Promise<Uint8Array> {
  wb.recalc();
  const model = wb.model;
  const x = new ExcelJS.Workbook();
  x.calcProperties = { fullCalcOnLoad: true };
  for (const sheet of model.sheets) {
    const ws = x.addWorksheet(sheet.name, {
      state: sheet.visibility === 'Hidden' ? 'hidden' : sheet.visibility === 'VeryHidden' ? 'veryHidden' : 'visible',
      properties: {
        ...(sheet.tabColor ? { tabColor: { argb: `FF${sheet.tabColor.slice(1)}` } } : {}), defaultRowHeight: sheet.standardHeight,
        ...(sheet.standardWidth !== 48 ? { defaultColWidth: pointsToChars(sheet.standardWidth) } : {}),
      },
    });
    saveColumns(ws, sheet);
    saveCells(model, ws, sheet);
    for (const [r, h] of sheet.rowHeights) ws.getRow(r + 1).height = h;
    for (const r of sheet.hiddenRows) ws.getRow(r + 1).hidden = true;
    for (const m of sheet.merges) ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
    const view: Raw = { state: 'normal' };
    if (sheet.frozenRows || sheet.frozenCols) {
      Object.assign(view, { state: 'frozen', xSplit: sheet.frozenCols, ySplit: sheet.frozenRows, topLeftCell: cellName(sheet.frozenRows, sheet.frozenCols) });
    }
    if (sheet.passthrough.showGridLines === false) view.showGridLines = false;
    if (model.activeSheet === sheet) view.tabSelected = true;
    ws.views = [view];
    if (sheet.protection.protected) {
      const o = sheet.protection.options;
      const opts = {
        formatCells: Boolean(o.allowFormatCells), formatColumns: Boolean(o.allowFormatColumns), formatRows: Boolean(o.allowFormatRows),
        insertRows: Boolean(o.allowInsertRows), deleteRows: Boolean(o.allowDeleteRows), sort: Boolean(o.allowSort), autoFilter: Boolean(o.allowAutoFilter),
        selectLockedCells: true, selectUnlockedCells: true,
      };
      if (typeof o.password === 'string' && o.password) await ws.protect(o.password, opts);
      else ws.sheetProtection = { ...(sheet.passthrough.sheetProtection as Raw ?? {}), sheet: true, ...opts };
    }
    savePageSetup(ws, sheet);
    saveConditionalFormats(ws, sheet);
  }
  for (const t of model.tables) saveTable(x, t);
  for (const n of model.names) {
    const ref = n.formula.replace(/^=/, '');
    try { x.definedNames.add(ref, n.name); } catch { /* names that are not plain ranges are not written (README) */ }
  }
  const active = model.activeSheet ? model.sheets.indexOf(model.activeSheet) : 0;
  x.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: Math.max(0, active), visibility: 'visible' }];
  const buf = await x.xlsx.writeBuffer();
  // Validation and charts are written into the package directly (see xlsxValidation.ts, xlsxCharts.ts).
  const needsPost = model.sheets.some((s) => s.validations.length || s.charts.length);
  if (!needsPost) return new Uint8Array(buf as ArrayBuffer);
  const zip = await JSZip.loadAsync(new Uint8Array(buf as ArrayBuffer));
  const parts = await sheetParts(zip);
  await injectValidations(zip, parts, model);
  await addCharts(zip, parts, model);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function saveColumns(ws: Raw, sheet: Sheet): void {
  const idx = new Set<number>([...sheet.colWidths.keys(), ...sheet.colStyles.keys(), ...sheet.hiddenCols]);
  for (const c of [...idx].sort((a, b) => a - b)) {
    if (c >= MAX_COLS) continue;
    const col = ws.getColumn(c + 1);
    const w = sheet.colWidths.get(c);
    // ExcelJS drops a width of exactly 9 (its own default), which is not Excel's: nudge it.
    if (w !== undefined) col.width = pointsToChars(w) === 9 ? 9.0001 : pointsToChars(w);
    const st = sheet.colStyles.get(c);
    if (st) col.style = styleToRaw(st);
    if (sheet.hiddenCols.has(c)) col.hidden = true;
  }
}

function fileValue(v: CellValue): unknown {
  if (v instanceof ErrorValue) return { error: v.code };
  return v;
}

function saveCells(model: WorkbookModel, ws: Raw, sheet: Sheet): void {
  const rawCache = new Map<object, Raw>();
  for (const [r, row] of [...sheet.rows].sort((a, b) => a[0] - b[0])) {
    if (r >= MAX_ROWS) continue;
    const xr = ws.getRow(r + 1);
    const rowStyle = sheet.rowStyles.get(r);
    for (const [c, cell] of [...row].sort((a, b) => a[0] - b[0])) {
      const xc = xr.getCell(c + 1);
      const style = cell.style ?? rowStyle;
      if (style && style !== DEFAULT_STYLE) {
        let raw = rawCache.get(style);
        if (!raw) { raw = styleToRaw(style); rawCache.set(style, raw); }
        if (Object.keys(raw).length) xc.style = raw;
      }
      if (cell.formula !== null) {
        const table = model.tableAt(sheet, r, c);
        xc.value = { formula: toFileFormula(cell.formula, table?.name ?? null), result: fileValue(cell.value) ?? undefined };
      } else if (cell.value !== null) {
        const raw = (cell as Cell & { raw?: Raw }).raw;
        xc.value = raw && plainValue(raw) === cell.value ? raw : fileValue(cell.value);
      }
    }
  }
}

function savePageSetup(ws: Raw, sheet: Sheet): void {
  const pl = sheet.pageLayout;
  const ps: Raw = {
    orientation: pl.orientation === 'Landscape' ? 'landscape' : 'portrait',
    paperSize: PAPER_OUT[pl.paperSize] ?? (Number(pl.paperSize) || 9),
    margins: { top: pl.margins.top / 72, bottom: pl.margins.bottom / 72, left: pl.margins.left / 72, right: pl.margins.right / 72, header: pl.margins.header / 72, footer: pl.margins.footer / 72 },
    horizontalCentered: pl.centerHorizontally || undefined,
    verticalCentered: pl.centerVertically || undefined,
  };
  if (pl.zoom.horizontalFitToPages !== null || pl.zoom.verticalFitToPages !== null) {
    Object.assign(ps, { fitToPage: true, fitToWidth: pl.zoom.horizontalFitToPages ?? 0, fitToHeight: pl.zoom.verticalFitToPages ?? 0 });
  } else if (pl.zoom.scale && pl.zoom.scale !== 100) ps.scale = pl.zoom.scale;
  if (pl.printArea) ps.printArea = pl.printArea.map(rectAddressFull).join('&&');
  if (pl.printTitleRows) ps.printTitlesRow = `${pl.printTitleRows.r0 + 1}:${pl.printTitleRows.r1 + 1}`;
  if (pl.printTitleColumns) ps.printTitlesColumn = `${rectAddressFull(pl.printTitleColumns).split(':').map((a) => a.replace(/\d+/g, '')).join(':')}`;
  ws.pageSetup = { ...ws.pageSetup, ...ps };
  const hf = (p: { left: string; center: string; right: string }): string | undefined => {
    const s = `${p.left ? `&L${p.left}` : ''}${p.center ? `&C${p.center}` : ''}${p.right ? `&R${p.right}` : ''}`;
    return s || undefined;
  };
  const footer = hf(pl.footer), header = hf(pl.header);
  if (footer || header) ws.headerFooter = { oddFooter: footer, oddHeader: header };
}

/** A1:B2 always with both corners (ExcelJS splits the print area on ":"). */
/**
 * ExcelJS writes a print area by putting one `$` before each corner ("A1:M8" → "$A1:$M8", a mixed reference
 * that LibreOffice ignores). Giving it "A$1:M$8" makes it write the absolute "$A$1:$M$8" that Excel writes.
 */
function rectAddressFull(r: Rect): string {
  return `${absRow(cellName(r.r0, r.c0))}:${absRow(cellName(r.r1, r.c1))}`;
}

function absRow(cell: string): string {
  return cell.replace(/^([A-Z]+)(\d+)$/, '$1$$$2');
}


function saveConditionalFormats(ws: Raw, sheet: Sheet): void {
  const sorted = [...sheet.conditionalFormats].sort((a, b) => a.priority - b.priority);
  sorted.forEach((cf, i) => {
    const style: Raw = {};
    if (cf.format.fill) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${cf.format.fill.slice(1)}` } };
    if (cf.format.fontColor || cf.format.bold !== null || cf.format.italic !== null) {
      style.font = { ...(cf.format.fontColor ? { color: { argb: `FF${cf.format.fontColor.slice(1)}` } } : {}), ...(cf.format.bold !== null ? { bold: cf.format.bold } : {}), ...(cf.format.italic !== null ? { italic: cf.format.italic } : {}) };
    }
    const ref = cf.rects.map(rectAddress).join(' ');
    const origin = cf.rects[0];
    let rule: Raw;
    if (cf.type === 'CellValue') {
      const f = [cfOperandOut(cf.rule.formula1)];
      if (cf.rule.formula2 !== undefined) f.push(cfOperandOut(cf.rule.formula2));
      rule = { type: 'cellIs', operator: CF_OP_OUT[cf.rule.operator ?? 'EqualTo'] ?? 'equal', formulae: f, style, priority: i + 1 };
    } else {
      rule = { type: 'expression', formulae: [toFileFormula(cf.rule.formula ?? '', null)], style, priority: i + 1 };
    }
    if (cf.stopIfTrue) rule.stopIfTrue = true;
    void origin;
    ws.addConditionalFormatting({ ref, rules: [rule] });
  });
  const other = sheet.passthrough.otherConditionalFormats as Raw[] | undefined;
  for (const o of other ?? []) ws.addConditionalFormatting(o);
}

function cfOperandOut(v: string | undefined): string | number {
  const s = String(v ?? '');
  if (s.trim() !== '' && Number.isFinite(Number(s))) return Number(s);
  if (s.startsWith('=')) return s.slice(1);
  return `"${s.replace(/"/g, '""')}"`;
}

function saveTable(x: Raw, t: TableModel): void {
  const ws = x.getWorksheet(t.sheet.name);
  const body = tableBody(t);
  const bodyRows: unknown[][] = [];
  const cellValueOut = (r: number, c: number): unknown => {
    const xc = ws.getRow(r + 1).getCell(c + 1);
    return xc.value;
  };
  for (let r = body.r0; r <= body.r1; r++) {
    const line: unknown[] = [];
    for (let c = t.rect.c0; c <= t.rect.c1; c++) line.push(cellValueOut(r, c));
    bodyRows.push(line);
  }
  const totals = t.showTotals ? Array.from({ length: t.columns.length }, (_, i) => cellValueOut(t.rect.r1, t.rect.c0 + i)) : null;
  const headerless = !t.showHeaders;
  ws.addTable({
    name: t.name,
    displayName: t.name,
    ref: cellName(t.rect.r0, t.rect.c0),
    headerRow: !headerless,
    totalsRow: t.showTotals,
    style: { theme: t.style || undefined, showRowStripes: t.showBandedRows, showColumnStripes: t.showBandedColumns, showFirstColumn: t.highlightFirstColumn, showLastColumn: t.highlightLastColumn },
    columns: t.columns.map((c, i) => {
      const tv = totals?.[i] as Raw | undefined;
      if (i === 0) return { name: c.name, filterButton: t.showFilterButton, totalsRowLabel: typeof tv === 'string' ? tv : 'Total' };
      if (tv && typeof tv === 'object' && 'formula' in tv) return { name: c.name, filterButton: t.showFilterButton, totalsRowFunction: 'custom', totalsRowFormula: tv.formula, totalsRowResult: tv.result };
      return { name: c.name, filterButton: t.showFilterButton, totalsRowFunction: 'none' };
    }),
    rows: bodyRows.length ? bodyRows : [t.columns.map(() => null)],
  });
  if (headerless) return;
  void colIndex;
}

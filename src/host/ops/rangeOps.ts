/** Model-level range operations (run at sync time by the proxies). */
import { type Rect, cols, rows, intersect, MAX_COLS, MAX_ROWS, containsCell } from '../model/address';
import { fail } from '../model/errors';
import { isParsable } from '../formula/evaluate';
import { type Cell, type CellValue, DEFAULT_STYLE, ErrorValue, type Sheet, type Style, type WorkbookModel } from '../model/model';
import { displayText, parseInput } from '../model/numberFormat';
import { renameColumnFromHeader } from './tableOps';

export interface RangeTarget { sheet: Sheet; rect: Rect }

/** Applies fn to each cell of a 2-D input (or a broadcast scalar), checking the size like Excel. */
export function forEachInput(rect: Rect, input: unknown, fn: (r: number, c: number, v: unknown) => void, what: string): void {
  const h = rows(rect), w = cols(rect);
  if (!Array.isArray(input)) {
    // A single (non-array) value is applied to every cell.
    if (h * w > 5_000_000) fail('InvalidArgument', `${what}: range too large`);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) fn(rect.r0 + r, rect.c0 + c, input);
    return;
  }
  if (input.length !== h || input.some((row) => !Array.isArray(row) || row.length !== w)) {
    fail('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
  }
  for (let r = 0; r < h; r++) {
    const row = input[r] as unknown[];
    for (let c = 0; c < w; c++) fn(rect.r0 + r, rect.c0 + c, row[c]);
  }
}

export function checkEditable(wb: WorkbookModel, sheet: Sheet, rect: Rect, kind: 'contents' | 'formats' | 'columns' | 'rows' = 'contents'): void {
  if (!sheet.protection.protected) return;
  const o = sheet.protection.options;
  if (kind === 'formats' && o.allowFormatCells) return;
  if (kind === 'columns' && o.allowFormatColumns) return;
  if (kind === 'rows' && o.allowFormatRows) return;
  if (kind !== 'contents') fail('AccessDenied', 'The sheet is protected.');
  // Contents: only unlocked cells may change.
  const h = rows(rect), w = cols(rect);
  if (h * w > 100000) {
    // Whole columns/rows: check the column/row styles and the existing cells.
    for (const [, , cell] of sheet.cellsIn(rect)) if ((cell.style ?? DEFAULT_STYLE).locked) fail('AccessDenied', 'The cell or chart you are trying to change is protected.');
    return;
  }
  for (let r = rect.r0; r <= rect.r1; r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      if (sheet.styleAt(r, c).locked) fail('AccessDenied', 'The cell or chart you are trying to change is protected and therefore read-only.');
    }
  }
  void wb;
}

/** Writes one input value into a cell the way Excel's values/formulas setters do. */
export function writeCell(wb: WorkbookModel, sheet: Sheet, r: number, c: number, v: unknown, what: string): void {
  if (v === null || v === undefined) return; // null leaves the cell unchanged
  const merge = sheet.mergeAt(r, c);
  if (merge && (merge.r0 !== r || merge.c0 !== c)) return; // hidden cells of a merged area keep nothing
  const table = wb.tableAt(sheet, r, c);
  if (table && table.showHeaders && r === table.rect.r0) {
    const cell = sheet.ensure(r, c);
    cell.formula = null;
    cell.value = headerText(v);
    renameColumnFromHeader(wb, table, c - table.rect.c0, cell);
    wb.dirty = true;
    return;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('InvalidArgument', `${what}: invalid number`);
    setConst(sheet, r, c, v);
  } else if (typeof v === 'boolean') setConst(sheet, r, c, v);
  else if (typeof v === 'string') {
    const cell = sheet.cell(r, c);
    const nf = (cell?.style ?? sheet.styleAt(r, c)).numberFormat;
    if (v === '') { if (cell) { cell.value = null; cell.formula = null; } }
    else if (nf === '@') setConst(sheet, r, c, v);
    else if (v.startsWith('=') && v.length > 1) setFormula(sheet, r, c, v);
    else if ((v.startsWith('+') || v.startsWith('-')) && v.length > 1 && parseInput(v).value === v && isParsable('=' + v)) {
      setFormula(sheet, r, c, '=' + v);
    } else {
      const p = parseInput(v);
      setConst(sheet, r, c, p.value);
      if (p.format && nf === 'General') setStyle(sheet, r, c, { numberFormat: p.format });
    }
  } else fail('InvalidArgument', `${what}: unsupported value type ${typeof v}`);
  wb.markDirty(sheet);
}

function headerText(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function setConst(sheet: Sheet, r: number, c: number, v: CellValue): void {
  const cell = sheet.ensure(r, c);
  cell.value = v;
  cell.formula = null;
}

function setFormula(sheet: Sheet, r: number, c: number, f: string): void {
  const cell = sheet.ensure(r, c);
  cell.formula = f;
  cell.value = null;
}

const setStyleMemo = new WeakMap<Style, Map<string, Style>>();
/** Sets style properties of one cell; equal results are shared between cells. */
export function setStyle(sheet: Sheet, r: number, c: number, patch: Partial<Style>): void {
  const cell = sheet.ensure(r, c);
  const base = cell.style ?? DEFAULT_STYLE;
  const key = JSON.stringify(patch);
  let m = setStyleMemo.get(base);
  if (!m) { m = new Map(); setStyleMemo.set(base, m); }
  let n = m.get(key);
  if (!n) { n = { ...base, ...patch }; m.set(key, n); }
  cell.style = n;
}

/** Applies a style patch to every cell of the rectangle; whole rows/columns also set the row/column style. */
export function patchStyle(sheet: Sheet, rect: Rect, patch: Partial<Style> | ((s: Style, r: number, c: number) => Partial<Style>)): void {
  const wholeCols = rect.r0 === 0 && rect.r1 === MAX_ROWS - 1;
  const wholeRows = rect.c0 === 0 && rect.c1 === MAX_COLS - 1;
  const get = (s: Style, r: number, c: number): Partial<Style> => (typeof patch === 'function' ? patch(s, r, c) : patch);
  // Cells that had the same style share the patched one (memory, and fast saving).
  const memo = new Map<Style, Style>();
  const next = (s: Style, r: number, c: number): Style => {
    if (typeof patch === 'function') return { ...s, ...patch(s, r, c) };
    let n = memo.get(s);
    if (!n) { n = { ...s, ...patch }; memo.set(s, n); }
    return n;
  };
  if (wholeCols || wholeRows) {
    if (wholeCols) for (let c = rect.c0; c <= rect.c1 && !wholeRows; c++) {
      const s = sheet.colStyles.get(c) ?? DEFAULT_STYLE;
      sheet.colStyles.set(c, { ...s, ...get(s, 0, c) });
    }
    if (wholeRows) for (let r = rect.r0; r <= rect.r1; r++) {
      const s = sheet.rowStyles.get(r) ?? DEFAULT_STYLE;
      sheet.rowStyles.set(r, { ...s, ...get(s, r, 0) });
    }
    for (const [r, c, cell] of sheet.cellsIn(rect)) cell.style = next(cell.style ?? DEFAULT_STYLE, r, c);
    // Cells in rows that have a row style but no cell entry fall back to the row style: give them the column patch.
    if (wholeCols && !wholeRows) {
      for (const [r, rs] of sheet.rowStyles) for (let c = rect.c0; c <= rect.c1; c++) {
        if (!sheet.cell(r, c)) { const cell = sheet.ensure(r, c); cell.style = { ...rs, ...get(rs, r, c) }; }
      }
    }
    return;
  }
  for (let r = rect.r0; r <= rect.r1; r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      const cell = sheet.ensure(r, c);
      cell.style = next(cell.style ?? DEFAULT_STYLE, r, c);
    }
  }
}

/** Reads a 2-D grid of a per-cell property. */
export function readGrid<T>(t: RangeTarget, fn: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
  const h = rows(t.rect), w = cols(t.rect);
  if (h * w > 5_000_000) fail('ResponsePayloadSizeLimitExceeded', 'The range is too large to read.');
  const out: T[][] = new Array(h);
  for (let r = 0; r < h; r++) {
    const row = t.sheet.rows.get(t.rect.r0 + r);
    const line: T[] = new Array(w);
    for (let c = 0; c < w; c++) line[c] = fn(row?.get(t.rect.c0 + c), t.rect.r0 + r, t.rect.c0 + c);
    out[r] = line;
  }
  return out;
}

export function apiValue(v: CellValue): number | string | boolean {
  if (v === null) return '';
  if (v instanceof ErrorValue) return v.code;
  return v;
}

export function readValues(t: RangeTarget): (number | string | boolean)[][] {
  return readGrid(t, (cell) => (cell ? apiValue(cell.value) : ''));
}

export function readFormulas(t: RangeTarget): (number | string | boolean)[][] {
  return readGrid(t, (cell) => (cell ? cell.formula ?? apiValue(cell.value) : ''));
}

export function readNumberFormats(t: RangeTarget): string[][] {
  return readGrid(t, (cell, r, c) => (cell?.style ?? t.sheet.styleAt(r, c)).numberFormat);
}

export function readText(t: RangeTarget): string[][] {
  return readGrid(t, (cell, r, c) => (cell ? displayText(cell.value, (cell.style ?? t.sheet.styleAt(r, c)).numberFormat) : ''));
}

export function valueType(v: CellValue): string {
  if (v === null) return 'Empty';
  if (v instanceof ErrorValue) return 'Error';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return v === '' ? 'Empty' : 'String';
}

export function readValueTypes(t: RangeTarget): string[][] {
  return readGrid(t, (cell) => (cell ? valueType(cell.value) : 'Empty'));
}

/** A style property over a range: the common value, or null when cells differ (like Excel). */
export function commonStyle<K extends keyof Style>(t: RangeTarget, key: K): Style[K] | null {
  const { sheet, rect } = t;
  const n = rows(rect) * cols(rect);
  let first: Style[K] | undefined;
  const check = (v: Style[K]): boolean => {
    if (first === undefined) { first = v; return true; }
    return JSON.stringify(first) === JSON.stringify(v);
  };
  if (n > 200000) {
    // Large areas: column/row styles plus the existing cells.
    if (!check(sheet.styleAt(rect.r0, rect.c0)[key])) return null;
    for (const [, , cell] of sheet.cellsIn(rect)) if (!check((cell.style ?? DEFAULT_STYLE)[key])) return null;
    return first ?? null;
  }
  for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) {
    if (!check(sheet.styleAt(r, c)[key])) return null;
  }
  return first ?? null;
}

export type ClearWhat = 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks' | 'ResetContents';

export function clearRange(wb: WorkbookModel, t: RangeTarget, applyTo: ClearWhat): void {
  const { sheet, rect } = t;
  const contents = applyTo === 'All' || applyTo === 'Contents' || applyTo === 'ResetContents';
  const formats = applyTo === 'All' || applyTo === 'Formats';
  for (const [r, c, cell] of [...sheet.cellsIn(rect)]) {
    const table = wb.tableAt(sheet, r, c);
    const isHeader = table && table.showHeaders && r === table.rect.r0;
    if (contents && !isHeader) { cell.value = null; cell.formula = null; }
    if (formats) cell.style = undefined;
  }
  if (formats) {
    const wholeCols = rect.r0 === 0 && rect.r1 === MAX_ROWS - 1;
    const wholeRows = rect.c0 === 0 && rect.c1 === MAX_COLS - 1;
    if (wholeCols) for (let c = rect.c0; c <= rect.c1; c++) sheet.colStyles.delete(c);
    if (wholeRows) for (let r = rect.r0; r <= rect.r1; r++) sheet.rowStyles.delete(r);
    sheet.merges = sheet.merges.filter((m) => !intersect(m, rect));
  }
  if (applyTo === 'All') {
    // Data validation and conditional formats go with "All" as in Excel's Clear All.
    sheet.validations = subtractEntries(sheet.validations, rect);
    for (const cf of sheet.conditionalFormats) cf.rects = cf.rects.flatMap((x) => subtractRect(x, rect));
    sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => cf.rects.length > 0);
  }
  wb.markDirty(sheet);
}

import { subtract as subtractRect } from '../model/address';
export function subtractEntries<E extends { rects: Rect[] }>(entries: E[], rect: Rect): E[] {
  for (const e of entries) e.rects = e.rects.flatMap((x) => subtractRect(x, rect));
  return entries.filter((e) => e.rects.length > 0);
}

export function mergeRange(wb: WorkbookModel, t: RangeTarget, across: boolean): void {
  const { sheet, rect } = t;
  for (const tb of wb.tablesOf(sheet)) {
    if (intersect(tb.rect, rect)) fail('InvalidOperation', 'Cannot merge cells in a table.');
  }
  const areas: Rect[] = across ? Array.from({ length: rows(rect) }, (_, i) => ({ r0: rect.r0 + i, c0: rect.c0, r1: rect.r0 + i, c1: rect.c1 })) : [rect];
  for (const a of areas) {
    if (a.r0 === a.r1 && a.c0 === a.c1) continue;
    // Overlapping merges are absorbed into the new one.
    sheet.merges = sheet.merges.filter((m) => !intersect(m, a));
    for (const [r, c, cell] of sheet.cellsIn(a)) {
      if (r === a.r0 && c === a.c0) continue;
      cell.value = null;
      cell.formula = null;
    }
    sheet.merges.push(a);
  }
  wb.markDirty(sheet);
}

export function unmergeRange(t: RangeTarget): void {
  t.sheet.merges = t.sheet.merges.filter((m) => !intersect(m, t.rect));
}

export function inRect(rect: Rect, r: number, c: number): boolean { return containsCell(rect, r, c); }

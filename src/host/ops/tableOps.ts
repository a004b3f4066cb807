/** Model-level table operations: creation, naming, growth. */
import { type Rect, intersect, rows, cols, tryParseLocal } from '../model/address';
import { fail } from '../model/errors';
import { cellInTable, renameColumnInFormula, rewriteFormulas } from '../formula/rename';
import { type Cell, DEFAULT_STYLE, Row, type Sheet, type TableModel, type WorkbookModel, tableBody } from '../model/model';

/** Excel's table name rules (EXCEL-FACTS): letter, '_' or '\' first; letters, digits, '_', '.'; not a cell reference. */
export function checkTableName(wb: WorkbookModel, name: string, self?: TableModel): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) fail('InvalidArgument', 'The table name is not valid.');
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) fail('InvalidArgument', `The table name "${name}" is not valid.`);
  if (tryParseLocal(name) || /^R(\d*)C(\d*)$/i.test(name) || /^[RC]$/i.test(name)) {
    fail('InvalidArgument', `The table name "${name}" looks like a cell reference.`);
  }
  const other = wb.tableByName(name);
  // A name that is taken is an invalid argument for a table name (like the other name rules).
  if (other && other !== self) fail('InvalidArgument', `A table named "${name}" already exists.`);
  if (wb.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) fail('InvalidArgument', `The name "${name}" is already used.`);
}

export function nextTableName(wb: WorkbookModel): string {
  for (let i = 1; ; i++) if (!wb.tableByName(`Table${i}`)) return `Table${i}`;
}

function uniqueHeader(names: string[], wanted: string, index: number): string {
  const base = wanted.trim() === '' ? `Column${index + 1}` : wanted;
  const taken = (n: string): boolean => names.some((x, i) => i !== index && x.toLowerCase() === n.toLowerCase());
  if (!taken(base)) return base;
  for (let k = 2; ; k++) if (!taken(`${base}${k}`)) return `${base}${k}`;
}

function cellText(cell: Cell | undefined): string {
  if (!cell || cell.value === null) return '';
  return String(cell.value);
}

export function addTable(wb: WorkbookModel, sheet: Sheet, rect: Rect, hasHeaders: boolean): TableModel {
  for (const t of wb.tables) {
    if (t.sheet === sheet && intersect(t.rect, rect)) fail('InvalidOperation', 'A table can\'t overlap another table.');
  }
  for (const m of sheet.merges) {
    if (intersect(m, rect)) fail('MergedRangeConflict', 'A table can\'t be created over merged cells.');
  }
  if (sheet.protection.protected) fail('AccessDenied', 'The sheet is protected.');
  let r = { ...rect };
  if (!hasHeaders) {
    // Excel inserts a header row above the data: the table's cells shift down by one row.
    shiftDown(wb, sheet, r.r0, r.c0, r.c1, 1);
    r = { ...r, r1: r.r1 + 1 };
  }
  if (rows(r) === 1) r = { ...r, r1: r.r1 + 1 }; // a table always has at least one body row
  const names: string[] = [];
  for (let i = 0; i < cols(r); i++) {
    const cell = sheet.cell(r.r0, r.c0 + i);
    names[i] = hasHeaders ? cellText(cell) : '';
  }
  for (let i = 0; i < names.length; i++) names[i] = uniqueHeader(names.slice(0, i), names[i], i);
  const table: TableModel = {
    id: wb.newId(), name: nextTableName(wb), sheet, rect: r, showHeaders: true, showTotals: false,
    style: 'TableStyleMedium2', showBandedRows: true, showBandedColumns: false, showFilterButton: true,
    highlightFirstColumn: false, highlightLastColumn: false,
    columns: names.map((name) => ({ id: wb.newId(), name })), calculated: new Map(),
  };
  names.forEach((name, i) => {
    const cell = sheet.ensure(r.r0, r.c0 + i);
    cell.value = name;
    cell.formula = null;
  });
  wb.tables.push(table);
  wb.dirty = true;
  return table;
}

/** A header cell was written: the column takes the (unique) text as its name. */
export function renameColumnFromHeader(wb: WorkbookModel, t: TableModel, index: number, cell: Cell): void {
  const names = t.columns.map((c) => c.name);
  const name = uniqueHeader(names, String(cell.value ?? ''), index);
  renameColumnRefs(wb, t, t.columns[index].name, name);
  t.columns[index].name = name;
  cell.value = name;
  wb.dirty = true;
}

export function renameColumn(wb: WorkbookModel, t: TableModel, index: number, name: string): void {
  const names = t.columns.map((c) => c.name);
  if (names.some((x, i) => i !== index && x.toLowerCase() === name.toLowerCase())) fail('InvalidArgument', 'The column name already exists.');
  if (name.trim() === '') fail('InvalidArgument', 'The column name is not valid.');
  renameColumnRefs(wb, t, t.columns[index].name, name);
  t.columns[index].name = name;
  if (t.showHeaders) {
    const cell = t.sheet.ensure(t.rect.r0, t.rect.c0 + index);
    cell.value = name;
    cell.formula = null;
  }
  wb.dirty = true;
}

/**
 * Moves the cells of columns c0..c1 at rows ≥ fromRow down by n (Excel's "insert table rows"). Tables lying
 * wholly in those columns move too; one that straddles the edge blocks the insertion (as in Excel).
 */
export function shiftDown(wb: WorkbookModel, sheet: Sheet, fromRow: number, c0: number, c1: number, n: number, self?: TableModel): void {
  for (const t of wb.tablesOf(sheet)) {
    if (t === self || t.rect.r1 < fromRow) continue;
    const inside = t.rect.c0 >= c0 && t.rect.c1 <= c1;
    const outside = t.rect.c1 < c0 || t.rect.c0 > c1;
    if (!inside && !outside) fail('InvalidOperation', 'This operation would move cells of another table.');
  }
  for (const m of sheet.merges) {
    if (m.r1 >= fromRow && !(m.c1 < c0 || m.c0 > c1) && (m.c0 < c0 || m.c1 > c1)) {
      fail('InvalidOperation', 'This operation would move part of a merged cell.');
    }
  }
  const rowKeys = [...sheet.rows.keys()].filter((r) => r >= fromRow).sort((a, b) => b - a);
  for (const r of rowKeys) {
    const row = sheet.rows.get(r)!;
    for (let c = c0; c <= c1; c++) {
      const cell = row.get(c);
      if (!cell) continue;
      row.delete(c);
      let dest = sheet.rows.get(r + n);
      if (!dest) { dest = new Row(); sheet.rows.set(r + n, dest); }
      cell.moved();
      dest.set(c, cell);
    }
    if (row.size === 0) sheet.rows.delete(r);
  }
  for (const t of wb.tablesOf(sheet)) {
    if (t === self || t.rect.r0 < fromRow || t.rect.c0 < c0 || t.rect.c1 > c1) continue;
    t.rect = { ...t.rect, r0: t.rect.r0 + n, r1: t.rect.r1 + n };
  }
  for (const m of sheet.merges) {
    if (m.r0 >= fromRow && m.c0 >= c0 && m.c1 <= c1) { m.r0 += n; m.r1 += n; }
  }
  const move = (x: Rect): Rect => (x.r0 >= fromRow && x.c0 >= c0 && x.c1 <= c1 ? { ...x, r0: x.r0 + n, r1: x.r1 + n } : x);
  for (const v of sheet.validations) v.rects = v.rects.map(move);
  for (const cf of sheet.conditionalFormats) cf.rects = cf.rects.map(move);
  wb.markDirty(sheet);
}

/** The formula every body cell of the column shares (a calculated column), if any. */
export function calculatedFormula(t: TableModel, index: number): string | null {
  const body = tableBody(t);
  const c = t.rect.c0 + index;
  let f: string | null = null;
  for (let r = body.r0; r <= body.r1; r++) {
    const cell = t.sheet.cell(r, c);
    const cf = cell?.formula ?? null;
    if (cf === null || !cf.includes('[')) return null; // only structured formulas are row-independent
    if (f === null) f = cf;
    else if (f !== cf) return null;
  }
  return f;
}

/** Inserts n body rows at body position index (null: at the end) and writes values. */
export function addRows(wb: WorkbookModel, t: TableModel, index: number | null, n: number, write: (r: number) => void, reuseEmpty = true): number {
  const sheet = t.sheet;
  if (sheet.protection.protected) fail('AccessDenied', 'The sheet is protected.');
  const body = tableBody(t);
  const count = body.r1 - body.r0 + 1;
  if (index !== null && (index < 0 || index > count)) fail('InvalidArgument', 'The index is out of range.');
  // A new table over a header-only range has one empty body row; the first added row goes there (as in the
  // Office tutorial's tables.add('A1:D1') + rows.add, which leaves no blank row).
  if (reuseEmpty && count === 1 && (index === null || index <= 1) && rowIsEmpty(sheet, body.r0, t.rect.c0, t.rect.c1)) {
    write(body.r0);
    if (n > 1) addRows(wb, t, null, n - 1, write, false);
    wb.markDirty(sheet);
    return body.r0;
  }
  const at = index === null ? body.r1 + 1 : body.r0 + index;
  const calc = t.columns.map((_, i) => calculatedFormula(t, i) ?? t.calculated.get(t.columns[i].id) ?? null);
  const templateRow = at > body.r0 ? at - 1 : body.r0;
  shiftDown(wb, sheet, at, t.rect.c0, t.rect.c1, n, t);
  t.rect = { ...t.rect, r1: t.rect.r1 + n };
  // Validation and conditional formats that cover a whole body column grow with it.
  const grow = (x: Rect): Rect => (x.r0 <= body.r0 && x.r1 >= body.r1 && x.r1 === at - 1 && x.c0 >= t.rect.c0 && x.c1 <= t.rect.c1 ? { ...x, r1: x.r1 + n } : x);
  for (const v of sheet.validations) v.rects = v.rects.map(grow);
  for (const cf of sheet.conditionalFormats) cf.rects = cf.rects.map(grow);
  for (let k = 0; k < n; k++) {
    const r = at + k;
    for (let i = 0; i < t.columns.length; i++) {
      const c = t.rect.c0 + i;
      const tpl = sheet.cell(templateRow === at ? at + n : templateRow, c)?.style;
      const cell = sheet.ensure(r, c);
      if (tpl && tpl !== DEFAULT_STYLE) cell.style = tpl;
      const f = calc[i];
      if (f) { cell.formula = f; cell.value = null; }
    }
    write(r);
  }
  wb.markDirty(sheet);
  return at;
}

function rowIsEmpty(sheet: Sheet, r: number, c0: number, c1: number): boolean {
  for (const [, , cell] of sheet.cellsIn({ r0: r, c0, r1: r, c1 })) if (cell.formula !== null || (cell.value !== null && cell.value !== '')) return false;
  return true;
}

function renameColumnRefs(wb: WorkbookModel, t: TableModel, before: string, after: string): void {
  if (before === after) return;
  rewriteFormulas(wb, (f, sheet, r, c) => renameColumnInFormula(f, t.name, cellInTable(t, sheet, r, c), before, after));
}

/** Workbooks that stand for a tool that does not grow tables (WPS, LibreOffice, scripts): see expandTablesBelow. */
const noAutoExpand = new WeakSet<WorkbookModel>();

export function setTableAutoExpand(wb: WorkbookModel, on: boolean): void {
  if (on) noAutoExpand.delete(wb);
  else noAutoExpand.add(wb);
}

export function tableAutoExpand(wb: WorkbookModel): boolean {
  return !noAutoExpand.has(wb);
}

function hasData(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.formula !== null || (cell.value !== null && cell.value !== ''));
}

/**
 * Values or formulas written into the rows directly below a table (one without a total row) extend it over
 * those rows, up to the last row written that holds data in the table's columns without a gap: "set values in
 * the range directly below the table. Excel automatically expands the table" and "Tables only auto-expand when
 * you set actual data" (https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins).
 * Calculated columns fill the new rows' empty cells and validation/conditional formats that cover whole body
 * columns grow, as with rows.add (choice: unconfirmed for auto-expansion). Not when the grown table would
 * overlap another table or a merged area.
 */
export function expandTablesBelow(wb: WorkbookModel, sheet: Sheet, rect: Rect): void {
  if (noAutoExpand.has(wb)) return;
  for (const t of wb.tablesOf(sheet)) {
    if (t.showTotals || rect.r1 <= t.rect.r1 || rect.r0 > t.rect.r1 + 1 || rect.c1 < t.rect.c0 || rect.c0 > t.rect.c1) continue;
    const c0 = Math.max(rect.c0, t.rect.c0);
    const c1 = Math.min(rect.c1, t.rect.c1);
    let last = -1;
    for (let r = t.rect.r1 + 1; r <= rect.r1; r++) {
      let has = false;
      for (let c = c0; c <= c1 && !has; c++) has = hasData(sheet.cell(r, c));
      if (!has) break;
      last = r;
    }
    if (last < 0) continue;
    const added: Rect = { r0: t.rect.r1 + 1, c0: t.rect.c0, r1: last, c1: t.rect.c1 };
    if (wb.tablesOf(sheet).some((o) => o !== t && intersect(o.rect, added))) continue;
    if (sheet.merges.some((m) => intersect(m, added))) continue;
    const body = tableBody(t);
    const calc = t.columns.map((_, i) => calculatedFormula(t, i) ?? t.calculated.get(t.columns[i].id) ?? null);
    const n = last - t.rect.r1;
    const grow = (x: Rect): Rect => (x.r0 <= body.r0 && x.r1 === body.r1 && x.c0 >= t.rect.c0 && x.c1 <= t.rect.c1 ? { ...x, r1: x.r1 + n } : x);
    for (const v of sheet.validations) v.rects = v.rects.map(grow);
    for (const cf of sheet.conditionalFormats) cf.rects = cf.rects.map(grow);
    t.rect = { ...t.rect, r1: last };
    for (let r = added.r0; r <= added.r1; r++) {
      calc.forEach((f, i) => {
        if (!f) return;
        const c = t.rect.c0 + i;
        if (hasData(sheet.cell(r, c))) return;
        const cell = sheet.ensure(r, c);
        cell.formula = f;
        cell.value = null;
      });
    }
    wb.dirty = true;
  }
}

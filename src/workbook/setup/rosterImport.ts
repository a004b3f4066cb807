/**
 * Roster import (SPEC §3.2), the Excel half: read a sheet's grid (of this workbook, or of another workbook the
 * command line loaded into a second host), parse it (rosterImport.ts), merge into kp_Roster by 编号 or name and
 * write in one batch. Existing rows are never dropped.
 */
import { COLUMNS } from '../../domain/contract';
import { DEFAULT_CATEGORY } from '../../domain/rubric';
import type { RawCell } from '../../domain/types';
import type { RosterImportPreview, RosterImportReport } from '../commandTypes';
import { planUpsert, queueUpsert } from '../tables/entryRows';
import { clearFiltersFirst } from '../tables/filters';
import { currentModel } from '../tables/model';
import { col, readTables, type TablesRead } from '../tables/readTables';
import { queueAdoptOutsideRows } from '../tables/outside';
import { queueAddPlanRows } from '../entry/planRows';
import { blockAddress } from '../tables/a1';
import { refuseProtected } from '../tables/protection';
import { pendingCommand, pendingMark } from '../tables/pending';
import { queueBeginWrites, queueEndWrites } from '../tables/state';
import { importText } from '../../domain/texts/sheets';
import { mergeRoster, parseRosterGrid, type GridSource, type ParsedRoster, type RosterRow } from '../../domain/rosterGrid';

/** Queues the read of a sheet's used range (values only); call the result after one sync. */
export function queueReadGrid(context: Excel.RequestContext, sheet: string): () => GridSource {
  const range = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
  range.load(['values', 'rowIndex', 'columnIndex']);
  // The returned reader runs after the caller's context.sync() (the queue-then-sync pattern of every command).
  /* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
  return () =>
    range.isNullObject
      ? { sheet, values: [], firstRow: 1, firstColumn: 0 }
      : { sheet, values: range.values as RawCell[][], firstRow: range.rowIndex + 1, firstColumn: range.columnIndex };
  /* eslint-enable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
}

/**
 * Reads grids for the import: the named sheet, or (no name) every visible sheet, to pick the one whose header
 * has 姓名 and the most members. Two syncs. Used on the source workbook.
 */
export async function readRosterGrid(context: Excel.RequestContext, sheet?: string): Promise<GridSource> {
  if (sheet) {
    const sheets = context.workbook.worksheets;
    const item = sheets.getItemOrNullObject(sheet);
    item.load('name');
    await context.sync();
    if (item.isNullObject) throw new RosterSourceError(`找不到工作表“${sheet}”。`);
    const get = queueReadGrid(context, sheet);
    await context.sync();
    return get();
  }
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await context.sync();
  const gets = sheets.items.filter((s) => s.visibility === 'Visible').map((s) => queueReadGrid(context, s.name));
  await context.sync();
  let best: GridSource | null = null;
  let bestCount = -1;
  for (const get of gets) {
    const grid = get();
    const n = parseRosterGrid(grid).members.length;
    if (n > bestCount) {
      best = grid;
      bestCount = n;
    }
  }
  if (!best || bestCount <= 0) throw new RosterSourceError('没有找到含“姓名”表头的工作表。');
  return best;
}

/** A source that cannot be imported (no such sheet, no 姓名 header): the command line's exit 2. */
export class RosterSourceError extends Error {}

function rosterRows(read: TablesRead): RosterRow[] {
  const t = read.roster;
  const c = (h: string) => col(t, h);
  const get = (r: RawCell[], i: number) => (i < 0 || r[i] === null || r[i] === undefined ? '' : String(r[i]));
  return t.rows.map((r) => ({
    id: get(r, c('编号')),
    name: get(r, c('姓名')),
    group: get(r, c('党小组')),
    category: get(r, c('类别')),
    exempt: get(r, c('免评')),
    note: get(r, c('备注')),
  }));
}

function preview(parsed: ParsedRoster, merged: ReturnType<typeof mergeRoster>): RosterImportPreview {
  return {
    sheet: parsed.sheet,
    headerRow: parsed.headerRow,
    mapping: parsed.mapping,
    members: merged.members.map((m) => ({
      id: m.assignedId,
      name: m.name,
      group: m.group,
      category: m.category,
      sourceRow: m.sourceRow,
      note: m.note,
    })),
    skipped: parsed.skipped,
    problems: parsed.problems,
  };
}

function defaultCategory(read: TablesRead): string {
  return currentModel(read).rubric.categories[0]?.category ?? DEFAULT_CATEGORY;
}

/** What an import of this grid would do, without writing (the task pane's preview). */
export function previewImport(read: TablesRead, grid: GridSource): RosterImportPreview {
  const parsed = parseRosterGrid(grid, currentModel(read).settings.language);
  return preview(parsed, mergeRoster(rosterRows(read).filter((r) => r.id || r.name), parsed, defaultCategory(read)));
}

/** Merges a grid (already read, from any workbook) into this workbook's kp_Roster: one read, one write. */
export async function importRosterGrid(context: Excel.RequestContext, grid: GridSource): Promise<RosterImportReport> {
  const { read } = await readTables(context, ['settings', 'rubric', 'roster', 'plans', 'state']);
  return queueImport(context, read, grid, true);
}

async function queueImport(context: Excel.RequestContext, read: TablesRead, grid: GridSource, sync: boolean): Promise<RosterImportReport> {
  const t = read.roster;
  if (!t.exists) throw new RosterSourceError('工作簿中没有党员名册（kp_Roster），请先安装考评表。');
  const { rubric, settings } = currentModel(read);
  const parsed = parseRosterGrid(grid, settings.language);
  // Categories the rubric lacks: said now, so the secretary adds them to 考评细则 before scoring.
  const known = new Set(rubric.categories.map((c) => c.category));
  const unknown = new Map<string, number>();
  for (const m of parsed.members) if (m.category && !known.has(m.category) && !unknown.has(m.category)) unknown.set(m.category, m.sourceRow);
  for (const [category, row] of unknown) {
    parsed.problems.push({
      severity: 'warning',
      sheet: grid.sheet,
      cell: '',
      code: 'roster_unknown_category',
      message: importText(settings.language).unknownCategory(category, row, [...known].join('、')),
    });
  }
  const existing = rosterRows(read);
  const merged = mergeRoster(existing, parsed, defaultCategory(read));
  // Rows in table column order; null = leave the cell as it is.
  const width = t.headers.length;
  const fields: [string, keyof RosterRow][] = [
    ['编号', 'id'], ['姓名', 'name'], ['党小组', 'group'], ['类别', 'category'], ['免评', 'exempt'], ['备注', 'note'],
  ];
  const toRow = (r: RosterRow): RawCell[] => {
    const row: RawCell[] = Array.from({ length: width }, () => null);
    for (const [h, k] of fields) {
      const i = col(t, h);
      if (i >= 0) row[i] = r[k];
    }
    return row;
  };
  const updated = new Map<number, RawCell[]>();
  for (const i of merged.updatedIndexes) updated.set(i, toRow(merged.rows[i]));
  const added = merged.rows.slice(existing.length).map(toRow);
  // Blank body rows (the one Excel keeps in an empty table) are filled before rows are appended.
  const plan = planUpsert({ rows: t.rows }, added, () => null);
  for (const [i, r] of updated) plan.inPlace.set(i, r);
  const textCols = new Set(COLUMNS.roster.map((h) => col(t, h)).filter((i) => i >= 0));
  // Every member gets a row in kp_Plans (年度工作计划) to write their plan in; existing rows stay as they are
  // (not on a protected 年度工作计划: the roster import does not fail for it; install adds them later).
  const planMembers = merged.rows.filter((r) => r.id).map((r) => ({ id: r.id, name: r.name }));
  let planRows = 0;
  if (plan.inPlace.size > 0 || plan.append.length > 0) {
    refuseProtected(read, ['roster'], settings.language);
    await clearFiltersFirst(context, [t], settings.language);
    const leave = queueBeginWrites(context, read.state, pendingMark('importRoster', 'roster'));
    queueAdoptOutsideRows(context, t);
    const sheet = context.workbook.worksheets.getItem(t.sheet);
    const appendAt = t.firstRow + t.bodyRows;
    queueUpsert(sheet, t, plan, { textCols, numberCols: new Set(), formulaCols: new Set() });
    // Added rows take the formats of the row above (Excel's rows.add), a check's highlight too: not theirs.
    if (plan.append.length > 0) sheet.getRange(blockAddress(appendAt, t.firstColumn, plan.append.length, t.headers.length)).format.fill.clear();
    if (read.plans?.exists && !read.plans.protected) planRows = queueAddPlanRows(context, read.plans, planMembers);
    queueEndWrites(context, read.state, leave);
    if (sync) await context.sync();
  } else {
    if (read.plans?.exists && !read.plans.protected) planRows = queueAddPlanRows(context, read.plans, planMembers);
    // An import that stopped part-way and is now complete (nothing left to write): its mark goes.
    const stopped = pendingCommand(read) === 'importRoster';
    if (stopped) queueEndWrites(context, read.state, null);
    if (sync && (stopped || planRows > 0)) await context.sync();
  }
  return { ...preview(parsed, merged), added: merged.added, updated: merged.updated, unchanged: merged.unchanged, planRows };
}

/** Import from a sheet of this workbook: the grid and the roster read in one sync, written in the next. */
export async function importRoster(context: Excel.RequestContext, sheet: string): Promise<RosterImportReport> {
  const { read, extra: get } = await readTables(context, ['settings', 'rubric', 'roster', 'plans', 'state'], () => queueReadGrid(context, sheet));
  return queueImport(context, read, get(), true);
}

/** Preview of an import of a grid read from another file (one sync, nothing written). */
export async function previewRosterImportGrid(context: Excel.RequestContext, grid: GridSource): Promise<RosterImportPreview> {
  const { read } = await readTables(context, ['settings', 'rubric', 'roster']);
  return previewImport(read, grid);
}

/** Preview of an import from a sheet of this workbook (one sync, nothing written). */
export async function previewRosterImport(context: Excel.RequestContext, sheet: string): Promise<RosterImportPreview> {
  const { read, extra: get } = await readTables(context, ['settings', 'rubric', 'roster'], () => queueReadGrid(context, sheet));
  return previewImport(read, get());
}

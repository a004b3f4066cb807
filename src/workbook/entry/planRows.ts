/**
 * 个人年度工作计划 (kp_Plans), the workbook half: a row per roster member (install and roster import add the
 * rows of members who have none: 党员编号 and 姓名, the plan left for the member to write), the member's own
 * plan for the self-evaluation form, and the archive of last year's plans at the new year.
 */
import { idKey, isBlank, normalizeId, normalizeName } from '../../domain/parse';
import { planOf, type MemberPlan } from '../../domain/workPlans';
import type { RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import { queueAdoptOutsideRows } from '../tables/outside';
import { col, readTables, type TableRead, type TablesRead } from '../tables/readTables';
import { formatGrid, queueAppendRows, queueWriteRows, toWrite } from '../tables/tableWrite';

/** Roster members (编号, 姓名) in roster order, from kp_Roster rows (or rows given as 编号, 姓名, …). */
function rosterPairs(roster: TableRead | null, rows?: RawCell[][]): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  const cId = roster ? col(roster, '编号') : 0;
  const cName = roster ? col(roster, '姓名') : 1;
  if (cId < 0) return out;
  for (const r of rows ?? roster?.rows ?? []) {
    if (isBlank(r[cId])) continue;
    out.push({ id: normalizeId(r[cId]), name: cName >= 0 ? normalizeName(r[cName]) : '' });
  }
  return out;
}

/** Plan rows (党员编号, 姓名, 工作计划, 附件) for a new kp_Plans: one per roster member, the plan blank. */
export function initialPlanRows(read: TablesRead, rosterRows?: RawCell[][]): RawCell[][] {
  const seen = new Set<string>();
  return rosterPairs(rosterRows ? null : read.roster, rosterRows)
    .filter((m) => !seen.has(idKey(m.id)) && seen.add(idKey(m.id)))
    .map((m) => [m.id, m.name, null, null]);
}

/**
 * Appends a row (编号, 姓名) to an existing kp_Plans for each member of `members` who has none; a member's
 * existing row is never changed. Queues only; returns the number of rows added.
 */
export function queueAddPlanRows(context: Excel.RequestContext, plans: TableRead, members: { id: string; name: string }[]): number {
  if (!plans.exists) return 0;
  const cId = col(plans, '党员编号');
  const cName = col(plans, '姓名');
  if (cId < 0) return 0;
  const have = new Set(plans.rows.filter((r) => !isBlank(r[cId])).map((r) => idKey(normalizeId(r[cId]))));
  const width = plans.headers.length;
  const add: RawCell[][] = [];
  for (const m of members) {
    const key = idKey(m.id);
    if (have.has(key)) continue;
    have.add(key);
    const row: RawCell[] = Array.from({ length: width }, () => null);
    row[cId] = m.id;
    if (cName >= 0) row[cName] = m.name;
    add.push(row);
  }
  if (add.length === 0) return 0;
  queueAdoptOutsideRows(context, plans);
  const sheet = context.workbook.worksheets.getItem(plans.sheet);
  const textCols = new Set(plans.headers.map((_, i) => i));
  // Blank rows at the end of the table are filled first (an empty table's one blank row, or the rows a batch
  // that stopped part-way added without their values), so a re-run does not append after them.
  let kept = plans.rows.length;
  while (kept > 0 && plans.rows[kept - 1].every((v) => isBlank(v))) kept--;
  const fill = add.slice(0, plans.rows.length - kept);
  const rest = add.slice(fill.length);
  queueWriteRows(sheet, { row1: plans.firstRow + kept, firstColumn: plans.firstColumn, width }, fill, textCols);
  queueAppendRows(sheet, plans.table, { firstRow: plans.firstRow, firstColumn: plans.firstColumn, bodyRows: plans.rows.length, width }, rest, textCols);
  // Added rows take the formats of the row above (Excel's rows.add), a check's highlight too: not theirs.
  sheet.getRange(blockAddress(plans.firstRow + kept, plans.firstColumn, add.length, width)).format.fill.clear();
  // As it now is (a later step in the same batch may look at it).
  plans.rows = [...plans.rows.slice(0, kept), ...add, ...plans.rows.slice(kept + add.length)];
  plans.bodyRows = plans.rows.length;
  plans.outsideFrom = undefined;
  return add.length;
}

/** The kp_Roster members a kp_Plans lacks rows for (install repair, roster import). */
export function rosterMembers(read: TablesRead): { id: string; name: string }[] {
  return rosterPairs(read.roster.exists ? read.roster : null);
}

export interface PlanView extends MemberPlan {
  /** The sheet the plan is on (to go and type it). */
  sheet: string;
}

/** A member's own plan, for the self-evaluation form: one read, nothing written. null: no row for the member. */
export async function getPlan(context: Excel.RequestContext, memberId: string): Promise<PlanView | null> {
  const { read } = await readTables(context, ['plans']);
  if (!read.plans.exists) return null;
  const p = planOf(read.plans, memberId);
  return p ? { ...p, sheet: read.plans.sheet } : null;
}

/**
 * New year: last year's plans as a values-only sheet (`name`) beside the archived results (kp_Plans is cleared
 * later, by queueClearPlans, once the whole year is archived). Queues only.
 */
export function queueArchivePlans(context: Excel.RequestContext, plans: TableRead, name: string, title: string): boolean {
  const cPlan = col(plans, '工作计划');
  const cAtt = col(plans, '附件');
  const rows = plans.rows.filter((r) => [cPlan, cAtt].some((c) => c >= 0 && !isBlank(r[c])));
  if (rows.length === 0) return false;
  const width = plans.headers.length;
  const sheet = context.workbook.worksheets.add(name);
  const titleRange = sheet.getRange(blockAddress(1, 0, 1, width));
  titleRange.numberFormat = [plans.headers.map(() => '@')];
  titleRange.values = [plans.headers.map((_, i) => (i === 0 ? title : ''))];
  titleRange.format.font.bold = true;
  const all = sheet.getRange(blockAddress(2, 0, rows.length + 1, width));
  all.numberFormat = formatGrid(rows.length + 1, width, new Set(plans.headers.map((_, i) => i)));
  all.values = toWrite([plans.headers, ...rows], width);
  sheet.getRange(blockAddress(2, 0, 1, width)).format.font.bold = true;
  const widths: Record<string, number> = { 党员编号: 64, 姓名: 64, 工作计划: 360, 附件: 120 };
  plans.headers.forEach((h, c) => {
    const range = sheet.getRange(blockAddress(2, c, rows.length + 1, 1));
    range.format.columnWidth = widths[h.replace(/\s+/g, '')] ?? 64;
    if (c === cPlan || c === cAtt) range.format.wrapText = true;
  });
  sheet.getRange(blockAddress(3, 0, rows.length, width)).format.verticalAlignment = 'Top';
  const page = sheet.pageLayout;
  page.paperSize = 'A4';
  page.orientation = 'Portrait';
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.setPrintTitleRows('$2:$2');
  page.setPrintArea(blockAddress(1, 0, rows.length + 2, width));
  return true;
}

/** Whether kp_Plans holds a plan or an attachment (new year then archives them). */
export function hasPlans(plans: TableRead): boolean {
  const cPlan = col(plans, '工作计划');
  const cAtt = col(plans, '附件');
  return plans.exists && plans.rows.some((r) => [cPlan, cAtt].some((c) => c >= 0 && !isBlank(r[c])));
}

/** This year's plans start blank; the rows (编号, 姓名) stay. */
export function queueClearPlans(context: Excel.RequestContext, plans: TableRead): void {
  const cPlan = col(plans, '工作计划');
  const cAtt = col(plans, '附件');
  const ws = context.workbook.worksheets.getItem(plans.sheet);
  for (const c of [cPlan, cAtt]) {
    if (c < 0 || plans.rows.length === 0) continue;
    ws.getRange(blockAddress(plans.firstRow, plans.firstColumn + c, plans.rows.length, 1)).values = plans.rows.map(() => ['']);
  }
}

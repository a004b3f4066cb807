/**
 * The fourth step (支部审定) in the task pane: one member's bonus items (加分项) and branch review (一票否决, 事由,
 * 审定意见). `getReview` reads both tables (1 sync); `saveMemberReview` validates the member's items and writes
 * kp_Bonus and kp_Review in one batch (2 syncs: read, write) — only that member's rows, nothing else moves.
 */
import { SHEETS } from '../../domain/contract';
import { idKey, normalizeId, parseScore, parseYesNo, rawText, trimAll } from '../../domain/parse';
import { parseRoster } from '../../domain/roster';
import type { Problem, RawCell } from '../../domain/types';
import type { MemberReviewInput, ReviewData, SaveReviewReport } from '../commandTypes';
import { planUpsert, queueUpsert, type UpsertPlan } from '../tables/entryRows';
import { clearFiltersFirst } from '../tables/filters';
import { currentModel } from '../tables/model';
import { queueAdoptOutsideRows } from '../tables/outside';
import { pendingMark } from '../tables/pending';
import { refuseProtected } from '../tables/protection';
import { col, readTables, type TableRead } from '../tables/readTables';
import { queueBeginWrites, queueEndWrites } from '../tables/state';

const KEYS = ['settings', 'rubric', 'roster', 'bonus', 'review'] as const;

function text(v: RawCell | undefined): string {
  return v === null || v === undefined ? '' : trimAll(rawText(v));
}

export async function getReview(context: Excel.RequestContext): Promise<ReviewData> {
  const { read } = await readTables(context, [...KEYS]);
  const { settings } = currentModel(read);
  const b = read.bonus;
  const r = read.review;
  const bonus: ReviewData['bonus'] = [];
  if (b.exists) {
    const cId = col(b, '党员编号');
    b.rows.forEach((row, i) => {
      const id = normalizeId(row[cId] ?? '');
      if (cId < 0 || id === '') return;
      const p = row[col(b, '分值')];
      bonus.push({
        memberId: id,
        item: text(row[col(b, '加分事项')]),
        points: p === null || p === undefined || typeof p === 'boolean' ? '' : p,
        basis: text(row[col(b, '依据')]),
        row: b.firstRow + i,
      });
    });
  }
  const review: ReviewData['review'] = [];
  if (r.exists) {
    const cId = col(r, '党员编号');
    r.rows.forEach((row, i) => {
      const id = normalizeId(row[cId] ?? '');
      if (cId < 0 || id === '') return;
      review.push({
        memberId: id,
        veto: text(row[col(r, '一票否决')]),
        reason: text(row[col(r, '事由')]),
        opinion: text(row[col(r, '审定意见')]),
        row: r.firstRow + i,
      });
    });
  }
  return {
    bonusCap: settings.bonusCap,
    allowDeductions: settings.allowDeductions,
    sheets: { bonus: b.exists ? b.sheet : SHEETS.bonus, review: r.exists ? r.sheet : SHEETS.review },
    bonus,
    review,
  };
}

/**
 * Problems of one member's input, before anything is written: points must be a number with at most one
 * decimal, above 0 unless deductions are allowed; an item needs its 事项; a veto needs its 事由.
 */
export function reviewInputProblems(input: MemberReviewInput, allowDeductions: boolean, sheets: { bonus: string; review: string }): Problem[] {
  const problems: Problem[] = [];
  const problem = (sheet: string, code: string, message: string): Problem => ({ severity: 'error', sheet, cell: '', code, message } as Problem);
  input.bonus.forEach((item, i) => {
    const n = i + 1;
    const p = parseScore(typeof item.points === 'number' ? item.points : String(item.points ?? ''));
    if (trimAll(item.item) === '') problems.push(problem(sheets.bonus, 'bonus_no_item', `${sheets.bonus}：第 ${n} 项没有填写加分事项。`));
    if (p.kind !== 'number') problems.push(problem(sheets.bonus, 'bonus_not_a_number', `${sheets.bonus}：第 ${n} 项的分值“${item.points ?? ''}”不是数字。`));
    else if (!allowDeductions && p.tenths <= 0) problems.push(problem(sheets.bonus, 'bonus_not_positive', `${sheets.bonus}：第 ${n} 项的分值应大于 0（本年度不允许扣分）。`));
    else if (p.tenths === 0) problems.push(problem(sheets.bonus, 'bonus_zero', `${sheets.bonus}：第 ${n} 项的分值不能为 0。`));
  });
  if (input.review.veto && trimAll(input.review.reason) === '')
    problems.push(problem(sheets.review, 'veto_no_reason', `${sheets.review}：一票否决须填写事由。`));
  return problems;
}

/** Row indexes of a member in a table (by 党员编号). */
function rowsOf(t: TableRead, key: string): number[] {
  const c = col(t, '党员编号');
  const out: number[] = [];
  if (c < 0) return out;
  t.rows.forEach((row, i) => {
    if (idKey(normalizeId(row[c] ?? '')) === key) out.push(i);
  });
  return out;
}

export async function saveMemberReview(context: Excel.RequestContext, memberId: string, input: MemberReviewInput): Promise<SaveReviewReport> {
  const { read } = await readTables(context, [...KEYS, 'state']);
  const { rubric, settings } = currentModel(read);
  const roster = parseRoster(read.roster, rubric, settings.language);
  const b = read.bonus;
  const r = read.review;
  if (!b.exists || !r.exists) throw new Error(`没有找到“${!b.exists ? SHEETS.bonus : SHEETS.review}”表，请先安装考评表。`);
  const key = idKey(normalizeId(memberId));
  const idx = roster.byKey.get(key);
  const sheets = { bonus: b.sheet, review: r.sheet };
  if (idx === undefined) {
    return {
      bonusRows: 0,
      reviewWritten: false,
      problems: [{ severity: 'error', sheet: read.roster.sheet, cell: '', code: 'unknown_member', message: `${read.roster.sheet}：没有编号为 ${memberId} 的党员，未保存。` } as Problem],
    };
  }
  const problems = reviewInputProblems(input, settings.allowDeductions, sheets);
  if (problems.length > 0) return { bonusRows: 0, reviewWritten: false, problems };
  // A protected 加分项 or 支部审定 sheet: refused before anything is queued (as every writing command does).
  refuseProtected(read, ['bonus', 'review'], settings.language);
  await clearFiltersFirst(context, [b, r], settings.language);
  const member = roster.members[idx];
  // Marked in kp_State while the two tables are written: a batch stopped part-way is reported by check until the
  // review is saved again (pending.ts).
  const leave = queueBeginWrites(context, read.state, pendingMark('saveReview', 'bonus'));
  queueAdoptOutsideRows(context, b);
  queueAdoptOutsideRows(context, r);

  // kp_Bonus: this member's rows are rewritten in place, in order; extra old rows are blanked (never another
  // member's); more items fill blank rows, then are appended.
  const bw = b.headers.length;
  const bCols = { id: col(b, '党员编号'), name: col(b, '姓名'), item: col(b, '加分事项'), points: col(b, '分值'), basis: col(b, '依据') };
  const items = input.bonus.map((item) => {
    const row: RawCell[] = Array.from({ length: bw }, () => null);
    row[bCols.id] = member.id;
    if (bCols.name >= 0) row[bCols.name] = member.name;
    if (bCols.item >= 0) row[bCols.item] = trimAll(item.item);
    const p = parseScore(typeof item.points === 'number' ? item.points : String(item.points ?? ''));
    if (bCols.points >= 0) row[bCols.points] = p.kind === 'number' ? p.tenths / 10 : '';
    if (bCols.basis >= 0) row[bCols.basis] = trimAll(item.basis);
    return row;
  });
  const mine = rowsOf(b, key);
  const blankRow = (): RawCell[] => b.headers.map((_, c) => (Object.values(bCols).includes(c) ? '' : null));
  const bonusPlan: UpsertPlan = { inPlace: new Map(), append: [], updated: 0, added: 0 };
  mine.forEach((i, j) => {
    bonusPlan.inPlace.set(i, items[j] ?? blankRow());
    if (items[j]) bonusPlan.updated++;
  });
  const rest = items.slice(mine.length);
  if (rest.length > 0) {
    const more = planUpsert({ rows: b.rows.map((row, i) => (bonusPlan.inPlace.has(i) ? row.map(() => 'x') : row)) }, rest, () => null);
    for (const [i, row] of more.inPlace) bonusPlan.inPlace.set(i, row);
    bonusPlan.append = more.append;
    bonusPlan.added = more.added;
  }
  const bText = new Set([bCols.id, bCols.name, bCols.item, bCols.basis].filter((c) => c >= 0));
  queueUpsert(context.workbook.worksheets.getItem(b.sheet), b, bonusPlan, { textCols: bText, numberCols: new Set(bCols.points >= 0 ? [bCols.points] : []), formulaCols: new Set() });

  // kp_Review: one row per member, updated in place (or added); nothing written for a member without a veto,
  // reason or opinion who has no row yet.
  const rw = r.headers.length;
  const rCols = { id: col(r, '党员编号'), name: col(r, '姓名'), veto: col(r, '一票否决'), reason: col(r, '事由'), opinion: col(r, '审定意见') };
  const existing = rowsOf(r, key);
  const empty = !input.review.veto && trimAll(input.review.reason) === '' && trimAll(input.review.opinion) === '';
  let reviewWritten = false;
  if (!(empty && existing.length === 0)) {
    const row: RawCell[] = Array.from({ length: rw }, () => null);
    row[rCols.id] = member.id;
    if (rCols.name >= 0) row[rCols.name] = member.name;
    if (rCols.veto >= 0) row[rCols.veto] = input.review.veto ? '是' : '否';
    if (rCols.reason >= 0) row[rCols.reason] = trimAll(input.review.reason);
    if (rCols.opinion >= 0) row[rCols.opinion] = trimAll(input.review.opinion);
    const plan: UpsertPlan = { inPlace: new Map(), append: [], updated: 0, added: 0 };
    if (existing.length > 0) {
      plan.inPlace.set(existing[0], row);
      plan.updated = 1;
      // A second row about the same member (typed by hand) would contradict the first: it is kept as it is
      // and check reports the duplicate.
    } else {
      const p = planUpsert(r, [row], () => null);
      plan.inPlace = p.inPlace;
      plan.append = p.append;
      plan.added = 1;
    }
    const rText = new Set([rCols.id, rCols.name, rCols.veto, rCols.reason, rCols.opinion].filter((c) => c >= 0));
    queueUpsert(context.workbook.worksheets.getItem(r.sheet), r, plan, { textCols: rText, numberCols: new Set(), formulaCols: new Set() });
    reviewWritten = true;
  }
  queueEndWrites(context, read.state, leave);
  await context.sync();
  return { bonusRows: items.length, reviewWritten, problems: [] };
}

/** 是/否 of a review cell as the pane shows it (anything unclear counts as 是, as compute treats it). */
export function vetoOf(value: string): boolean {
  const v = parseYesNo(value);
  return v === true || v === 'invalid';
}

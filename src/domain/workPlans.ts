/**
 * 个人年度工作计划 (kp_Plans: 党员编号, 姓名, 工作计划, 附件). The scheme (考评办法 1, 4) has every member score
 * themself against their own annual work plan, and posts the plans with the rubric and the results. A plan is
 * a short text (several lines) and optionally a reference to a longer document (附件). Plans are not scored and
 * not required: a member to be scored without one gets a warning.
 */
import { idKey, isBlank, normalizeId, rawText } from './parse';
import type { Roster, RosterMember } from './roster';
import { bodyCell, findColumn, firstFreeRow, isBlankRow, makeProblem } from './table';
import type { Language, Problem, RawCell, TableBlock } from './types';

export interface MemberPlan {
  /** The member's 编号 as the plan row has it (normalised). */
  id: string;
  /** The plan text, trimmed, line breaks kept ('' when none). */
  plan: string;
  /** Reference to a longer document ('' when none). */
  attachment: string;
  /** A1 address of the plan's 工作计划 cell (where to type it). */
  cell: string;
}

function text(v: RawCell | undefined): string {
  return isBlank(v) ? '' : rawText(v).replace(/\r\n?/g, '\n').trim();
}

/**
 * The plan of every member that has a row, by idKey (the first row of a 编号 wins). Pure; no problems.
 * This is what the self-evaluation form and the posting use: `plansByKey(block).get(idKey(id))`.
 */
export function plansByKey(block: TableBlock | undefined): Map<string, MemberPlan> {
  const out = new Map<string, MemberPlan>();
  if (!block) return out;
  const cId = findColumn(block, '党员编号');
  const cPlan = findColumn(block, '工作计划');
  const cAtt = findColumn(block, '附件');
  if (cId < 0) return out;
  block.rows.forEach((row, i) => {
    if (isBlankRow(row) || isBlank(row[cId])) return;
    const id = normalizeId(row[cId]);
    const key = idKey(id);
    if (out.has(key)) return;
    out.set(key, {
      id,
      plan: cPlan >= 0 ? text(row[cPlan]) : '',
      attachment: cAtt >= 0 ? text(row[cAtt]) : '',
      cell: bodyCell(block, i, cPlan >= 0 ? cPlan : cId),
    });
  });
  return out;
}

/**
 * One member's plan from the kp_Plans rows, or null when the member has no row. For the self-evaluation form
 * and the self-round ballot: `planOf(read.plans, '001')`.
 */
export function planOf(block: TableBlock | undefined, memberId: string): MemberPlan | null {
  return plansByKey(block).get(idKey(normalizeId(memberId))) ?? null;
}

/**
 * Check's warnings about plans: a member to be scored (not exempt) with no plan text (`plan_missing`, at the
 * 工作计划 cell of their row, or, without a row, at the 党员编号 cell of the row where it would be added), a row whose 编号 is not in
 * the roster (`plan_unknown_member`), a second row for a member (`plan_duplicate`). All warnings: the scheme
 * does not make a plan a condition of the evaluation.
 */
export function planProblems(block: TableBlock, roster: Roster, lang: Language): Problem[] {
  const problems: Problem[] = [];
  const cId = findColumn(block, '党员编号');
  if (cId < 0) return problems;
  const cPlan = findColumn(block, '工作计划');
  const cAtt = findColumn(block, '附件');
  const rowsOf = new Map<string, number[]>();
  block.rows.forEach((row, i) => {
    if (isBlankRow(row) || isBlank(row[cId])) return;
    const key = idKey(normalizeId(row[cId]));
    const list = rowsOf.get(key);
    if (list) list.push(i);
    else rowsOf.set(key, [i]);
    if (!roster.byKey.has(key) && !roster.rejected.has(key))
      problems.push(makeProblem(lang, 'warning', block.sheet, bodyCell(block, i, cId), 'plan_unknown_member', { value: rawText(row[cId]) }));
  });
  // A member without a row: the row is where install's repair adds it, after the last row, in roster order.
  let nextRow = firstFreeRow(block);
  const missing = (cell: string, m: RosterMember) => {
    const p = makeProblem(lang, 'warning', block.sheet, cell, 'plan_missing', { member: `${m.id} ${m.name}` }, m.id);
    p.subject = m.name;
    problems.push(p);
  };
  for (const m of roster.members) {
    if (m.exempt) continue;
    const rows = rowsOf.get(m.key);
    const member = `${m.id} ${m.name}`;
    if (!rows) {
      missing(bodyCell(block, nextRow++, cId), m);
      continue;
    }
    const first = block.rows[rows[0]];
    const has = (cPlan >= 0 && text(first[cPlan]) !== '') || (cAtt >= 0 && text(first[cAtt]) !== '');
    if (!has) missing(bodyCell(block, rows[0], cPlan >= 0 ? cPlan : cId), m);
    if (rows.length > 1)
      problems.push(makeProblem(lang, 'warning', block.sheet, bodyCell(block, rows[1], cId), 'plan_duplicate',
        { member, rows: rows.map((r) => block.firstRow + r).join('、') }, m.id));
  }
  return problems;
}

/**
 * The posting rules: who is posted, in which order, and what of them is shown (考评结果公示, SPEC §3.6); and whether
 * the posting sheet may be made at all. The workbook layer (workbook/results/postingPack.ts) only lays these out.
 *
 * May the posting sheet (公示表) be made? Not while any member is incomplete or invalid, nor while any
 * error-level problem remains at all: a roster row that could not be scored or a form about an unknown 编号
 * (a typo that may hide a real member's form) would make the posted results wrong without anyone noticing.
 */
import { message } from './texts/messages';
import type { Evaluation, Language, MemberResult } from './types';

/** Reasons the posting sheet may not be made; empty means it may. */
export function postingBlockers(evaluation: Evaluation, lang: Language): string[] {
  const out: string[] = [];
  const named = new Set<string>();
  for (const m of evaluation.members) {
    if (m.status !== 'incomplete' && m.status !== 'invalid') continue;
    named.add(m.id);
    const reason = message(lang, m.status === 'incomplete' ? 'posting.incomplete' : 'posting.invalid', { notes: m.notes });
    out.push(message(lang, 'posting.member', { id: m.id, name: m.name, reason }));
  }
  // Errors not already explained by a member line above: about no member, a rejected roster row, an exempt member.
  const others = evaluation.problems.filter((p) => p.severity === 'error' && !(p.memberId !== undefined && named.has(p.memberId)));
  if (others.length > 0) out.push(message(lang, 'posting.errors', { count: others.length, first: others[0].message }));
  return out;
}

/** Results in rank order; unranked members (incomplete, invalid without final, exempt) after, in roster order. */
export function resultOrder(members: MemberResult[]): MemberResult[] {
  const ranked = members.filter((m) => m.rank !== null).sort((a, b) => (a.rank as number) - (b.rank as number));
  return [...ranked, ...members.filter((m) => m.rank === null)];
}

/**
 * Members in posting order: by rank (vetoed members, whose score is not posted, then the unranked, e.g. exempt,
 * at the end) or in roster order.
 */
export function postingMembers(evaluation: Evaluation, order: 'rank' | 'roster'): MemberResult[] {
  if (order !== 'rank') return evaluation.members.slice();
  const ordered = resultOrder(evaluation.members);
  const vetoed = (m: MemberResult) => m.veto && m.rank !== null;
  return [...ordered.filter((m) => !vetoed(m) && m.rank !== null), ...ordered.filter(vetoed), ...ordered.filter((m) => m.rank === null)];
}

/** One row of 考评结果公示: 序号, 姓名, 党小组, 最终得分 ('' when not shown), 评定结果. */
export type PostingRow = [seq: number, name: string, group: string, final: number | '', result: string];

/**
 * The rows of 考评结果公示, in posting order. A vetoed member shows the result label only (a score beside
 * 不得参加评先树优 would tell the reason). By rank, 序号 ranks the members shown with a score (tied members share
 * it: 1, 2, 2, 4); the others (vetoed, unranked) listed after them continue the count. No per-evaluator data.
 */
export function postingRows(evaluation: Evaluation, order: 'rank' | 'roster'): PostingRow[] {
  const members = postingMembers(evaluation, order);
  const shown = (m: MemberResult) => m.rank !== null && !m.veto && m.final !== null;
  const finals = members.filter(shown).map((m) => m.final as number);
  const seq = (m: MemberResult, i: number) => (order === 'rank' && shown(m) ? 1 + finals.filter((f) => f > (m.final as number)).length : i + 1);
  return members.map((m, i) => [seq(m, i), m.name, m.group, m.final === null || m.veto ? '' : m.final, m.result]);
}

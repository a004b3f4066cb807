/**
 * May the posting sheet (公示表) be made? Not while any member is incomplete or invalid, nor while any
 * error-level problem remains at all: a roster row that could not be scored or a form about an unknown 编号
 * (a typo that may hide a real member's form) would make the posted results wrong without anyone noticing.
 */
import { message } from './messages';
import type { Evaluation, Language } from './types';

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

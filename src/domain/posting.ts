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
  for (const m of evaluation.members) {
    if (m.status === 'incomplete' || m.status === 'invalid')
      out.push(message(lang, 'posting.member', { id: m.id, name: m.name, reason: message(lang, m.status === 'incomplete' ? 'posting.incomplete' : 'posting.invalid', { notes: m.notes }) }));
  }
  const errors = evaluation.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) out.push(message(lang, 'posting.errors', { count: errors.length, first: errors[0].message }));
  return out;
}

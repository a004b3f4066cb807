/**
 * What is still missing (校验's "还缺的测评表"): forms the scheme expects that are not in the workbook yet. Each is
 * a `missing_form` warning naming the member (or the ballot code) and the round; none is an error, since a form
 * not yet handed in is not a mistake in what was typed. Pure.
 *
 * What counts as outstanding (the scheme: self — one form per member; peer — every member of a 党小组 scores
 * the others of that 党小组; mass — representatives, not on the roster), for the members to be scored (on the
 * roster, not 免评) and only for rounds whose weight is above 0 (a round weighted 0 is not asked for):
 * - self: a member with no kp_Self row about them (a row with errors counts as there: check reports the errors).
 * - peer, named: each member of a 党小组 that scores by name, for whom rows about some other members of their
 *   党小组 are missing — one warning per evaluator, listing whom. A 党小组 scores anonymously when a kp_Peer row
 *   about one of its members has an evaluator that is no roster 编号 (a ballot code), or when anonymous peer
 *   ballots were handed out for it (or for the whole branch); then evaluators cannot be known, and
 * - peer, anonymous, and mass: a member with no row at all in the round (no score: no final score).
 * - ballot files handed out this year (kp_State) for an anonymous code (peer or mass) with no row by that code
 *   in the round's table: "not back". Named ballots (self, peer by a member) are covered by the rules above.
 * Each warning points at where the next form is typed: the first free row of the round's table (in the
 * 党员编号 column for self, 评价人 for peer and mass).
 */
import type { IssuedBallot } from './ballotIssue';
import { message, roundName } from './texts/messages';
import { evaluatorKey, idKey, isBlank, normalizeId, normalizeName } from './parse';
import type { Roster, RosterMember } from './roster';
import type { Settings } from './settings';
import { bodyCell, findColumn, firstFreeRow, makeProblem } from './table';
import type { Language, Problem, Round, TableBlock } from './types';

/** Names listed inside one warning (more are counted, not named). */
const NAMES_SHOWN = 8;

function nameList(lang: Language, names: string[]): string {
  const sep = message(lang, 'list.sep');
  return names.length <= NAMES_SHOWN ? names.join(sep) : names.slice(0, NAMES_SHOWN).join(sep) + '…';
}

export interface MissingFormsInput {
  roster: Roster;
  settings: Settings;
  self: TableBlock;
  peer: TableBlock;
  mass: TableBlock;
  /** Ballot files recorded as handed out (kp_State), any year: only this year's count. */
  issued: readonly IssuedBallot[];
}

export function missingForms(input: MissingFormsInput, lang: Language): Problem[] {
  const { roster, settings } = input;
  const problems: Problem[] = [];
  const active = roster.members.filter((m) => !m.exempt);
  const label = (m: RosterMember) => `${m.id} ${m.name}`;
  const issued = input.issued.filter((b) => b.year === settings.year && !b.void);

  for (const round of ['self', 'peer', 'mass'] as Round[]) {
    if (!(settings.weights[round] > 0)) continue;
    const block = input[round];
    const cId = findColumn(block, '党员编号');
    const cEval = round === 'self' ? -1 : findColumn(block, '评价人');
    // A table without its key columns is an error of its own (missing_column): nothing to count here.
    if (cId < 0 || (round !== 'self' && cEval < 0)) continue;
    const free = firstFreeRow(block);
    const at = bodyCell(block, free, round === 'self' ? cId : cEval);
    const add = (m: RosterMember | null, key: string, params: Record<string, string | number>, subject: string, topic: string) => {
      const p = makeProblem(lang, 'warning', block.sheet, at, 'missing_form', { detail: message(lang, key as 'missing.self', params) }, m?.id);
      p.subject = subject;
      p.topic = topic;
      problems.push(p);
    };

    // Who has a row about whom: member keys with any row; (evaluator key → member keys) for peer.
    const about = new Set<string>();
    const byEvaluator = new Map<string, Set<string>>();
    const anonymousGroups = new Set<string>();
    let anonymousAll = false;
    for (const row of block.rows) {
      if (isBlank(row[cId])) continue;
      const key = idKey(normalizeId(row[cId]));
      about.add(key);
      if (cEval < 0 || isBlank(row[cEval])) continue;
      const ev = evaluatorKey(row[cEval]);
      let set = byEvaluator.get(ev);
      if (!set) byEvaluator.set(ev, (set = new Set()));
      set.add(key);
      if (round === 'peer' && !roster.byKey.has(ev)) {
        const idx = roster.byKey.get(key);
        if (idx !== undefined) anonymousGroups.add(roster.members[idx].group);
      }
    }
    const anonymousIssued = issued.filter((b) => b.round === round && !roster.byKey.has(evaluatorKey(b.evaluator)));
    if (round === 'peer') {
      for (const b of anonymousIssued) {
        if (b.group === '') anonymousAll = true;
        else anonymousGroups.add(b.group);
      }
    }

    if (round === 'self') {
      for (const m of active) if (!about.has(m.key)) add(m, 'missing.self', { member: label(m) }, m.name, 'self');
    } else {
      const named = (m: RosterMember) => round === 'peer' && !anonymousAll && !anonymousGroups.has(m.group);
      const inGroup = new Map<string, RosterMember[]>();
      for (const m of active) {
        const list = inGroup.get(m.group);
        if (list) list.push(m);
        else inGroup.set(m.group, [m]);
      }
      for (const m of active) {
        if (named(m)) {
          const scored = byEvaluator.get(m.key);
          const owed = inGroup.get(m.group)!.filter((o) => o.key !== m.key && !scored?.has(o.key));
          if (owed.length > 0)
            add(m, 'missing.peer', { member: label(m), count: owed.length, names: nameList(lang, owed.map((o) => o.name)) }, m.name, 'peer');
        } else if (!about.has(m.key)) {
          add(m, 'missing.round', { member: label(m), round: roundName(lang, round) }, m.name, `round-${round}`);
        }
      }
      const seen = new Set<string>();
      for (const b of anonymousIssued) {
        const ev = evaluatorKey(b.evaluator);
        if (byEvaluator.has(ev) || seen.has(ev)) continue;
        seen.add(ev);
        const code = normalizeName(b.evaluator);
        const evaluator = !b.group ? code : message(lang, 'evaluator.withGroup', { code, group: b.group });
        add(null, 'missing.ballot', { evaluator, round: roundName(lang, round) }, code, `ballot-${round}`);
      }
    }
  }
  return problems;
}

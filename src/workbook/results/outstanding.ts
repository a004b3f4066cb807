/**
 * The forms still missing (校验, SPEC §5 `missing_form`), from what check read: the roster, the entry tables and
 * the ballot files kp_State records as handed out. The rule is the domain's (domain/missingForms.ts).
 */
import { parseIssued } from '../../domain/ballotIssue';
import { missingForms } from '../../domain/missingForms';
import { parseRoster } from '../../domain/roster';
import type { Language, Problem } from '../../domain/types';
import { currentModel } from '../tables/model';
import { evaluationInput, type TablesRead } from '../tables/readTables';
import { parseState } from '../tables/state';

export function missingFormProblems(read: TablesRead, lang: Language): Problem[] {
  const { rubric, settings } = currentModel(read, lang);
  const input = evaluationInput(read);
  const roster = parseRoster(input.roster, rubric, lang);
  const issued = read.state.exists ? parseIssued(parseState(read.state).ballots) : [];
  return missingForms({ roster, settings, self: input.self, peer: input.peer, mass: input.mass, issued }, lang);
}

/**
 * Check (校验, SPEC §3.4): every problem with its sheet and cell, problem cells highlighted, the previous
 * highlights cleared; nothing typed is changed. One read, one write: 2 syncs.
 */
import { evaluate } from '../domain';
import type { Evaluation, Language } from '../domain/types';
import type { CheckReport } from './commandTypes';
import { queueHighlights } from './highlights';
import { currentModel } from './install';
import { interruptedProblems } from './pending';
import { evaluationInput, readTables, type TablesRead } from './readTables';
import { parseState, queueWriteState, stateUsable, type State } from './state';

/**
 * Evaluates what was read (the domain does all the checking), plus an error while a command's writes are
 * marked unfinished in kp_State (pending.ts): its tables may be half written.
 */
export function evaluateRead(read: TablesRead): { evaluation: Evaluation; lang: Language } {
  const lang = currentModel(read).settings.language;
  const evaluation = evaluate(evaluationInput(read), lang);
  const interrupted = interruptedProblems(read, lang);
  if (interrupted.length > 0) evaluation.problems = [...interrupted, ...evaluation.problems];
  return { evaluation, lang };
}

export function countProblems(problems: Evaluation['problems']): CheckReport['counts'] {
  const counts = { error: 0, warning: 0 };
  for (const p of problems) counts[p.severity]++;
  return counts;
}

/** Queues highlights and their bookkeeping; returns the new state. */
export function queueCheckWrites(context: Excel.RequestContext, read: TablesRead, evaluation: Evaluation, patch: Partial<State> = {}): State {
  const previous = parseState(read.state);
  // An interrupted command's error points at a table's header: not a cell to fix, so not highlighted.
  // Without a kp_State to remember them in, nothing is highlighted (a highlight nobody can clear is worse).
  const painted = stateUsable(read.state) ? evaluation.problems.filter((p) => p.code !== 'write_interrupted') : [];
  const highlights = queueHighlights(context, read, previous.highlights, painted);
  const state: State = { ...previous, ...patch, highlights };
  queueWriteState(context, read.state, state);
  return state;
}

export async function check(context: Excel.RequestContext): Promise<CheckReport> {
  const { read } = await readTables(context);
  const { evaluation } = evaluateRead(read);
  queueCheckWrites(context, read, evaluation);
  await context.sync();
  return { problems: evaluation.problems, counts: countProblems(evaluation.problems) };
}

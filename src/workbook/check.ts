/**
 * Check (校验, SPEC §3.4): every problem with its sheet and cell, problem cells highlighted, the previous
 * highlights cleared; nothing typed is changed. One read, one write: 2 syncs.
 */
import { evaluate } from '../domain';
import type { Evaluation, Language } from '../domain/types';
import type { CheckReport } from './commandTypes';
import { writeHighlights } from './highlights';
import { refuseProtected } from './protection';
import { texts } from './texts';
import { currentModel } from './install';
import { ALL_KEYS, evaluationInput, readTables, type TablesRead } from './readTables';
import { parseState, queueWriteState, type State } from './state';

/** Evaluates what was read (the domain does all the checking). */
export function evaluateRead(read: TablesRead): { evaluation: Evaluation; lang: Language } {
  const lang = currentModel(read).settings.language;
  return { evaluation: evaluate(evaluationInput(read), lang), lang };
}

export function countProblems(problems: Evaluation['problems']): CheckReport['counts'] {
  const counts = { error: 0, warning: 0 };
  for (const p of problems) counts[p.severity]++;
  return counts;
}

/**
 * Queues highlights and their bookkeeping (more than HIGHLIGHT_CHUNK problem ranges are sent in extra syncs);
 * returns the new state and a note per protected sheet whose cells were not highlighted.
 */
export async function queueCheckWrites(
  context: Excel.RequestContext,
  read: TablesRead,
  evaluation: Evaluation,
  patch: Partial<State> = {},
  taken?: Set<string>,
): Promise<{ state: State; notes: string[] }> {
  const previous = parseState(read.state);
  const { highlights, skipped } = await writeHighlights(context, read, previous.highlights, evaluation.problems);
  const state: State = { ...previous, ...patch, highlights };
  // A lost kp_State is made again (taken: the sheet names, when the caller read them).
  queueWriteState(context, read.state, state, taken);
  const T = texts(currentModel(read).settings.language);
  return { state, notes: skipped.map((s) => T.highlightsSkipped(s)) };
}

export async function check(context: Excel.RequestContext): Promise<CheckReport> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const { evaluation, lang } = evaluateRead(read);
  refuseProtected(read, ['state'], lang);
  const taken = new Set(sheets.items.map((s) => s.name));
  const { notes } = await queueCheckWrites(context, read, evaluation, {}, taken);
  await context.sync();
  return { problems: evaluation.problems, counts: countProblems(evaluation.problems), ...(notes.length > 0 ? { notes } : {}) };
}

/**
 * Check (校验, SPEC §3.4): every problem with its sheet and cell, problem cells highlighted, the previous
 * highlights cleared; nothing typed is changed. One read, one write: 2 syncs.
 */
import { evaluate } from '../../domain';
import { firstFreeRow } from '../../domain/table';
import { staleSheetProblems } from '../../domain/derivedSheets';
import type { Evaluation, Language, Problem } from '../../domain/types';
import { currentStale, queueStaleMarks } from './derivedSheets';
import type { CheckReport } from '../commandTypes';
import { writeHighlights } from '../tables/highlights';
import { refuseProtected } from '../tables/protection';
import { texts } from '../../domain/texts/sheets';
import { currentModel } from '../tables/model';
import { interruptedProblems } from '../tables/pending';
import { missingFormProblems } from './outstanding';
import { ALL_KEYS, evaluationInput, readTables, type TablesRead } from '../tables/readTables';
import { parseState, queueWriteState, stateUsable, takenIfStateLost, type State } from '../tables/state';

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

/**
 * What check reports: evaluateRead's problems and the forms still missing (`missing_form` warnings, listed
 * after the rest). Compute and posting use evaluateRead alone.
 */
export function checkRead(read: TablesRead): { evaluation: Evaluation; lang: Language } {
  const { evaluation, lang } = evaluateRead(read);
  const missing = missingFormProblems(read, lang);
  if (missing.length > 0) evaluation.problems = evaluation.problems.concat(missing);
  return { evaluation, lang };
}

/**
 * Whether a problem points at or below the first free row of a table (where something still missing would be
 * typed): such a cell holds nothing to highlight, and a highlight there would outlive the row typed into it.
 */
function pointsBelowRows(read: TablesRead): (p: Problem) => boolean {
  const free = new Map<string, number>();
  for (const t of Object.values(read)) if (t.exists && !free.has(t.sheet)) free.set(t.sheet, t.firstRow + firstFreeRow(t));
  return (p) => {
    const from = free.get(p.sheet);
    return from !== undefined && p.cell !== '' && Number(/\d+$/.exec(p.cell)?.[0] ?? 0) >= from;
  };
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
  // An interrupted command's error points at a table's header: not a cell to fix, so not highlighted.
  // Without a kp_State to remember them in, nothing is highlighted (a highlight nobody can clear is worse); a
  // missing kp_State is made again below when the caller gave the sheet names, so highlights are remembered.
  const remembered = stateUsable(read.state) || (!read.state.exists && taken !== undefined);
  // A missing form or plan row points at the free row where it would be typed: nothing there to highlight.
  const empty = pointsBelowRows(read);
  const painted = remembered ? evaluation.problems.filter((p) => p.code !== 'write_interrupted' && !empty(p)) : [];
  const { highlights, skipped } = await writeHighlights(context, read, previous.highlights, painted);
  const state: State = { ...previous, ...patch, highlights };
  // A lost kp_State is made again (taken: the sheet names, when the caller read them).
  queueWriteState(context, read.state, state, taken);
  const T = texts(currentModel(read).settings.language);
  return { state, notes: skipped.map((s) => T.highlightsSkipped(s)) };
}

export async function check(context: Excel.RequestContext): Promise<CheckReport> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const { evaluation, lang } = checkRead(read);
  refuseProtected(read, ['state'], lang);
  const names = sheets.items.map((s) => s.name);
  const stale = checkStaleSheets(context, read, names, lang);
  const { notes } = await queueCheckWrites(context, read, evaluation, stale.patch, takenIfStateLost(read, names));
  await context.sync();
  const problems = [...evaluation.problems, ...stale.problems];
  return { problems, counts: countProblems(problems), ...(notes.length > 0 ? { notes } : {}) };
}

/** Derived sheets out of date (derivedSheets.ts): `stale_sheet` warnings (not highlighted), and their marks queued. */
function checkStaleSheets(context: Excel.RequestContext, read: TablesRead, names: string[], lang: Language): { problems: Problem[]; patch: Partial<State> } {
  const stale = currentStale(read, names);
  const state = parseState(read.state);
  if (state.derived.length === 0) return { problems: [], patch: {} };
  // While a command's writes are unfinished (write_interrupted), the sheets are listed but not marked: the
  // workbook is half written, and running that command again decides what is really out of date.
  if (state.pending !== null) return { problems: staleSheetProblems(stale, lang), patch: {} };
  return { problems: staleSheetProblems(stale, lang), patch: { derived: queueStaleMarks(context, read, stale, names, lang) } };
}

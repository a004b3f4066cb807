/**
 * Derived sheets out of date (domain/derived.ts has the rule): the fingerprints of each kind's inputs, which
 * recorded sheets are out of date now, the `stale_sheet` warnings, and the visible mark written on such a sheet.
 *
 * The mark (written by check and compute, the commands that read everything): the sheet's first cell becomes
 * "【已过期】" + its title in red, its tab turns red, and every printed page carries the reason in its header
 * (页眉) — so an out-of-date sheet never prints without saying so. A marked sheet stays out of date until it is
 * made again (生成公示表, 个人考评明细), which records it afresh.
 */
import { staleMarkText, staleSheets, staleSheetProblems, type DerivedKind, type DerivedRecord, type StaleSheet } from '../../domain/derivedSheets';
import { texts } from '../../domain/texts/sheets';
import type { Language, Problem } from '../../domain/types';
import { currentModel } from '../tables/model';
import { pendingCommandOf, type WritingCommand } from '../tables/pending';
import type { TablesRead } from '../tables/readTables';
import { fingerprint, parseState, RESULT_INPUTS, type State } from '../tables/state';

/** The tables each kind of derived sheet shows something of. */
const INPUTS: Record<DerivedKind, readonly (keyof TablesRead)[]> = {
  results_posting: RESULT_INPUTS,
  score_sheet: RESULT_INPUTS,
  rubric_posting: ['settings', 'rubric', 'roster'],
  plans_posting: ['settings', 'roster', 'plans'],
};

export function derivedFingerprint(read: TablesRead, kind: DerivedKind): string {
  return fingerprint(read, INPUTS[kind]);
}

/**
 * Results computed from exactly the current inputs, with no command's writes left unfinished (but `own`'s: the
 * command that completes its own interrupted writes).
 */
export function resultsCurrent(read: TablesRead, state: State = parseState(read.state), own?: WritingCommand): boolean {
  const pending = state.pending === null || (own !== undefined && pendingCommandOf(state.pending) === own);
  return state.computedAt !== null && pending && state.fingerprint === fingerprint(read);
}

/** A record of a derived sheet made now from `read`. */
export function derivedRecord(read: TablesRead, sheet: string, kind: DerivedKind, title: string): DerivedRecord {
  return { sheet, kind, fingerprint: derivedFingerprint(read, kind), year: currentModel(read).settings.year, title, marked: false };
}

/** The recorded derived sheets that are out of date; `resultsAreCurrent` overrides (compute: current after its write). */
export function currentStale(read: TablesRead, sheetNames: readonly string[], resultsAreCurrent?: boolean): StaleSheet[] {
  const state = parseState(read.state);
  if (state.derived.length === 0) return [];
  return staleSheets(state.derived, sheetNames, {
    fingerprints: fingerprintsOf(read),
    resultsCurrent: resultsAreCurrent ?? resultsCurrent(read, state),
    year: currentModel(read).settings.year,
  });
}

function fingerprintsOf(read: TablesRead): Record<DerivedKind, string> {
  const result = fingerprint(read);
  return { results_posting: result, score_sheet: result, rubric_posting: derivedFingerprint(read, 'rubric_posting'), plans_posting: derivedFingerprint(read, 'plans_posting') };
}

/**
 * The records marked 已过期 whose sheets are current once the pending mark is cleared (their inputs are as when
 * they were made): an undo new year that stopped just before clearing its mark, checked meanwhile, is completed
 * with these unmarked.
 */
export function currentAgain(read: TablesRead, sheetNames: readonly string[]): DerivedRecord[] {
  const state = parseState(read.state);
  const unmarked = state.derived.filter((r) => r.marked && sheetNames.includes(r.sheet)).map((r) => ({ ...r, marked: false }));
  if (unmarked.length === 0) return [];
  const stale = new Set(
    staleSheets(unmarked, sheetNames, { fingerprints: fingerprintsOf(read), resultsCurrent: resultsCurrent(read, { ...state, pending: null }), year: currentModel(read).settings.year }).map((s) => s.record.sheet),
  );
  return unmarked.filter((r) => !stale.has(r.sheet));
}

/** `stale_sheet` warnings for the out-of-date derived sheets of the workbook read. */
export function staleProblems(read: TablesRead, sheetNames: readonly string[], lang: Language): Problem[] {
  return staleSheetProblems(currentStale(read, sheetNames), lang);
}

/**
 * Queues the mark on every out-of-date sheet not marked yet; returns the records as they will be (marked), for
 * kp_State. Records of sheets no longer in the workbook are dropped.
 */
export function queueStaleMarks(context: Excel.RequestContext, read: TablesRead, stale: readonly StaleSheet[], sheetNames: readonly string[], lang: Language): DerivedRecord[] {
  const state = parseState(read.state);
  const marked = new Set<string>();
  for (const s of stale) {
    if (s.record.marked) continue;
    const sheet = context.workbook.worksheets.getItem(s.record.sheet);
    const first = sheet.getRange('A1');
    first.numberFormat = [['@']];
    first.values = [[`${texts(lang).staleTitle}${s.record.title}`]];
    first.format.font.color = '#C00000';
    first.format.font.bold = true;
    sheet.tabColor = '#C00000';
    sheet.pageLayout.headersFooters.defaultForAllPages.centerHeader = staleMarkText(s, lang);
    marked.add(s.record.sheet);
  }
  return state.derived.filter((r) => sheetNames.includes(r.sheet)).map((r) => (marked.has(r.sheet) ? { ...r, marked: true } : r));
}

/**
 * Takes the 已过期 mark off the sheets that `restored` records as unmarked but `current` records as marked (and
 * that exist): the title as made, the title's colour, tab colour and page header as the add-in made them (none
 * of them set). Used by undo new year, which puts back the inputs the sheets were made from.
 */
export function queueUnmarks(context: Excel.RequestContext, restored: readonly DerivedRecord[], current: readonly DerivedRecord[], sheetNames: ReadonlySet<string>): void {
  const marked = new Set(current.filter((r) => r.marked).map((r) => r.sheet));
  for (const r of restored) {
    if (r.marked || !marked.has(r.sheet) || !sheetNames.has(r.sheet)) continue;
    const sheet = context.workbook.worksheets.getItem(r.sheet);
    const first = sheet.getRange('A1');
    first.numberFormat = [['@']];
    first.values = [[r.title]];
    first.format.font.color = '#000000';
    sheet.tabColor = '';
    sheet.pageLayout.headersFooters.defaultForAllPages.centerHeader = '';
  }
}

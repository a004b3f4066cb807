/**
 * Derived sheets (the posting pack and the score sheets) and what they were made from: the rule that says when
 * one is out of date. Pure: the fingerprints come from the workbook layer (workbook/derivedSheets.ts).
 *
 * Each derived sheet is recorded (in kp_State) with the fingerprint of the inputs it shows: the result inputs
 * (entries, settings, rubric, roster) for the results posting and the score sheets; rubric, settings and roster
 * for the rubric posting; work plans, settings and roster for the plans posting. A sheet is out of date when
 * - its inputs changed since it was made (their fingerprint differs), or
 * - it shows scores (results posting, score sheets) and the results are not current (never computed, changed
 *   inputs since the last compute, an interrupted command): its numbers may differ from 考评结果, or
 * - it was made in another year, or
 * - it was marked 已过期 once: a marked sheet stays out of date until it is made again (no mark ever disappears
 *   on its own, so the sheet and the pane never disagree).
 */
import { message } from './texts/messages';
import { texts } from './texts/sheets';
import type { Language, Problem } from './types';

export type DerivedKind = 'results_posting' | 'rubric_posting' | 'plans_posting' | 'score_sheet';
export const DERIVED_KINDS: readonly DerivedKind[] = ['results_posting', 'rubric_posting', 'plans_posting', 'score_sheet'];

/** Kinds that show scores: out of date as soon as the results are not current. */
const SHOWS_SCORES: ReadonlySet<DerivedKind> = new Set<DerivedKind>(['results_posting', 'score_sheet']);

export interface DerivedRecord {
  sheet: string;
  kind: DerivedKind;
  /** Fingerprint of the kind's inputs when the sheet was made. */
  fingerprint: string;
  year: number;
  /** The sheet's title (its first cell) as made: a mark puts 【已过期】 before it. */
  title: string;
  /** Marked 已过期 on the sheet. */
  marked: boolean;
}

export type StaleReason = 'inputs' | 'results' | 'other_year' | 'marked';

export interface StaleSheet {
  record: DerivedRecord;
  reason: StaleReason;
}

/** One kp_State line per record (tab-separated; the title last, tabs in it replaced). */
export function derivedLine(r: DerivedRecord): string {
  return [r.sheet, r.kind, r.fingerprint, String(r.year), r.marked ? '1' : '0', r.title.replace(/[\t\n]/g, ' ')].join('\t');
}

export function parseDerivedLine(line: string): DerivedRecord | null {
  const [sheet, kind, fingerprint, year, marked, ...title] = line.split('\t');
  if (!sheet || !(DERIVED_KINDS as readonly string[]).includes(kind) || !fingerprint || !/^\d{4}$/.test(year ?? '')) return null;
  return { sheet, kind: kind as DerivedKind, fingerprint, year: Number(year), marked: marked === '1', title: title.join(' ') };
}

/** A record replacing any earlier one of the same sheet. */
export function withRecord(records: readonly DerivedRecord[], r: DerivedRecord): DerivedRecord[] {
  return [...records.filter((x) => x.sheet !== r.sheet), r];
}

/**
 * The out-of-date derived sheets among `records` that still exist (`sheetNames`). `now`: the current
 * fingerprint of each kind's inputs, whether the results are current, and the year.
 */
export function staleSheets(
  records: readonly DerivedRecord[],
  sheetNames: readonly string[],
  now: { fingerprints: Record<DerivedKind, string>; resultsCurrent: boolean; year: number },
): StaleSheet[] {
  const out: StaleSheet[] = [];
  for (const record of records) {
    if (!sheetNames.includes(record.sheet)) continue;
    const reason: StaleReason | null = record.marked
      ? 'marked'
      : record.year !== now.year
        ? 'other_year'
        : record.fingerprint !== now.fingerprints[record.kind]
          ? 'inputs'
          : SHOWS_SCORES.has(record.kind) && !now.resultsCurrent
            ? 'results'
            : null;
    if (reason) out.push({ record, reason });
  }
  return out;
}

export function staleWhy(s: StaleSheet, lang: Language): string {
  const T = texts(lang);
  switch (s.reason) {
    case 'inputs': return T.staleWhy[s.record.kind];
    case 'results': return T.staleResults;
    case 'other_year': return T.staleOtherYear(s.record.year);
    default: return T.staleMarked;
  }
}

/** The visible line written on an out-of-date sheet (and its print header). */
export function staleMarkText(s: StaleSheet, lang: Language): string {
  return texts(lang).staleMark(staleWhy(s, lang));
}

/** `stale_sheet` warnings (check, `kaoping check --json`): one per out-of-date sheet, naming it. */
export function staleSheetProblems(stale: readonly StaleSheet[], lang: Language): Problem[] {
  return stale.map((s) => ({ severity: 'warning', sheet: s.record.sheet, cell: 'A1', code: 'stale_sheet', message: message(lang, 'stale_sheet', { sheet: s.record.sheet, why: staleWhy(s, lang) }) }));
}

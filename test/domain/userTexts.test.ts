/**
 * Every text a user reads, in both languages, speaks the user's terms: no internal table name (kp_…), no command
 * line option (--…), and no "加载项" (the web page shows the same texts; it is not an add-in there). The texts are
 * read from the catalogues themselves (src/domain/texts/* and the ballot messages), each function called with
 * stand-in values, so a new text is checked without being listed here.
 */
import { ballotProblem } from '../../src/domain/ballotIdentity';
import { BALLOT_PROBLEM_CODES, verdictText } from '../../src/domain/texts/ballots';
import { MESSAGE_KEYS, message } from '../../src/domain/texts/messages';
import { PANE_TEXTS } from '../../src/domain/texts/pane';
import { BALLOT_PANE_TEXTS } from '../../src/domain/texts/paneBallots';
import { DERIVED_PANE_TEXTS } from '../../src/domain/texts/paneDerived';
import { scoreSheetText } from '../../src/domain/texts/scoreSheet';
import { importText } from '../../src/domain/texts/sheets';
import type { Language } from '../../src/domain/types';

const LANGS: Language[] = ['zh-CN', 'en-US'];

/** Stand-in parameters: any key gives a plain value. */
const anyParams = new Proxy({} as Record<string, string | number>, { get: (_t, k) => (typeof k === 'string' ? `«${k}»` : undefined), has: () => true });

/** A text of a sheet catalogue: a string, or a function called with stand-in arguments. */
function render(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(render);
  if (typeof v === 'function') {
    try {
      return render((v as (...a: unknown[]) => unknown)('«a»', 1, '«c»', '«d»'));
    } catch {
      // A text that needs a richer argument: its own source still holds every literal part.
      return [String(v)];
    }
  }
  if (v && typeof v === 'object') return Object.values(v).flatMap(render);
  return [];
}

/** [where, text] for every user text. */
function allTexts(lang: Language): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(PANE_TEXTS[lang])) out.push([`pane.${k}`, v]);
  for (const [k, v] of Object.entries(BALLOT_PANE_TEXTS[lang])) out.push([`paneBallots.${k}`, v]);
  for (const [k, v] of Object.entries(DERIVED_PANE_TEXTS[lang])) out.push([`paneDerived.${k}`, v]);
  for (const [k, v] of Object.entries(importText(lang))) for (const t of render(v)) out.push([`sheets.${k}`, t]);
  for (const [k, v] of Object.entries(scoreSheetText(lang))) for (const t of render(v)) out.push([`scoreSheet.${k}`, t]);
  for (const k of MESSAGE_KEYS) out.push([`messages.${k}`, message(lang, k, anyParams)]);
  for (const c of BALLOT_PROBLEM_CODES) {
    for (const detail of ['empty_zip', 'broken', 'other']) out.push([`ballot.${c}`, ballotProblem(lang, 'error', c, { sheet: '«s»', cell: 'A1' }, { detail, file: '«f»', other: '«o»', evaluator: '«e»', member: '«m»', name: '«n»', value: '«v»' }).message]);
  }
  for (const v of ['accepted', 'rejected', 'duplicate', 'stale', 'not_issued', 'not_a_ballot'] as const) out.push([`verdict.${v}`, verdictText(lang, v, 2)]);
  return out;
}

/**
 * Texts allowed to say a forbidden word, each with its reason. Keys are `where` from allTexts.
 */
const ALLOWED: Record<string, { word: string; reason: string }> = {};

const FORBIDDEN = ['kp_', '--', '加载项'];

describe('user texts', () => {
  it.each(LANGS)('%s: every text is read (the catalogues are not empty)', (lang) => {
    expect(allTexts(lang).length).toBeGreaterThan(300);
  });

  it.each(LANGS)('%s: no kp_, no --option, no 加载项', (lang) => {
    const found = [...new Set(allTexts(lang).flatMap(([where, t]) =>
      FORBIDDEN.filter((w) => t.includes(w) && !(ALLOWED[where]?.word === w)).map((w) => `${where}: "${w}" in ${t}`),
    ))];
    expect(found).toEqual([]);
  });
});

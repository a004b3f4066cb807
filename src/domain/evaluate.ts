/**
 * evaluate(): the whole year's scoring from the kp_ tables. Exact arithmetic: form totals are integer tenths,
 * round means and the weighted average are bigint rationals, and the final score is rounded once, half away
 * from zero, to 2 decimals; thresholds compare the rounded value.
 */
import { SHEETS } from './contract';
import { newRoundTotals, processRound, type RoundTotals } from './entries';
import { divRound, divRoundNumber, gcd } from './exact';
import { processBonus, processReview } from './bonusAndVeto';
import { joinList, message, roundName } from './texts/messages';
import { decimalValue, parseSettings, type Settings } from './settings';
import { parseRubric } from './rubric';
import { parseRoster } from './roster';
import { planProblems } from './workPlans';
import { tenthsText } from './parse';
import { isMissingTable, missingTableProblem, outsideRowsProblem } from './tableNotices';
import type { Evaluation, EvaluationInput, Language, MemberResult, Problem, Round, TableBlock } from './types';
import { ROUNDS } from './types';

/** Appends without spreading (a spread of 100,000+ problems overflows the call stack). */
function append<T>(dst: T[], src: readonly T[]): void {
  for (let i = 0; i < src.length; i++) dst.push(src[i]);
}

function withSheet(block: TableBlock, fallback: string): TableBlock {
  return block.sheet ? block : { ...block, sheet: fallback };
}

/** Weight as an integer scaled by 10^4 (weights have at most four decimals). */
function weightUnits(w: number): number {
  const v = decimalValue(w, 4);
  return Math.round((v ?? 0) * 10000);
}

function thresholdCents(v: number): number {
  return Math.round(v * 100);
}

/** Round score in tenths after optional trimming: { sum, n } or null when no valid form. */
function roundSum(t: RoundTotals, idx: number, trim: boolean, minForms: number): { sum: number; n: number; trimmed: boolean } | null {
  const n = t.count[idx];
  if (n === 0) return null;
  if (trim && n >= minForms && n >= 3) return { sum: t.sum[idx] - t.max[idx] - t.min[idx], n: n - 2, trimmed: true };
  return { sum: t.sum[idx], n, trimmed: false };
}

/** An exact mean of tenths as a JS number rounded to 6 decimals. */
function meanNumber(sum: number, n: number): number {
  return divRoundNumber(sum * 100000, n) / 1e6;
}

/**
 * What the score sheets (个人考评明细) need beyond the Evaluation, per roster index (= evaluation.members index):
 * each round's valid forms before trimming (count, highest and lowest total in tenths) and the bonus items
 * counted. No evaluator and no single form is kept.
 */
export interface ScoreDetails {
  /**
   * Per round and member: valid forms (before trimming) and whether trimming dropped the highest and lowest.
   * No highest, lowest or single form total: nothing outside scoring may show one (domain/scoreSheet.ts).
   */
  rounds: Record<Round, { count: Int32Array; trimmed: Uint8Array }>;
  /** Counted kp_Bonus items: roster index and row index in the bonus block. */
  bonusItems: { member: number; row: number }[];
}

export function evaluate(input: EvaluationInput, lang?: Language): Evaluation {
  return evaluateDetailed(input, lang).evaluation;
}

/** evaluate() with the per-member figures the score sheets show (see ScoreDetails). */
export function evaluateDetailed(input: EvaluationInput, lang?: Language): { evaluation: Evaluation; details: ScoreDetails } {
  let l: Language = lang ?? 'zh-CN';
  let parsedSettings = parseSettings(withSheet(input.settings, SHEETS.settings), l);
  if (!lang && parsedSettings.settings.language !== l) {
    l = parsedSettings.settings.language;
    parsedSettings = parseSettings(withSheet(input.settings, SHEETS.settings), l);
  }
  const settings: Settings = parsedSettings.settings;
  const problems: Problem[] = [];
  // A table the workbook lacks altogether takes the defaults with a warning (install restores it); a table
  // that is there but unusable (a missing column, an empty rubric) stays an error.
  if (isMissingTable(input.settings)) problems.push(missingTableProblem('settings', input.settings.sheet || SHEETS.settings, l));
  else append(problems, parsedSettings.problems);
  const { rubric, problems: rubricProblems } = parseRubric(withSheet(input.rubric, SHEETS.rubric), l);
  if (isMissingTable(input.rubric)) problems.push(missingTableProblem('rubric', input.rubric.sheet || SHEETS.rubric, l));
  else append(problems, rubricProblems);
  for (const key of ['settings', 'rubric', 'roster', ...ROUNDS, 'bonus', 'review'] as const) {
    const p = outsideRowsProblem(withSheet(input[key], SHEETS[key]), l);
    if (p) problems.push(p);
  }
  const roster = parseRoster(withSheet(input.roster, SHEETS.roster), rubric, l);
  append(problems, roster.problems);
  if (input.plans) {
    const plans = withSheet(input.plans, SHEETS.plans);
    const p = outsideRowsProblem(plans, l);
    if (p) problems.push(p);
    append(problems, planProblems(plans, roster, l));
  }
  const n = roster.members.length;

  const totals = {} as Record<Round, RoundTotals>;

  for (const r of ROUNDS) {
    totals[r] = newRoundTotals(n);
    const out = processRound(r, withSheet(input[r], SHEETS[r]), settings.entryMode[r], rubric, roster, totals[r], l);
    append(problems, out.problems);

  }
  const bonus = processBonus(withSheet(input.bonus, SHEETS.bonus), roster, settings.allowDeductions, l);
  append(problems, bonus.problems);
  const review = processReview(withSheet(input.review, SHEETS.review), roster, l);
  append(problems, review.problems);

  // Errors about each member decide `invalid`; their cells go into 说明.
  const errorsOf = new Map<string, Problem[]>();
  for (const p of problems)
    if (p.severity === 'error' && p.memberId !== undefined) {
      const list = errorsOf.get(p.memberId);
      if (list) list.push(p);
      else errorsOf.set(p.memberId, [p]);
    }

  // Weights in units of 10^-4, divided by their common divisor (1, 1, 1 by default) to keep numbers small.
  const W: Record<Round, number> = { self: weightUnits(settings.weights.self), peer: weightUnits(settings.weights.peer), mass: weightUnits(settings.weights.mass) };
  const g = gcd(gcd(W.self, W.peer), W.mass) || 1;
  for (const r of ROUNDS) W[r] /= g;
  const required = ROUNDS.filter((r) => W[r] > 0);
  const wSum = required.reduce((a, r) => a + W[r], 0);
  const capTenths = settings.bonusCap === null ? null : Math.round(settings.bonusCap * 10);
  const eligibleCents = thresholdCents(settings.eligibleThreshold);
  const admonishCents = thresholdCents(settings.admonishThreshold);
  const trim: Record<Round, boolean> = { self: false, peer: settings.trimPeer, mass: settings.trimMass };
  const sep = message(l, 'note.sep');

  const finalCents: (number | null)[] = new Array(n).fill(null);
  const trimmedAt: Record<Round, Uint8Array> = { self: new Uint8Array(n), peer: new Uint8Array(n), mass: new Uint8Array(n) };
  let formsUsed = 0;
  const members: MemberResult[] = roster.members.map((m, idx) => {
    const veto = review.veto[idx] === 1;
    const errors = errorsOf.get(m.id) ?? [];
    const notes: string[] = [];
    if (m.exempt) {
      if (errors.length > 0) notes.push(errorNote(l, errors));
      return {
        id: m.id, name: m.name, group: m.group, category: m.category.category, status: 'exempt', self: null, peer: null, mass: null, average: null, bonus: 0, final: null, rank: null,
        eligible: null, admonish: null, veto, result: settings.labels.exempt, notes: [message(l, 'note.exempt'), ...notes].join(sep),
        forms: { self: 0, peer: 0, mass: 0 }, missing: [],
      };
    }
    const means: Record<Round, number | null> = { self: null, peer: null, mass: null };
    const forms: Record<Round, number> = { self: 0, peer: 0, mass: 0 };
    const sums: Partial<Record<Round, { sum: number; n: number }>> = {};
    const trimmed: Round[] = [];
    for (const r of ROUNDS) {
      const s = roundSum(totals[r], idx, trim[r], settings.trimMinForms);
      if (!s) continue;
      sums[r] = s;
      forms[r] = s.n;
      formsUsed += s.n;
      means[r] = meanNumber(s.sum, s.n);
      if (s.trimmed) {
        trimmed.push(r);
        trimmedAt[r][idx] = 1;
      }
    }
    const missing = required.filter((r) => !sums[r]);
    // Bonus: positive items capped, deductions (when allowed) added after the cap.
    let plus = bonus.plus[idx];
    const capped = capTenths !== null && plus > capTenths;
    if (capped) plus = capTenths!;
    const bonusTenths = plus + bonus.minus[idx];

    let average: number | null = null;
    let final: number | null = null;
    if (missing.length === 0) {
      // average (points) = Σ W_r·S_r/n_r / (10·ΣW); in cents: Σ W_r·S_r·(L/n_r)·10 / (ΣW·L), L = Π n_r.
      let L = 1;
      for (const r of required) L *= sums[r]!.n;
      let num = 0;
      for (const r of required) num += W[r] * sums[r]!.sum * (L / sums[r]!.n);
      const den = wSum * L;
      let avgCents: number;
      let fCents: number;
      if (Math.abs(num) * 10 + Math.abs(bonusTenths) * 10 * den < 2 ** 50 && den < 1048576) {
        avgCents = divRoundNumber(num * 10, den);
        fCents = divRoundNumber(num * 10 + bonusTenths * 10 * den, den);
      } else {
        // Large weights or form counts: the same in bigint.
        let Lb = 1n;
        for (const r of required) Lb *= BigInt(sums[r]!.n);
        let nb = 0n;
        for (const r of required) nb += BigInt(W[r]) * BigInt(sums[r]!.sum) * (Lb / BigInt(sums[r]!.n));
        const db = BigInt(wSum) * Lb;
        avgCents = Number(divRound(nb * 10n, db));
        fCents = Number(divRound(nb * 10n + BigInt(bonusTenths) * 10n * db, db));
      }
      finalCents[idx] = fCents;
      average = Number(avgCents) / 100;
      final = Number(fCents) / 100;
    }
    if (missing.length > 0) notes.push(message(l, 'note.missing', { rounds: joinList(l, missing.map((r) => roundName(l, r))) }));
    if (errors.length > 0) notes.push(errorNote(l, errors));
    if (veto) notes.push(message(l, review.unclear[idx] ? 'note.vetoUnrecognised' : 'note.veto'));
    if (trimmed.length > 0) notes.push(message(l, 'note.trimmed', { rounds: joinList(l, trimmed.map((r) => roundName(l, r))) }));
    if (capped) notes.push(message(l, 'note.bonusCapped', { cap: tenthsText(capTenths!) }));

    const status = missing.length > 0 ? 'incomplete' : errors.length > 0 ? 'invalid' : 'ok';
    const fc = finalCents[idx];
    const eligible = fc === null ? null : fc >= eligibleCents && !veto;
    const admonish = fc === null ? null : fc < admonishCents;
    const labels = settings.labels;
    const result =
      status === 'incomplete' ? labels.incomplete
        : status === 'invalid' ? labels.invalid
          : admonish ? labels.admonish
            : eligible ? labels.eligible : labels.notEligible;
    // One literal with every field in MemberResult order (object spread here was the slowest line of scoring).
    return {
      id: m.id, name: m.name, group: m.group, category: m.category.category, status, self: means.self, peer: means.peer, mass: means.mass, average, bonus: bonusTenths / 10,
      final, rank: null, eligible, admonish, veto, result, notes: notes.join(sep), forms, missing,
    };
  });
  assignRanks(members, finalCents);
  const rounds = {} as ScoreDetails['rounds'];
  for (const r of ROUNDS) rounds[r] = { count: totals[r].count, trimmed: trimmedAt[r] };
  return {
    evaluation: { year: settings.year, branch: settings.branch, members, problems, formsUsed },
    details: { rounds, bonusItems: bonus.counted },
  };
}

function errorNote(l: Language, errors: Problem[]): string {
  const cells = errors.slice(0, 3).map((p) => (p.cell ? `${p.sheet} ${p.cell}` : p.sheet));
  return message(l, 'note.errors', { count: errors.length, cells: joinList(l, cells) + (errors.length > 3 ? '…' : '') });
}

/** Competition ranking (1, 2, 2, 4) by final score, over members with a final score. */
export function assignRanks(members: MemberResult[], finalCents: (number | null)[]): void {
  const order = members.map((_, i) => i).filter((i) => finalCents[i] !== null);
  order.sort((a, b) => finalCents[b]! - finalCents[a]! || a - b);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    members[i].rank = k > 0 && finalCents[order[k - 1]] === finalCents[i] ? members[order[k - 1]].rank : k + 1;
  }
}

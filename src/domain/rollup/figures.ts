/**
 * The roll-up's figures, from members as each branch's results sheet shows them: a member's standing, the
 * per-branch counts and mean, the committee-wide rank, the follow-up list and the award candidates. Scores are
 * handled in integer cents (a final score has two decimals) and the mean is rounded once, half away from zero,
 * like final scores.
 */
import { divRoundNumber } from '../exact';
import { message } from '../texts/messages';
import type { ResultLabels } from '../settings';
import type { BranchFigures, MemberStanding, RollupMember, Verdict } from './types';

export function cents(x: number): number {
  return Math.round(x * 100);
}

/** The lines and labels of a branch that decide how its results read. */
export interface BranchLines {
  eligibleThreshold: number;
  admonishThreshold: number;
  labels: ResultLabels;
}

const VETO_NOTES = [
  message('zh-CN', 'note.veto'), message('en-US', 'note.veto'),
  message('zh-CN', 'note.vetoUnrecognised'), message('en-US', 'note.vetoUnrecognised'),
];

/** Whether the 说明 of a results row records a veto (compute writes the veto note as one of its notes). */
export function notesRecordVeto(notes: string): boolean {
  return notes.split(/[；;]\s*/).some((part) => VETO_NOTES.some((v) => part.trim() === v));
}

/** A member's standing and flags from one results row: 最终得分, 评定结果 and 说明, read with the branch's lines. */
export function classify(final: number | null, result: string, notes: string, lines: BranchLines): Pick<RollupMember, 'standing' | 'veto' | 'eligible' | 'belowAward' | 'admonish'> {
  const r = result.trim();
  const standing: MemberStanding =
    r === lines.labels.exempt ? 'exempt'
      : final === null || r === lines.labels.incomplete ? 'incomplete'
        : r === lines.labels.invalid ? 'invalid' : 'ok';
  const veto = standing !== 'exempt' && notesRecordVeto(notes);
  const scored = final !== null && standing !== 'exempt' && standing !== 'incomplete';
  const c = final === null ? 0 : cents(final);
  return {
    standing,
    veto,
    eligible: scored && standing === 'ok' && !veto && c >= cents(lines.eligibleThreshold),
    belowAward: scored && c < cents(lines.eligibleThreshold),
    admonish: scored && c < cents(lines.admonishThreshold),
  };
}

/** Counted in 参评 and the mean: a member with a final score who is not exempt (vetoed members included). */
export function isEvaluated(m: RollupMember): boolean {
  return m.final !== null && m.standing !== 'exempt' && m.standing !== 'incomplete';
}

/** Mean of final scores in cents, rounded half away from zero to 2 decimals (null when none). */
export function meanOf(finals: readonly number[]): number | null {
  if (finals.length === 0) return null;
  let sum = 0;
  for (const f of finals) sum += cents(f);
  return divRoundNumber(sum, finals.length) / 100;
}

export function figuresOf(members: readonly RollupMember[]): BranchFigures {
  const finals: number[] = [];
  const f: BranchFigures = { members: members.length, evaluated: 0, exempt: 0, mean: null, eligible: 0, below_award: 0, below_admonish: 0, veto: 0, incomplete: 0 };
  for (const m of members) {
    if (m.standing === 'exempt') f.exempt++;
    if (m.standing === 'incomplete') f.incomplete++;
    if (isEvaluated(m)) {
      f.evaluated++;
      finals.push(m.final as number);
    }
    if (m.eligible) f.eligible++;
    if (m.belowAward) f.below_award++;
    if (m.admonish) f.below_admonish++;
    if (m.veto) f.veto++;
  }
  f.mean = meanOf(finals);
  return f;
}

/** Committee-wide competition rank (1, 2, 2, 4) by final score over evaluated members; others null. */
export function committeeRanks(members: readonly RollupMember[]): (number | null)[] {
  const order = members.map((_, i) => i).filter((i) => isEvaluated(members[i]));
  const c = members.map((m) => (m.final === null ? 0 : cents(m.final)));
  order.sort((a, b) => c[b] - c[a] || a - b);
  const ranks: (number | null)[] = members.map(() => null);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    ranks[i] = k > 0 && c[order[k - 1]] === c[i] ? ranks[order[k - 1]] : k + 1;
  }
  return ranks;
}

/** Members in committee rank order, unranked ones after in input order. */
export function rankOrder(ranks: readonly (number | null)[]): number[] {
  const idx = ranks.map((_, i) => i);
  const ranked = idx.filter((i) => ranks[i] !== null).sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || a - b);
  return [...ranked, ...idx.filter((i) => ranks[i] === null)];
}

/** The committee's follow-up list: below the admonishment line or vetoed (label only). */
export function needsAttention(m: RollupMember): boolean {
  return m.admonish || m.veto;
}

/** The distribution buckets of the results sheet, over evaluated members' final scores. */
export const BUCKETS = [
  { label: '60以下', min: -Infinity, max: 60 },
  { label: '60～69.99', min: 60, max: 70 },
  { label: '70～79.99', min: 70, max: 80 },
  { label: '80～89.99', min: 80, max: 90 },
  { label: '90及以上', min: 90, max: Infinity },
] as const;

export function distributionOf(members: readonly RollupMember[]): { label: string; count: number }[] {
  return BUCKETS.map((b) => ({ label: b.label, count: members.filter((m) => isEvaluated(m) && (m.final as number) >= b.min && (m.final as number) < b.max).length }));
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  ok: '正常',
  stale: '结果已过期（计算后录入又有改动）',
  incomplete: '有待补录的党员',
  other_year: '不是本年度',
  scheme_differs: '与统一方案不一致',
  duplicate: '重复（同一党支部的较旧文件，未计入）',
  not_a_workbook: '不是考评工作簿',
};

/** Verdicts that keep a branch's members in the roll-up (shown with the verdict); the others are left out. */
export function verdictCounts(v: Verdict): boolean {
  return v === 'ok' || v === 'stale' || v === 'incomplete' || v === 'scheme_differs';
}

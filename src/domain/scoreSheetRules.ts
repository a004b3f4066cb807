/**
 * What a score sheet (个人考评明细) may show of a member's rounds: the rule, apart from the layout.
 *
 * A score sheet goes to the member, who knows their own self form and, in a small 党小组 with named peer
 * evaluation, often who scored them. A highest or lowest total is a single form (with one or two forms both are;
 * with three the middle one follows from the mean), so per round the sheet shows only how many valid forms there
 * were, how many trimming dropped, how many were counted, the mean and the weight. A peer or mass round that
 * counts exactly one form has a mean that IS that form's total: its mean is withheld (null, `withheld`). The
 * member's own self form is theirs to see.
 *
 * The row type has no field for a highest, lowest or single form, so no layout can show one.
 */
import type { ScoreDetails } from './evaluate';
import type { MemberResult, Round } from './types';
import { ROUNDS } from './types';

export interface ScoreSheetRound {
  round: Round;
  /** Valid forms about the member in this round (before trimming). */
  valid: number;
  /** Forms trimming dropped (the highest and the lowest: 2), else 0. */
  dropped: number;
  /** Forms counted in the mean. */
  counted: number;
  /** The round's mean to 2 decimals (half away from zero); null when there is none or it is withheld. */
  mean: number | null;
  /** The mean is not shown: the round counts a single form of someone else's (peer, mass). */
  withheld: boolean;
  weight: number;
}

/** Rounds whose forms are other people's (a single one must not be recognisable). */
const OTHERS: ReadonlySet<Round> = new Set<Round>(['peer', 'mass']);

const round2 = (v: number) => Math.sign(v) * Math.round(Math.abs(v) * 100) / 100;

/**
 * The round rows of a member's score sheet. `details`/`index`: the member's figures from evaluateDetailed (the
 * valid forms before trimming); without them the counted forms stand for the valid ones.
 */
export function scoreSheetRounds(
  m: MemberResult,
  weights: Record<Round, number>,
  details?: Pick<ScoreDetails, 'rounds'>,
  index?: number,
): ScoreSheetRound[] {
  return ROUNDS.map((round) => {
    const counted = m.forms[round];
    const d = details && index !== undefined ? details.rounds[round] : undefined;
    const valid = d ? d.count[index!] : counted;
    const dropped = d && d.trimmed[index!] ? Math.max(0, valid - counted) : 0;
    const withheld = OTHERS.has(round) && counted === 1;
    const value = m[round];
    return { round, valid, dropped, counted, mean: withheld || value === null ? null : round2(value), withheld, weight: weights[round] };
  });
}

/** The committee's roll-up (党委汇总): what is kept of each branch workbook and each member. Pure data. */

export type Verdict = 'ok' | 'stale' | 'incomplete' | 'other_year' | 'scheme_differs' | 'duplicate' | 'not_a_workbook';

/** A member's standing as the branch's results sheet shows it. */
export type MemberStanding = 'ok' | 'invalid' | 'incomplete' | 'exempt';

/** One member of one branch, as read from that branch's kp_Results row (or a roll-up's 全体党员 row). */
export interface RollupMember {
  branch: string;
  id: string;
  name: string;
  group: string;
  category: string;
  /** 最终得分 (null: no final score). */
  final: number | null;
  /** 评定结果 as the branch labelled it. */
  result: string;
  standing: MemberStanding;
  veto: boolean;
  /** final ≥ the branch's award line, no veto, standing ok. */
  eligible: boolean;
  /** final below the branch's award line. */
  belowAward: boolean;
  /** final below the branch's admonishment line (诫勉谈话). */
  admonish: boolean;
  /** The roll-ups this member came through, outermost last ("" for a branch read directly). */
  level: string;
}

export interface BranchFigures {
  members: number;
  evaluated: number;
  exempt: number;
  mean: number | null;
  eligible: number;
  below_award: number;
  below_admonish: number;
  veto: number;
  incomplete: number;
}

export interface RollupProblem {
  file: string;
  sheet: string;
  cell: string;
  code: string;
  message: string;
}

/** One input file (or one branch of an input roll-up) and its verdict. */
export interface BranchEntry {
  file: string;
  branch: string;
  year: number | null;
  verdict: Verdict;
  figures: BranchFigures;
  /** Names of the settings or rubric items that differ from the committee's scheme. */
  differs: string[];
  problems: RollupProblem[];
  /** When the results were computed (ISO), to tell the newer of two copies of a branch. */
  computedAt: string | null;
  level: string;
  /** Whether this entry's members are in the roll-up. */
  counted: boolean;
  /** The branch's own scheme fingerprint (null when unknown). */
  scheme: string | null;
}

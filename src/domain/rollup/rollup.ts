/**
 * Putting the branches together: files are added one at a time (only their members and figures are kept), then
 * finish() decides the year (the one most files have, unless given), the verdicts, which copy of a branch counts,
 * the committee-wide rank and the totals. Members are keyed by branch + 党员编号: the same 编号 in two branches is
 * two members.
 */
import { committeeRanks, figuresOf, rankOrder, verdictCounts } from './figures';
import type { BranchEntry, BranchFigures, RollupMember, RollupProblem, Verdict } from './types';

/** What reading one file (or one branch of an input roll-up) gave. */
export interface BranchRead {
  file: string;
  branch: string;
  year: number | null;
  /** null: not a workbook of ours (the problem says why). */
  members: RollupMember[] | null;
  stale: boolean;
  differs: string[];
  problems: RollupProblem[];
  computedAt: string | null;
  level: string;
  /** Set when the file's verdict was decided by the roll-up the branch came from (duplicate, other_year…). */
  verdict?: Verdict;
  /** The branch's own scheme fingerprint (null when unknown). */
  scheme: string | null;
}

export interface RollupResult {
  year: number | null;
  scheme: { fingerprint: string } | null;
  branches: BranchEntry[];
  /** Members of counted branches, in committee rank order (unranked after). */
  members: RollupMember[];
  ranks: (number | null)[];
  totals: BranchFigures & { branches: number };
}

const EMPTY: BranchFigures = { members: 0, evaluated: 0, exempt: 0, mean: null, eligible: 0, below_award: 0, below_admonish: 0, veto: 0, incomplete: 0 };

export function branchKey(branch: string): string {
  return branch.replace(/\s+/g, '');
}

/** The year most readable files have (the latest of equally many); null when none has one. */
export function majorityYear(reads: readonly BranchRead[]): number | null {
  const counts = new Map<number, number>();
  for (const r of reads) if (r.members !== null && r.year !== null) counts.set(r.year, (counts.get(r.year) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && y > best)) best = y;
  return best;
}

export function finishRollup(reads: readonly BranchRead[], opts: { year?: number; scheme?: string | null } = {}): RollupResult {
  const year = opts.year ?? majorityYear(reads);
  // The copy of each branch that counts: of this year, readable, computed last (read last on a tie).
  const winner = new Map<string, number>();
  reads.forEach((r, i) => {
    if (r.members === null || r.year !== year || r.verdict === 'duplicate' || r.verdict === 'other_year' || r.verdict === 'not_a_workbook') return;
    const k = branchKey(r.branch);
    const w = winner.get(k);
    if (w === undefined || (reads[w].computedAt ?? '') <= (r.computedAt ?? '')) winner.set(k, i);
  });
  const branches: BranchEntry[] = [];
  const members: RollupMember[] = [];
  reads.forEach((r, i) => {
    const problems = [...r.problems];
    let verdict: Verdict;
    if (r.members === null) verdict = 'not_a_workbook';
    else if (r.verdict && !verdictCounts(r.verdict)) verdict = r.verdict;
    else if (r.year !== year) {
      verdict = 'other_year';
      problems.push({ file: r.file, sheet: '', cell: '', code: 'other_year', message: `${r.file}：年度是 ${r.year ?? '（空）'}，汇总的是 ${year} 年度，未计入。` });
    } else if (winner.get(branchKey(r.branch)) !== i) {
      verdict = 'duplicate';
      const w = reads[winner.get(branchKey(r.branch))!];
      problems.push({ file: r.file, sheet: '', cell: '', code: 'duplicate', message: `${r.file}：与 ${w.file} 是同一党支部“${r.branch}”，以较新的 ${w.file} 为准，本文件未计入。` });
    } else {
      const figures = figuresOf(r.members);
      verdict = r.stale || r.verdict === 'stale' ? 'stale' : figures.incomplete > 0 || r.verdict === 'incomplete' ? 'incomplete' : r.differs.length > 0 ? 'scheme_differs' : 'ok';
    }
    const counted = verdictCounts(verdict);
    if (counted) members.push(...r.members!);
    branches.push({
      file: r.file, branch: r.branch, year: r.year, verdict, figures: r.members ? figuresOf(r.members) : { ...EMPTY },
      differs: r.differs, problems, computedAt: r.computedAt, level: r.level, counted, scheme: r.scheme,
    });
  });
  const ranks0 = committeeRanks(members);
  const order = rankOrder(ranks0);
  const sorted = order.map((i) => members[i]);
  const ranks = order.map((i) => ranks0[i]);
  const totals = { ...figuresOf(sorted), branches: branches.filter((b) => b.counted).length };
  return { year, scheme: opts.scheme ? { fingerprint: opts.scheme } : null, branches, members: sorted, ranks, totals };
}

/** The JSON of `kaoping rollup --json` (SPEC §5). */
export function rollupJson(r: RollupResult): unknown {
  return {
    scheme: r.scheme,
    branches: r.branches.map((b) => ({
      file: b.file, branch: b.branch, year: b.year, verdict: b.verdict,
      members: b.figures.members, evaluated: b.figures.evaluated, exempt: b.figures.exempt, mean: b.figures.mean,
      eligible: b.figures.eligible, below_award: b.figures.below_award, below_admonish: b.figures.below_admonish,
      veto: b.figures.veto, incomplete: b.figures.incomplete, differs: b.differs,
      problems: b.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, code: p.code, message: p.message })),
    })),
    members: r.members.map((m, i) => ({ branch: m.branch, id: m.id, name: m.name, group: m.group, category: m.category, final: m.final, result: m.result, rank: r.ranks[i] })),
    totals: {
      branches: r.totals.branches, members: r.totals.members, evaluated: r.totals.evaluated, exempt: r.totals.exempt,
      eligible: r.totals.eligible, below_award: r.totals.below_award, below_admonish: r.totals.below_admonish,
      veto: r.totals.veto, incomplete: r.totals.incomplete, mean: r.totals.mean,
    },
  };
}

/**
 * Fixture years for the posting pack and the score sheets, built from the shared cases: small-branch with a
 * veto, a second bonus item and work plans (one with an attachment, one member without a plan); and a
 * two-category year (small-branch with 007 moved to 离退休党员, whose rubric has no 工作绩效).
 */
import type { RawCell } from '../../src/domain/types';
import type { HostWorkbook } from '../../src/host';
import { loadCase, type CaseJson } from './caseInput';
import { planYear, samplePlan, type Plans } from './planYear';

export const VETOED = '003';
export const NO_PLAN = '006';
export const WITH_ATTACHMENT = '001';
export const ATTACHMENT = '2026年度个人工作计划（详细版）.docx';

/** small-branch with a veto for 003 (事由 受党纪处分) and a bonus item for 002. */
export function vetoCase(): CaseJson {
  const { input } = loadCase('small-branch');
  return {
    ...input,
    review: [[VETOED, '赵强敏', '是', '受党纪处分', '经支部审定，不得参加评先树优']],
    bonus: [...input.bonus, ['002', '周燕玉', '市级先进工作者', 1, '市委表彰文件']],
  };
}

/** Plans for every member of a case but NO_PLAN; WITH_ATTACHMENT also names a document. */
export function casePlans(c: CaseJson): Plans {
  const plans: Plans = {};
  c.roster.forEach((r, i) => {
    const id = String(r[0]);
    if (id === NO_PLAN) return;
    plans[id] = id === WITH_ATTACHMENT ? { plan: samplePlan(String(r[1]), i), attachment: ATTACHMENT } : samplePlan(String(r[1]), i);
  });
  return plans;
}

export async function vetoYear(): Promise<{ c: CaseJson; plans: Plans; wb: HostWorkbook }> {
  const c = vetoCase();
  const plans = casePlans(c);
  return { c, plans, wb: await planYear(c, plans) };
}

/** The dimensions of 离退休党员: 工作绩效's 15 points go to 学习教育 (so every fixture score stays in range). */
export const RETIRED: [string, number][] = [['理想信念', 10], ['宗旨意识', 10], ['爱岗敬业', 15], ['学习教育', 30], ['道德品质', 15], ['廉洁自律', 10], ['服务社会', 10]];

/** small-branch with 007 in 离退休党员: the 工作绩效 cells of forms about 007 blanked. */
export function twoCategoryCase(): CaseJson {
  const { input } = loadCase('small-branch');
  const moved = '007';
  const blankDim = (rows: RawCell[][], keys: number, idCol: number) =>
    rows.map((r) => (String(r[idCol]) === moved ? r.map((v, i) => (i === keys + 4 ? null : v)) : r));
  return {
    ...input,
    categories: { 离退休党员: RETIRED },
    roster: input.roster.map((r) => (r[0] === moved ? [r[0], r[1], r[2], '离退休党员', r[4], r[5]] : r)),
    self: blankDim(input.self, 2, 0),
    peer: blankDim(input.peer, 3, 1),
    mass: blankDim(input.mass, 3, 1),
  };
}

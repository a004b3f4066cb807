/** The roll-up workbook's contract: sheet and table names and headers (read back when a roll-up is rolled up). */
import { VERDICT_TEXT, type Verdict } from '../../domain/rollup';

export const ROLLUP_TABLES = {
  branches: 'kp_RollupBranches',
  members: 'kp_RollupMembers',
  attention: 'kp_RollupAttention',
  candidates: 'kp_RollupCandidates',
  problems: 'kp_RollupProblems',
} as const;

export const ROLLUP_SHEETS = { branches: '汇总表', members: '全体党员', attention: '需关注名单', problems: '问题' } as const;

export const ROLLUP_BRANCH_HEADERS = [
  '党支部', '党员数', '参评', '免评', '平均分', '可评先树优', '不足90分', '不足60分（诫勉谈话）', '一票否决', '待补录', '状态', '方案',
  '年度', '文件', '经由汇总', '计算时间', '方案指纹',
] as const;

export const ROLLUP_MEMBER_HEADERS = [
  '排名', '党支部', '党员编号', '姓名', '党小组', '类别', '最终得分', '评定结果', '考评状态', '一票否决', '可评先树优', '不足评先线', '诫勉谈话', '经由汇总',
] as const;

export const ATTENTION_HEADERS = ['党支部', '党员编号', '姓名', '党小组', '最终得分', '评定结果', '关注事项'] as const;
export const CANDIDATE_HEADERS = ['排名', '党支部', '党员编号', '姓名', '党小组', '最终得分'] as const;
export const PROBLEM_HEADERS = ['文件', '工作表', '单元格', '问题'] as const;

export const STANDING_TEXT = { ok: '参评', invalid: '待核实', incomplete: '待补录', exempt: '免评' } as const;

export function verdictOfText(t: string): Verdict {
  const found = (Object.keys(VERDICT_TEXT) as Verdict[]).find((v) => VERDICT_TEXT[v] === t);
  return found ?? 'ok';
}

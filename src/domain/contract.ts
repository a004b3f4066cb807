/**
 * The workbook contract of SPEC §4: default sheet names, table names and column headers.
 * Tables are found by name, so a sheet the user renamed keeps working; sheet names here are only
 * what install creates.
 */

export const TABLES = {
  settings: 'kp_Settings',
  rubric: 'kp_Rubric',
  roster: 'kp_Roster',
  plans: 'kp_Plans',
  self: 'kp_Self',
  peer: 'kp_Peer',
  mass: 'kp_Mass',
  bonus: 'kp_Bonus',
  review: 'kp_Review',
  results: 'kp_Results',
} as const;
export type TableKey = keyof typeof TABLES;

export const SHEETS: Record<TableKey | 'posting', string> = {
  settings: '考评参数',
  rubric: '考评细则',
  roster: '党员名册',
  plans: '年度工作计划',
  self: '党员自评',
  peer: '党员互评',
  mass: '群众参评',
  bonus: '加分项',
  review: '支部审定',
  results: '考评结果',
  posting: '考评结果公示',
};

/** Fixed columns. Entry tables put one column per dimension between these and 合计. */
export const COLUMNS = {
  settings: ['项目', '值'],
  rubric: ['类别', '序号', '维度', '分值', '目标要求'],
  roster: ['编号', '姓名', '党小组', '类别', '免评', '备注'],
  /** 个人年度工作计划: one row per member (kept beside the roster so the roster stays narrow). */
  plans: ['党员编号', '姓名', '工作计划', '附件'],
  selfKeys: ['党员编号', '姓名'],
  peerKeys: ['评价人', '党员编号', '姓名'],
  massKeys: ['评价人', '党员编号', '姓名'],
  total: '合计',
  bonus: ['党员编号', '姓名', '加分事项', '分值', '依据'],
  review: ['党员编号', '姓名', '一票否决', '事由', '审定意见'],
  results: [
    '排名', '党员编号', '姓名', '党小组', '类别', '自评', '互评', '群众参评',
    '平均分', '加分', '最终得分', '评定结果', '说明',
  ],
  /**
   * Year over year: last year's final score (from the archived sheet "{year-1}年考评结果") and the change.
   * Optional columns of kp_Results, appended by new year when it archives the results (a first year has no
   * last year); compute fills them when they are there. Compute keeps the two columns right of a table without
   * them free (its distribution starts after them), so adding them moves nothing.
   */
  yearOverYear: ['上年得分', '增减'],
} as const;

/** Print sheets the posting command (公示) makes: results, rubric per category in use, work plans. */
export const POSTING_SHEETS = {
  results: '考评结果公示',
  rubric: '考评细则公示',
  plans: '工作计划公示',
} as const;

/** The score sheets (个人考评明细), one A4 page per member. */
export const SCORE_SHEET = '个人考评明细';

/** The header names of an entry table, given the dimension columns (union over categories, rubric order). */
export function entryHeaders(round: 'self' | 'peer' | 'mass', dimensions: readonly string[]): string[] {
  const keys = round === 'self' ? COLUMNS.selfKeys : round === 'peer' ? COLUMNS.peerKeys : COLUMNS.massKeys;
  return [...keys, ...dimensions, COLUMNS.total];
}

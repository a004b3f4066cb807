/**
 * The workbook contract of SPEC §4: default sheet names, table names and column headers.
 * Tables are found by name, so a sheet the user renamed keeps working; sheet names here are only
 * what install creates.
 */

export const TABLES = {
  settings: 'kp_Settings',
  rubric: 'kp_Rubric',
  roster: 'kp_Roster',
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
} as const;

/** The header names of an entry table, given the dimension columns (union over categories, rubric order). */
export function entryHeaders(round: 'self' | 'peer' | 'mass', dimensions: readonly string[]): string[] {
  const keys = round === 'self' ? COLUMNS.selfKeys : round === 'peer' ? COLUMNS.peerKeys : COLUMNS.massKeys;
  return [...keys, ...dimensions, COLUMNS.total];
}

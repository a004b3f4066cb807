import { readFileSync, readdirSync } from 'node:fs';
import { COLUMNS, SHEETS } from '../../src/domain/contract';
import {
  DEFAULT_RUBRIC, categoryOf, dimensionColumns, parseRubric, rubricToRows, validateRubric, type Rubric,
} from '../../src/domain/rubric';
import { block } from './build';
import { SEED_DIR } from '../support/paths';

const seedDir = SEED_DIR;
const seed = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(`${seedDir}/${f}`, 'utf8')).join('\n');

describe('DEFAULT_RUBRIC', () => {
  const dims = DEFAULT_RUBRIC.categories[0].dimensions;
  it('is the seed\'s 8 dimensions with their points, 100 in all, category 机关党员', () => {
    expect(DEFAULT_RUBRIC.categories[0].category).toBe('机关党员');
    expect(dims.map((d) => [d.name, d.points])).toEqual([
      ['理想信念', 10], ['宗旨意识', 10], ['爱岗敬业', 15], ['学习教育', 15], ['工作绩效', 15], ['道德品质', 15], ['廉洁自律', 10], ['服务社会', 10],
    ]);
    expect(validateRubric(DEFAULT_RUBRIC, 'zh-CN')).toEqual([]);
  });
  it('carries the 目标要求 texts verbatim from seed section 三(二) (item 7 遵纪守法 → 廉洁自律)', () => {
    const titles = ['理想信念', '宗旨意识', '爱岗敬业', '学习教育', '工作绩效', '道德品质', '遵纪守法', '服务社会'];
    dims.forEach((d, i) => {
      expect(d.text.length).toBeGreaterThan(50);
      expect(seed).toContain(`${i + 1}、${titles[i]}：${d.text}`);
    });
  });
});

const rows = (r: Rubric) => block(SHEETS.rubric, COLUMNS.rubric, rubricToRows(r));

describe('parseRubric / rubricToRows', () => {
  it('round-trips the default rubric', () => {
    const { rubric, problems } = parseRubric(rows(DEFAULT_RUBRIC), 'zh-CN');
    expect(problems).toEqual([]);
    expect(rubric).toEqual(DEFAULT_RUBRIC);
  });
  it('reads sub-items from 序号 N.M rows and checks they sum to the dimension', () => {
    const r: Rubric = JSON.parse(JSON.stringify(DEFAULT_RUBRIC));
    r.categories[0].dimensions[0].items = [{ name: '政治理论', points: 6, text: 'a' }, { name: '路线方针', points: 4, text: 'b' }];
    const written = rubricToRows(r);
    expect(written[1]).toEqual(['机关党员', '1.1', '政治理论', 6, 'a']);
    const { rubric, problems } = parseRubric(block(SHEETS.rubric, COLUMNS.rubric, written), 'zh-CN');
    expect(problems).toEqual([]);
    expect(rubric).toEqual(r);
    r.categories[0].dimensions[0].items![1].points = 3.5;
    const bad = parseRubric(rows(r), 'zh-CN');
    expect(bad.problems.map((p) => [p.code, p.cell])).toEqual([['rubric_invalid', 'D2']]);
    expect(bad.problems[0].message).toContain('9.5');
  });
  it('a category not summing to 100 is an error pointing at its first row', () => {
    const r: Rubric = { categories: [...DEFAULT_RUBRIC.categories, { category: '离退休党员', dimensions: [{ name: '理想信念', points: 50, text: '' }, { name: '宗旨意识', points: 40, text: '' }] }] };
    const { problems } = parseRubric(rows(r), 'zh-CN');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'rubric_invalid', cell: 'D10', severity: 'error' });
    expect(problems[0].message).toBe('「考评细则」表 D10：类别“离退休党员”各维度分值合计为 90，应为 100。');
  });
  it('validateRubric: points > 0 with one decimal, unique names, no reserved names', () => {
    const r: Rubric = { categories: [{ category: 'X', dimensions: [
      { name: 'A', points: 50.05, text: '' }, { name: 'A', points: 0, text: '' }, { name: '合计', points: 50, text: '' },
    ] }] };
    const msgs = validateRubric(r, 'zh-CN').map((p) => p.message);
    expect(msgs.some((m) => m.includes('50.05'))).toBe(true);
    expect(msgs.some((m) => m.includes('重复'))).toBe(true);
    expect(msgs.some((m) => m.includes('固定列名'))).toBe(true);
    expect(msgs.some((m) => m.includes('合计为'))).toBe(true);
  });
  it('blank 类别 continues the previous row; bad points and orphan sub-items are errors with cells', () => {
    const b = block(SHEETS.rubric, COLUMNS.rubric, [
      ['', '1', '理想信念', 60, ''],
      ['', '2', '宗旨意识', 40, ''],
      ['', '3.1', '孤儿', 1, ''],
      ['', '4', '坏分', '十分', ''],
    ]);
    const { rubric, problems } = parseRubric(b, 'zh-CN');
    expect(rubric.categories.map((c) => c.category)).toEqual(['机关党员']);
    expect(problems.map((p) => p.cell)).toEqual(['B4', 'D5']);
  });
  it('an empty or headerless kp_Rubric falls back to the default rubric with an error', () => {
    const empty = parseRubric(block(SHEETS.rubric, COLUMNS.rubric, []), 'zh-CN');
    expect(empty.rubric).toBe(DEFAULT_RUBRIC);
    expect(empty.problems[0].code).toBe('rubric_invalid');
    const noCol = parseRubric(block(SHEETS.rubric, ['类别', '序号', '名称'], []), 'zh-CN');
    expect(noCol.rubric).toBe(DEFAULT_RUBRIC);
    expect(noCol.problems.map((p) => p.code)).toEqual(['missing_column', 'missing_column']);
  });
});

describe('dimensionColumns / categoryOf', () => {
  const r: Rubric = { categories: [
    DEFAULT_RUBRIC.categories[0],
    { category: '离退休党员', dimensions: [{ name: '理想信念', points: 30, text: '' }, { name: '身体力行', points: 40, text: '' }, { name: '服务社会', points: 30, text: '' }] },
  ] };
  it('is the union in rubric order, new names of later categories appended', () => {
    expect(dimensionColumns(r)).toEqual([...DEFAULT_RUBRIC.categories[0].dimensions.map((d) => d.name), '身体力行']);
  });
  it('finds categories by normalised name', () => {
    expect(categoryOf(r, ' 离退休党员 ')?.dimensions).toHaveLength(3);
    expect(categoryOf(r, '流动党员')).toBeUndefined();
  });
});

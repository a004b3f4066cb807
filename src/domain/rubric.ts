/**
 * The rubric (考评细则): categories of members, each with its dimensions (and optional sub-items) and points.
 * kp_Rubric rows: 类别, 序号, 维度, 分值, 目标要求. A row whose 序号 is "N.M" is a sub-item (细则) of the
 * dimension numbered N in the same category, with the sub-item's name in 维度.
 */
import { COLUMNS, SHEETS } from './contract';
import { detail, findColumn, headerCell, bodyCell, isBlankRow, makeProblem } from './table';
import { normalizeName, numberText, parseScoreFast, parsed, P_NUMBER, P_TEXT_NUMBER, rawText, tenthsText, trimAll, toHalfWidth } from './parse';
import type { Language, Problem, RawCell, TableBlock } from './types';

export interface SubItem {
  name: string;
  points: number;
  text: string;
}
export interface Dimension {
  name: string;
  points: number;
  text: string;
  items?: SubItem[];
}
export interface CategoryRubric {
  category: string;
  dimensions: Dimension[];
}
/** The first category is the default one (机关党员). */
export interface Rubric {
  categories: CategoryRubric[];
}

export const DEFAULT_CATEGORY = '机关党员';

/** The eight dimensions of the seed (三(一)) with their 目标要求 from 三(二), verbatim. */
export const DEFAULT_RUBRIC: Rubric = {
  categories: [
    {
      category: DEFAULT_CATEGORY,
      dimensions: [
        { name: '理想信念', points: 10, text: '能够以邓小平理论和“三个代表”重要思想为指导，自觉用科学的、先进的理论武装头脑，指导实践，有坚定的共产主义远大理想和建设中国特色社会主义信念，始终坚持党的路线不动摇，积极学习、贯彻落实党的路线方针政策。' },
        { name: '宗旨意识', points: 10, text: '牢记全心全意为人民服务的宗旨，坚持党的群众路线，深入学习实践科学发展观，始终把维护好人民群众的切身利益摆在工作的第一位，耐心、细致的倾听基层、企业的意见建议，积极为基层、企业提供优质、高效、便捷的服务。' },
        { name: '爱岗敬业', points: 15, text: '具有强烈的事业心和责任感，以饱满的热情对待工作，热爱本职岗位，服从领导，能够结合工作实际，积极向领导提供合理建议，创造性的开展工作；严格执行各项规章制度，恪尽职守、勤奋工作，处理好个人利益和集体利益的关系，积极发挥党员示范带头作用。' },
        { name: '学习教育', points: 15, text: '认真学习党的路线、方针、政策等理论知识，做到用理论武装头脑；积极培养自觉学习意识，提高学习积极性和主动性，加强业务知识学习，不断提高业务技能；积极参加党组织的各类学习教育培训活动，不断更新知识，提高业务水平，做到学以致用、学用结合。' },
        { name: '工作绩效', points: 15, text: '结合工作实际，制定年度工作计划、目标，并按照目标要求认真分析、研究本职工作，积极创新工作方式方法，善于提出新思路、解决新问题、总结新经验，卓有成效的开展各项工作。' },
        { name: '道德品质', points: 15, text: '以“四德”工程建设为重点，以“爱国守法、明礼诚信、团结友善、勤俭自强、敬业奉献”基本道德规范为标准，坚持做到情趣高雅，言谈文雅，举止文明；带头发扬团结友爱、尊老爱幼、乐于助人、礼貌谦让、互帮互助、勤劳敬业等社会主义新风尚。' },
        // The seed titles item 7 遵纪守法; the dimension is 廉洁自律 (SPEC §2), the text is item 7's.
        { name: '廉洁自律', points: 10, text: '增强法制观念，时刻以党员先进性标准严格要求自己，模范遵守法律、法规，自觉维护机关工作人员形象；严格遵守党风廉政建设相关规定，正确行使权力，勤政廉政，自觉接受党组织和群众的监督，做到自省、自重、自警、自励。' },
        { name: '服务社会', points: 10, text: '积极参与精神文明建设、社会治安、环境保护、文化建设等社会性活动；主动参与“爱心捐助”、“帮扶结对”、“春蕾计划”、无偿献血等社会公益活动，为困难群众解决实际困难。' },
      ],
    },
  ],
};

/** Points as integer tenths, or NaN when not a positive number with at most one decimal. */
export function pointsTenths(points: number): number {
  const code = parseScoreFast(points);
  return code === P_NUMBER && parsed.tenths > 0 ? parsed.tenths : NaN;
}

const RESERVED = new Set<string>([...COLUMNS.peerKeys, ...COLUMNS.selfKeys, COLUMNS.total]);

/** Where a rubric problem points: the 分值 cell of a category's first row or of a dimension's row. */
export type RubricLocator = (category: string, dimension?: string) => string;

/**
 * Checks a rubric: each category sums to 100; sub-items sum to their dimension; points > 0 with at most one
 * decimal; unique category, dimension and sub-item names; no dimension named like a fixed entry column.
 */
export function validateRubric(rubric: Rubric, lang: Language, locate: RubricLocator = () => ''): Problem[] {
  const problems: Problem[] = [];
  const sheet = SHEETS.rubric;
  const err = (cell: string, key: Parameters<typeof detail>[1], params: Record<string, string | number>) =>
    problems.push(makeProblem(lang, 'error', sheet, cell, 'rubric_invalid', { detail: detail(lang, key, params) }));
  if (rubric.categories.length === 0) err('', 'rubric.empty', {});
  const categories = new Set<string>();
  for (const c of rubric.categories) {
    if (categories.has(c.category)) err(locate(c.category), 'rubric.duplicate', { category: c.category, name: c.category });
    categories.add(c.category);
    if (c.dimensions.length === 0) {
      err(locate(c.category), 'rubric.noCategory', { category: c.category });
      continue;
    }
    let sum = 0;
    const names = new Set<string>();
    for (const d of c.dimensions) {
      const t = pointsTenths(d.points);
      if (Number.isNaN(t)) err(locate(c.category, d.name), 'rubric.points', { name: d.name, value: numberText(d.points) });
      else sum += t;
      if (names.has(d.name)) err(locate(c.category, d.name), 'rubric.duplicate', { category: c.category, name: d.name });
      names.add(d.name);
      if (RESERVED.has(d.name)) err(locate(c.category, d.name), 'rubric.reserved', { name: d.name });
      if (d.items && d.items.length > 0) {
        let subSum = 0;
        const subNames = new Set<string>();
        for (const s of d.items) {
          const st = pointsTenths(s.points);
          if (Number.isNaN(st)) err(locate(c.category, d.name), 'rubric.points', { name: s.name, value: numberText(s.points) });
          else subSum += st;
          if (subNames.has(s.name)) err(locate(c.category, d.name), 'rubric.duplicate', { category: c.category, name: s.name });
          subNames.add(s.name);
        }
        if (!Number.isNaN(t) && subSum !== t)
          err(locate(c.category, d.name), 'rubric.subSum', {
            category: c.category,
            dimension: d.name,
            sum: tenthsText(subSum),
            points: tenthsText(t),
          });
      }
    }
    if (sum !== 1000) err(locate(c.category), 'rubric.sum', { category: c.category, sum: tenthsText(sum) });
  }
  return problems;
}

function cellText(raw: RawCell | undefined): string {
  return raw === null || raw === undefined ? '' : trimAll(toHalfWidth(rawText(raw)));
}

/** Reads kp_Rubric. Blank 类别 continues the previous row's category (the first defaults to 机关党员). */
export function parseRubric(block: TableBlock, lang: Language): { rubric: Rubric; problems: Problem[] } {
  const problems: Problem[] = [];
  const sheet = block.sheet || SHEETS.rubric;
  const cCat = findColumn(block, '类别');
  const cNo = findColumn(block, '序号');
  const cDim = findColumn(block, '维度');
  const cPts = findColumn(block, '分值');
  const cText = findColumn(block, '目标要求');
  const missing = [cDim < 0 ? '维度' : '', cPts < 0 ? '分值' : ''].filter(Boolean);
  if (missing.length > 0) {
    for (const column of missing)
      problems.push(makeProblem(lang, 'error', sheet, headerCell(block), 'missing_column', { column, effect: detail(lang, 'effect.rubric') }));
    return { rubric: DEFAULT_RUBRIC, problems };
  }
  const rubric: Rubric = { categories: [] };
  const firstCell = new Map<string, string>();
  const dimCell = new Map<string, string>();
  // Dimension number → dimension, per category, for attaching sub-items.
  const byNumber = new Map<string, Dimension>();
  let category = DEFAULT_CATEGORY;
  const rubricErr = (cell: string, key: Parameters<typeof detail>[1], params: Record<string, string | number>) =>
    problems.push(makeProblem(lang, 'error', sheet, cell, 'rubric_invalid', { detail: detail(lang, key, params) }));
  block.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    if (cCat >= 0 && cellText(row[cCat]) !== '') category = normalizeName(row[cCat]);
    let cat = rubric.categories.find((c) => c.category === category);
    if (!cat) {
      cat = { category, dimensions: [] };
      rubric.categories.push(cat);
      firstCell.set(category, bodyCell(block, i, cPts));
    }
    const name = normalizeName(row[cDim]);
    const text = cText >= 0 ? trimAll(rawText(row[cText])) : ''; // verbatim: no width conversion
    const no = cNo >= 0 ? cellText(row[cNo]) : '';
    if (name === '') {
      rubricErr(bodyCell(block, i, cDim), 'rubric.blankName', {});
      return;
    }
    const code = parseScoreFast(row[cPts]);
    const ok = (code === P_NUMBER || code === P_TEXT_NUMBER) && parsed.tenths > 0;
    if (!ok) {
      rubricErr(bodyCell(block, i, cPts), 'rubric.points', { name, value: rawText(row[cPts]) });
      return;
    }
    const points = parsed.tenths / 10;
    const sub = /^(\d+)\.(\d+)$/.exec(no);
    if (sub) {
      const parent = byNumber.get(`${category}\u0001${sub[1]}`);
      if (!parent) {
        rubricErr(bodyCell(block, i, cNo), 'rubric.orphanSub', { value: no, parent: sub[1] });
        return;
      }
      (parent.items ??= []).push({ name, points, text });
      return;
    }
    if (no !== '' && !/^\d+$/.test(no)) rubricErr(bodyCell(block, i, cNo), 'rubric.badNumber', { value: no });
    const dim: Dimension = { name, points, text };
    cat.dimensions.push(dim);
    dimCell.set(`${category}\u0001${name}`, bodyCell(block, i, cPts));
    const number = /^\d+$/.test(no) ? String(Number(no)) : String(cat.dimensions.length);
    byNumber.set(`${category}\u0001${number}`, dim);
  });
  if (rubric.categories.length === 0) {
    rubricErr(headerCell(block, cDim), 'rubric.empty', {});
    return { rubric: DEFAULT_RUBRIC, problems };
  }
  const locate: RubricLocator = (c, d) =>
    (d !== undefined ? dimCell.get(`${c}\u0001${d}`) : undefined) ?? firstCell.get(c) ?? '';
  problems.push(...validateRubric(rubric, lang, locate));
  return { rubric, problems };
}

/** kp_Rubric rows (类别, 序号, 维度, 分值, 目标要求) of a rubric; 序号 as text ("1", "1.2"). */
export function rubricToRows(rubric: Rubric): RawCell[][] {
  const rows: RawCell[][] = [];
  for (const c of rubric.categories) {
    c.dimensions.forEach((d, i) => {
      rows.push([c.category, String(i + 1), d.name, d.points, d.text]);
      d.items?.forEach((s, j) => rows.push([c.category, `${i + 1}.${j + 1}`, s.name, s.points, s.text]));
    });
  }
  return rows;
}

/** The dimension columns of the entry tables: union over categories, default category's order first. */
export function dimensionColumns(rubric: Rubric): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of rubric.categories)
    for (const d of c.dimensions)
      if (!seen.has(d.name)) {
        seen.add(d.name);
        out.push(d.name);
      }
  return out;
}

/** The category's rubric by name (trimmed, spaces next to Chinese removed); undefined when the rubric lacks it. */
export function categoryOf(rubric: Rubric, name: string): CategoryRubric | undefined {
  const n = normalizeName(name);
  return rubric.categories.find((c) => c.category === n);
}

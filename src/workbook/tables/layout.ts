/**
 * What each kp_ table looks like when the add-in creates it (SPEC §4): headers, which columns hold user text,
 * which are typed into, column widths, the 合计 formula and the score columns' limits.
 */
import { COLUMNS, SHEETS, TABLES, entryHeaders } from '../../domain/contract';
import type { Rubric } from '../../domain/rubric';
import type { Settings } from '../../domain/settings';
import type { Round } from '../../domain/types';
import { STATE_SHEET, STATE_TABLE, type ReadKey } from './readTables';

export interface TableLayout {
  key: ReadKey;
  table: string;
  sheet: string;
  headers: string[];
  /** Column indexes of user text ('@'). */
  textCols: Set<number>;
  /** Column indexes a user types into (unlocked). */
  inputCols: Set<number>;
  /** Column width in points per column. */
  widths: number[];
  /** Score columns: index → maximum points (validation 0..max, one decimal). */
  scoreCols: Map<number, number>;
  /** Calculated columns: index → formula (the entry tables' 合计). */
  formulas: Map<number, string>;
  hidden?: boolean;
  /** 1-based row of the header where install makes the table (1 when not given). */
  headerRow?: number;
}

/**
 * kp_Results's header row in a new workbook: the three rows above it hold the 分数段 block (labels, counts, the
 * computed-at line), in view at the top left beside the frozen header (compute.ts distributionPlace).
 */
export const RESULTS_HEADER_ROW = 4;

const WIDE: Record<string, number> = {
  目标要求: 420,
  工作计划: 360,
  附件: 120,
  说明: 260,
  审定意见: 200,
  事由: 160,
  加分事项: 160,
  依据: 160,
  备注: 140,
  项目: 200,
  值: 220,
  评定结果: 150,
  党小组: 100,
  类别: 90,
  评价人: 70,
  党员编号: 70,
  编号: 60,
  姓名: 70,
  排名: 44,
  序号: 44,
  分值: 50,
  维度: 80,
};

/**
 * The results table prints on one A4 landscape page width: narrower than the entry tables' columns (scores are
 * at most "100.00"; 说明 wraps), so the print is scaled about 0.8 rather than 0.65.
 */
const RESULT_WIDTHS: Record<string, number> = { 排名: 40, 党员编号: 64, 姓名: 64, 党小组: 80, 类别: 80, 评定结果: 130, 说明: 190, 上年得分: 52, 增减: 44 };

function widths(headers: string[], dims: ReadonlySet<string>): number[] {
  return headers.map((h) => WIDE[h] ?? (dims.has(h) ? 62 : 64));
}

function indexes(headers: string[], names: readonly string[]): Set<number> {
  return new Set(names.map((n) => headers.indexOf(n)).filter((i) => i >= 0));
}

/** The most points a dimension has in any category (the entry tables hold the union of dimensions). */
export function dimensionMax(rubric: Rubric): Map<string, number> {
  const max = new Map<string, number>();
  for (const c of rubric.categories) for (const d of c.dimensions) max.set(d.name, Math.max(max.get(d.name) ?? 0, d.points));
  return max;
}

/** =IF(COUNT(row dims)=0,"",SUM(row dims)) with a structured reference: blank rows stay blank. */
export function totalFormula(table: string, dims: readonly string[]): string {
  if (dims.length === 0) return '';
  // In a structured reference, [ ] # ' in a column name are escaped with a leading '.
  const esc = (name: string) => name.replace(/(['#[\]])/g, "'$1");
  const ref = `${table}[@[${esc(dims[0])}]:[${esc(dims[dims.length - 1])}]]`;
  return `=IF(COUNT(${ref})=0,"",SUM(${ref}))`;
}

function entryLayout(round: Round, dims: string[], rubric: Rubric, settings: Settings): TableLayout {
  const key = round;
  const table = TABLES[key];
  const headers = entryHeaders(round, dims);
  const keyCount = headers.length - dims.length - 1;
  const totalIdx = headers.length - 1;
  const max = dimensionMax(rubric);
  const total = settings.entryMode[round] === 'total';
  const scoreCols = new Map<number, number>();
  const formulas = new Map<number, string>();
  if (total) scoreCols.set(totalIdx, 100);
  else {
    dims.forEach((d, i) => scoreCols.set(keyCount + i, max.get(d) ?? 100));
    if (dims.length > 0) formulas.set(totalIdx, totalFormula(table, dims));
  }
  const inputCols = new Set<number>([...Array(keyCount).keys(), ...scoreCols.keys()]);
  return {
    key,
    table,
    sheet: SHEETS[key],
    headers,
    textCols: new Set(Array(keyCount).keys()),
    inputCols,
    widths: widths(headers, new Set(dims)),
    scoreCols,
    formulas,
  };
}

function plain(key: Exclude<ReadKey, Round>, headers: string[], text: readonly string[], input: readonly string[]): TableLayout {
  return {
    key,
    table: key === 'state' ? STATE_TABLE : TABLES[key],
    sheet: key === 'state' ? STATE_SHEET : SHEETS[key],
    headers,
    textCols: indexes(headers, text),
    inputCols: indexes(headers, input),
    widths: widths(headers, new Set()),
    scoreCols: new Map(),
    formulas: new Map(),
    hidden: key === 'state',
  };
}

export const STATE_HEADERS = ['项目', '值'];

/** The layouts of all tables for a rubric and settings. */
export function tableLayouts(rubric: Rubric, dims: string[], settings: Settings): Record<ReadKey, TableLayout> {
  const settingsCols = [...COLUMNS.settings];
  const rubricCols = [...COLUMNS.rubric];
  const rosterCols = [...COLUMNS.roster];
  const bonusCols = [...COLUMNS.bonus];
  const reviewCols = [...COLUMNS.review];
  const resultCols = [...COLUMNS.results];
  const planCols = [...COLUMNS.plans];
  return {
    settings: plain('settings', settingsCols, ['项目'], ['值']),
    rubric: plain('rubric', rubricCols, ['类别', '序号', '维度', '目标要求'], rubricCols),
    roster: plain('roster', rosterCols, rosterCols, rosterCols),
    plans: plain('plans', planCols, planCols, planCols),
    self: entryLayout('self', dims, rubric, settings),
    peer: entryLayout('peer', dims, rubric, settings),
    mass: entryLayout('mass', dims, rubric, settings),
    bonus: plain('bonus', bonusCols, ['党员编号', '姓名', '加分事项', '依据'], bonusCols),
    review: plain('review', reviewCols, reviewCols, reviewCols),
    results: { ...plain('results', resultCols, ['党员编号', '姓名', '党小组', '类别', '评定结果', '说明'], []), widths: resultCols.map((h) => RESULT_WIDTHS[h] ?? 52), headerRow: RESULTS_HEADER_ROW },
    state: plain('state', STATE_HEADERS, STATE_HEADERS, []),
  };
}

/** Sheet creation order (tab order of a fresh install). */
export const INSTALL_ORDER: readonly ReadKey[] = ['settings', 'rubric', 'roster', 'plans', 'self', 'peer', 'mass', 'bonus', 'review', 'results', 'state'];

/** A sheet name not used yet (case-insensitive): "党员名册", then "党员名册 (2)", … */
export function freeSheetName(want: string, taken: Set<string>): string {
  const lower = new Set([...taken].map((s) => s.toLowerCase()));
  if (!lower.has(want.toLowerCase())) return want;
  for (let i = 2; ; i++) {
    const name = `${want} (${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** A4 in points, and Excel's default ("Normal") left and right margins of 0.7 inch each. */
export const A4 = { width: 595.3, height: 841.9 };
export const DEFAULT_SIDE_MARGINS = 2 * 50.4;

/**
 * The print zoom that fits columns of these widths (points) on one A4 page width, with 5 % to spare: a percentage,
 * at most 100. Commands set this scale first and then "fit to 1 page wide, 0 (automatic) tall": the fit is
 * reported not to apply in some Excel builds (office-js issue 1860) while a scale does, so the scale is the
 * fallback; where the fit applies (and in the saved file, for Excel, WPS and LibreOffice) the fit wins.
 */
export function printScale(widths: readonly number[], orientation: 'Portrait' | 'Landscape'): number {
  const total = widths.reduce((a, b) => a + b, 0);
  const printable = (orientation === 'Landscape' ? A4.height : A4.width) - DEFAULT_SIDE_MARGINS;
  if (total <= 0) return 100;
  return Math.max(10, Math.min(100, Math.floor((printable / total) * 95)));
}

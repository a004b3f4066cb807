/** Test builders: small kp_ table sets for the domain tests. */
import { COLUMNS, SHEETS, entryHeaders } from '../../src/domain/contract';
import { DEFAULT_RUBRIC, dimensionColumns, rubricToRows, type Rubric } from '../../src/domain/rubric';
import { DEFAULT_SETTINGS, settingsToRows, type Settings } from '../../src/domain/settings';
import type { EvaluationInput, RawCell, TableBlock } from '../../src/domain/types';

/** Per-dimension scores of the default rubric summing to 90, 80, 100, 70. */
export const D90: RawCell[] = [9, 9, 13.5, 13.5, 13.5, 13.5, 9, 9];
export const D80: RawCell[] = [8, 8, 12, 12, 12, 12, 8, 8];
export const D100: RawCell[] = [10, 10, 15, 15, 15, 15, 10, 10];
export const D70: RawCell[] = [7, 7, 10.5, 10.5, 10.5, 10.5, 7, 7];

/** Scores summing to `total` (tenths-exact): starts from D80 and moves the difference onto 爱岗敬业 and others. */
export function dims(total: number): RawCell[] {
  const pts = [10, 10, 15, 15, 15, 15, 10, 10];
  const out = pts.map((p) => p * 0.5);
  let rest = Math.round(total * 10) - 500;
  for (let i = 0; i < out.length && rest !== 0; i++) {
    const room = rest > 0 ? pts[i] * 10 - out[i] * 10 : -out[i] * 10;
    const step = rest > 0 ? Math.min(rest, room) : Math.max(rest, room);
    out[i] = (out[i] * 10 + step) / 10;
    rest -= step;
  }
  if (rest !== 0) throw new Error(`cannot make ${total}`);
  return out;
}

export function block(sheet: string, headers: readonly string[], rows: RawCell[][], firstRow = 2, firstColumn = 0): TableBlock {
  return { sheet, headers: [...headers], rows: rows.map((r) => headers.map((_, i) => (r[i] === undefined ? '' : r[i]))), firstRow, firstColumn };
}

export interface World {
  settings?: Partial<Settings>;
  rubric?: Rubric;
  roster?: RawCell[][];
  self?: RawCell[][];
  peer?: RawCell[][];
  mass?: RawCell[][];
  bonus?: RawCell[][];
  review?: RawCell[][];
}

/** Three members of one group, fully scored: 001 (self 90, peer 80+80, mass 90) etc. */
export const ROSTER: RawCell[][] = [
  ['001', '张三', '第一党小组', '机关党员', '', ''],
  ['002', '李四', '第一党小组', '机关党员', '', ''],
  ['003', '王五', '第一党小组', '机关党员', '', ''],
];
export const SELF: RawCell[][] = [
  ['001', '张三', ...D90],
  ['002', '李四', ...D80],
  ['003', '王五', ...D100],
];
export const PEER: RawCell[][] = [
  ['002', '001', '张三', ...D80],
  ['003', '001', '张三', ...D90],
  ['001', '002', '李四', ...D80],
  ['003', '002', '李四', ...D80],
  ['001', '003', '王五', ...D100],
  ['002', '003', '王五', ...D90],
];
export const MASS: RawCell[][] = [
  ['Q01', '001', '张三', ...D90],
  ['Q01', '002', '李四', ...D70],
  ['Q01', '003', '王五', ...D100],
];

export function input(w: World = {}): EvaluationInput {
  const rubric = w.rubric ?? DEFAULT_RUBRIC;
  const d = dimensionColumns(rubric);
  const settings: Settings = { ...DEFAULT_SETTINGS, year: 2026, branch: '测试党支部', ...w.settings };
  // Entry rows: keys then the dimension values then a blank 合计.
  return {
    settings: block(SHEETS.settings, COLUMNS.settings, settingsToRows(settings)),
    rubric: block(SHEETS.rubric, COLUMNS.rubric, rubricToRows(rubric)),
    roster: block(SHEETS.roster, COLUMNS.roster, w.roster ?? ROSTER),
    self: block(SHEETS.self, entryHeaders('self', d), w.self ?? SELF),
    peer: block(SHEETS.peer, entryHeaders('peer', d), w.peer ?? PEER),
    mass: block(SHEETS.mass, entryHeaders('mass', d), w.mass ?? MASS),
    bonus: block(SHEETS.bonus, COLUMNS.bonus, w.bonus ?? []),
    review: block(SHEETS.review, COLUMNS.review, w.review ?? []),
  };
}

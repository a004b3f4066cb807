/**
 * Writes the roll-up workbook (into a new workbook: its one empty sheet becomes 汇总表) in one sync: 汇总表 by
 * branch with the totals, 全体党员 with the committee-wide rank and the distribution (table and chart),
 * 需关注名单 (below the admonishment line or vetoed — label only — and the 评先树优 candidates), 问题. Every
 * sheet prints on A4, one page wide, the header row repeated. User text is written as text, never a formula.
 */
import { distributionOf, VERDICT_TEXT, type RollupResult } from '../../domain/rollup';
import type { RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import { queueLine, queuePortrait } from '../tables/printLayout';
import { queueNewTable } from '../tables/tableWrite';
import {
  ATTENTION_HEADERS, CANDIDATE_HEADERS, PROBLEM_HEADERS, ROLLUP_BRANCH_HEADERS, ROLLUP_MEMBER_HEADERS, ROLLUP_SHEETS, ROLLUP_TABLES, STANDING_TEXT,
} from './layout';

const yes = (b: boolean): string => (b ? '是' : '');

function scoreFormat(sheet: Excel.Worksheet, headerRow: number, col: number, rows: number): void {
  if (rows > 0) sheet.getRange(blockAddress(headerRow + 1, col, rows, 1)).numberFormat = Array.from({ length: rows }, () => ['0.00']);
}

/**
 * A4, one page wide, the header row repeated; `area` (rows × columns from A1) is what is printed: the committee's
 * columns, not the bookkeeping ones (file, fingerprint) nor the distribution beside the members, which would
 * shrink the print to an unreadable size.
 */
function page(sheet: Excel.Worksheet, headerRow: number, landscape: boolean, area: { rows: number; columns: number }): void {
  const p = queuePortrait(sheet, { tall: 0 });
  if (landscape) p.orientation = 'Landscape';
  p.setPrintTitleRows(`$${headerRow}:$${headerRow}`);
  p.setPrintArea(blockAddress(1, 0, area.rows, area.columns));
  sheet.freezePanes.freezeRows(headerRow);
}

/** The 汇总表 columns printed: 党支部 … 方案 (year, file, level, time and fingerprint stay on screen). */
const PRINTED_BRANCH_COLUMNS = ROLLUP_BRANCH_HEADERS.indexOf('方案') + 1;

export interface RollupWriteOptions {
  /** The committee or unit named in the titles ('' for none). */
  unit?: string;
  /** When the roll-up was made (ISO). */
  madeAt: string;
}

export async function writeRollup(context: Excel.RequestContext, r: RollupResult, opts: RollupWriteOptions): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const first = sheets.items[0];
  const title = `${opts.unit ?? ''}${r.year ?? ''}年度党员分类量化考评汇总`;

  // 1. 汇总表
  const bs = first;
  bs.name = ROLLUP_SHEETS.branches;
  queueLine(bs, 1, 12, `${title}表`, { bold: true, size: 16, align: 'Center', height: 30 });
  queueLine(bs, 2, 12, `汇总时间：${opts.madeAt.slice(0, 16).replace('T', ' ')}　统一方案：${r.scheme ? r.scheme.fingerprint : '未指定'}　党支部 ${r.totals.branches} 个，党员 ${r.totals.members} 名`, { height: 20 });
  // A file that is no workbook has no figures: blank, not zero.
  const fig = (b: RollupResult['branches'][number], v: number | null): RawCell => (b.verdict === 'not_a_workbook' ? null : v);
  const branchRows: RawCell[][] = r.branches.map((b) => [
    b.branch, fig(b, b.figures.members), fig(b, b.figures.evaluated), fig(b, b.figures.exempt), b.figures.mean, fig(b, b.figures.eligible), fig(b, b.figures.below_award),
    fig(b, b.figures.below_admonish), fig(b, b.figures.veto), fig(b, b.figures.incomplete), VERDICT_TEXT[b.verdict], b.differs.length > 0 ? b.differs.join('、') : b.verdict === 'not_a_workbook' ? '' : '一致',
    b.year, b.file.replace(/^.*[\\/]/, ''), b.level, b.computedAt ?? '', b.scheme ?? '',
  ]);
  queueNewTable(bs, { name: ROLLUP_TABLES.branches, headers: [...ROLLUP_BRANCH_HEADERS], rows: branchRows, textCols: new Set([0, 10, 11, 13, 14, 15, 16]), headerRow: 3 });
  scoreFormat(bs, 3, 4, branchRows.length);
  // One blank row between: a row typed directly below a table may be taken into it.
  const totalRow = 3 + Math.max(1, branchRows.length) + 2;
  const t = r.totals;
  const totals = bs.getRange(blockAddress(totalRow, 0, 1, 10));
  totals.numberFormat = [['@', '0', '0', '0', '0.00', '0', '0', '0', '0', '0']];
  totals.values = [[`合计（计入 ${t.branches} 个党支部）`, t.members, t.evaluated, t.exempt, t.mean ?? '', t.eligible, t.below_award, t.below_admonish, t.veto, t.incomplete]];
  totals.format.font.bold = true;
  page(bs, 3, true, { rows: totalRow, columns: PRINTED_BRANCH_COLUMNS });

  // 2. 全体党员, with the distribution and its chart beside.
  const ms = sheets.add(ROLLUP_SHEETS.members);
  const memberRows: RawCell[][] = r.members.map((m, i) => [
    r.ranks[i], m.branch, m.id, m.name, m.group, m.category, m.final, m.result, STANDING_TEXT[m.standing], yes(m.veto), yes(m.eligible), yes(m.belowAward), yes(m.admonish), m.level,
  ]);
  queueNewTable(ms, { name: ROLLUP_TABLES.members, headers: [...ROLLUP_MEMBER_HEADERS], rows: memberRows, textCols: new Set([1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13]) });
  scoreFormat(ms, 1, 6, memberRows.length);
  const dist = distributionOf(r.members);
  const dc = ROLLUP_MEMBER_HEADERS.length + 1;
  const distRange = ms.getRange(blockAddress(1, dc, dist.length + 1, 2));
  distRange.numberFormat = [['@', '@'], ...dist.map(() => ['@', '0'])];
  distRange.values = [['分数段', '人数'], ...dist.map((d) => [d.label, d.count])];
  const charts = (ms as unknown as { charts?: Excel.ChartCollection }).charts;
  if (charts && typeof charts.add === 'function') {
    const chart = charts.add('ColumnClustered', distRange, 'Columns');
    chart.title.text = '全体党员最终得分分布';
  }
  // The title as the page header: the table starts in row 1 (a roll-up is read back as input).
  ms.pageLayout.headersFooters.defaultForAllPages.centerHeader = `${title}：全体党员`.replace(/&/g, '&&');
  page(ms, 1, true, { rows: memberRows.length + 1, columns: ROLLUP_MEMBER_HEADERS.length });

  // 3. 需关注名单: the follow-up list by branch, then the award candidates by committee rank.
  const as = sheets.add(ROLLUP_SHEETS.attention);
  const attention: RawCell[][] = [];
  const byBranch = [...r.members].filter((m) => m.admonish || m.veto).sort((a, b) => (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : 0));
  for (const m of byBranch) attention.push([m.branch, m.id, m.name, m.group, m.final, m.result, [m.admonish ? '诫勉谈话' : '', m.veto ? '一票否决' : ''].filter(Boolean).join('、')]);
  queueLine(as, 1, ATTENTION_HEADERS.length, `${title}：需关注名单（诫勉谈话、一票否决）`, { bold: true, size: 14, align: 'Center', height: 26 });
  queueNewTable(as, { name: ROLLUP_TABLES.attention, headers: [...ATTENTION_HEADERS], rows: attention, textCols: new Set([0, 1, 2, 3, 5, 6]), headerRow: 2 });
  scoreFormat(as, 2, 4, attention.length);
  const candFrom = 2 + Math.max(1, attention.length) + 3;
  queueLine(as, candFrom - 1, ATTENTION_HEADERS.length, '评先树优候选（可评先树优，按全党委排名）', { bold: true, size: 14, align: 'Center', height: 26 });
  const candidates: RawCell[][] = [];
  r.members.forEach((m, i) => { if (m.eligible) candidates.push([r.ranks[i], m.branch, m.id, m.name, m.group, m.final]); });
  queueNewTable(as, { name: ROLLUP_TABLES.candidates, headers: [...CANDIDATE_HEADERS], rows: candidates, textCols: new Set([1, 2, 3, 4]), headerRow: candFrom });
  scoreFormat(as, candFrom, 5, candidates.length);
  page(as, 2, false, { rows: candFrom + Math.max(1, candidates.length), columns: ATTENTION_HEADERS.length });

  // 4. 问题
  const ps = sheets.add(ROLLUP_SHEETS.problems);
  const problems: RawCell[][] = r.branches.flatMap((b) => b.problems.map((p) => [p.file.replace(/^.*[\\/]/, ''), p.sheet, p.cell, p.message]));
  queueNewTable(ps, { name: ROLLUP_TABLES.problems, headers: [...PROBLEM_HEADERS], rows: problems, textCols: new Set([0, 1, 2, 3]) });
  ps.getRange('D:D').format.columnWidth = 420;
  ps.getRange('D:D').format.wrapText = true;
  page(ps, 1, false, { rows: Math.max(1, problems.length) + 1, columns: PROBLEM_HEADERS.length });

  for (const s of [bs, ms, as, ps]) s.getUsedRange().format.autofitColumns();
  ps.getRange('D:D').format.columnWidth = 420;
  bs.activate();
  await context.sync();
}

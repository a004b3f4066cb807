/**
 * Compute (计算结果, SPEC §3.5): kp_Results as values (per-round breakdown, rank, 评定结果, 说明), threshold
 * highlights as conditional formats, a distribution table with a chart, and a stamp (time, forms used, a
 * fingerprint of the inputs) so that later edits mark the results stale. One read, one write: 2 syncs.
 */
import { resultOrder } from '../../domain/postingRules';
import { postingBlockers } from '../../domain';
import { COLUMNS, TABLES } from '../../domain/contract';
import type { Evaluation, Language, MemberResult, RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import { countProblems, evaluateRead, queueCheckWrites } from './check';
import { currentStale, queueStaleMarks } from './derivedSheets';
import type { ComputeReport } from '../commandTypes';
import { currentModel } from '../tables/model';
import { RESULTS_HEADER_ROW, freeSheetName, printScale, tableLayouts } from '../tables/layout';
import { ALL_KEYS, readTables, type TablesRead } from '../tables/readTables';
import { pendingMark } from '../tables/pending';
import { fingerprint, parseState, queueBeginWrites, takenIfStateLost } from '../tables/state';
import { formatGrid, queueNewTable, toWrite } from '../tables/tableWrite';
import { texts } from '../../domain/texts/sheets';
import { change, readLastYear, type LastYear } from './lastYear';
import { idKey } from '../../domain/parse';
import { refuseProtected } from '../tables/protection';

const AMBER = '#FFEB9C';
const RED = '#FFC7CE';

/** One kp_Results row by header name (so a table whose columns were moved still gets the right cells). */
function resultCell(m: MemberResult, header: string, last: LastYear | null): RawCell {
  switch (header) {
    case '上年得分': return last?.finals.get(idKey(m.id)) ?? null;
    case '增减': return change(m.final, last?.finals.get(idKey(m.id)));
    case '排名': return m.rank;
    case '党员编号': return m.id;
    case '姓名': return m.name;
    case '党小组': return m.group;
    case '类别': return m.category;
    case '自评': return m.self;
    case '互评': return m.peer;
    case '群众参评': return m.mass;
    case '平均分': return m.average;
    case '加分': return m.status === 'exempt' ? null : m.bonus;
    case '最终得分': return m.final;
    case '评定结果': return m.result;
    case '说明': return m.notes;
    default: return null;
  }
}

export function distribution(evaluation: Evaluation): { label: string; count: number }[] {
  const buckets = [
    { label: '60以下', min: -Infinity, max: 60 },
    { label: '60～69.99', min: 60, max: 70 },
    { label: '70～79.99', min: 70, max: 80 },
    { label: '80～89.99', min: 80, max: 90 },
    { label: '90及以上', min: 90, max: Infinity },
  ];
  return buckets.map((b) => ({
    label: b.label,
    count: evaluation.members.filter((m) => m.final !== null && m.final >= b.min && m.final < b.max).length,
  }));
}

export function summarize(evaluation: Evaluation): ComputeReport['summary'] {
  const ms = evaluation.members;
  const withFinal = ms.filter((m) => m.final !== null);
  // 有错误 counts every member a row with an error is about, incomplete ones too (they need fixing as well).
  const withErrors = new Set(evaluation.problems.filter((p) => p.severity === 'error' && p.memberId).map((p) => p.memberId));
  return {
    members: ms.length,
    eligible: ms.filter((m) => m.eligible === true).length,
    belowEligible: withFinal.filter((m) => m.eligible === false && !m.veto).length,
    belowAdmonish: ms.filter((m) => m.admonish === true).length,
    vetoed: ms.filter((m) => m.veto).length,
    incomplete: ms.filter((m) => m.status === 'incomplete').length,
    invalid: ms.filter((m) => m.status === 'invalid' || (m.status === 'incomplete' && withErrors.has(m.id))).length,
    exempt: ms.filter((m) => m.status === 'exempt').length,
  };
}

const TEXT_HEADERS = new Set(['党员编号', '姓名', '党小组', '类别', '评定结果', '说明']);
const SCORE_HEADERS = new Set(['自评', '互评', '群众参评', '平均分', '加分', '最终得分', '上年得分']);

/** Queues the results table (rewritten in place, resized to the members) and its formats. */
function queueResults(
  context: Excel.RequestContext,
  read: TablesRead,
  taken: Set<string>,
  evaluation: Evaluation,
  lang: Language,
  eligibleThreshold: number,
  admonishThreshold: number,
  last: LastYear | null,
): { sheet: Excel.Worksheet; headerRow: number; firstColumn: number; width: number } {
  const t = read.results;
  const ordered = resultOrder(evaluation.members);
  const { rubric, settings, dims } = currentModel(read);
  const layout = tableLayouts(rubric, dims, settings).results;
  const headers = t.exists ? t.headers : layout.headers;
  const width = headers.length;
  const rows = ordered.map((m) => headers.map((h) => resultCell(m, h.replace(/\s+/g, ''), last)));
  const textCols = new Set(headers.map((h, i) => (TEXT_HEADERS.has(h) ? i : -1)).filter((i) => i >= 0));
  let sheet: Excel.Worksheet;
  let headerRow: number;
  let firstColumn: number;
  if (!t.exists) {
    const name = freeSheetName(layout.sheet, taken);
    sheet = context.workbook.worksheets.add(name);
    headerRow = layout.headerRow ?? 1;
    queueNewTable(sheet, { name: layout.table, headers, rows, textCols, headerRow });
    sheet.freezePanes.freezeRows(headerRow);
    firstColumn = 0;
  } else {
    sheet = context.workbook.worksheets.getItem(t.sheet);
    headerRow = t.firstRow - 1;
    firstColumn = t.firstColumn;
    const n = Math.max(rows.length, 1);
    if (t.bodyRows > 0) {
      const old = sheet.getRange(blockAddress(t.firstRow, firstColumn, t.bodyRows, width));
      old.clear('Contents');
      old.conditionalFormats.clearAll();
    }
    if (n !== t.bodyRows) t.table.resize(sheet.getRange(blockAddress(headerRow, firstColumn, n + 1, width)));
    const body = sheet.getRange(blockAddress(t.firstRow, firstColumn, n, width));
    const values = rows.length > 0 ? rows : [headers.map(() => null)];
    const fmt = formatGrid(n, width, textCols);
    body.numberFormat = fmt;
    body.values = toWrite(values, width);
  }
  const n = Math.max(rows.length, 1);
  // Scores show two decimals; the cells hold the exact values (6 decimals for round means).
  headers.forEach((h, c) => {
    if (SCORE_HEADERS.has(h)) sheet.getRange(blockAddress(headerRow + 1, firstColumn + c, n, 1)).numberFormat = Array.from({ length: n }, () => ['0.00']);
    if (h === '增减') sheet.getRange(blockAddress(headerRow + 1, firstColumn + c, n, 1)).numberFormat = Array.from({ length: n }, () => ['+0.00;-0.00;0.00']);
  });
  // 排名 centred: right-aligned next to a left-aligned 党员编号 it read as one number ("1 003") in print.
  const cRank = headers.indexOf('排名');
  if (cRank >= 0) sheet.getRange(blockAddress(headerRow, firstColumn + cRank, n + 1, 1)).format.horizontalAlignment = 'Center';
  // 说明 wraps in its column (the print ends at the table's right edge; a long note was cut off there).
  const cNotes = headers.indexOf('说明');
  if (cNotes >= 0) {
    sheet.getRange(blockAddress(headerRow + 1, firstColumn + cNotes, n, 1)).format.wrapText = true;
    // Row heights for the wrapped notes (Excel and LibreOffice keep the stored height of a row on opening):
    // the body back to one line, then the rows with long notes taller (13 pt per CJK character, 16 pt a line).
    const body = sheet.getRange(blockAddress(headerRow + 1, firstColumn, n, width));
    body.format.rowHeight = 15;
    body.format.verticalAlignment = 'Center';
    const perLine = Math.max(1, Math.floor(((layout.widths[layout.headers.indexOf('说明')] ?? 190) - 8) / 13));
    ordered.forEach((m, i) => {
      const lines = Math.ceil(m.notes.length / perLine);
      if (lines > 1) sheet.getRange(blockAddress(headerRow + 1 + i, firstColumn, 1, 1)).format.rowHeight = lines * 16 + 2;
    });
  }
  const cFinal = headers.indexOf('最终得分');
  if (cFinal >= 0 && rows.length > 0) queueFinalThresholds(sheet, headerRow, firstColumn + cFinal, n, admonishThreshold, eligibleThreshold);
  // Vetoed members: 评定结果 in red bold (static: rewritten every compute).
  const cResult = headers.indexOf('评定结果');
  if (cResult >= 0) {
    const col = sheet.getRange(blockAddress(headerRow + 1, firstColumn + cResult, n, 1));
    col.format.font.color = '#000000';
    col.format.font.bold = false;
    ordered.forEach((m, i) => {
      if (!m.veto) return;
      const cell = sheet.getRange(blockAddress(headerRow + 1 + i, firstColumn + cResult, 1, 1));
      cell.format.font.color = '#C00000';
      cell.format.font.bold = true;
    });
  }
  void lang;
  // Printed, the results table alone (the distribution and chart beside it are for the screen): A4 landscape,
  // one page wide, the header on every page.
  // A navigation property (a proxy), not a read.
  // eslint-disable-next-line office-addins/load-object-before-read
  const page = sheet.pageLayout;
  page.paperSize = 'A4';
  page.orientation = 'Landscape';
  page.zoom = { scale: printScale(headers.map((h) => layout.widths[layout.headers.indexOf(h)] ?? 64), 'Landscape') };
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.setPrintArea(blockAddress(headerRow, firstColumn, n + 1, width));
  page.setPrintTitleRows(`$${headerRow}:$${headerRow}`);
  return { sheet, headerRow, firstColumn, width };
}

/** The threshold colours on 最终得分 (below admonishment red, below the award threshold amber): conditional formats. */
export function queueFinalThresholds(sheet: Excel.Worksheet, headerRow: number, column: number, n: number, admonishThreshold: number, eligibleThreshold: number): void {
  const range = sheet.getRange(blockAddress(headerRow + 1, column, n, 1));
  const first = blockAddress(headerRow + 1, column, 1, 1);
  const red = range.conditionalFormats.add('Custom');
  red.custom.rule.formula = `=AND(ISNUMBER(${first}),${first}<${admonishThreshold})`;
  red.custom.format.fill.color = RED;
  red.custom.format.font.color = '#9C0006';
  const amber = range.conditionalFormats.add('Custom');
  amber.custom.rule.formula = `=AND(ISNUMBER(${first}),${first}>=${admonishThreshold},${first}<${eligibleThreshold})`;
  amber.custom.format.fill.color = AMBER;
  amber.custom.format.font.color = '#9C5700';
}

export async function compute(context: Excel.RequestContext, now: () => Date = () => new Date()): Promise<ComputeReport> {
  const sheets = context.workbook.worksheets;
  const { read, extra: charts } = await readTables(context, ALL_KEYS, () => {
    sheets.load('items/name');
    // The results sheet's charts: a compute that stopped after adding the chart but before its stamp added one.
    const c = context.workbook.tables.getItemOrNullObject(TABLES.results).worksheet.charts;
    c.load('items/name');
    return c;
  });
  const { evaluation, lang } = evaluateRead(read);
  // kp_Results and kp_State are rewritten: a protected one refuses the whole computation (nothing written).
  refuseProtected(read, ['results', 'state'], lang);
  const { settings } = currentModel(read);
  const T = texts(lang);
  const taken = new Set(sheets.items.map((s) => s.name));
  // Year over year (上年得分, 增减): one more read only when last year's archive is in the workbook (before any write).
  const last = read.results.exists && read.results.headers.some((h) => h.replace(/\s+/g, '') === '上年得分') ? await readLastYear(context, [...taken], settings.year) : null;
  // Marked unfinished before the first write; the stamp (the mark of completion) is written after the data.
  const leave = queueBeginWrites(context, read.state, pendingMark('compute', 'results'));
  const where = queueResults(context, read, taken, evaluation, lang, settings.eligibleThreshold, settings.admonishThreshold, last);
  // The distribution (and, once, its chart): above the results where the table leaves room, else beside it.
  const dist = distribution(evaluation);
  const place = distributionPlace(where.headerRow, where.firstColumn, headersOf(read, where.width));
  let distRange: Excel.Range;
  if (place.above) {
    distRange = where.sheet.getRange(blockAddress(place.row, place.column, 2, dist.length + 1));
    distRange.numberFormat = [dist.map(() => '@').concat('@'), ['@', ...dist.map(() => 'General')]];
    distRange.values = [[T.distribution.label, ...dist.map((d) => d.label)], [T.distribution.count, ...dist.map((d) => d.count)]];
    distRange.format.horizontalAlignment = 'Center';
    where.sheet.getRange(blockAddress(place.row, place.column, 2, 1)).format.font.bold = true;
  } else {
    distRange = where.sheet.getRange(blockAddress(place.row, place.column, dist.length + 1, 2));
    distRange.numberFormat = formatGrid(dist.length + 1, 2, new Set([0]));
    distRange.values = [[T.distribution.label, T.distribution.count], ...dist.map((d) => [d.label, d.count])];
  }
  const computedAt = now().toISOString();
  const stamp = where.sheet.getRange(place.above ? blockAddress(place.row + 2, place.column, 1, 1) : blockAddress(place.row + dist.length + 2, place.column, 1, 1));
  stamp.numberFormat = [['@']];
  stamp.values = [[T.resultsFooter(localTime(computedAt), evaluation.formsUsed)]];
  const state = { computedAt, fingerprint: fingerprint(read), formsUsed: evaluation.formsUsed, chart: false as boolean, pending: leave };
  const previousChart = parseState(read.state).chart || (!charts.isNullObject && charts.items.length > 0);
  const sheetCharts = (where.sheet as unknown as { charts?: Excel.ChartCollection }).charts;
  if (!previousChart && sheetCharts && typeof sheetCharts.add === 'function') {
    const chart = sheetCharts.add('ColumnClustered', distRange, place.above ? 'Rows' : 'Columns');
    chart.title.text = T.distribution.count;
    // Above the table the counts are in view; the chart goes beside the table, where it covers nothing.
    if (place.above) {
      const col = distributionColumn(where.firstColumn, headersOf(read, where.width));
      chart.setPosition(blockAddress(where.headerRow, col, 1, 1), blockAddress(where.headerRow + 14, col + 5, 1, 1));
    }
    state.chart = true;
  } else state.chart = previousChart;
  // Derived sheets made from other inputs than these (the results are current after this batch): marked 已过期.
  const names = [...taken];
  const derived = parseState(read.state).derived.length > 0 ? { derived: queueStaleMarks(context, read, currentStale(read, names, true), names, lang) } : {};
  const { notes } = await queueCheckWrites(context, read, evaluation, { ...state, ...derived }, takenIfStateLost(read, taken));
  await context.sync();
  const blockers = postingBlockers(evaluation, lang);
  return {
    evaluation,
    summary: summarize(evaluation),
    distribution: dist,
    postingAllowed: blockers.length === 0,
    postingBlockedReasons: blockers,
    computedAt,
    fingerprint: state.fingerprint,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * Where compute writes the 分数段 block. With kp_Results where install puts it now (header in RESULTS_HEADER_ROW,
 * from column A): across the top from the table's first column — labels, counts, the computed-at line —
 * in view with the frozen header at any window width, and outside the print area (the table). A table at the top
 * of its sheet (older workbooks): the block beside it (distributionColumn), labels and counts in two columns.
 */
export function distributionPlace(headerRow: number, firstColumn: number, headers: readonly string[]): { above: boolean; row: number; column: number } {
  // Only where install puts the table: rows a user added above a table moved elsewhere are theirs.
  if (headerRow === RESULTS_HEADER_ROW && firstColumn === 0) return { above: true, row: headerRow - 3, column: firstColumn };
  return { above: false, row: headerRow, column: distributionColumn(firstColumn, headers) };
}

/**
 * Where compute writes the distribution's five counts and the 计算时间 line (new year archives and blanks them,
 * undo puts them back): a row of counts above the table, or a column of counts beside it.
 */
export function distributionCells(headerRow: number, firstColumn: number, headers: readonly string[]): { above: boolean; counts: string; stamp: string } {
  const place = distributionPlace(headerRow, firstColumn, headers);
  return place.above
    ? { above: true, counts: blockAddress(place.row + 1, place.column + 1, 1, 5), stamp: blockAddress(place.row + 2, place.column, 1, 1) }
    : { above: false, counts: blockAddress(place.row + 1, place.column + 1, 5, 1), stamp: blockAddress(place.row + 7, place.column, 1, 1) };
}

/**
 * Column of the distribution table beside kp_Results: one blank column after the table, and after the two
 * year-over-year columns (上年得分, 增减) when the table does not have them yet (new year appends them there).
 */
export function distributionColumn(firstColumn: number, headers: readonly string[]): number {
  const has = COLUMNS.yearOverYear.every((h) => headers.some((x) => x.replace(/\s+/g, '') === h));
  return firstColumn + headers.length + 1 + (has ? 0 : COLUMNS.yearOverYear.length);
}

function headersOf(read: TablesRead, width: number): string[] {
  return read.results.exists ? read.results.headers : Array.from({ length: width }, (_, i) => [...COLUMNS.results][i] ?? '');
}

/** "2026-11-24 14:05" in the local time zone. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export { countProblems };

/**
 * Score sheets (个人考评明细, SPEC §5 `kaoping report`): for one member or all, one A4 page each on the sheet
 * 个人考评明细: per round what domain/scoreSheet.ts allows (the valid forms, how many trimming dropped, how many
 * were counted, the mean — withheld when it is a single peer or mass form — and the weight), the bonus items with their 依据, the
 * branch review, the final score, rank and result, and last year's final with the change when last year's
 * archive ("2025年考评结果") is in the workbook. No evaluator's identity and no single form's score.
 * Read, (last year's archive when present), write: ≤ 3 syncs up to 100 members, one more per further 100.
 */
import { evaluateDetailed, type ScoreDetails } from '../../domain/evaluate';
import { idKey, isBlank, normalizeId, parseYesNo, rawText, toHalfWidth } from '../../domain/parse';
import { SCORE_SHEET } from '../../domain/contract';
import type { Settings } from '../../domain/settings';
import type { Evaluation, MemberResult, TableBlock } from '../../domain/types';
import { ROUNDS } from '../../domain/types';
import { scoreSheetRounds } from '../../domain/scoreSheetRules';
import { findColumn } from '../../domain/table';
import { blockAddress } from '../tables/a1';
import { currentModel } from '../tables/model';
import { archiveSheetName, change, readLastYear, type LastYear } from './lastYear';
import { archivedTablesRead, findYearArchive, readYearArchive, yearArchiveName } from '../year/yearArchive';
import { chineseDate, finishSheet, planSheet } from './postingPack';
import { BLOCK_HEIGHT, queueGrid, queueLine, queuePortrait, queueWidths, rowHeight, textLines } from '../tables/printLayout';
import { ALL_KEYS, evaluationInput, readTables, type TablesRead } from '../tables/readTables';
import { parseState, queueWriteState, takenIfStateLost } from '../tables/state';
import { derivedRecord, resultsCurrent } from './derivedSheets';
import { withRecord } from '../../domain/derivedSheets';
import { joinSentences } from '../../domain/texts/messages';
import { scoreSheetText, type ScoreSheetTexts } from '../../domain/texts/scoreSheet';

export interface ScoreSheetOptions {
  /** 编号 of the members to make sheets for; all members when absent or empty. */
  members?: string[];
  /** Show the sheet when done (the task pane); the command line leaves the active sheet alone. */
  activate?: boolean;
  /** A past year archived in the workbook by new year ("2025年考评存档"): its sheets, from its tables. */
  year?: number;
}

export interface ScoreSheetReport {
  created: boolean;
  sheet: string;
  /** The members on the sheet, in order (one page each). */
  members: { id: string; name: string }[];
  /** 编号 asked for that are not in the roster (then nothing is made). */
  unknown: string[];
  /** The archive sheet year-over-year figures came from, or null. */
  lastYearSheet: string | null;
  /** Why nothing was made, when the reason is not an unknown 编号 (e.g. no archive of the year asked for). */
  problem?: string;
}

/** Pages queued per sync (see makeScoreSheets). */
export const PAGES_PER_SYNC = 100;

/** Column widths (points) of a score sheet page: six columns within PAGE_WIDTH (see printLayout.ts). */
const WIDTHS = [70, 56, 64, 64, 64, 78];
const W = WIDTHS.length;

/** Members in the order asked for (all: roster order); ids not in the evaluation are returned apart. */
export function selectMembers(evaluation: Evaluation, ids: readonly string[] | undefined): { members: MemberResult[]; indexes: number[]; unknown: string[] } {
  const byKey = new Map(evaluation.members.map((m, i) => [idKey(m.id), i]));
  if (!ids || ids.length === 0) return { members: evaluation.members.slice(), indexes: evaluation.members.map((_, i) => i), unknown: [] };
  const indexes: number[] = [];
  const unknown: string[] = [];
  for (const raw of ids) {
    const i = byKey.get(idKey(normalizeId(raw)));
    if (i === undefined) unknown.push(raw);
    else if (!indexes.includes(i)) indexes.push(i);
  }
  return { members: indexes.map((i) => evaluation.members[i]), indexes, unknown };
}

/** Bonus items of the block as shown: 加分事项, 分值, 依据 of the counted rows. */
function bonusItems(block: TableBlock, details: ScoreDetails, idx: number): { item: string; points: string; basis: string }[] {
  const cItem = findColumn(block, '加分事项');
  const cPts = findColumn(block, '分值');
  const cBasis = findColumn(block, '依据');
  const text = (row: number, c: number) => (c >= 0 && !isBlank(block.rows[row][c]) ? rawText(block.rows[row][c]).trim() : '');
  return details.bonusItems
    .filter((b) => b.member === idx)
    .map((b) => ({ item: text(b.row, cItem), points: text(b.row, cPts), basis: text(b.row, cBasis) }));
}

/** kp_Review rows about the member: 一票否决 (any yes), 事由 and 审定意见 (joined). */
function reviewOf(block: TableBlock, id: string): { veto: boolean | null; reasons: string[]; opinions: string[] } {
  const cId = findColumn(block, '党员编号');
  const cVeto = findColumn(block, '一票否决');
  const cReason = findColumn(block, '事由');
  const cOpinion = findColumn(block, '审定意见');
  const out = { veto: null as boolean | null, reasons: [] as string[], opinions: [] as string[] };
  if (cId < 0) return out;
  const key = idKey(id);
  for (const r of block.rows) {
    if (isBlank(r[cId]) || idKey(normalizeId(r[cId])) !== key) continue;
    const v = cVeto >= 0 ? parseYesNo(r[cVeto]) : null;
    if (v === true || v === 'invalid') out.veto = true;
    else if (v === false && out.veto === null) out.veto = false;
    if (cReason >= 0 && !isBlank(r[cReason])) out.reasons.push(rawText(r[cReason]).trim());
    if (cOpinion >= 0 && !isBlank(r[cOpinion])) out.opinions.push(rawText(r[cOpinion]).trim());
  }
  return out;
}

const fixed2 = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** Queues one member's page from `row`; returns the next free row. */
function queuePage(
  sheet: Excel.Worksheet,
  row: number,
  m: MemberResult,
  idx: number,
  ctx: { T: ScoreSheetTexts; settings: Settings; details: ScoreDetails; read: Pick<TablesRead, 'bonus' | 'review'>; ranked: number; last: LastYear | null; date: string; pad: boolean },
): number {
  const { T, settings, details } = ctx;
  let used = 0;
  const start = row;
  const line = (value: string, style: Parameters<typeof queueLine>[4] = {}) => {
    const h = style.height ?? rowHeight(textLines(value, WIDTHS.reduce((a, b) => a + b, 0)));
    queueLine(sheet, row++, W, value, { ...style, height: h, wrap: true });
    used += h;
  };
  // A one-line text without a merge (fewer merged areas: each costs the host and Excel a little): centred across
  // the page, at the left (overflowing into the empty cells beside it) or at the right edge.
  const plain = (value: string, style: { bold?: boolean; size?: number; align: 'Center' | 'Left' | 'Right'; height: number }) => {
    const c = style.align === 'Right' ? W - 1 : 0;
    const range = sheet.getRange(blockAddress(row, 0, 1, W));
    range.numberFormat = [Array.from({ length: W }, () => '@')];
    range.values = [Array.from({ length: W }, (_, k) => (k === c ? value : ''))];
    range.format.horizontalAlignment = style.align === 'Center' ? 'CenterAcrossSelection' : style.align;
    range.format.verticalAlignment = 'Center';
    if (style.bold) range.format.font.bold = true;
    if (style.size) range.format.font.size = style.size;
    range.format.rowHeight = style.height;
    used += style.height;
    row++;
  };
  const cells = (values: string[], opts: { bold?: boolean; fill?: string; merge?: [number, number][]; height?: number; center?: boolean } = {}) => {
    const range = sheet.getRange(blockAddress(row, 0, 1, W));
    range.numberFormat = [values.map(() => '@')];
    range.values = [values];
    for (const [a, b] of opts.merge ?? []) sheet.getRange(blockAddress(row, a, 1, b - a + 1)).merge(false);
    range.format.wrapText = true;
    range.format.verticalAlignment = 'Center';
    range.format.horizontalAlignment = opts.center === false ? 'Left' : 'Center';
    if (opts.bold) range.format.font.bold = true;
    if (opts.fill) range.format.fill.color = opts.fill;
    // The tallest cell decides (merged cells take their merged width).
    const widthOf = (c: number) => {
      const merged = (opts.merge ?? []).find(([a, b]) => c >= a && c <= b);
      return merged ? WIDTHS.slice(merged[0], merged[1] + 1).reduce((x, y) => x + y, 0) : WIDTHS[c];
    };
    const lines = Math.max(...values.map((v, c) => (v ? textLines(v, widthOf(c)) : 1)));
    const h = opts.height ?? Math.max(21, rowHeight(lines));
    range.format.rowHeight = h;
    used += h;
    return row++;
  };
  const gap = () => {
    sheet.getRange(blockAddress(row++, 0, 1, 1)).format.rowHeight = 9;
    used += 9;
  };

  plain(T.title(settings.branch, settings.year), { bold: true, size: 16, align: 'Center', height: 30 });
  plain(T.info(m), { align: 'Center', height: 24 });
  gap();
  if (m.status === 'exempt') {
    line(T.exempt, { height: 24 });
  } else {
    // 1. Rounds: what domain/scoreSheet.ts allows (forms valid, dropped, counted, the mean, the weight).
    plain(T.s1, { bold: true, align: 'Left', height: 21 });
    const first = cells(T.roundHeaders.slice(), { bold: true, fill: '#D9D9D9' });
    const notes: string[] = [];
    for (const r of scoreSheetRounds(m, settings.weights, details, idx)) {
      cells([T.rounds[r.round], String(r.valid), String(r.dropped), String(r.counted), r.withheld ? '—' : fixed2(r.mean), String(r.weight)]);
      if (r.withheld) notes.push(T.withheld(T.rounds[r.round]));
    }
    queueGrid(sheet, first, 0, ROUNDS.length + 1, W);
    line(joinSentences(settings.language, [...notes.map((n) => `${n}。`), T.roundsNote]), { size: 9 });
    gap();
    // 2. Bonus items with their 依据.
    plain(T.s2, { bold: true, align: 'Left', height: 21 });
    const items = bonusItems(ctx.read.bonus, details, idx);
    const bFirst = cells(T.bonusHeaders.slice(), { bold: true, fill: '#D9D9D9', merge: [[1, 2], [4, 5]] });
    if (items.length === 0) cells([T.noBonus, '', '', '', '', ''], { merge: [[0, 5]] });
    items.forEach((b, k) => cells([String(k + 1), b.item, '', b.points, b.basis, ''], { merge: [[1, 2], [4, 5]] }));
    queueGrid(sheet, bFirst, 0, Math.max(items.length, 1) + 1, W);
    const positive = items.reduce((a, b) => {
      const v = Number(toHalfWidth(b.points).trim());
      return a + (v > 0 ? v : 0);
    }, 0);
    const capped = settings.bonusCap !== null && positive > settings.bonusCap + 1e-9;
    plain(T.bonusTotal(m.bonus.toFixed(1), capped ? String(settings.bonusCap) : null), { align: 'Left', height: 21 });
    gap();
    // 3. Branch review.
    plain(T.s3, { bold: true, align: 'Left', height: 21 });
    const review = reviewOf(ctx.read.review, m.id);
    const rFirst = cells([T.veto, m.veto ? T.yes : review.veto === null ? '—' : T.no, T.review, review.opinions.join('；') || '—', '', ''], { merge: [[3, 5]] });
    let reviewRows = 1;
    if (m.veto && review.reasons.length > 0) {
      cells([T.reason, review.reasons.join('；'), '', '', '', ''], { merge: [[1, 5]], center: false });
      reviewRows++;
    }
    queueGrid(sheet, rFirst, 0, reviewRows, W);
    gap();
  }
  // 4. Result: average, bonus, final, rank, result label; last year's final and the change.
  plain(T.s4, { bold: true, align: 'Left', height: 21 });
  const r4 = cells([T.average, fixed2(m.average), T.bonus, m.status === 'exempt' ? '—' : m.bonus.toFixed(1), T.final, fixed2(m.final)]);
  cells([T.rank, m.rank === null ? '—' : T.rankOf(m.rank, ctx.ranked), T.result, m.result, '', ''], { merge: [[3, 5]] });
  const lastFinal = ctx.last ? ctx.last.finals.get(idKey(m.id)) : undefined;
  const diff = change(m.final, lastFinal);
  cells([
    T.lastFinal,
    ctx.last ? fixed2(lastFinal ?? null) : '—',
    T.change,
    diff === null ? '—' : `${diff > 0 ? '+' : ''}${diff.toFixed(2)}`,
    ctx.last ? '' : T.noArchive,
    '',
  ], { merge: [[4, 5]] });
  queueGrid(sheet, r4, 0, 3, W);
  // Labels bold in the result grid.
  for (const c of [0, 2, 4]) sheet.getRange(blockAddress(r4, c, 1, 1)).format.font.bold = true;
  for (const c of [0, 2]) sheet.getRange(blockAddress(r4 + 1, c, 2, 1)).format.font.bold = true;
  gap();
  line(T.foot, { size: 9 });
  plain(T.sign(settings.branch, ctx.date), { align: 'Right', height: 21 });
  // Several members: the page block is filled to the page height so the next member starts a new page.
  if (ctx.pad && used < BLOCK_HEIGHT) {
    sheet.getRange(blockAddress(row++, 0, 1, 1)).format.rowHeight = Math.floor((BLOCK_HEIGHT - used) / 0.75) * 0.75;
  }
  void start;
  return row;
}

/**
 * Everything the pages need, read from the workbook: the layout writes it onto a sheet of this workbook
 * (makeScoreSheets) or of a new one (writeScoreSheetWorkbook: a file holding only the score sheets).
 */
export interface ScoreSheetPlan {
  settings: Settings;
  members: MemberResult[];
  /** Roster index of each member (for the details). */
  indexes: number[];
  details: ScoreDetails;
  /** The kp_Bonus and kp_Review rows (only the member's own are put on their page). */
  read: Pick<TablesRead, 'bonus' | 'review'>;
  ranked: number;
  last: LastYear | null;
  date: string;
  /** 考评结果 was computed from exactly these inputs (else the pages may differ from it: a file says so). */
  resultsCurrent: boolean;
  /** A past year's pages, from its archive (kaoping report --year). */
  past: boolean;
}

/** Reads and evaluates (1 sync, one more when last year's archive is there); nothing written. */
export async function planScoreSheets(
  context: Excel.RequestContext,
  options: ScoreSheetOptions = {},
  now: () => Date = () => new Date(),
): Promise<{ plan: ScoreSheetPlan | null; unknown: string[]; read: TablesRead; names: string[]; problem?: string }> {
  const sheets = context.workbook.worksheets;
  const { read: live } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const names = sheets.items.map((s) => s.name);
  let read = live;
  const past = options.year !== undefined && options.year !== currentModel(live).settings.year;
  if (past) {
    // A past year: the tables as new year archived them (one more sync).
    const year = options.year as number;
    const sheet = findYearArchive(names, year);
    const archive = sheet ? await readYearArchive(context, sheet) : null;
    if (!archive || !archive.complete) {
      const resultsOnly = names.includes(archiveSheetName(year));
      const problem = resultsOnly ? `工作簿中只有${year}年度的结果（工作表“${archiveSheetName(year)}”），没有该年度的测评表存档，不能生成该年度的考评明细。` : `工作簿中没有${year}年度的存档（工作表“${yearArchiveName(year)}”），不能生成该年度的考评明细。`;
      return { plan: null, unknown: [], read: live, names, problem };
    }
    read = archivedTablesRead(live, archive);
  }
  const { settings } = currentModel(read);
  const { evaluation, details } = evaluateDetailed(evaluationInput(read), settings.language);
  const { members, indexes, unknown } = selectMembers(evaluation, options.members);
  if (unknown.length > 0 || members.length === 0) return { plan: null, unknown, read: live, names };
  const last = await readLastYear(context, names, settings.year);
  const ranked = evaluation.members.filter((m) => m.rank !== null).length;
  // A past year's results are the archived ones, as they were when the year closed.
  const current = past ? true : resultsCurrent(read);
  return { plan: { settings, members, indexes, details, read, ranked, last, date: chineseDate(now()), resultsCurrent: current, past }, unknown: [], read: live, names };
}

async function queuePages(context: Excel.RequestContext, sheet: Excel.Worksheet, plan: ScoreSheetPlan): Promise<void> {
  const { settings, members, indexes } = plan;
  const T = scoreSheetText(settings.language);
  const ctx = { T, settings, details: plan.details, read: plan.read, ranked: plan.ranked, last: plan.last, date: plan.date, pad: members.length > 1 };
  let row = 1;
  for (let k = 0; k < members.length; k++) {
    // Excel on the web refuses a request over 5 MB (about 10 KB a page): a sync after every PAGES_PER_SYNC pages,
    // so up to that many members take one write.
    if (k > 0 && k % PAGES_PER_SYNC === 0) await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop
    row = queuePage(sheet, row, members[k], indexes[k], ctx);
  }
  queueWidths(sheet, WIDTHS);
  // One member: fitted to one page; several: one page each at scale 100 (the blocks fill the pages).
  const page = queuePortrait(sheet, members.length === 1 ? { tall: 1 } : null);
  page.setPrintArea(blockAddress(1, 0, row - 1, W));
}

/** Makes (or rebuilds) the score sheet for the members asked for. Refuses (writes nothing) an unknown 编号. */
export async function makeScoreSheets(
  context: Excel.RequestContext,
  options: ScoreSheetOptions = {},
  now: () => Date = () => new Date(),
): Promise<ScoreSheetReport> {
  const { plan, unknown, read, names, problem } = await planScoreSheets(context, options, now);
  if (!plan) return { created: false, sheet: '', members: [], unknown, lastYearSheet: null, ...(problem ? { problem } : {}) };
  const state = parseState(read.state);
  // Built under a working name (ours before it exists) and renamed into the old sheet's place with the last write,
  // as the posting sheets are: a run that stops part-way leaves the old sheet as it was, and the next run deletes
  // the working sheet instead of making "个人考评明细 (2)".
  const planned = planSheet(context, plan.past ? `${plan.settings.year}年${SCORE_SHEET}` : SCORE_SHEET, names, state, new Set(names));
  const name = planned.name;
  const mine = [planned.building, name];
  const others = state.printSheets.filter((s) => !mine.includes(s));
  queueWriteState(context, read.state, { ...state, printSheets: [...others, ...mine] }, takenIfStateLost(read, [...names, ...mine]));
  const sheet = context.workbook.worksheets.add(planned.building);
  await queuePages(context, sheet, plan);
  finishSheet(context, sheet, planned);
  if (options.activate) sheet.activate();
  // Recorded with the fingerprint of what it shows (derivedSheets.ts): later changes, or results not current, make it
  // out of date, and check / compute mark it. A past year's sheet is a reprint of a closed year: not recorded.
  const T = scoreSheetText(plan.settings.language);
  const kept = state.derived.filter((r) => names.includes(r.sheet) && r.sheet !== planned.building);
  const derived = plan.past ? kept : withRecord(kept, derivedRecord(read, name, 'score_sheet', T.title(plan.settings.branch, plan.settings.year)));
  queueWriteState(context, read.state, { ...state, printSheets: [...others, name], derived }, takenIfStateLost(read, [...names, name]));
  await context.sync();
  return { created: true, sheet: name, members: plan.members.map((m) => ({ id: m.id, name: m.name })), unknown: [], lastYearSheet: plan.last?.sheet ?? null };
}

/**
 * Writes a plan into a new, empty workbook (the headless host's createWorkbook, or Excel.createWorkbook's):
 * its first sheet becomes 个人考评明细 and every other sheet is deleted, so the file holds the score sheets and
 * nothing else of the secretary's workbook — no entries, no evaluator, no kp_State.
 */
export async function writeScoreSheetWorkbook(context: Excel.RequestContext, plan: ScoreSheetPlan): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const [first, ...rest] = sheets.items;
  for (const s of rest) s.delete();
  first.name = plan.past ? `${plan.settings.year}年${SCORE_SHEET}` : SCORE_SHEET;
  await queuePages(context, first, plan);
  // A file cannot be marked later: made while 考评结果 is not current, every printed page says so.
  if (!plan.resultsCurrent) first.pageLayout.headersFooters.defaultForAllPages.centerHeader = scoreSheetText(plan.settings.language).notCurrent;
  first.activate();
  await context.sync();
}

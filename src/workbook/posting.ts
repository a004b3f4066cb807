/**
 * Posting sheet (生成公示表, SPEC §3.6): a print-ready A4 sheet with the title, 序号, 姓名, 党小组, 最终得分 and
 * 评定结果, the posting period, the phone for objections, the branch and date at the foot. No per-evaluator data
 * (ballots are confidential). Only when postingBlockers is empty; otherwise a refusal naming who and why.
 * One read, one write: 2 syncs.
 */
import { postingBlockers } from '../domain';
import type { Evaluation, MemberResult } from '../domain/types';
import { blockAddress } from './a1';
import { evaluateRead } from './check';
import type { PostingOptions, PostingReport } from './commandTypes';
import { resultOrder } from './compute';
import { currentModel } from './install';
import { freeSheetName, printScale } from './layout';
import { ALL_KEYS, readTables, type TablesRead } from './readTables';
import { pendingCommand, pendingCommandOf, pendingMark } from './pending';
import { parseState, queueWriteState, takenIfStateLost } from './state';
import { texts } from './texts';
import { refuseProtected } from './protection';

export const POSTING_SHEET = '考评结果公示';
/** Column widths of the posting sheet in points (序号, 姓名, 党小组, 最终得分, 评定结果). */
export const POSTING_WIDTHS = [44, 80, 110, 70, 180];
/** The posting sheet's name while it is being built (see queuePostingSheet). */
const BUILDING_SHEET = `${POSTING_SHEET}（未完成）`;

/** Members in posting order: by rank (unranked, e.g. exempt, at the end) or in roster order. */
export function postingMembers(evaluation: Evaluation, order: PostingOptions['order']): MemberResult[] {
  return order === 'rank' ? resultOrder(evaluation.members) : evaluation.members.slice();
}

/** "2026年11月24日" */
export function chineseDate(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/**
 * Makes (or rebuilds) the posting sheet. A sheet of that name that the add-in did not make is left alone and a
 * free variant name is used instead.
 */
export async function makePostingSheet(
  context: Excel.RequestContext,
  options: PostingOptions,
  now: () => Date = () => new Date(),
): Promise<PostingReport> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const { evaluation, lang } = evaluateRead(read);
  // An interrupted posting is what this run completes: that mark does not block it.
  if (pendingCommand(read) === 'posting') evaluation.problems = evaluation.problems.filter((p) => p.code !== 'write_interrupted');
  const blockers = postingBlockers(evaluation, lang);
  if (blockers.length > 0) return { created: false, sheet: '', rows: 0, blockedReasons: blockers };
  refuseProtected(read, ['state'], currentModel(read).settings.language);
  const names = sheets.items.map((s) => s.name);
  const name = queuePostingSheet(context, read, names, evaluation, options, now());
  await context.sync();
  return { created: true, sheet: name, rows: evaluation.members.length, blockedReasons: [] };
}

/** Queues the posting sheet; returns its name. Exposed for the command line (compute makes it when allowed). */
export function queuePostingSheet(
  context: Excel.RequestContext,
  read: TablesRead,
  sheetNames: string[],
  evaluation: Evaluation,
  options: PostingOptions,
  date: Date,
): string {
  const { settings } = currentModel(read);
  const T = texts(settings.language);
  const state = parseState(read.state);
  const ours = sheetNames.find((n) => n === POSTING_SHEET && state.printSheets.includes(n));
  // Built under a working name, then put in the old sheet's place in one rename: a run that stops part-way leaves
  // the old posting sheet as it was (and a sheet called "…（未完成）", ours to delete on the next run).
  let building = BUILDING_SHEET;
  if (sheetNames.includes(building)) {
    if (state.printSheets.includes(building)) context.workbook.worksheets.getItem(building).delete();
    else building = freeSheetName(BUILDING_SHEET, new Set(sheetNames));
  }
  const old = ours ?? state.printSheets.find((n) => n.startsWith(POSTING_SHEET) && n !== building && sheetNames.includes(n));
  const name = old ?? freeSheetName(POSTING_SHEET, new Set(sheetNames));
  const own = state.pending === null || pendingCommandOf(state.pending) === 'posting';
  const leave = own ? null : state.pending;
  // The working sheet is ours (to delete) before it exists; the mark says the posting is under way.
  queueWriteState(context, read.state, { ...state, pending: own ? pendingMark('posting', 'results') : state.pending, printSheets: [...state.printSheets.filter((s) => s !== building && s !== name), building, name] });
  const sheet = context.workbook.worksheets.add(building);
  const members = postingMembers(evaluation, options.order);
  const headers = [T.posting.seq, T.posting.name, T.posting.group, T.posting.final, T.posting.result];
  const width = headers.length;
  const start = options.periodStart || settings.postingStart;
  const end = options.periodEnd || settings.postingEnd;
  const phone = options.phone || settings.phone;
  // Row 1 title, row 2 period, row 3 header, rows 4.. members, then the objection line and the foot.
  const title = sheet.getRange(blockAddress(1, 0, 1, width));
  title.merge(false);
  title.numberFormat = [Array.from({ length: width }, () => '@')];
  title.values = [[T.postingTitle(settings.branch, settings.year), '', '', '', '']];
  title.format.font.bold = true;
  title.format.font.size = 16;
  title.format.horizontalAlignment = 'Center';
  title.format.rowHeight = 30;
  const period = sheet.getRange(blockAddress(2, 0, 1, width));
  period.merge(false);
  period.numberFormat = [Array.from({ length: width }, () => '@')];
  period.values = [[T.postingPeriod(start, end), '', '', '', '']];
  period.format.horizontalAlignment = 'Center';
  const header = sheet.getRange(blockAddress(3, 0, 1, width));
  header.numberFormat = [headers.map(() => '@')];
  header.values = [headers];
  header.format.font.bold = true;
  header.format.horizontalAlignment = 'Center';
  header.format.fill.color = '#D9D9D9';
  const n = members.length;
  const rows = members.map((m, i) => [i + 1, m.name, m.group, m.final === null ? '' : m.final, m.result]);
  const last = 3 + Math.max(n, 0);
  if (n > 0) {
    const body = sheet.getRange(blockAddress(4, 0, n, width));
    body.numberFormat = rows.map(() => ['0', '@', '@', '0.00', '@']);
    body.values = rows;
    body.format.horizontalAlignment = 'Center';
  }
  const grid = sheet.getRange(blockAddress(3, 0, n + 1, width));
  for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const) {
    const b = grid.format.borders.getItem(side);
    b.style = 'Continuous';
    b.color = '#000000';
  }
  const objection = sheet.getRange(blockAddress(last + 2, 0, 1, width));
  objection.merge(false);
  objection.numberFormat = [Array.from({ length: width }, () => '@')];
  objection.values = [[T.postingPhone(phone), '', '', '', '']];
  objection.format.wrapText = true;
  const foot = sheet.getRange(blockAddress(last + 3, 0, 1, width));
  foot.merge(false);
  foot.numberFormat = [Array.from({ length: width }, () => '@')];
  foot.values = [[T.postingFoot(settings.branch, chineseDate(date)), '', '', '', '']];
  foot.format.horizontalAlignment = 'Right';
  POSTING_WIDTHS.forEach((w, c) => {
    sheet.getRange(blockAddress(1, c, 1, 1)).format.columnWidth = w;
  });
  const page = sheet.pageLayout;
  page.orientation = 'Portrait';
  page.paperSize = 'A4';
  page.centerHorizontally = true;
  page.zoom = { scale: printScale(POSTING_WIDTHS, 'Portrait') };
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.setPrintTitleRows('$3:$3');
  page.setPrintArea(blockAddress(1, 0, last + 3, width));
  page.headersFooters.defaultForAllPages.centerFooter = settings.language === 'en-US' ? 'Page &P of &N' : '第 &P 页，共 &N 页';
  sheet.freezePanes.freezeRows(3);
  if (old) context.workbook.worksheets.getItem(old).delete();
  sheet.name = name;
  const printSheets = [...state.printSheets.filter((s) => s !== name && s !== building), name];
  // A lost kp_State is made again, so the posting sheet stays known as ours.
  queueWriteState(context, read.state, { ...state, printSheets, pending: leave }, takenIfStateLost(read, [...sheetNames, name]));
  return name;
}

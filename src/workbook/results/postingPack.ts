/**
 * The posting pack (公示上墙, SPEC §3.6 and the scheme's 考评办法 4: "将党员个人年度工作计划、分类考评细则和评定
 * 结果实行公示并上墙"): one command, three print-ready A4 sheets, each with the branch, year and posting period:
 * 1. 考评结果公示: title, 序号, 姓名, 党小组, 最终得分, 评定结果, the period, the phone for objections, the branch
 *    and date at the foot. No per-evaluator data (ballots are confidential). A vetoed member shows the result
 *    label only: no score (it would tell the reason), listed after the ranked members.
 * 2. 考评细则公示: the rubric of each category in use (序号, 考评内容, 分值, 目标要求), one page per category.
 * 3. 工作计划公示: 个人年度工作计划一览 (序号, 姓名, 党小组, 工作计划).
 * Only when postingBlockers is empty; otherwise a refusal naming who and why. One read, one write: 2 syncs.
 */
import { postingRows } from '../../domain/postingRules';
import { postingBlockers } from '../../domain';
import { POSTING_SHEETS } from '../../domain/contract';
import { plansByKey } from '../../domain/workPlans';
import { idKey } from '../../domain/parse';
import type { CategoryRubric, Rubric } from '../../domain/rubric';
import type { Settings } from '../../domain/settings';
import type { Evaluation } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import { evaluateRead } from './check';
import type { PostingOptions, PostingReport } from '../commandTypes';
import { currentModel } from '../tables/model';
import { ALL_KEYS, readTables, type TablesRead } from '../tables/readTables';
import { BLOCK_HEIGHT, queueGrid, queueLine, queuePortrait, queueWidths, rowHeight, textLines } from '../tables/printLayout';
import { freeSheetName, printScale } from '../tables/layout';
import { refuseProtected } from '../tables/protection';
import { pendingCommand, pendingCommandOf, pendingMark } from '../tables/pending';
import { parseState, queueWriteState, takenIfStateLost, type State } from '../tables/state';
import { texts } from '../../domain/texts/sheets';
import { derivedRecord, resultsCurrent } from './derivedSheets';
import { withRecord } from '../../domain/derivedSheets';

export const POSTING_SHEET = POSTING_SHEETS.results;
/** Column widths of the results posting sheet in points (序号, 姓名, 党小组, 最终得分, 评定结果). */
export const POSTING_WIDTHS = [44, 80, 110, 70, 180];
/** A posting sheet's name while it is being built (see planSheet). */
const building = (base: string) => `${base}（未完成）`;


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
  // The posting shows the results: never from inputs the results were not computed from (93.75 posted while
  // 考评结果 shows 94.00). The pane offers to compute first.
  if (!resultsCurrent(read, parseState(read.state), 'posting')) return { created: false, sheet: '', rows: 0, blockedReasons: [texts(lang).postingResultsStale], resultsStale: true };
  const blockers = postingBlockers(evaluation, lang);
  if (blockers.length > 0) return { created: false, sheet: '', rows: 0, blockedReasons: blockers };
  refuseProtected(read, ['state'], currentModel(read).settings.language);
  const names = sheets.items.map((s) => s.name);
  const made = queuePostingPack(context, read, names, evaluation, options, now());
  await context.sync();
  return { created: true, sheet: made[0], sheets: made, rows: evaluation.members.length, blockedReasons: [] };
}

/**
 * Where a posting sheet is built: under a working name ("考评结果公示（未完成）"), then put in the old sheet's place
 * with one rename at the end of the batch, so a run that stops part-way leaves the old sheets as they were (and a
 * "…（未完成）" sheet, ours to delete on the next run). `old`: our earlier sheet of that name, deleted then.
 */
export interface PlannedSheet {
  building: string;
  name: string;
  old: string | undefined;
}

export function planSheet(context: Excel.RequestContext, base: string, sheetNames: readonly string[], state: State, taken: Set<string>): PlannedSheet {
  let work = building(base);
  if (sheetNames.includes(work)) {
    if (state.printSheets.includes(work)) context.workbook.worksheets.getItem(work).delete();
    else work = freeSheetName(work, taken);
  }
  taken.add(work);
  const ours = sheetNames.find((n) => n === base && state.printSheets.includes(n));
  const old = ours ?? state.printSheets.find((n) => n.startsWith(base) && !n.startsWith(building(base)) && sheetNames.includes(n));
  const name = old ?? freeSheetName(base, taken);
  taken.add(name);
  return { building: work, name, old };
}

/** The built sheet takes its place: the old one deleted, the working name changed. */
export function finishSheet(context: Excel.RequestContext, sheet: Excel.Worksheet, p: PlannedSheet): void {
  if (p.old) context.workbook.worksheets.getItem(p.old).delete();
  sheet.name = p.name;
}

/**
 * Queues the three posting sheets (results, rubric, plans); returns their names in that order. Exposed for the
 * command line (compute makes them when allowed). Our earlier sheets of these names are rebuilt in place; a
 * sheet of the user's with such a name is left alone (a free variant name is used).
 */
export function queuePostingPack(
  context: Excel.RequestContext,
  read: TablesRead,
  sheetNames: string[],
  evaluation: Evaluation,
  options: PostingOptions,
  date: Date,
): string[] {
  const { settings, rubric } = currentModel(read);
  const state = parseState(read.state);
  const taken = new Set(sheetNames);
  const planned = [POSTING_SHEETS.results, POSTING_SHEETS.rubric, POSTING_SHEETS.plans].map((base) => planSheet(context, base, sheetNames, state, taken));
  const own = state.pending === null || pendingCommandOf(state.pending) === 'posting';
  const leave = own ? null : state.pending;
  const mine = new Set(planned.flatMap((p) => [p.building, p.name]));
  // The working sheets are ours (to delete) before they exist; the mark says the posting is under way.
  queueWriteState(context, read.state, {
    ...state,
    pending: own ? pendingMark('posting', 'results') : state.pending,
    printSheets: [...state.printSheets.filter((s) => !mine.has(s)), ...mine],
  });
  const [results, rubricSheet, plans] = planned;
  const sheets = [
    queueResultsPosting(context, results.building, settings, evaluation, options, date),
    queueRubricPosting(context, rubricSheet.building, settings, rubric, evaluation, options, date),
    queuePlansPosting(context, plans.building, read, settings, evaluation, options, date),
  ];
  sheets.forEach((sheet, i) => finishSheet(context, sheet, planned[i]));
  const names = planned.map((p) => p.name);
  const building = new Set(planned.map((p) => p.building));
  const printSheets = [...state.printSheets.filter((s) => !names.includes(s) && !building.has(s)), ...names];
  // Each sheet recorded with the fingerprint of what it shows (derivedSheets.ts): later changes make it out of date.
  const T = texts(settings.language);
  const made = [
    derivedRecord(read, names[0], 'results_posting', T.postingTitle(settings.branch, settings.year)),
    derivedRecord(read, names[1], 'rubric_posting', T.rubricPostingTitle(settings.branch, settings.year)),
    derivedRecord(read, names[2], 'plans_posting', T.plansPostingTitle(settings.branch, settings.year)),
  ];
  const derived = made.reduce((all, r) => withRecord(all, r), state.derived.filter((r) => sheetNames.includes(r.sheet) || names.includes(r.sheet)));
  // A lost kp_State is made again, so the posting sheets stay known as ours.
  queueWriteState(context, read.state, { ...state, printSheets, pending: leave, derived }, takenIfStateLost(read, [...sheetNames, ...names]));
  return names;
}

/** The period, phone and date lines of every posting sheet. */
function postingLines(settings: Settings, options: PostingOptions, date: Date) {
  const T = texts(settings.language);
  return {
    T,
    period: T.postingPeriod(options.periodStart || settings.postingStart, options.periodEnd || settings.postingEnd),
    phone: T.postingPhone(options.phone || settings.phone),
    foot: T.postingFoot(settings.branch, chineseDate(date)),
  };
}

function queueResultsPosting(
  context: Excel.RequestContext,
  name: string,
  settings: Settings,
  evaluation: Evaluation,
  options: PostingOptions,
  date: Date,
): Excel.Worksheet {
  const { T, period, phone, foot } = postingLines(settings, options, date);
  const sheet = context.workbook.worksheets.add(name);
  const rows = postingRows(evaluation, options.order);
  const headers = [T.posting.seq, T.posting.name, T.posting.group, T.posting.final, T.posting.result];
  const width = headers.length;
  // Row 1 title, row 2 period, row 3 header, rows 4.. members, then the objection line and the foot.
  queueLine(sheet, 1, width, T.postingTitle(settings.branch, settings.year), { bold: true, size: 16, align: 'Center', height: 30 });
  queueLine(sheet, 2, width, period, { align: 'Center' });
  const header = sheet.getRange(blockAddress(3, 0, 1, width));
  header.numberFormat = [headers.map(() => '@')];
  header.values = [headers];
  header.format.font.bold = true;
  header.format.horizontalAlignment = 'Center';
  header.format.fill.color = '#D9D9D9';
  // Who is posted and what of them is shown: the domain's posting rules (domain/posting.ts, postingRows).
  const n = rows.length;
  const last = 3 + Math.max(n, 0);
  if (n > 0) {
    const body = sheet.getRange(blockAddress(4, 0, n, width));
    body.numberFormat = rows.map(() => ['0', '@', '@', '0.00', '@']);
    body.values = rows;
    body.format.horizontalAlignment = 'Center';
  }
  queueGrid(sheet, 3, 0, n + 1, width);
  queueLine(sheet, last + 2, width, phone, { wrap: true });
  queueLine(sheet, last + 3, width, foot, { align: 'Right' });
  queueWidths(sheet, POSTING_WIDTHS);
  const page = sheet.pageLayout;
  page.orientation = 'Portrait';
  page.paperSize = 'A4';
  page.centerHorizontally = true;
  // A fitting scale first (where a fit is not applied), then one page wide.
  page.zoom = { scale: printScale(POSTING_WIDTHS, 'Portrait') };
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.setPrintTitleRows('$3:$3');
  page.setPrintArea(blockAddress(1, 0, last + 3, width));
  page.headersFooters.defaultForAllPages.centerFooter = texts(settings.language).pageFooter;
  sheet.freezePanes.freezeRows(3);
  return sheet;
}

/** Categories that members are scored in (rubric order); the default category when nobody is. */
export function categoriesInUse(rubric: Rubric, evaluation: Evaluation): CategoryRubric[] {
  const used = new Set(evaluation.members.filter((m) => m.status !== 'exempt').map((m) => m.category));
  const list = rubric.categories.filter((c) => used.has(c.category));
  return list.length > 0 ? list : rubric.categories.slice(0, 1);
}

/** Rubric posting widths: 序号, 考评内容, 分值, 目标要求 (within PAGE_WIDTH: several categories print at scale 100). */
const RUBRIC_WIDTHS = [28, 62, 34, 276];

function queueRubricPosting(
  context: Excel.RequestContext,
  name: string,
  settings: Settings,
  rubric: Rubric,
  evaluation: Evaluation,
  options: PostingOptions,
  date: Date,
): Excel.Worksheet {
  const { T, period, foot } = postingLines(settings, options, date);
  const sheet = context.workbook.worksheets.add(name);
  const categories = categoriesInUse(rubric, evaluation);
  const width = RUBRIC_WIDTHS.length;
  const textWidth = RUBRIC_WIDTHS[3];
  let row = 1;
  for (const c of categories) {
    // One block per category: title, period, category line, header, dimensions (and sub-items), foot.
    const top = row;
    let used = 0;
    const line = (value: string, style: Parameters<typeof queueLine>[4], height: number) => {
      queueLine(sheet, row++, width, value, { ...style, height });
      used += height;
    };
    line(T.rubricPostingTitle(settings.branch, settings.year), { bold: true, size: 16, align: 'Center' }, 30);
    line(period, { align: 'Center' }, 18);
    line(T.rubricPostingCategory(c.category, categorySum(c)), { bold: true }, 21);
    const headerRow = row;
    const header = sheet.getRange(blockAddress(row, 0, 1, width));
    header.numberFormat = [RUBRIC_WIDTHS.map(() => '@')];
    header.values = [T.rubricPostingHeaders.slice()];
    header.format.font.bold = true;
    header.format.horizontalAlignment = 'Center';
    header.format.fill.color = '#D9D9D9';
    header.format.rowHeight = 21;
    used += 21;
    row++;
    const items: (string | number)[][] = [];
    c.dimensions.forEach((d, i) => {
      items.push([String(i + 1), d.name, d.points, d.text]);
      d.items?.forEach((s, j) => items.push([`${i + 1}.${j + 1}`, `  ${s.name}`, s.points, s.text]));
    });
    if (items.length > 0) {
      const body = sheet.getRange(blockAddress(row, 0, items.length, width));
      body.numberFormat = items.map(() => ['@', '@', '0.0##', '@']);
      body.values = items;
      body.format.verticalAlignment = 'Center';
      // Several categories print at scale 100, one page each: a smaller font keeps a category on its page.
      const small = categories.length > 1;
      body.format.font.size = small ? 9 : 10;
      sheet.getRange(blockAddress(row, 3, items.length, 1)).format.wrapText = true;
      sheet.getRange(blockAddress(row, 1, items.length, 1)).format.wrapText = true;
      sheet.getRange(blockAddress(row, 0, items.length, 1)).format.horizontalAlignment = 'Center';
      sheet.getRange(blockAddress(row, 2, items.length, 1)).format.horizontalAlignment = 'Center';
      items.forEach((it, k) => {
        // 10 pt text: about 12 pt per CJK character, 14.25 pt a line; 9 pt: 11 and 12.75.
        const charWidth = small ? 11 : 12;
        const lines = Math.max(textLines(String(it[3]), textWidth, charWidth), textLines(String(it[1]), RUBRIC_WIDTHS[1], charWidth));
        const h = rowHeight(lines, small ? 12.75 : 14.25);
        sheet.getRange(blockAddress(row + k, 0, 1, 1)).format.rowHeight = h;
        used += h;
      });
      row += items.length;
    }
    queueGrid(sheet, headerRow, 0, items.length + 1, width);
    line(foot, { align: 'Right' }, 24);
    // Several categories: each block fills its page (see printLayout.ts), so each category prints on its own.
    if (categories.length > 1 && used < BLOCK_HEIGHT) {
      sheet.getRange(blockAddress(row, 0, 1, 1)).format.rowHeight = Math.floor((BLOCK_HEIGHT - used) / 0.75) * 0.75;
      row++;
    }
    void top;
  }
  queueWidths(sheet, RUBRIC_WIDTHS);
  // One category: fitted to one page whatever its texts; several: one page each at scale 100.
  const page = queuePortrait(sheet, categories.length === 1 ? { tall: 1 } : null);
  page.setPrintArea(blockAddress(1, 0, row - 1, width));
  return sheet;
}

function categorySum(c: CategoryRubric): number {
  return Math.round(c.dimensions.reduce((a, d) => a + d.points * 10, 0)) / 10;
}

/** Plans posting widths: 序号, 姓名, 党小组, 工作计划. */
const PLAN_WIDTHS = [32, 64, 84, 290];

function queuePlansPosting(
  context: Excel.RequestContext,
  name: string,
  read: TablesRead,
  settings: Settings,
  evaluation: Evaluation,
  options: PostingOptions,
  date: Date,
): Excel.Worksheet {
  const { T, period, foot } = postingLines(settings, options, date);
  const sheet = context.workbook.worksheets.add(name);
  const width = PLAN_WIDTHS.length;
  const plans = plansByKey(read.plans?.exists ? read.plans : undefined);
  // Every member taking part (roster order); an exempt member only when a plan was written for them.
  const members = evaluation.members.filter((m) => m.status !== 'exempt' || plans.get(idKey(m.id))?.plan);
  queueLine(sheet, 1, width, T.plansPostingTitle(settings.branch, settings.year), { bold: true, size: 16, align: 'Center', height: 30 });
  queueLine(sheet, 2, width, period, { align: 'Center', height: 18 });
  const header = sheet.getRange(blockAddress(3, 0, 1, width));
  header.numberFormat = [PLAN_WIDTHS.map(() => '@')];
  header.values = [T.plansPostingHeaders.slice()];
  header.format.font.bold = true;
  header.format.horizontalAlignment = 'Center';
  header.format.fill.color = '#D9D9D9';
  header.format.rowHeight = 21;
  const n = members.length;
  if (n > 0) {
    const rows = members.map((m, i) => {
      const p = plans.get(idKey(m.id));
      const text = [p?.plan ?? '', p?.attachment ? T.plansAttachment(p.attachment) : ''].filter(Boolean).join('\n');
      return [i + 1, m.name, m.group, text || T.plansNone];
    });
    const body = sheet.getRange(blockAddress(4, 0, n, width));
    body.numberFormat = rows.map(() => ['0', '@', '@', '@']);
    body.values = rows;
    body.format.verticalAlignment = 'Center';
    sheet.getRange(blockAddress(4, 3, n, 1)).format.wrapText = true;
    sheet.getRange(blockAddress(4, 0, n, 3)).format.horizontalAlignment = 'Center';
    rows.forEach((r, k) => {
      sheet.getRange(blockAddress(4 + k, 0, 1, 1)).format.rowHeight = rowHeight(textLines(String(r[3]), PLAN_WIDTHS[3]));
    });
  }
  queueGrid(sheet, 3, 0, n + 1, width);
  queueLine(sheet, n + 5, width, foot, { align: 'Right', height: 24 });
  queueWidths(sheet, PLAN_WIDTHS);
  const page = queuePortrait(sheet, { tall: 0 });
  page.setPrintTitleRows('$3:$3');
  page.setPrintArea(blockAddress(1, 0, n + 5, width));
  page.headersFooters.defaultForAllPages.centerFooter = texts(settings.language).pageFooter;
  sheet.freezePanes.freezeRows(3);
  return sheet;
}

/** The posting pack queued, its results sheet's name returned (the name callers of the one-sheet version used). */
export function queuePostingSheet(
  context: Excel.RequestContext,
  read: TablesRead,
  sheetNames: string[],
  evaluation: Evaluation,
  options: PostingOptions,
  date: Date,
): string {
  return queuePostingPack(context, read, sheetNames, evaluation, options, date)[0];
}

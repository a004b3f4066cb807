/**
 * New year (新年度, SPEC §3.7): keep settings, rubric and roster; archive last year's results as a values-only
 * sheet ("2025年考评结果"); clear entries, bonus, review and results; set the year. From a hand-made workbook with
 * no kp_ tables, install and import the roster from its summary sheet instead. ≤ 3 syncs (budget 4).
 */
import { COLUMNS, POSTING_SHEETS, TABLES } from '../../domain/contract';
import { distributionCells, distributionPlace } from '../results/compute';
import { DEFAULT_CATEGORY } from '../../domain/rubric';
import type { RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import type { NewYearReport } from '../commandTypes';
import { writeHighlights } from '../tables/highlights';
import { refuseProtected } from '../tables/protection';
import { planAndQueueInstall, validationLimits } from '../setup/install';
import { currentModel } from '../tables/model';
import { freeSheetName, printScale, tableLayouts } from '../tables/layout';
import { ALL_KEYS, BLOCK_CELLS, isPayloadLimit, readTables, type ReadKey, type TablesRead } from '../tables/readTables';
import { mergeRoster, parseRosterGrid, type ParsedRoster } from '../../domain/rosterGrid';
import { pendingCommandOf, pendingDetail, pendingMark } from '../tables/pending';
import { parseState, queueBeginWrites, queueWriteState } from '../tables/state';
import { hasPlans, queueArchivePlans, queueClearPlans } from '../entry/planRows';
import {
  blockBytes,
  planArchive,
  queueArchiveBlock,
  queueArchiveComplete,
  queueArchiveHead,
  queueArchiveSide,
  readYearArchive,
  yearArchiveName,
  type ArchiveMeta,
  type ArchivePlan,
} from './yearArchive';
import { formatGrid, toWrite } from '../tables/tableWrite';
import { texts } from '../../domain/texts/sheets';

const CLEARED: readonly ReadKey[] = ['self', 'peer', 'mass', 'bonus', 'review', 'results'];

function hasData(rows: RawCell[][]): boolean {
  return rows.some((r) => r.some((v) => v !== '' && v !== null));
}

export async function newYear(context: Excel.RequestContext, year: number): Promise<NewYearReport> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name,items/visibility'));
  const names = sheets.items.map((s) => s.name);
  const anyTable = (Object.keys(TABLES) as (keyof typeof TABLES)[]).some((k) => read[k].exists);
  if (!anyTable) return fromHandmade(context, read, sheets.items.filter((s) => s.visibility === 'Visible').map((s) => s.name), names, year);
  return rollOver(context, read, names, year);
}

/** Last year's workbook made by the add-in: archive everything, clear, set the year (and repair anything missing). */
async function rollOver(context: Excel.RequestContext, read: TablesRead, names: string[], year: number): Promise<NewYearReport> {
  const { settings } = currentModel(read);
  // Entries are cleared and 年度 set: every such sheet must be writable, or nothing is done.
  refuseProtected(read, [...CLEARED, 'settings', 'state'], settings.language);
  const T = texts(settings.language);
  const report: NewYearReport = { archivedSheet: null, clearedTables: [], year, messages: [], yearArchive: '' };
  const previous = parseState(read.state).pending;
  // A new year that stopped part-way: its mark names the sheets it was making ("archive/results/plans").
  const unfinished = previous !== null && pendingCommandOf(previous) === 'newYear' ? pendingDetail(previous).split('/') : [];
  const started = unfinished[0] && names.includes(unfinished[0]) ? await readYearArchive(context, unfinished[0]) : null;
  let meta: ArchiveMeta;
  let leave: string | null;
  // Already in that year with nothing entered (e.g. the same new year run again after it completed): nothing
  // to archive.
  const empty = settings.year === year && !CLEARED.some((k) => read[k].exists && hasData(read[k].rows)) && !hasPlans(read.plans);
  if (empty && !started) {
    meta = { version: 1, year: settings.year, newYear: year, branch: settings.branch, resultsSheet: null, plansSheet: null, renames: [] };
    leave = queueBeginWrites(context, read.state, pendingMark('newYear', 'settings'));
  } else if (started && started.complete) {
    // The archive was finished before the run stopped: only the clearing is done again.
    meta = started.meta;
    leave = queueBeginWrites(context, read.state, previous as string);
    report.yearArchive = started.sheet;
  } else {
    const made = await writeArchive(context, read, names, year, unfinished.filter((n) => n !== '' && names.includes(n)));
    meta = made.meta;
    leave = made.leave;
    report.yearArchive = made.sheet;
  }
  const taken = new Set([...names, ...(report.yearArchive ? [report.yearArchive] : []), ...(meta.resultsSheet ? [meta.resultsSheet] : []), ...(meta.plansSheet ? [meta.plansSheet] : [])]);
  if (report.yearArchive) report.messages.push(T.yearArchived(report.yearArchive, meta.year));
  if (meta.resultsSheet) {
    report.archivedSheet = meta.resultsSheet;
    report.messages.push(T.archived(meta.resultsSheet));
  } else report.messages.push(T.noResultsToArchive);
  if (meta.plansSheet) report.messages.push(T.plansArchived(meta.plansSheet));
  const results = read.results;
  if (read.plans.exists) queueClearPlans(context, read.plans);
  const { rubric, dims } = currentModel(read);
  const layouts = tableLayouts(rubric, dims, settings);
  for (const key of CLEARED) {
    const t = read[key];
    if (!t.exists || t.rows.length === 0) continue;
    const sheet = context.workbook.worksheets.getItem(t.sheet);
    const width = t.headers.length;
    // Rows typed below the table (it did not grow) are last year's entries too: cleared with the body.
    const body = sheet.getRange(blockAddress(t.firstRow, t.firstColumn, t.rows.length, width));
    body.clear('Contents');
    body.format.fill.clear();
    if (key === 'results') body.conditionalFormats.clearAll();
    // Back to one blank row, like a fresh install; the calculated 合计 formula stays in it.
    if (t.bodyRows > 1) t.table.resize(sheet.getRange(blockAddress(t.firstRow - 1, t.firstColumn, 2, width)));
    const total = t.headers.indexOf('合计');
    const formula = (key === 'self' || key === 'peer' || key === 'mass') && total >= 0 ? layouts[key].formulas.get(layouts[key].headers.indexOf('合计')) : undefined;
    if (formula) sheet.getRange(blockAddress(t.firstRow, t.firstColumn + total, 1, 1)).formulas = [[formula]];
    if (hasData(t.rows) || t.bodyRows > 1) {
      // Sheet names, as the user sees them (never kp_ names).
      report.clearedTables.push(t.sheet);
      report.messages.push(T.cleared(t.sheet));
    }
    // As it now is, for the install below (which would otherwise extend the table over the cleared rows).
    t.rows = [t.headers.map(() => null)];
    t.bodyRows = 1;
    t.outsideFrom = undefined;
  }
  const state = parseState(read.state);
  // From now on there is a last year: kp_Results gets 上年得分 and 增减 (in the two columns compute keeps free).
  if (results.exists && meta.resultsSheet) queueYearOverYearColumns(context, results);
  if (results.exists) queueClearResultsSide(context, results.sheet, results.firstRow - 1, results.firstColumn, results.headers);
  // Last year's posting sheets (results, rubric, work plans) keep their place under a name with the year; the new
  // year's are made afresh. (A print sheet no longer there is forgotten.)
  for (const [from, to] of meta.renames) {
    if (!names.includes(from) || names.includes(to)) continue;
    context.workbook.worksheets.getItem(from).name = to;
    report.messages.push(T.postingArchived(from, to));
  }
  const postingBase = (name: string) => Object.values(POSTING_SHEETS).find((b) => name.startsWith(b));
  const printSheets = state.printSheets.filter((name) => names.includes(name) && !postingBase(name));
  // Old highlights lie in cleared rows or in kept tables: clear them all.
  await writeHighlights(context, read, state.highlights, []);
  // Set the year, and repair whatever an older install lacks, in the same batch.
  const install = planAndQueueInstall(context, read, taken, { year });
  report.messages.push(...install.messages.filter((m) => m !== T.nothingToDo));
  if (!install.messages.some((m) => m.includes(String(year)))) report.messages.push(T.yearSet(year));
  queueWriteState(context, read.state, { ...state, printSheets, highlights: [], computedAt: null, fingerprint: null, formsUsed: null, validation: validationLimits(layouts), pending: leave });
  await context.sync();
  return report;
}

/** Bytes queued in one sync of the archive at most (Excel on the web refuses 5 MB; we stay under 4 MB). */
const ARCHIVE_SYNC_BYTES = 3 * 1024 * 1024;

/**
 * Writes the year archive (yearArchive.ts) and the printable values-only sheets of the results and the work
 * plans, touching no table of the workbook (only kp_State's mark): two syncs (everything but kp_Peer, then kp_Peer
 * and the printable sheets), more only past ARCHIVE_SYNC_BYTES in one of them (far beyond 2,000 members).
 * `remake`: sheets an earlier, unfinished run made (deleted first and made again under the same names).
 */
async function writeArchive(
  context: Excel.RequestContext,
  read: TablesRead,
  names: string[],
  year: number,
  remake: string[],
): Promise<{ meta: ArchiveMeta; leave: string | null; sheet: string }> {
  const { settings } = currentModel(read);
  const taken = new Set(names.filter((n) => !remake.includes(n)));
  const results = read.results;
  const archiveName = freeSheetName(yearArchiveName(settings.year), taken);
  taken.add(archiveName);
  const resultsSheet = results.exists && hasData(results.rows) ? freeSheetName(`${settings.year}年考评结果`, taken) : null;
  if (resultsSheet) taken.add(resultsSheet);
  const plansSheet = hasPlans(read.plans) ? freeSheetName(`${settings.year}年工作计划`, taken) : null;
  if (plansSheet) taken.add(plansSheet);
  const postingBase = (name: string) => Object.values(POSTING_SHEETS).find((b) => name.startsWith(b));
  const renames: [string, string][] = [];
  for (const name of parseState(read.state).printSheets) {
    const base = postingBase(name);
    if (!base || !names.includes(name)) continue;
    const to = freeSheetName(`${settings.year}年${base}`, taken);
    taken.add(to);
    renames.push([name, to]);
  }
  const meta: ArchiveMeta = { version: 1, year: settings.year, newYear: year, branch: settings.branch, resultsSheet, plansSheet, renames };
  // Marked unfinished before the first write, with the names it makes; the mark is cleared with the last write.
  const leave = queueBeginWrites(context, read.state, pendingMark('newYear', 'settings', [archiveName, resultsSheet ?? '', plansSheet ?? ''].join('/')));
  for (const name of remake) context.workbook.worksheets.getItem(name).delete();
  const sheet = context.workbook.worksheets.add(archiveName);
  sheet.visibility = 'Hidden';
  queueArchiveHead(sheet, meta);
  // What compute wrote beside kp_Results (distribution counts, the 计算时间 line): read in this sync, archived next.
  let side: { counts: Excel.Range; stamp: Excel.Range } | null = null;
  if (results.exists) {
    const ws = context.workbook.worksheets.getItem(results.sheet);
    const headerRow = results.firstRow - 1;
    const cells = distributionCells(headerRow, results.firstColumn, results.headers);
    side = { counts: ws.getRange(cells.counts), stamp: ws.getRange(cells.stamp) };
    side.counts.load('values');
    side.stamp.load('values');
  }
  const plan = planArchive(read);
  let bytes = 0;
  for (const group of [plan.blocks.filter((b) => b.key !== 'peer'), plan.blocks.filter((b) => b.key === 'peer')]) {
    for (const block of group) {
      for (const part of splitBlock(block)) {
        const size = blockBytes(part.rows);
        if (bytes > 0 && bytes + size > ARCHIVE_SYNC_BYTES) {
          await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop -- only past 3 MB in one sync
          bytes = 0;
        }
        queueArchiveBlock(sheet, part);
        bytes += size;
      }
    }
    await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop -- two groups: a constant count
    bytes = 0;
  }
  queueArchiveSide(sheet, side ? { counts: (side.counts.values as RawCell[][]).flat(), stamp: (side.stamp.values as RawCell[][])[0][0] } : null);
  if (resultsSheet) queueResultsSheet(context, read, resultsSheet);
  if (plansSheet) queueArchivePlans(context, read.plans, plansSheet, texts(settings.language).plansArchiveTitle(settings.branch, settings.year));
  queueArchiveComplete(sheet);
  return { meta, leave, sheet: archiveName };
}

/** A block too big for one request, as row parts (one part up to far beyond 2,000 members). */
function splitBlock(block: ArchivePlan['blocks'][number]): ArchivePlan['blocks'] {
  const size = blockBytes(block.rows);
  if (size <= ARCHIVE_SYNC_BYTES) return [block];
  const parts = Math.ceil(size / ARCHIVE_SYNC_BYTES);
  const per = Math.ceil(block.rows.length / parts);
  const out: ArchivePlan['blocks'] = [];
  for (let i = 0; i < block.rows.length; i += per) out.push({ ...block, rows: block.rows.slice(i, i + per), part: i });
  return out;
}

/** Last year's results as a values-only printable sheet (year over year reads it: lastYear.ts). */
function queueResultsSheet(context: Excel.RequestContext, read: TablesRead, name: string): void {
  const results = read.results;
  const { settings, rubric, dims } = currentModel(read);
  const sheet = context.workbook.worksheets.add(name);
  const width = results.headers.length;
  const rows = results.rows.filter((r) => r.some((v) => v !== '' && v !== null));
  const text = new Set(results.headers.map((h, i) => (['党员编号', '姓名', '党小组', '类别', '评定结果', '说明'].includes(h) ? i : -1)).filter((i) => i >= 0));
  const all = sheet.getRange(blockAddress(1, 0, rows.length + 1, width));
  const fmt = formatGrid(rows.length + 1, width, text);
  fmt[0] = fmt[0].map(() => '@');
  results.headers.forEach((h, c) => {
    if (['自评', '互评', '群众参评', '平均分', '加分', '最终得分'].includes(h)) for (let r = 1; r <= rows.length; r++) fmt[r][c] = '0.00';
  });
  all.numberFormat = fmt;
  all.values = toWrite([results.headers, ...rows], width);
  sheet.getRange(blockAddress(1, 0, 1, width)).format.font.bold = true;
  sheet.freezePanes.freezeRows(1);
  const widths = tableLayouts(rubric, dims, settings).results.widths;
  results.headers.forEach((_, c) => (sheet.getRange(blockAddress(1, c, 1, 1)).format.columnWidth = widths[c] ?? 64));
  const cRank = results.headers.indexOf('排名');
  if (cRank >= 0) sheet.getRange(blockAddress(1, cRank, rows.length + 1, 1)).format.horizontalAlignment = 'Center';
  // Printed like the results it keeps: A4 landscape, one page wide, the header on every page.
  const page = sheet.pageLayout;
  page.paperSize = 'A4';
  page.orientation = 'Landscape';
  page.zoom = { scale: printScale(results.headers.map((_, c) => widths[c] ?? 64), 'Landscape') };
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.setPrintTitleRows('$1:$1');
  page.setPrintArea(blockAddress(1, 0, rows.length + 1, width));
}

/**
 * The distribution counts and the "计算时间 … 使用评分 … 条" line compute writes beside the results (see
 * compute.ts) are last year's: blanked (the labels and the chart stay; the next compute fills them), and the
 * print area is the emptied table.
 */
function queueClearResultsSide(context: Excel.RequestContext, sheetName: string, headerRow: number, firstColumn: number, headers: string[]): void {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const width = headers.length;
  const place = distributionPlace(headerRow, firstColumn, headers);
  const bands = 5;
  if (place.above) {
    sheet.getRange(blockAddress(place.row + 1, place.column + 1, 1, bands)).values = [Array.from({ length: bands }, () => '')];
    sheet.getRange(blockAddress(place.row + 2, place.column, 1, 1)).values = [['']];
  } else {
    sheet.getRange(blockAddress(place.row + 1, place.column + 1, bands, 1)).values = Array.from({ length: bands }, () => ['']);
    sheet.getRange(blockAddress(place.row + bands + 2, place.column, 1, 1)).values = [['']];
  }
  sheet.pageLayout.setPrintArea(blockAddress(headerRow, firstColumn, 2, width));
}

/** Appends the year-over-year columns (上年得分, 增减) kp_Results lacks (filled by the next compute) and formats them. */
function queueYearOverYearColumns(context: Excel.RequestContext, results: TablesRead['results']): void {
  const sheet = context.workbook.worksheets.getItem(results.sheet);
  for (const h of COLUMNS.yearOverYear) {
    let c = results.headers.findIndex((x) => x.replace(/\s+/g, '') === h);
    if (c < 0) {
      results.table.columns.add(undefined, undefined, h);
      c = results.headers.length;
      results.headers = [...results.headers, h];
      results.rows = results.rows.map((r) => [...r, null]);
    }
    // Formatted whether just added or already there (a run that stopped after adding it is completed).
    c += results.firstColumn;
    const column = sheet.getRange(blockAddress(results.firstRow - 1, c, 2, 1));
    column.format.columnWidth = h === '增减' ? 44 : 52;
    sheet.getRange(blockAddress(results.firstRow, c, 1, 1)).numberFormat = [[h === '增减' ? '+0.00;-0.00;0.00' : '0.00']];
  }
}


/** A workbook with no kp_ tables: install, with the roster taken from the best hand-made sheet. */
async function fromHandmade(
  context: Excel.RequestContext,
  read: TablesRead,
  visible: string[],
  names: string[],
  year: number,
): Promise<NewYearReport> {
  let best: ParsedRoster | null = null;
  for (const grid of await readUsedGrids(context, visible)) {
    const parsed = parseRosterGrid(grid);
    if (!best || parsed.members.length > best.members.length) best = parsed;
  }
  const merged = best ? mergeRoster([], best, DEFAULT_CATEGORY) : null;
  const rosterRows = merged ? merged.rows.map((m) => [m.id, m.name, m.group, m.category, m.exempt, m.note]) : [];
  const install = planAndQueueInstall(context, read, new Set(names), { year, rosterRows });
  await context.sync();
  const T = texts('zh-CN');
  return {
    archivedSheet: null,
    yearArchive: '',
    clearedTables: [],
    year,
    messages: [...install.messages, ...(best ? [`已从工作表“${best.sheet}”导入党员 ${rosterRows.length} 名。`] : []), T.yearSet(year)],
  };
}

/**
 * The used range (values) of each named sheet, in one sync. A response over Excel on the web's 5 MB limit (a
 * big hand-made workbook) is read again: the used ranges' sizes first, then blocks of rows, one sync per block.
 */
export async function readUsedGrids(
  context: Excel.RequestContext,
  names: string[],
): Promise<{ sheet: string; values: RawCell[][]; firstRow: number; firstColumn: number }[]> {
  const ranges = names.map((name) => {
    const r = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    r.load(['values', 'rowIndex', 'columnIndex']);
    return { name, r };
  });
  try {
    await context.sync();
    return ranges
      .filter(({ r }) => !r.isNullObject)
      .map(({ name, r }) => ({ sheet: name, values: r.values as RawCell[][], firstRow: r.rowIndex + 1, firstColumn: r.columnIndex }));
  } catch (e) {
    if (!isPayloadLimit(e)) throw e;
  }
  const sized = names.map((name) => {
    const r = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    r.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    return { name, r };
  });
  await context.sync();
  const out: { sheet: string; values: RawCell[][]; firstRow: number; firstColumn: number }[] = [];
  for (const { name, r } of sized) {
    if (r.isNullObject) continue;
    const grid = { sheet: name, values: [] as RawCell[][], firstRow: r.rowIndex + 1, firstColumn: r.columnIndex };
    const per = Math.max(1, Math.floor(BLOCK_CELLS / Math.max(1, r.columnCount)));
    for (let from = 0; from < r.rowCount; from += per) {
      const block = context.workbook.worksheets.getItem(name).getRangeByIndexes(r.rowIndex + from, r.columnIndex, Math.min(per, r.rowCount - from), r.columnCount);
      block.load('values');
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only for a workbook too large for one response
      await context.sync();
      grid.values.push(...(block.values as RawCell[][]));
    }
    out.push(grid);
  }
  return out;
}

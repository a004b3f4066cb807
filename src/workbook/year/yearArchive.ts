/**
 * The year archive (存档) new year writes before it clears anything: one hidden sheet per year, "2025年考评存档",
 * holding every kp_ table as it was (settings, rubric, roster, plans, self, peer, mass, bonus, review, results,
 * and kp_State with its ballot records), values only, text cells formatted as text. Undo (newYearUndo.ts) puts
 * the tables back from it; `report --year 2025` (scoreSheet.ts) makes score sheets from it.
 *
 * Layout (one column block from A):
 *   row 1  a title saying what the sheet is (plain words, for anyone who unhides it)
 *   row 2  A "kp_archive", B meta (JSON: years, the sheets new year made or renamed), C "完成" once complete
 *   row 3  A "side", B the distribution counts and the 计算时间 line beside kp_Results (JSON), for undo
 *   row 5… per table: a marker row ("【表】", key, table name, sheet, rows, width, body rows), its header row,
 *          its rows (all of them, blank rows and rows typed below the table included), then one blank row.
 */
import type { RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import { currentModel } from '../tables/model';
import { readTables, type ReadKey, type TableRead, type TablesRead } from '../tables/readTables';
import { toWrite } from '../tables/tableWrite';

export const ARCHIVE_KEYS: readonly ReadKey[] = ['settings', 'rubric', 'roster', 'plans', 'self', 'peer', 'mass', 'bonus', 'review', 'results', 'state'];
const MARKER = '【表】';
const META = 'kp_archive';
const SIDE = 'side';
export const ARCHIVE_COMPLETE = '完成';
/** The first row of the table blocks. */
const FIRST_BLOCK_ROW = 5;

/** The archive sheet of a year's tables. */
export function yearArchiveName(year: number): string {
  return `${year}年考评存档`;
}

/** Sheets that are a year archive ("2025年考评存档", or "2025年考评存档 (2)" when the name was taken), with the year. */
export function archiveYearOf(sheetName: string): number | null {
  const m = /^(\d{4})年考评存档(?: \(\d+\))?$/.exec(sheetName);
  return m ? Number(m[1]) : null;
}

/** The archive of `year` among the sheet names (the last one when there are several), or null. */
export function findYearArchive(names: readonly string[], year: number): string | null {
  const found = names.filter((n) => archiveYearOf(n) === year);
  return found.length > 0 ? found[found.length - 1] : null;
}

/** The latest archive among the sheet names (highest year, the last of that year), or null. */
export function latestYearArchive(names: readonly string[]): string | null {
  let best: { name: string; year: number } | null = null;
  for (const name of names) {
    const year = archiveYearOf(name);
    if (year !== null && (!best || year >= best.year)) best = { name, year };
  }
  return best?.name ?? null;
}

export interface ArchiveMeta {
  version: 1;
  /** The year archived. */
  year: number;
  /** The year new year set. */
  newYear: number;
  branch: string;
  /** The values-only results sheet ("2025年考评结果", read by year over year), or null. */
  resultsSheet: string | null;
  /** The plans sheet ("2025年工作计划"), or null. */
  plansSheet: string | null;
  /** Posting sheets new year renamed: [name before, name after]. */
  renames: [string, string][];
}

/** One archived table. */
export interface ArchivedTable {
  key: ReadKey;
  name: string;
  sheet: string;
  headers: string[];
  rows: RawCell[][];
  bodyRows: number;
}

export interface YearArchive {
  sheet: string;
  meta: ArchiveMeta;
  complete: boolean;
  /** Distribution counts (5) and the 计算时间 line beside kp_Results, as they were; null when not recorded. */
  side: { counts: RawCell[]; stamp: RawCell } | null;
  tables: Partial<Record<ReadKey, ArchivedTable>>;
}

function isText(v: RawCell): boolean {
  return typeof v === 'string' && v !== '';
}

function isBlankCell(v: RawCell): boolean {
  return v === null || v === undefined || v === '';
}

/**
 * Queues the number formats of a block of values so that every text value is written as text ('@') and every
 * number as a number: one scalar per all-text column, a grid only for a column mixing text and numbers.
 * `after` sets the mixed columns back to General once the values are written (a score column is never left
 * formatted as text: a corrected 9 typed later must be a number).
 */
export function queueTextFormats(sheet: Excel.Worksheet, row1: number, column0: number, rows: RawCell[][], width: number): { after: () => void } {
  const mixed: number[] = [];
  for (let c = 0; c < width; c++) {
    let text = false;
    let other = false;
    for (const r of rows) {
      const v = r[c];
      if (isBlankCell(v)) continue;
      if (isText(v)) text = true;
      else other = true;
      if (text && other) break;
    }
    if (!text) continue;
    const range = sheet.getRange(blockAddress(row1, column0 + c, rows.length, 1));
    if (!other) range.numberFormat = rows.map(() => ['@']);
    else {
      range.numberFormat = rows.map((r) => [isText(r[c]) ? '@' : 'General']);
      mixed.push(c);
    }
  }
  return {
    after: () => {
      for (const c of mixed) sheet.getRange(blockAddress(row1, column0 + c, rows.length, 1)).numberFormat = rows.map(() => ['General']);
    },
  };
}

/** Rows of a table as archived: kp_State without its pending mark (a re-run would otherwise archive its own). */
function archivedRows(t: TableRead): RawCell[][] {
  if (t.key !== 'state') return t.rows;
  return t.rows.map((r) => (r[0] === 'pending' ? [r[0], ''] : r));
}

export interface ArchivePlan {
  /** Table blocks in order with the row their marker goes in. */
  blocks: { key: ReadKey; row: number; rows: RawCell[][]; width: number; t: TableRead; part?: number }[];
  /** Rows used. */
  lastRow: number;
}

/** Where each existing table goes on the archive sheet. */
export function planArchive(read: TablesRead): ArchivePlan {
  const blocks: ArchivePlan['blocks'] = [];
  let row = FIRST_BLOCK_ROW;
  for (const key of ARCHIVE_KEYS) {
    const t = read[key];
    if (!t.exists) continue;
    const rows = archivedRows(t);
    const width = Math.max(7, t.headers.length);
    blocks.push({ key, row, rows, width, t });
    row += 2 + rows.length + 1;
  }
  return { blocks, lastRow: row - 1 };
}

/** Queues the archive sheet's title and meta rows (the complete flag stays blank). */
export function queueArchiveHead(sheet: Excel.Worksheet, meta: ArchiveMeta): void {
  const head = sheet.getRange('A1:C3');
  head.numberFormat = [['@', '@', '@'], ['@', '@', '@'], ['@', '@', '@']];
  head.values = [
    [`${meta.branch}${meta.year}年度考评存档：开始${meta.newYear}年度前的全部表格（仅数值）。用于撤销新年度和重印${meta.year}年度个人考评明细，请勿修改。`, '', ''],
    [META, JSON.stringify(meta), ''],
    [SIDE, '', ''],
  ];
  sheet.getRange('A1').format.font.bold = true;
}

/** Queues one table block (marker, headers, rows). */
export function queueArchiveBlock(sheet: Excel.Worksheet, block: ArchivePlan['blocks'][number]): void {
  const { t, rows, row } = block;
  const width = t.headers.length;
  if (block.part) {
    // A later part of a block split over requests: its rows only.
    queueTextFormats(sheet, row + 2 + block.part, 0, rows, width);
    sheet.getRange(blockAddress(row + 2 + block.part, 0, rows.length, width)).values = toWrite(rows, width);
    return;
  }
  const total = block.part === 0 ? t.rows.length : rows.length;
  const marker = sheet.getRange(blockAddress(row, 0, 1, 7));
  marker.numberFormat = [Array.from({ length: 7 }, () => '@')];
  marker.values = [[MARKER, t.key, t.name, t.sheet, String(total), String(width), String(t.bodyRows)]];
  if (width === 0) return;
  const header = sheet.getRange(blockAddress(row + 1, 0, 1, width));
  header.numberFormat = [t.headers.map(() => '@')];
  header.values = [t.headers.slice()];
  if (rows.length === 0) return;
  queueTextFormats(sheet, row + 2, 0, rows, width);
  sheet.getRange(blockAddress(row + 2, 0, rows.length, width)).values = toWrite(rows, width);
}

/** Queues the side values (read from the results sheet earlier in the run) and the complete flag. */
export function queueArchiveSide(sheet: Excel.Worksheet, side: YearArchive['side']): void {
  const cell = sheet.getRange('B3');
  cell.numberFormat = [['@']];
  cell.values = [[side ? JSON.stringify(side) : '']];
}

export function queueArchiveComplete(sheet: Excel.Worksheet): void {
  const cell = sheet.getRange('C2');
  cell.numberFormat = [['@']];
  cell.values = [[ARCHIVE_COMPLETE]];
}

/** Estimated bytes of a block's write request (values as JSON, UTF-8), to split writes under the payload limit. */
export function blockBytes(rows: RawCell[][]): number {
  let n = 0;
  for (const r of rows) {
    for (const v of r) {
      if (typeof v === 'string') {
        for (let i = 0; i < v.length; i++) n += v.charCodeAt(i) < 0x80 ? 1 : 3;
        n += 3;
      } else n += v === null || v === undefined ? 3 : String(v).length + 1;
    }
    n += 2;
  }
  return n;
}

/** Parses an archive sheet's values (its used range from A1); null when it is not a year archive. */
export function parseYearArchive(sheet: string, values: RawCell[][]): YearArchive | null {
  const cell = (r: number, c: number): RawCell => values[r]?.[c] ?? '';
  if (cell(1, 0) !== META) return null;
  let meta: ArchiveMeta;
  try {
    meta = JSON.parse(String(cell(1, 1))) as ArchiveMeta;
  } catch {
    return null;
  }
  if (!meta || meta.version !== 1 || !Number.isInteger(meta.year)) return null;
  let side: YearArchive['side'] = null;
  try {
    const s = String(cell(2, 1));
    side = s === '' ? null : (JSON.parse(s) as YearArchive['side']);
  } catch {
    side = null;
  }
  const tables: YearArchive['tables'] = {};
  for (let r = FIRST_BLOCK_ROW - 1; r < values.length; r++) {
    if (cell(r, 0) !== MARKER) continue;
    const key = String(cell(r, 1)) as ReadKey;
    const n = Number(cell(r, 4));
    const width = Number(cell(r, 5));
    const bodyRows = Number(cell(r, 6));
    if (!ARCHIVE_KEYS.includes(key) || !Number.isInteger(n) || !Number.isInteger(width)) continue;
    const pad = (row: RawCell[] | undefined) => Array.from({ length: width }, (_, c) => (row?.[c] === undefined ? '' : (row[c] as RawCell)));
    const headers = pad(values[r + 1]).map((h) => String(h ?? ''));
    const rows = Array.from({ length: n }, (_, i) => pad(values[r + 2 + i]));
    tables[key] = { key, name: String(cell(r, 2)), sheet: String(cell(r, 3)), headers, rows, bodyRows: Number.isInteger(bodyRows) ? bodyRows : n };
    r += 1 + n;
  }
  return { sheet, meta, complete: cell(1, 2) === ARCHIVE_COMPLETE, side, tables };
}

/** Reads an archive sheet (one sync); null when the sheet is not a readable archive. */
export async function readYearArchive(context: Excel.RequestContext, sheet: string): Promise<YearArchive | null> {
  const range = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
  range.load(['values', 'rowIndex', 'columnIndex']);
  await context.sync();
  if (range.isNullObject) return null;
  // The used range starts at A1 on an archive (its title); pad otherwise.
  const values = range.values as RawCell[][];
  const grid: RawCell[][] = [...Array.from({ length: range.rowIndex }, () => [] as RawCell[]), ...values.map((r) => [...Array.from({ length: range.columnIndex }, () => '' as RawCell), ...r])];
  return parseYearArchive(sheet, grid);
}

/** The live tables with an archive's tables in their place (for evaluating a past year). */
export function archivedTablesRead(read: TablesRead, archive: YearArchive): TablesRead {
  const out = { ...read };
  for (const key of ARCHIVE_KEYS) {
    if (key === 'state') continue;
    const a = archive.tables[key];
    if (!a) {
      out[key] = { ...read[key], exists: false, headers: [], rows: [], bodyRows: 0, outsideFrom: undefined };
      continue;
    }
    // Where the table is now (a cell named in a problem is where the row is, or was put back by undo).
    const live = read[key].exists;
    out[key] = {
      ...read[key],
      exists: true,
      sheet: live ? read[key].sheet : a.sheet,
      name: a.name,
      headers: a.headers,
      rows: a.rows,
      bodyRows: a.bodyRows,
      outsideFrom: a.bodyRows < a.rows.length ? a.bodyRows : undefined,
      firstRow: live ? read[key].firstRow : 2,
      firstColumn: live ? read[key].firstColumn : 0,
    };
  }
  return out;
}

/**
 * The tables of `year`: the workbook's own when it is the current year (or no year is given), else the archive
 * of that year (one more sync); null when that year has no complete archive.
 */
export async function tablesOfYear(context: Excel.RequestContext, year?: number): Promise<TablesRead | null> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, undefined, () => sheets.load('items/name'));
  if (year === undefined || year === currentModel(read).settings.year) return read;
  const name = findYearArchive(sheets.items.map((s) => s.name), year);
  const archive = name ? await readYearArchive(context, name) : null;
  return archive && archive.complete ? archivedTablesRead(read, archive) : null;
}

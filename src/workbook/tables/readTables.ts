/**
 * Reads the kp_ tables (found by name, wherever their sheets are and whatever they are called) in one batch
 * into the domain's TableBlocks. Queue with queueReadTables, sync once, then call the returned function.
 */
import { SHEETS, TABLES, type TableKey } from '../../domain/contract';
import { isBlankRow } from '../../domain/table';
import type { EvaluationInput, RawCell, TableBlock } from '../../domain/types';

/** The add-in's own hidden bookkeeping table (highlighted cells, compute stamp). */
export const STATE_TABLE = 'kp_State';
export const STATE_SHEET = 'kp_State';

export type ReadKey = TableKey | 'state';
export const ALL_KEYS: readonly ReadKey[] = [...(Object.keys(TABLES) as TableKey[]), 'state'];

export function tableName(key: ReadKey): string {
  return key === 'state' ? STATE_TABLE : TABLES[key];
}

export interface TableRead extends TableBlock {
  key: ReadKey;
  name: string;
  exists: boolean;
  /** The table proxy (valid in the batch that read it). */
  table: Excel.Table;
  /** Number of data body rows (blank ones included); rows[bodyRows..] (from outsideFrom) lie below the table. */
  bodyRows: number;
  /** The block read below the table was filled to its end: readTables reads on. */
  moreBelow?: boolean;
  /** The table's sheet is protected (read in the same sync): commands refuse to write there (protection.ts). */
  protected?: boolean;
  /** Blank rows read directly below the table (after the rows outside it): where a save may write new rows. */
  blankBelow?: number;
  /** The table's filter hides rows (autoFilter.isDataFiltered, read in the same sync). */
  filtered?: boolean;
}

export type TablesRead = Record<ReadKey, TableRead>;

/**
 * Input tables whose rows typed directly below them (the table did not grow: WPS, LibreOffice, other tools)
 * are read as part of the table, up to the first blank row; `rows[outsideFrom..]` are those rows.
 */
export const OUTSIDE_KEYS: ReadonlySet<ReadKey> = new Set<ReadKey>(['settings', 'rubric', 'roster', 'plans', 'self', 'peer', 'mass', 'bonus', 'review']);
/** Rows read below each such table in the same sync; only when all of them are filled is more read. */
export const BELOW_ROWS = 200;
/** Rows per further read below a table (rare: hundreds of rows typed outside a table). */
export const BELOW_MORE_ROWS = 5000;

/** Rows outside the table (0 when none). */
export function outsideCount(t: TableRead): number {
  return t.outsideFrom === undefined ? 0 : t.rows.length - t.outsideFrom;
}

/**
 * Appends the rows of `values` up to the first blank one as rows outside the table; true when every row was
 * filled (there may be more below).
 */
function takeOutside(t: TableRead, values: RawCell[][]): boolean {
  for (const row of values) {
    if (isBlankRow(row)) return false;
    if (t.outsideFrom === undefined) t.outsideFrom = t.rows.length;
    t.rows.push(row);
  }
  return values.length > 0;
}

/** Leading blank rows of a block. */
function countBlank(values: RawCell[][]): number {
  let n = 0;
  while (n < values.length && isBlankRow(values[n])) n++;
  return n;
}

/** Reads on below the tables whose first block below was all filled, one sync per block until a blank row. */
async function readMoreBelow(context: Excel.RequestContext, open: TableRead[]): Promise<void> {
  let pending = open;
  for (const t of open) t.moreBelow = false;
  while (pending.length > 0) {
    const reads = pending.map((t) => {
      const range = context.workbook.worksheets
        .getItem(t.sheet)
        .getRangeByIndexes(t.firstRow - 1 + t.rows.length, t.firstColumn, BELOW_MORE_ROWS, t.headers.length);
      range.load('values');
      return { t, range };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only for hundreds of rows outside a table
    await context.sync();
    pending = reads.filter((r) => takeOutside(r.t, cells(r.range.values, r.t.sheet))).map((r) => r.t);
  }
}

/**
 * Excel hands back '' for blank cells; keep RawCell's shape. `values` of null (or not a grid of the range's
 * height) is a failed read, never blank cells: Excel may return null instead of an error for a range past its
 * five-million-cell get limit (Microsoft's performance guidance, office-js-docs-pr 5821).
 */
export function cells(values: unknown, sheet: string, rows?: number): RawCell[][] {
  if (!Array.isArray(values) || values.some((row) => !Array.isArray(row)) || (rows !== undefined && values.length !== rows)) {
    throw new Error(`读取工作表“${sheet}”时 Excel 没有返回单元格内容（区域过大或读取失败），考评没有继续，也没有写入任何内容。请关闭其他工作簿后重试。`);
  }
  return (values as unknown[][]).map((row) => row.map((v) => (v === undefined ? null : (v as RawCell))));
}

/**
 * Queues the reads of the given tables (all by default). After one context.sync(), the returned function gives
 * each table's headers, rows and position; a missing table has exists = false and no rows.
 */
export function queueReadTables(context: Excel.RequestContext, keys: readonly ReadKey[] = ALL_KEYS): () => TablesRead {
  const pending = keys.map((key) => {
    const table = context.workbook.tables.getItemOrNullObject(tableName(key));
    table.load('name');
    // A navigation property is a proxy, not a read: nothing is read before the caller's sync.
    // eslint-disable-next-line office-addins/call-sync-before-read
    const sheet = table.worksheet;
    sheet.load('name');
    sheet.protection.load('protected');
    table.autoFilter.load('isDataFiltered');
    const range = table.getRange();
    range.load(['values', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    const below = OUTSIDE_KEYS.has(key) ? range.getRowsBelow(BELOW_ROWS) : null;
    below?.load('values');
    return { key, table, sheet, range, below };
  });
  return () => {
    const out = {} as TablesRead;
    for (const p of pending) {
      const name = tableName(p.key);
      if (p.table.isNullObject) {
        out[p.key] = { key: p.key, name, exists: false, table: p.table, sheet: p.key === 'state' ? STATE_SHEET : SHEETS[p.key], headers: [], rows: [], firstRow: 2, firstColumn: 0, bodyRows: 0 };
        continue;
      }
      const values = cells(p.range.values, p.sheet.name, p.range.rowCount);
      const headers = (values[0] ?? []).map((h) => (h === null ? '' : String(h)));
      out[p.key] = {
        key: p.key,
        name: p.table.name,
        exists: true,
        table: p.table,
        sheet: p.sheet.name,
        headers,
        rows: values.slice(1),
        firstRow: p.range.rowIndex + 2,
        firstColumn: p.range.columnIndex,
        bodyRows: values.length - 1,
        protected: p.sheet.protection.protected === true,
        filtered: p.table.autoFilter.isDataFiltered === true,
      };
      if (p.below) {
        const below = cells(p.below.values, p.sheet.name);
        if (takeOutside(out[p.key], below)) out[p.key].moreBelow = true;
        else out[p.key].blankBelow = countBlank(below.slice(outsideCount(out[p.key])));
      }
    }
    return out;
  };
}

/** The domain's EvaluationInput from the tables read (missing tables become empty blocks). */
export function evaluationInput(read: TablesRead): EvaluationInput {
  const block = (k: TableKey): TableBlock => {
    const t = read[k];
    return { sheet: t.sheet, headers: t.headers, rows: t.rows, firstRow: t.firstRow, firstColumn: t.firstColumn, outsideFrom: t.outsideFrom };
  };
  return {
    settings: block('settings'),
    rubric: block('rubric'),
    roster: block('roster'),
    self: block('self'),
    peer: block('peer'),
    mass: block('mass'),
    bonus: block('bonus'),
    review: block('review'),
    // Plans only when the workbook has kp_Plans (an older workbook gets it from install; no warnings before).
    ...(read.plans?.exists ? { plans: block('plans') } : {}),
  };
}

/** Index of a header in a table read (spaces ignored), or -1. */
export function col(t: { headers: string[] }, header: string): number {
  const key = header.replace(/\s+/g, '');
  return t.headers.findIndex((h) => h.replace(/\s+/g, '') === key);
}

/** A missing table, as read. */
function missing(key: ReadKey, table: Excel.Table): TableRead {
  return { key, name: tableName(key), exists: false, table, sheet: key === 'state' ? STATE_SHEET : SHEETS[key], headers: [], rows: [], firstRow: 2, firstColumn: 0, bodyRows: 0 };
}

/**
 * The one-sync read chains calls on the null object of a missing table (getRange of a table that is not there).
 * Should an Excel refuse that, the tables are listed first and only the existing ones are read (2 syncs); if
 * that fails too, the first error stands.
 */
async function readExistingOnly<T>(
  context: Excel.RequestContext,
  keys: readonly ReadKey[],
  also: (() => T) | undefined,
  first: unknown,
): Promise<{ read: TablesRead; extra: T }> {
  try {
    const extra = also?.() as T;
    const tables = context.workbook.tables;
    tables.load('items/name');
    await context.sync();
    const names = new Set(tables.items.map((t) => t.name.toLowerCase()));
    const present = keys.filter((k) => names.has(tableName(k).toLowerCase()));
    const pending = queueReadTables(context, present);
    await context.sync();
    const read = pending();
    await readMoreBelow(context, Object.values(read).filter((t) => t.moreBelow));
    for (const k of keys) if (!present.includes(k)) read[k] = missing(k, context.workbook.tables.getItemOrNullObject(tableName(k)));
    return { read, extra };
  } catch {
    throw first;
  }
}

/**
 * Excel on the web refuses requests and responses over 5 MB; huge tables are then read in row blocks. Older
 * builds of Excel on the web report it as GeneralException (office-js issue reports), so that code is taken as a
 * possible payload error too: the block read is tried, and if it fails as well the first error stands.
 */
export function isPayloadLimit(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded' || code === 'GeneralException';
}

function errorCode(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/** Cells per block when a read is too large for one response (a few MB of JSON). */
export const BLOCK_CELLS = 200_000;

/**
 * Reads the tables with one context.sync(). `also` queues the command's other reads in the same sync (and
 * again if the read must be retried); its result is handed back. Only when the response is over Excel on the
 * web's 5 MB limit are the tables read again: their sizes first, then blocks of rows, one sync per block.
 */
export async function readTables<T = undefined>(
  context: Excel.RequestContext,
  keys: readonly ReadKey[] = ALL_KEYS,
  also?: () => T,
): Promise<{ read: TablesRead; extra: T }> {
  const extra = also?.() as T;
  const pending = queueReadTables(context, keys);
  try {
    await context.sync();
    const read = pending();
    await readMoreBelow(context, Object.values(read).filter((t) => t.moreBelow));
    return { read, extra };
  } catch (e) {
    // A refused write or a protected sheet is never retried as a read: the error stands.
    if (errorCode(e) === 'AccessDenied') throw e;
    if (!isPayloadLimit(e)) return readExistingOnly(context, keys, also, e);
    if (errorCode(e) !== 'GeneralException') return readInBlocks(context, keys, also);
    try {
      return await readInBlocks(context, keys, also);
    } catch {
      return readExistingOnly(context, keys, also, e);
    }
  }
}

/** The tables' sizes first, then blocks of rows, one sync per block (each response stays under the limit). */
async function readInBlocks<T>(
  context: Excel.RequestContext,
  keys: readonly ReadKey[],
  also: (() => T) | undefined,
): Promise<{ read: TablesRead; extra: T }> {
  const extra = also?.() as T;
  const sized = keys.map((key) => {
    const table = context.workbook.tables.getItemOrNullObject(tableName(key));
    table.load('name');
    // eslint-disable-next-line office-addins/call-sync-before-read
    const sheet = table.worksheet;
    sheet.load('name');
    sheet.protection.load('protected');
    table.autoFilter.load('isDataFiltered');
    const range = table.getRange();
    range.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    return { key, table, sheet, range };
  });
  await context.sync();
  const out = {} as TablesRead;
  const blocks: { t: TableRead; from: number; range: Excel.Range }[] = [];
  for (const s of sized) {
    if (s.table.isNullObject) {
      out[s.key] = { key: s.key, name: tableName(s.key), exists: false, table: s.table, sheet: s.key === 'state' ? STATE_SHEET : SHEETS[s.key], headers: [], rows: [], firstRow: 2, firstColumn: 0, bodyRows: 0 };
      continue;
    }
    const rows = s.range.rowCount;
    const cols = s.range.columnCount;
    const t: TableRead = {
      key: s.key, name: s.table.name, exists: true, table: s.table, sheet: s.sheet.name, headers: [], rows: [],
      firstRow: s.range.rowIndex + 2, firstColumn: s.range.columnIndex, bodyRows: rows - 1,
      protected: s.sheet.protection.protected === true,
      filtered: s.table.autoFilter.isDataFiltered === true,
    };
    out[s.key] = t;
    const per = Math.max(1, Math.floor(BLOCK_CELLS / Math.max(1, cols)));
    for (let from = 0; from < rows; from += per) {
      const n = Math.min(per, rows - from);
      blocks.push({ t, from, range: context.workbook.worksheets.getItem(s.sheet.name).getRangeByIndexes(s.range.rowIndex + from, s.range.columnIndex, n, cols) });
    }
  }
  // One block per sync: each response stays under the limit. Only reached for tables too large for one.
  for (const b of blocks) {
    b.range.load('values');
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    const values = cells(b.range.values, b.t.sheet);
    if (b.from === 0) {
      b.t.headers = (values[0] ?? []).map((h) => (h === null ? '' : String(h)));
      for (let i = 1; i < values.length; i++) b.t.rows.push(values[i]);
    } else for (const v of values) b.t.rows.push(v);
  }
  // Rows below the tables: the same BELOW_ROWS block as the one-sync read (one small sync), more only when filled.
  const belowReads = Object.values(out)
    .filter((t) => t.exists && OUTSIDE_KEYS.has(t.key))
    .map((t) => {
      const range = context.workbook.worksheets
        .getItem(t.sheet)
        .getRangeByIndexes(t.firstRow - 1 + t.rows.length, t.firstColumn, BELOW_ROWS, Math.max(1, t.headers.length));
      range.load('values');
      return { t, range };
    });
  if (belowReads.length > 0) {
    await context.sync();
    for (const { t, range } of belowReads) {
      const below = cells(range.values, t.sheet);
      if (takeOutside(t, below)) t.moreBelow = true;
      else t.blankBelow = countBlank(below.slice(outsideCount(t)));
    }
  }
  await readMoreBelow(context, Object.values(out).filter((t) => t.moreBelow));
  return { read: out, extra };
}

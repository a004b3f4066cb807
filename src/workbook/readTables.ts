/**
 * Reads the kp_ tables (found by name, wherever their sheets are and whatever they are called) in one batch
 * into the domain's TableBlocks. Queue with queueReadTables, sync once, then call the returned function.
 */
import { SHEETS, TABLES, type TableKey } from '../domain/contract';
import type { EvaluationInput, RawCell, TableBlock } from '../domain/types';

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
  /** Number of data body rows (blank ones included). */
  bodyRows: number;
}

export type TablesRead = Record<ReadKey, TableRead>;

/** Excel hands back '' for blank cells; keep RawCell's shape. */
function cells(values: unknown[][]): RawCell[][] {
  return values.map((row) => row.map((v) => (v === undefined ? null : (v as RawCell))));
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
    const range = table.getRange();
    range.load(['values', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    return { key, table, sheet, range };
  });
  return () => {
    const out = {} as TablesRead;
    for (const p of pending) {
      const name = tableName(p.key);
      if (p.table.isNullObject) {
        out[p.key] = { key: p.key, name, exists: false, table: p.table, sheet: p.key === 'state' ? STATE_SHEET : SHEETS[p.key], headers: [], rows: [], firstRow: 2, firstColumn: 0, bodyRows: 0 };
        continue;
      }
      const values = cells(p.range.values as unknown[][]);
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
      };
    }
    return out;
  };
}

/** The domain's EvaluationInput from the tables read (missing tables become empty blocks). */
export function evaluationInput(read: TablesRead): EvaluationInput {
  const block = (k: TableKey): TableBlock => {
    const t = read[k];
    return { sheet: t.sheet, headers: t.headers, rows: t.rows, firstRow: t.firstRow, firstColumn: t.firstColumn };
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
  };
}

/** Index of a header in a table read (spaces ignored), or -1. */
export function col(t: { headers: string[] }, header: string): number {
  const key = header.replace(/\s+/g, '');
  return t.headers.findIndex((h) => h.replace(/\s+/g, '') === key);
}

/**
 * Upserting rows of an entry-like table by a key (round + evaluator + member): the pure plan (which body row each
 * new row goes to, which are appended) and the queued writes (only the columns we own; others stay as they are).
 */
import type { RawCell } from '../domain/types';
import { blockAddress } from './a1';
import type { TableRead } from './readTables';

export interface UpsertPlan {
  /** Body row index → full row (null cells are left unchanged). */
  inPlace: Map<number, RawCell[]>;
  /** Rows to append at the end of the table (null cells: blank). */
  append: RawCell[][];
  updated: number;
  added: number;
}

/**
 * Plans an upsert: rows whose key matches an existing body row replace it; others fill blank body rows first
 * (the blank row Excel keeps in an empty table), then are appended.
 */
export function planUpsert(
  t: Pick<TableRead, 'rows'>,
  rows: RawCell[][],
  keyOf: (row: RawCell[]) => string | null,
): UpsertPlan {
  const existing = new Map<string, number>();
  const blanks: number[] = [];
  t.rows.forEach((r, i) => {
    const k = keyOf(r);
    if (k !== null) {
      if (!existing.has(k)) existing.set(k, i);
    } else if (r.every((v) => v === '' || v === null)) blanks.push(i);
  });
  const plan: UpsertPlan = { inPlace: new Map(), append: [], updated: 0, added: 0 };
  for (const row of rows) {
    const k = keyOf(row);
    const at = k === null ? undefined : existing.get(k);
    if (at !== undefined) {
      plan.inPlace.set(at, row);
      plan.updated++;
      continue;
    }
    const blank = blanks.shift();
    if (blank !== undefined) plan.inPlace.set(blank, row);
    else plan.append.push(row);
    plan.added++;
    // Callers pass each key once; a repeat in the same call would be a second new row.
  }
  return plan;
}

/** Runs of consecutive body rows, so each run is one range write. */
function runs(indexes: number[]): number[][] {
  const sorted = [...indexes].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else out.push([i]);
  }
  return out;
}

export interface UpsertColumns {
  /** User text: formatted '@'. */
  textCols: ReadonlySet<number>;
  /** Numbers (scores): formatted General; a string written there (bad input kept for check) gets '@'. */
  numberCols: ReadonlySet<number>;
  /** Formula columns (合计): written as formulas. */
  formulaCols: ReadonlySet<number>;
}

/**
 * Queues the plan: in-place runs written as whole ranges (formats first, so user text is never parsed as a
 * formula), appended rows added with one rows.add and then formatted and written the same way. Cells of other
 * columns are left unchanged (null in the write).
 */
export function queueUpsert(sheet: Excel.Worksheet, t: TableRead, plan: UpsertPlan, cols: UpsertColumns): void {
  const width = t.headers.length;
  const writeBlock = (row1: number, rows: RawCell[][], blankAsEmpty: boolean) => {
    for (const c of cols.textCols) {
      sheet.getRange(blockAddress(row1, t.firstColumn + c, rows.length, 1)).numberFormat = rows.map(() => ['@']);
    }
    for (const c of cols.numberCols) {
      sheet.getRange(blockAddress(row1, t.firstColumn + c, rows.length, 1)).numberFormat = rows.map(() => ['General']);
      rows.forEach((r, i) => {
        const v = r[c];
        if (typeof v === 'string' && v !== '') sheet.getRange(blockAddress(row1 + i, t.firstColumn + c, 1, 1)).numberFormat = [['@']];
      });
    }
    const range = sheet.getRange(blockAddress(row1, t.firstColumn, rows.length, width));
    range.values = rows.map((r) =>
      Array.from({ length: width }, (_, c) => {
        const v = r[c];
        if (v === undefined || v === null) return blankAsEmpty ? '' : (null as unknown as string);
        return v as string | number | boolean;
      }),
    );
  };
  for (const run of runs([...plan.inPlace.keys()])) {
    writeBlock(t.firstRow + run[0], run.map((i) => plan.inPlace.get(i) as RawCell[]), false);
  }
  if (plan.append.length > 0) {
    t.table.rows.add(undefined, plan.append.map(() => Array.from({ length: width }, () => '')));
    writeBlock(t.firstRow + t.bodyRows, plan.append, true);
  }
}

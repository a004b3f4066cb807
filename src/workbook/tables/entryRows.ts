/**
 * Upserting rows of an entry-like table by a key (round + evaluator + member): the pure plan (which body row each
 * new row goes to, which are appended) and the queued writes (only the columns we own; others stay as they are).
 */
import type { RawCell } from '../../domain/types';
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

/** Blank rows that must stay free under the rows a save writes below a table (a co-author may add some meanwhile). */
export const APPEND_MARGIN = 20;

/** A range of `rows` × `cols` cells at (row, column) offsets inside a block of the sheet. */
type At = (row: number, col: number, rows: number, cols: number) => Excel.Range;

/**
 * Queues the plan: in-place runs written as whole ranges (formats first, so user text is never parsed as a
 * formula). Appended rows are written into the blank rows directly below the table, over which the table is
 * first grown with Table.resize (Microsoft's advice for co-authoring: rows.add conflicts with co-authors' edits;
 * auto-expansion is not relied on); only when fewer
 * blank rows than needed (plus APPEND_MARGIN) were read below the table is rows.add used. Either way the new
 * rows are addressed from the table as it is when the batch runs (getDataBodyRange().getRowsBelow, or the row
 * rows.add returns), never from the position read earlier: a co-author's rows added meanwhile are not
 * overwritten. Cells of other columns are left unchanged (null in the write).
 */
export function queueUpsert(sheet: Excel.Worksheet, t: TableRead, plan: UpsertPlan, cols: UpsertColumns): void {
  const width = t.headers.length;
  // A filtered table: values written over it can land in the wrong rows (office-js issue 224) and rows.add is
  // reported to fail (issues 994, 468). The caller clears the filter in a sync of its own first (filters.ts).
  if (t.filtered === true && (plan.inPlace.size > 0 || plan.append.length > 0)) throw new Error(`${t.sheet}: the table's filter must be cleared (clearFiltersFirst) before writing`);
  const writeBlock = (at: At, rows: RawCell[][], blankAsEmpty: boolean) => {
    for (const c of cols.textCols) at(0, c, rows.length, 1).numberFormat = rows.map(() => ['@']);
    // A text kept in a score cell ("优", for check to report) is written into a cell formatted '@' (so "=…" stays
    // text), and the cell is set back to General after: a cell left as text would store a corrected 9 typed
    // later as the text "9", which the column's validation (ISNUMBER) refuses. The text stays text.
    const textRuns: { c: number; from: number; n: number }[] = [];
    for (const c of cols.numberCols) {
      at(0, c, rows.length, 1).numberFormat = rows.map(() => ['General']);
      rows.forEach((r, i) => {
        const v = r[c];
        if (typeof v !== 'string' || v === '') return;
        const last = textRuns[textRuns.length - 1];
        if (last && last.c === c && last.from + last.n === i) last.n++;
        else textRuns.push({ c, from: i, n: 1 });
      });
    }
    for (const run of textRuns) at(run.from, run.c, run.n, 1).numberFormat = Array.from({ length: run.n }, () => ['@']);
    at(0, 0, rows.length, width).values = rows.map((r) =>
      Array.from({ length: width }, (_, c) => {
        const v = r[c];
        if (v === undefined || v === null) return blankAsEmpty ? '' : (null as unknown as string);
        return v as string | number | boolean;
      }),
    );
    for (const run of textRuns) at(run.from, run.c, run.n, 1).numberFormat = Array.from({ length: run.n }, () => ['General']);
  };
  for (const run of runs([...plan.inPlace.keys()])) {
    const row1 = t.firstRow + run[0];
    writeBlock((r, c, h, w) => sheet.getRange(blockAddress(row1 + r, t.firstColumn + c, h, w)), run.map((i) => plan.inPlace.get(i) as RawCell[]), false);
  }
  const n = plan.append.length;
  if (n === 0) return;
  let first: Excel.Range;
  if ((t.blankBelow ?? 0) >= n + APPEND_MARGIN) {
    // Blank rows below: the table is grown over them explicitly (Table.resize), never left to auto-expansion,
    // which Excel does only under conditions (real data, no validation below; Microsoft's example is one row).
    // Both ranges are taken from the table as it is when the batch runs: a co-author's rows are not overwritten.
    first = t.table.getDataBodyRange().getRowsBelow(1);
    t.table.resize(t.table.getRange().getResizedRange(n, 0));
  } else first = t.table.rows.add(undefined, plan.append.map(() => Array.from({ length: width }, () => ''))).getRange();
  writeBlock((r, c, h, w) => first.getOffsetRange(r, c).getAbsoluteResizedRange(h, w), plan.append, true);
}

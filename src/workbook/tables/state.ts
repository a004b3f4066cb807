/**
 * The add-in's bookkeeping in the hidden kp_State table (项目, 值): which cells the last check highlighted (so the
 * next check clears exactly those, never a user's own fill) and the stamp of the last computation (when, how
 * many forms, a fingerprint of the input tables' values, so that later edits mark the results stale).
 */
import { derivedLine, parseDerivedLine, type DerivedRecord } from '../../domain/derivedSheets';
import { SETTING_ITEMS } from '../../domain/settings';
import type { RawCell } from '../../domain/types';
import type { TablesRead, TableRead } from './readTables';
import { blockAddress } from './a1';
import { blankGrid, queueNewTable, queueWriteRows } from './tableWrite';
import { STATE_HEADERS, freeSheetName } from './layout';
import { STATE_SHEET, STATE_TABLE } from './readTables';

export interface Highlight {
  /** kp_ table name the cell belongs to (its sheet is found through the table, so renames do not matter). */
  table: string;
  /** A1 address on that table's sheet. */
  cell: string;
}

export interface State {
  highlights: Highlight[];
  computedAt: string | null;
  fingerprint: string | null;
  formsUsed: number | null;
  chart: boolean;
  /** Names of sheets the add-in made for printing (公示表, 测评表): ours to rebuild. */
  printSheets: string[];
  /** The score limits install put in the entry tables' validation: table → column → points (null: unknown). */
  validation: Record<string, Record<string, number>> | null;
  /**
   * The command whose writes are under way (set before its first write, cleared after its last): still set when
   * a batch failed part-way, so check reports the half-written tables until the command is run again.
   */
  pending: string | null;
  /** Ballot files handed out (ballotFiles.ts): one line per ballot, year\tround\tevaluator\tgroup\tlabel. */
  ballots: string[];
  /** Derived sheets (posting pack, score sheets) and the fingerprint of what each was made from (derivedSheets.ts). */
  derived: DerivedRecord[];
}

const MAX_CELL_TEXT = 30000;
/** A cell ("E7") or a run of cells ("E7:E40") as highlights are stored. */
const CELL_OR_RUN = /^[A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?$/;

/**
 * kp_State as install makes it: 项目, 值 side by side. One whose columns were deleted, renamed or moved is not
 * read or written (its defaults are used; install repairs it).
 */
export function stateUsable(t: TableRead): boolean {
  return t.exists && t.headers.length === 2 && t.headers[0] === '项目' && t.headers[1] === '值';
}

export function parseState(t: TableRead): State {
  const state: State = { highlights: [], computedAt: null, fingerprint: null, formsUsed: null, chart: false, printSheets: [], validation: null, pending: null, ballots: [], derived: [] };
  if (!stateUsable(t)) return state;
  for (const row of t.rows) {
    const key = String(row[0] ?? '');
    const value = row[1] === null || row[1] === undefined ? '' : String(row[1]);
    if (key === 'highlights' && value !== '') {
      // Only well-formed entries: a kp_State damaged by hand or by a merge must never stop a check.
      for (const part of value.split(';')) {
        const [table, cells] = part.split('!');
        if (!table || !cells || !/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(table)) continue;
        for (const cell of cells.split(',')) if (CELL_OR_RUN.test(cell)) state.highlights.push({ table, cell });
      }
    } else if (key === 'computedAt') state.computedAt = value || null;
    else if (key === 'fingerprint') state.fingerprint = value || null;
    else if (key === 'formsUsed') state.formsUsed = value === '' || !Number.isFinite(Number(value)) ? null : Number(value);
    else if (key === 'chart') state.chart = value === '1';
    else if (key === 'pending') state.pending = value || null;
    else if (key === 'printSheets') state.printSheets = value === '' ? [] : value.split('\n');
    else if (key === 'ballots' && value !== '') state.ballots.push(...value.split('\n'));
    else if (key === 'derived' && value !== '') {
      for (const line of value.split('\n')) {
        const r = parseDerivedLine(line);
        if (r) state.derived = [...state.derived.filter((x) => x.sheet !== r.sheet), r];
      }
    }
    else if (key === 'validation') {
      try {
        state.validation = value === '' ? null : (JSON.parse(value) as State['validation']);
      } catch {
        state.validation = null;
      }
    }
  }
  return state;
}

/** State as 项目/值 rows; the highlight list is split over rows so no cell exceeds Excel's text limit. */
export function stateRows(state: State): RawCell[][] {
  const byTable = new Map<string, string[]>();
  for (const h of state.highlights) byTable.set(h.table, [...(byTable.get(h.table) ?? []), h.cell]);
  const chunks: string[] = [];
  let current = '';
  for (const [table, cells] of byTable) {
    for (let i = 0; i < cells.length; i += 500) {
      const part = `${table}!${cells.slice(i, i + 500).join(',')}`;
      if (current.length + part.length + 1 > MAX_CELL_TEXT) {
        chunks.push(current);
        current = '';
      }
      current = current === '' ? part : `${current};${part}`;
    }
  }
  if (current !== '') chunks.push(current);
  // pending first: its row stays put, so marking a command's start is a one-cell write.
  const rows: RawCell[][] = [['pending', state.pending ?? ''], ...chunks.map((c): RawCell[] => ['highlights', c])];
  rows.push(['computedAt', state.computedAt ?? '']);
  rows.push(['fingerprint', state.fingerprint ?? '']);
  rows.push(['formsUsed', state.formsUsed === null ? '' : String(state.formsUsed)]);
  rows.push(['chart', state.chart ? '1' : '0']);
  rows.push(['printSheets', state.printSheets.join('\n')]);
  rows.push(['validation', state.validation ? JSON.stringify(state.validation) : '']);
  // Issued ballots: split over rows so no cell exceeds Excel's text limit.
  for (let i = 0; i < state.ballots.length; i += 200) rows.push(['ballots', state.ballots.slice(i, i + 200).join('\n')]);
  if (state.derived.length > 0) rows.push(['derived', state.derived.map(derivedLine).join('\n')]);
  return rows;
}

/**
 * The sheet names to make a lost kp_State again with (queueWriteState's `taken`), or undefined: only a kp_State
 * lost from an installed workbook is made again by check, compute, posting and ballots; while other kp_ tables are
 * missing too (an install that stopped part-way) it is install's to make, in its place. So is it while a sheet
 * kp_State is there without the table: a first install that stopped after adding that sheet (its last) and before
 * naming the table on it; install reuses that sheet, a new one beside it would leave it empty and visible.
 */
export function takenIfStateLost(read: TablesRead, names: Iterable<string>): Set<string> | undefined {
  if (read.state.exists) return undefined;
  for (const key of Object.keys(read) as (keyof TablesRead)[]) if (key !== 'state' && !read[key].exists) return undefined;
  const taken = new Set(names);
  for (const name of taken) if (name.toLowerCase() === STATE_SHEET.toLowerCase()) return undefined;
  return taken;
}

/**
 * Queues the rewrite of kp_State: the table grows first (blank rows, one rows.add), then every row is written
 * in one write, so a batch that stops between the two never leaves part of the old state overwritten and the
 * rest cut off. `t` is updated to what the table will hold, so a later write in the same batch lines up.
 * kp_State holds no data the secretary made, only bookkeeping (see parseState), so a lost one (a co-author's
 * merge, a deleted sheet) costs nothing but that: when it is missing and `taken` (the workbook's sheet names) is
 * given, it is made again on a new hidden sheet in the same batch.
 */
export function queueWriteState(context: Excel.RequestContext, t: TableRead, state: State, taken?: Set<string>): void {
  if (!t.exists) {
    if (!taken) return;
    const name = freeSheetName(STATE_SHEET, taken);
    taken.add(name);
    const sheet = context.workbook.worksheets.add(name);
    queueNewTable(sheet, { name: STATE_TABLE, headers: [...STATE_HEADERS], rows: stateRows(state), textCols: new Set([0, 1]) });
    sheet.visibility = 'VeryHidden';
    return;
  }
  if (!stateUsable(t)) return;
  const rows = stateRows(state);
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  // Very hidden, also where an older version made it only hidden (files the web page saves keep it so).
  if (t.sheet === STATE_SHEET) sheet.visibility = 'VeryHidden';
  if (rows.length > t.bodyRows) t.table.rows.add(undefined, blankGrid(rows.length - t.bodyRows, 2));
  while (rows.length < t.bodyRows) rows.push(['', '']);
  queueWriteRows(sheet, { row1: t.firstRow, firstColumn: t.firstColumn, width: 2 }, rows, new Set([0, 1]));
  t.rows = rows;
  t.bodyRows = rows.length;
  t.outsideFrom = undefined;
}

/** Writes the pending marker alone: one cell when kp_State has its row, else the whole state. */
function queueWritePending(context: Excel.RequestContext, t: TableRead, value: string | null): void {
  if (!stateUsable(t)) return;
  const i = t.rows.findIndex((r) => r[0] === 'pending');
  if (i < 0) {
    queueWriteState(context, t, { ...parseState(t), pending: value });
    return;
  }
  const cell = context.workbook.worksheets.getItem(t.sheet).getRange(blockAddress(t.firstRow + i, t.firstColumn + 1, 1, 1));
  cell.numberFormat = [['@']];
  cell.values = [[value ?? '']];
  t.rows[i] = [t.rows[i][0], value ?? ''];
}

/**
 * Marks the start of a command's writes ("command:table", see pending.ts); queue it before the command's first
 * write. An earlier command's mark that is still there (its batch failed part-way) is kept: its half-written
 * tables still need that command run again (`alsoFinishes`: commands whose unfinished writes this one completes).
 * Returns the value the command's last write leaves (see queueEndWrites).
 */
export function queueBeginWrites(context: Excel.RequestContext, t: TableRead, mark: string, alsoFinishes: string[] = []): string | null {
  if (!t.exists) return null;
  const previous = parseState(t).pending;
  const own = [mark.split(':')[0], ...alsoFinishes];
  if (previous !== null && !own.includes(previous.split(':')[0])) return previous;
  queueWritePending(context, t, mark);
  return null;
}

/** Clears the mark after a command's last write (or restores an earlier command's mark); queue it last. */
export function queueEndWrites(context: Excel.RequestContext, t: TableRead, leave: string | null): void {
  if (!t.exists) return;
  queueWritePending(context, t, leave);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Held locally: a global lookup per call is slow where globals are intercepted (jest's vm context).
const imul = Math.imul;

/**
 * Fingerprint of the input tables' values (everything compute reads); blank rows do not count. A cyrb53-style
 * 53-bit hash fed cell by cell: numbers by their bits, text by its characters (no strings built: 1.4 M cells
 * hash in well under a second).
 */
/**
 * Settings rows that only the posting sheet uses (监督电话, 公示开始/结束日期): changing them does not make the results
 * stale (the posting pane saves the phone for next year after compute).
 */
const POSTING_ONLY = new Set(
  SETTING_ITEMS.filter((i) => i.key === 'phone' || i.key === 'postingStart' || i.key === 'postingEnd').flatMap((i) => [i.label, i.labelEn.replace(/\s+/g, '').toLowerCase()]),
);

/** The tables compute reads: what the results (and the sheets that show scores) are made from. */
export const RESULT_INPUTS = ['settings', 'rubric', 'roster', 'self', 'peer', 'mass', 'bonus', 'review'] as const;

export function fingerprint(read: TablesRead, keys: readonly (keyof TablesRead)[] = RESULT_INPUTS): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (x: number) => {
    h1 = imul(h1 ^ x, 2654435761);
    h2 = imul(h2 ^ x, 1597334677);
  };
  const text = (v: string) => {
    for (let i = 0; i < v.length; i++) mix(v.charCodeAt(i));
  };
  for (let k = 0; k < keys.length; k++) {
    const t = read[keys[k]];
    text(keys[k]);
    for (let i = 0; i < t.headers.length; i++) {
      text(t.headers[i]);
      mix(0x1f);
    }
    const rows = t.rows;
    const cItem = keys[k] === 'settings' ? t.headers.indexOf('项目') : -1;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (cItem >= 0 && typeof row[cItem] === 'string') {
        const label = (row[cItem] as string).replace(/\s+/g, '');
        if (POSTING_ONLY.has(label) || POSTING_ONLY.has(label.toLowerCase())) continue;
      }
      let blank = true;
      for (let c = 0; c < row.length; c++) if (row[c] !== '' && row[c] !== null) blank = false;
      if (blank) continue;
      mix(0x1e);
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === 'number') {
          f64[0] = v;
          mix(1);
          mix(u32[0]);
          mix(u32[1]);
        } else if (typeof v === 'string') {
          mix(2);
          text(v);
        } else if (typeof v === 'boolean') mix(v ? 3 : 4);
        mix(0x1f);
      }
    }
  }
  h1 = imul(h1 ^ (h1 >>> 16), 2246822507) ^ imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = imul(h2 ^ (h2 >>> 16), 2246822507) ^ imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

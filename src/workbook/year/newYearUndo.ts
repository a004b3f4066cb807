/**
 * Undo a new year (撤销新年度, SPEC §5 `kaoping new-year --undo`): while nothing of the new year has been entered,
 * every table is put back from the year archive new year made (yearArchive.ts), the sheets new year made are
 * removed, the posting sheets it renamed get their names back, and the archive sheet goes. Refused, with a reason
 * naming the sheet, once something was entered (forms, bonus, review, results, plans, a changed roster, rubric or
 * setting, ballot files handed out). Read, read the archive, write in three syncs (every table but kp_Peer; kp_Peer's
 * rows and 合计 formulas; its values and the rest), so no request nears 4 MB at 2,000 members: 5 syncs, the same
 * at 10 and 2,000 members (one more per 5,000 highlighted ranges).
 */
import { COLUMNS } from '../../domain/contract';
import { evaluate } from '../../domain/evaluate';
import { isBlank } from '../../domain/parse';
import type { Problem, RawCell } from '../../domain/types';
import { blockAddress, parseAddress } from '../tables/a1';
import type { NewYearUndoReport } from '../commandTypes';
import { distributionCells, queueFinalThresholds } from '../results/compute';
import { writeHighlights } from '../tables/highlights';
import { currentModel } from '../tables/model';
import { tableLayouts } from '../tables/layout';
import { commandName, pendingCommandOf, pendingDetail, pendingMark } from '../tables/pending';
import { refuseProtected } from '../tables/protection';
import { ALL_KEYS, col, evaluationInput, readTables, type ReadKey, type TableRead, type TablesRead } from '../tables/readTables';
import { parseState, queueBeginWrites, queueEndWrites, queueWriteState, type Highlight } from '../tables/state';
import { currentAgain, queueUnmarks } from '../results/derivedSheets';
import { toWrite } from '../tables/tableWrite';
import { texts } from '../../domain/texts/sheets';
import { archivedTablesRead, latestYearArchive, queueTextFormats, readYearArchive, type ArchivedTable, type YearArchive } from './yearArchive';

/** Tables put back, in order; kp_Peer (the largest) goes in a sync of its own. */
const RESTORED: readonly ReadKey[] = ['settings', 'rubric', 'roster', 'plans', 'self', 'mass', 'bonus', 'review', 'results', 'peer'];
const ENTRIES: readonly ReadKey[] = ['self', 'peer', 'mass', 'bonus', 'review', 'results'];

type T = ReturnType<typeof texts>;

function norm(v: RawCell): RawCell {
  return v === null || v === undefined ? '' : v;
}

/** Rows with data, as comparable text (blank cells alike, trailing blank rows dropped). */
function content(rows: RawCell[][]): string {
  const out = rows.map((r) => r.map(norm));
  while (out.length > 0 && out[out.length - 1].every((v) => v === '')) out.pop();
  return JSON.stringify(out);
}

function hasData(rows: RawCell[][]): boolean {
  return rows.some((r) => r.some((v) => !isBlank(v)));
}

/** Why the new year cannot be undone (null: nothing of it was entered). */
function enteredSince(read: TablesRead, archive: YearArchive, year: number, T: T): string | null {
  for (const key of ENTRIES) {
    const t = read[key];
    if (t.exists && hasData(t.rows)) return T.undoEntered(t.sheet, T.undoEnteredRows);
    if (!t.exists && archive.tables[key]) return T.undoEntered(archive.tables[key]!.sheet, T.undoMissing);
  }
  const plans = read.plans;
  if (plans.exists) {
    const cols = [col(plans, '工作计划'), col(plans, '附件')].filter((c) => c >= 0);
    if (plans.rows.some((r) => cols.some((c) => !isBlank(r[c])))) return T.undoEntered(plans.sheet, T.undoEnteredRows);
  }
  for (const key of ['rubric', 'roster'] as const) {
    const a = archive.tables[key];
    const t = read[key];
    if (!a) continue;
    if (!t.exists) return T.undoEntered(a.sheet, T.undoMissing);
    if (content(t.rows) !== content(a.rows) || JSON.stringify(t.headers) !== JSON.stringify(a.headers)) return T.undoEntered(t.sheet, T.undoChanged);
  }
  const a = archive.tables.settings;
  const t = read.settings;
  if (a) {
    if (!t.exists) return T.undoEntered(a.sheet, T.undoMissing);
    // The archived rows as they were, but for 年度 (rows an install repair added after them do not count).
    const yearRow = (r: RawCell[]) => String(r[0] ?? '').replace(/\s+/g, '') === '年度';
    const now = t.rows.slice(0, a.rows.length).map((r) => (yearRow(r) ? [] : r));
    const then = a.rows.map((r) => (yearRow(r) ? [] : r));
    if (content(now) !== content(then)) return T.undoEntered(t.sheet, T.undoChanged);
  }
  const archivedState = archive.tables.state;
  const before = new Set(archivedState ? parseState({ ...read.state, exists: true, headers: archivedState.headers, rows: archivedState.rows }).ballots : []);
  if (parseState(read.state).ballots.some((b) => !before.has(b))) return T.undoEntered(read.state.exists ? read.state.sheet : 'kp_State', T.undoBallots(year));
  return null;
}

export async function undoNewYear(context: Excel.RequestContext): Promise<NewYearUndoReport> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const names = sheets.items.map((s) => s.name);
  const { settings } = currentModel(read);
  const lang = settings.language;
  const T = texts(lang);
  const refuse = (message: string, archive: string | null = null): NewYearUndoReport => ({ restored: false, year: null, archive, messages: [message] });
  const mark = parseState(read.state).pending;
  // An undo that stopped part-way is completed (its mark names the archive); another command's is refused.
  const resuming = mark !== null && pendingCommandOf(mark) === 'newYearUndo';
  if (mark !== null && !resuming) return refuse(T.undoInterrupted(commandName(pendingCommandOf(mark), lang)));
  const name = resuming ? pendingDetail(mark) : latestYearArchive(names);
  if (resuming && !names.includes(name as string)) {
    // Everything was put back and the archive removed; only the mark was left (and the marks a check made while
    // it was there, on sheets that are current again).
    const state = parseState(read.state);
    const again = currentAgain(read, names);
    queueUnmarks(context, again, state.derived, new Set(names));
    const unmarked = new Set(again.map((r) => r.sheet));
    queueWriteState(context, read.state, { ...state, pending: null, derived: state.derived.map((r) => (unmarked.has(r.sheet) ? { ...r, marked: false } : r)) });
    await context.sync();
    return { restored: true, year: settings.year, archive: name, messages: [T.undone(settings.year, name as string)] };
  }
  if (!name) return refuse(T.undoNoArchive);
  const archive = await readYearArchive(context, name);
  if (!archive || !archive.complete) return refuse(T.undoBadArchive(name), name);
  if (!resuming && archive.meta.newYear !== settings.year) return refuse(T.undoOtherYear(name, archive.meta.newYear, settings.year), name);
  refuseProtected(read, [...RESTORED, 'state'], lang);
  if (!resuming) {
    const why = enteredSince(read, archive, settings.year, T);
    if (why) return refuse(why, name);
  }
  const messages: string[] = [];
  const leave = queueBeginWrites(context, read.state, pendingMark('newYearUndo', 'settings', name));
  // The archived rubric and settings decide the 合计 formulas, as they did before the new year.
  const old = currentModel(archivedTablesOnly(read, archive));
  const layouts = tableLayouts(old.rubric, old.dims, old.settings);
  // kp_Peer (the largest table) is put back in requests of its own: its shape and 合计 formulas, then its values.
  let peer: (() => () => void) | null = null;
  for (const key of RESTORED) {
    const a = archive.tables[key];
    const t = read[key];
    if (!a || !t.exists) continue;
    // Unchanged (the check above): nothing to write.
    if ((key === 'rubric' || key === 'roster') && content(t.rows) === content(a.rows) && JSON.stringify(t.headers) === JSON.stringify(a.headers)) continue;
    const total = key === 'self' || key === 'peer' || key === 'mass' ? { formula: layouts[key].formulas.get(layouts[key].headers.indexOf('合计')), dims: old.dims } : null;
    if (key === 'peer') {
      peer = () => queueRestoreTable(context, t, a, total);
      continue;
    }
    queueRestoreTable(context, t, a, total)();
    if (key === 'results') queueRestoreResultsSide(context, t, a, archive, old.settings);
  }
  await context.sync();
  const peerValues = peer ? (peer as () => () => void)() : null;
  await context.sync();
  if (peerValues) peerValues();
  // The sheets new year made go; the posting sheets it renamed get their names back.
  const present = new Set(names);
  for (const made of [archive.meta.resultsSheet, archive.meta.plansSheet]) {
    if (made && present.has(made)) {
      sheets.getItem(made).delete();
      present.delete(made);
    }
  }
  for (const [from, to] of archive.meta.renames) {
    if (!present.has(to) || present.has(from)) continue;
    sheets.getItem(to).name = from;
    present.delete(to);
    present.add(from);
    messages.push(T.undoRenamed(to, from));
  }
  // The cells the last check had filled (listed in the archived kp_State; new year cleared them) filled again:
  // the restored tables' problems in those cells. (Fills a check made since, e.g. of a half-done undo, go first.)
  const archivedState = archive.tables.state;
  const state = archivedState ? parseState({ ...read.state, headers: archivedState.headers, rows: archivedState.rows }) : null;
  const restored = archivedTablesRead(read, archive);
  const wasFilled = filledBefore(restored, state?.highlights ?? []);
  const problems = evaluate(evaluationInput(restored), lang).problems.filter(wasFilled);
  const { highlights } = await writeHighlights(context, restored, parseState(read.state).highlights, problems);
  // kp_State as it was (its ballot records, stamp and print sheets), with those highlights.
  if (state && read.state.exists) {
    // A derived sheet marked 已过期 since new year (a check of the new or the half-undone year) is current again:
    // its inputs are back as they were when it was made. Its mark goes with the record's.
    queueUnmarks(context, state.derived, parseState(read.state).derived, present);
    queueWriteState(context, read.state, { ...state, highlights, pending: pendingMark('newYearUndo', 'settings', name) });
  }
  sheets.getItem(name).delete();
  queueEndWrites(context, read.state, leave);
  await context.sync();
  return { restored: true, year: archive.meta.year, archive: name, messages: [T.undone(archive.meta.year, name), ...messages] };
}

/** Whether a problem's cell lies in one of the highlighted cells or runs ("E2", "E2:E40") of its table. */
function filledBefore(read: TablesRead, highlights: Highlight[]): (p: Problem) => boolean {
  const tableOfSheet = new Map<string, string>();
  for (const key of Object.keys(read) as ReadKey[]) if (read[key].exists) tableOfSheet.set(read[key].sheet, read[key].name);
  const runs = highlights.map((h) => ({ table: h.table, ...parseAddress(h.cell) }));
  return (p) => {
    if (!p.cell) return false;
    const table = tableOfSheet.get(p.sheet);
    let at: ReturnType<typeof parseAddress>;
    try {
      at = parseAddress(p.cell);
    } catch {
      return false;
    }
    return runs.some((r) => r.table === table && at.row1 >= r.row1 && at.row1 < r.row1 + r.rows && at.col0 >= r.col0 && at.col0 < r.col0 + r.cols);
  };
}

/** The archive's settings and rubric as a TablesRead (for the model the archived year used). */
function archivedTablesOnly(read: TablesRead, archive: YearArchive): TablesRead {
  const out = { ...read };
  for (const key of ['settings', 'rubric'] as const) {
    const a = archive.tables[key];
    if (a) out[key] = { ...read[key], exists: true, headers: a.headers, rows: a.rows, bodyRows: a.bodyRows, outsideFrom: undefined };
  }
  return out;
}

/**
 * Puts one table back: the columns new year added to it go (上年得分, 增减 of kp_Results), the table takes the
 * archived number of rows (rows once typed below it come back inside it), and in the entry tables the 合计 cells
 * that showed the calculated column's result get its formula again (a typed 合计 stays a typed value). Returns
 * the write of the values (by header, text as text; the 合计 column excepted when it was written here), to queue
 * now or in a later request.
 */
function queueRestoreTable(context: Excel.RequestContext, t: TableRead, a: ArchivedTable, total: { formula: string | undefined; dims: string[] } | null): () => void {
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  let headers = t.headers.slice();
  if (t.key === 'results') {
    for (const h of COLUMNS.yearOverYear) {
      if (!headers.includes(h) || a.headers.includes(h)) continue;
      t.table.columns.getItem(h).delete();
      headers = headers.filter((x) => x !== h);
    }
  }
  const width = headers.length;
  const from = headers.map((h) => a.headers.indexOf(h));
  const rows = a.rows.map((r) => from.map((c) => (c >= 0 ? norm(r[c]) : '')));
  // Rows written below are overwritten cell by cell (never cleared first: a batch stopped between a clear and
  // the write would leave the user's cells empty); only the rows past the archived ones are cleared.
  if (t.rows.length > rows.length) sheet.getRange(blockAddress(t.firstRow + rows.length, t.firstColumn, t.rows.length - rows.length, width)).clear('Contents');
  const n = Math.max(1, rows.length);
  if (n !== t.bodyRows) t.table.resize(sheet.getRange(blockAddress(t.firstRow - 1, t.firstColumn, n + 1, width)));
  if (rows.length === 0) return () => undefined;
  const cTotal = total?.formula ? headers.indexOf('合计') : -1;
  if (total?.formula && cTotal >= 0) {
    const dimCols = headers.map((h, i) => (total.dims.includes(h) ? i : -1)).filter((i) => i >= 0);
    const cells = rows.map((r) => {
      const nums = dimCols.map((c) => r[c]).filter((v): v is number => typeof v === 'number');
      const sum = nums.reduce((s, v) => s + v, 0);
      const shown = r[cTotal];
      const calculated = nums.length === 0 ? shown === '' : typeof shown === 'number' && Math.abs(shown - sum) < 1e-9;
      return [calculated ? (total.formula as string) : shown] as (string | number | boolean)[];
    });
    sheet.getRange(blockAddress(t.firstRow, t.firstColumn + cTotal, rows.length, 1)).formulas = cells;
  }
  return () => {
    // The columns left and right of a 合计 written above.
    const parts = cTotal < 0 ? [[0, width]] : [[0, cTotal], [cTotal + 1, width]];
    for (const [c0, c1] of parts) {
      if (c1 <= c0) continue;
      const block = rows.map((r) => r.slice(c0, c1));
      const formats = queueTextFormats(sheet, t.firstRow, t.firstColumn + c0, block, c1 - c0);
      sheet.getRange(blockAddress(t.firstRow, t.firstColumn + c0, rows.length, c1 - c0)).values = toWrite(block, c1 - c0);
      // Score columns are never left formatted as text (a corrected 9 typed later must be a number).
      if (total) formats.after();
    }
  };
}

/** kp_Results' threshold colours, print area, distribution counts and 计算时间 line, as compute left them. */
function queueRestoreResultsSide(context: Excel.RequestContext, t: TableRead, a: ArchivedTable, archive: YearArchive, settings: { admonishThreshold: number; eligibleThreshold: number }): void {
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  const headers = t.headers.filter((h) => a.headers.includes(h) || !(COLUMNS.yearOverYear as readonly string[]).includes(h));
  const headerRow = t.firstRow - 1;
  const n = Math.max(1, a.rows.length);
  const cFinal = headers.indexOf('最终得分');
  if (cFinal >= 0 && hasData(a.rows)) queueFinalThresholds(sheet, headerRow, t.firstColumn + cFinal, n, settings.admonishThreshold, settings.eligibleThreshold);
  sheet.pageLayout.setPrintArea(blockAddress(headerRow, t.firstColumn, n + 1, headers.length));
  if (!archive.side) return;
  const cells = distributionCells(headerRow, t.firstColumn, headers);
  const counts = archive.side.counts.map((v) => norm(v) as string | number);
  sheet.getRange(cells.counts).values = cells.above ? [counts] : counts.map((v) => [v]);
  const stamp = sheet.getRange(cells.stamp);
  stamp.numberFormat = [['@']];
  stamp.values = [[norm(archive.side.stamp) as string | number]];
}

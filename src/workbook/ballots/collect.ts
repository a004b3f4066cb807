/**
 * Collecting returned ballot files (测评表回收) into the secretary's workbook: each file is matched by its hidden
 * identity (never its file name), checked with the same rules as a typed form (SPEC §3.4, the domain's
 * processRound over the ballot's own cells, so problems name the ballot's sheet and cell), then the accepted
 * files' forms are written in one batch. One read, one write: 2 syncs whatever the number of files.
 *
 * Verdicts: accepted (N forms written); rejected (a problem with its sheet and cell); duplicate (the same ballot
 * twice in one collection: identical → counted once, different → neither; or the workbook already holds this
 * evaluator's forms: identical → nothing written, different → not overwritten unless `replace`); stale (another
 * year, or the roster/rubric/entry mode changed since it was made); not_issued (its secret is not the one this
 * workbook recorded for that ballot when handing it out: another workbook's ballot, a forged or copied identity,
 * a file handed out again since); not_a_ballot. Nothing from a file that was not accepted is written.
 */
import type { BallotFileReport, CollectReport } from '../commandTypes';
export type { BallotFileReport, CollectReport };
import {
  ballotProblem,
  type BallotIdentity,
  type BallotProblem,
  type BallotProblemCode,
  type BallotVerdict,
} from '../../domain/ballotIdentity';
import { issuedHere, parseIssued, type IssuedBallot } from '../../domain/ballotIssue';
import { COLUMNS, TABLES } from '../../domain/contract';
import { newRoundTotals, processRound } from '../../domain/entries';
import { cellAddress, evaluatorKey, idKey, normalizeId, parseScore } from '../../domain/parse';
import { dimensionColumns } from '../../domain/rubric';
import { parseRoster } from '../../domain/roster';
import type { Language, RawCell, Round } from '../../domain/types';
import { BALLOT_FIRST_COLUMNS, expectedBallot, scoreHeader, type BallotRead } from './ballotFiles';
import { scoreCell, entryColumns, rowKey } from '../entry/forms';
import { planUpsert, queueUpsert } from '../tables/entryRows';
import { clearFiltersFirst } from '../tables/filters';
import { currentModel } from '../tables/model';
import { totalFormula } from '../tables/layout';
import { queueAdoptOutsideRows } from '../tables/outside';
import { pendingCommand, pendingMark } from '../tables/pending';
import { refuseProtected } from '../tables/protection';
import { col, readTables, type TablesRead } from '../tables/readTables';
import { parseState, queueBeginWrites, queueEndWrites } from '../tables/state';

export interface BallotFileInput {
  /** The file name, for the report only. */
  file: string;
  read: BallotRead;
}



export interface CollectOptions {
  /**
   * Replace forms the workbook already holds for an evaluator when the file's scores differ: true for every
   * file, or the file names the secretary chose. Default: never.
   */
  replace?: boolean | readonly string[];
}

interface Checked {
  report: BallotFileReport;
  identity?: BallotIdentity;
  /** Rows for the round's table (table column order), one per member; scores as the cells get them. */
  rows?: RawCell[][];
  /** memberKey → tenths per score column (for comparing copies). */
  scores?: Map<string, (number | string)[]>;
  signature?: string;
}

const NOT_SCORED = '／';

function headerText(v: unknown): string {
  return String(v ?? '').replace(/\s+/g, '');
}

/** Checks one file against the workbook as read (pure). */
function checkFile(read: TablesRead, issued: readonly IssuedBallot[], f: BallotFileInput, lang: Language): Checked {
  const report: BallotFileReport = { file: f.file, verdict: 'rejected', round: null, evaluator: null, forms: 0, problems: [] };
  const fail = (verdict: BallotVerdict, code: BallotProblemCode, at: { sheet?: string; cell?: string } = {}, params: Record<string, string | number> = {}): Checked => {
    report.verdict = verdict;
    report.problems.push(ballotProblem(lang, 'error', code, at, params));
    return { report };
  };
  const r = f.read;
  if (r.kind === 'not_a_workbook') return fail('not_a_ballot', 'not_a_workbook', {}, { detail: r.detail });
  if (r.kind === 'not_a_ballot') return fail('not_a_ballot', 'not_a_ballot');
  if (r.kind !== 'ballot') return fail('rejected', 'identity_changed');
  const id = r.identity;
  report.round = id.round;
  report.evaluator = id.evaluator;
  const { rubric, settings } = currentModel(read);
  if (id.year !== settings.year) return fail('stale', 'other_year', {}, { year: id.year, current: settings.year });
  // Only a ballot this workbook handed out, with the secret recorded for it (a re-issue voids the earlier one).
  if (!issuedHere(issued, id)) return fail('not_issued', 'not_issued', {}, { file: f.file });
  const t = read[id.round];
  if (!t.exists) return fail('rejected', 'table_missing', {}, { table: TABLES[id.round] });
  const exp = expectedBallot(read, id.round, id.evaluator, id.group);
  if (exp.fingerprint !== id.fingerprint || exp.mode !== id.mode) return fail('stale', 'member_list_changed');
  if (r.sheet === null) return fail('rejected', 'sheet_missing', {}, { sheet: id.sheet });
  const sheet = r.sheet;
  const h = id.headerRow;
  const v = (row1: number, col0: number): unknown => r.values[row1 - 1]?.[col0] ?? '';
  const fx = (row1: number, col0: number): unknown => r.formulas[row1 - 1]?.[col0] ?? '';
  // The header row must be as made: 序号, 党员编号, 姓名, then each score column.
  const total = id.mode === 'total';
  const cols = total ? [{ name: COLUMNS.total }] : dimensionColumns(rubric).filter((d) => exp.members.some((m) => m.dimensions.some((x) => x.name === d))).map((name) => ({ name }));
  const want = [
    ...BALLOT_FIRST_COLUMNS,
    ...cols.map((c) => scoreHeader(c.name, total ? [100] : exp.members.flatMap((m) => m.dimensions.filter((d) => d.name === c.name).map((d) => d.points)))),
  ];
  for (let c = 0; c < want.length; c++) {
    if (headerText(v(h, c)) !== headerText(want[c])) {
      return fail('rejected', 'header_changed', { sheet, cell: cellAddress(h, c) }, { want: want[c].replace(/\n/g, ''), value: String(v(h, c) ?? '') });
    }
  }
  const first = BALLOT_FIRST_COLUMNS.length;
  const width = want.length + (total ? 0 : 1);
  // Member rows: from under the header to the first blank row.
  const onBallot = new Map(exp.members.map((m, i) => [idKey(m.id), i]));
  const rowOf = new Map<number, number>();
  const problems: BallotProblem[] = [];
  for (let row = h + 1; ; row++) {
    const cells = Array.from({ length: width }, (_, c) => v(row, c));
    if (cells.every((x) => x === '' || x === null || x === undefined)) break;
    const idRaw = v(row, 1);
    const k = idKey(normalizeId(idRaw as RawCell));
    const i = onBallot.get(k);
    if (i === undefined) problems.push(ballotProblem(lang, 'error', 'row_added', { sheet, cell: cellAddress(row, 1) }, { value: String(idRaw ?? '') }));
    else if (rowOf.has(i)) problems.push(ballotProblem(lang, 'error', 'row_repeated', { sheet, cell: cellAddress(row, 1) }, { member: exp.members[i].id }));
    else rowOf.set(i, row);
    for (let c = first; c < first + cols.length; c++) {
      const f = fx(row, c);
      if (typeof f === 'string' && f.startsWith('=')) problems.push(ballotProblem(lang, 'error', 'formula_in_score', { sheet, cell: cellAddress(row, c) }, { value: f }));
    }
  }
  exp.members.forEach((m, i) => {
    if (!rowOf.has(i)) problems.push(ballotProblem(lang, 'error', 'row_missing', { sheet }, { member: m.id, name: m.name }));
  });
  // Every member scored: a row with no score at all is a member left out (the typed-form rules take the rest).
  for (const [i, row] of rowOf) {
    const m = exp.members[i];
    const any = cols.some((c, j) => m.dimensions.some((d) => d.name === c.name) && !(v(row, first + j) === '' || v(row, first + j) === null));
    if (!any) problems.push(ballotProblem(lang, 'error', 'member_not_scored', { sheet, cell: cellAddress(row, first) }, { member: m.id, name: m.name }));
  }
  // The typed-form rules of SPEC §3.4 over the ballot's own cells: a block laid over the ballot's columns
  // (评价人 in place of 序号), dimension columns the ballot lacks appended blank, "／" read as blank.
  const allDims = total ? [] : dimensionColumns(rubric);
  const extra = allDims.filter((d) => !cols.some((c) => c.name === d));
  const headers = [id.round === 'self' ? '序号' : '评价人', '党员编号', '姓名', ...cols.map((c) => c.name), ...(total ? [] : [COLUMNS.total]), ...extra];
  const ordered = [...rowOf.entries()].sort((a, b) => a[1] - b[1]);
  const blockRows: RawCell[][] = [];
  const firstRow = ordered.length > 0 ? ordered[0][1] : h + 1;
  // Rows in sheet order from the first member row, so the domain's cell addresses are the ballot's.
  const lastRow = ordered.length > 0 ? ordered[ordered.length - 1][1] : h;
  const memberAt = new Map(ordered.map(([i, row]) => [row, i]));
  for (let row = firstRow; row <= lastRow; row++) {
    if (!memberAt.has(row)) {
      blockRows.push(headers.map(() => ''));
      continue;
    }
    const cells: RawCell[] = headers.map((_, c) => {
      if (c === 0) return id.round === 'self' ? '' : id.evaluator;
      if (c >= width) return '';
      if (!total && c === width - 1) return '';
      const x = v(row, c);
      if (c >= first && x === NOT_SCORED) return '';
      return x === undefined ? '' : (x as RawCell);
    });
    blockRows.push(cells);
  }
  const out = processRound(id.round, { sheet, headers, rows: blockRows, firstRow, firstColumn: 0 }, id.mode, rubric, exp.roster, newRoundTotals(exp.roster.members.length), lang);
  for (const p of out.problems) {
    // A peer ballot by a member lists only others: self and other-group notices cannot arise from it.
    problems.push({ severity: p.severity, sheet: p.sheet, cell: p.cell, code: p.code, message: p.message });
  }
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  report.problems = problems;
  if (problems.some((p) => p.severity === 'error')) {
    report.verdict = 'rejected';
    return { report, identity: id };
  }
  // The forms as the round's table gets them.
  const c = entryColumns(t, id.round);
  const rows: RawCell[][] = [];
  const scores = new Map<string, (number | string)[]>();
  for (const [i, row] of ordered) {
    const m = exp.members[i];
    const out: RawCell[] = Array.from({ length: t.headers.length }, () => null);
    if (c.cEval >= 0) out[c.cEval] = id.evaluator;
    out[c.cId] = m.id;
    if (c.cName >= 0) out[c.cName] = m.name;
    const sc: (number | string)[] = [];
    cols.forEach((col0, j) => {
      const ci = col(t, col0.name);
      const has = m.dimensions.some((d) => d.name === col0.name);
      const raw = v(row, first + j);
      const cell = has ? scoreCell(raw === undefined || raw === null ? null : (raw as string | number)) : '';
      if (ci >= 0) out[ci] = cell;
      const p = parseScore(cell);
      sc.push(p.kind === 'number' ? p.tenths : '');
    });
    scores.set(idKey(m.id), sc);
    rows.push(out);
  }
  const signature = JSON.stringify([...scores.entries()].sort());
  report.verdict = 'accepted';
  return { report, identity: id, rows, scores, signature };
}

/** Collects the files into the workbook. 2 syncs (one read, one write), whatever the number of files. */
export async function collectBallots(context: Excel.RequestContext, files: BallotFileInput[], options: CollectOptions = {}): Promise<CollectReport> {
  const { read } = await readTables(context, ['settings', 'rubric', 'roster', 'self', 'peer', 'mass', 'state']);
  const { rubric, settings } = currentModel(read);
  const lang = settings.language;
  // A named ballot's evaluator by 编号 and 姓名 when the roster knows them; a ballot code (anonymous) as it is.
  let roster: ReturnType<typeof parseRoster> | null = null;
  const evaluatorName = (evaluator: string): string => {
    roster ??= parseRoster(read.roster, rubric, lang);
    const i = roster.byKey.get(idKey(normalizeId(evaluator)));
    return i === undefined ? evaluator : `${roster.members[i].id} ${roster.members[i].name}`;
  };
  const issued = parseIssued(parseState(read.state).ballots);
  const checked = files.map((f) => checkFile(read, issued, f, lang));
  const replaceAll = options.replace === true;
  const replaceSet = new Set(Array.isArray(options.replace) ? options.replace : []);
  // The same ballot more than once in this collection.
  const groups = new Map<string, Checked[]>();
  for (const ch of checked) {
    if (ch.report.verdict !== 'accepted' || !ch.identity) continue;
    const k = `${ch.identity.round}\u0001${evaluatorKey(ch.identity.evaluator)}`;
    groups.set(k, [...(groups.get(k) ?? []), ch]);
  }
  const winners: Checked[] = [];
  for (const list of groups.values()) {
    if (list.length === 1) {
      winners.push(list[0]);
      continue;
    }
    const same = list.every((x) => x.signature === list[0].signature);
    if (same) {
      winners.push(list[0]);
      for (const x of list.slice(1)) {
        x.report.verdict = 'duplicate';
        x.report.problems.push(ballotProblem(lang, 'warning', 'duplicate_same', {}, { other: list[0].report.file }));
      }
    } else {
      for (const x of list) {
        x.report.verdict = 'duplicate';
        const others = list.filter((y) => y !== x).map((y) => y.report.file).join('”“');
        x.report.problems.push(ballotProblem(lang, 'error', 'duplicate_different', {}, { other: others }));
      }
    }
  }
  // Forms the workbook already holds for the evaluator.
  const byRound = new Map<Round, RawCell[][]>();
  for (const w of winners) {
    const id = w.identity as BallotIdentity;
    const t = read[id.round];
    const c = entryColumns(t, id.round);
    const existing = new Map<string, { row: number; cells: RawCell[] }>();
    t.rows.forEach((row, i) => {
      const mid = normalizeId(row[c.cId] ?? '');
      if (mid === '') return;
      if (id.round !== 'self' && evaluatorKey(row[c.cEval] ?? '') !== evaluatorKey(id.evaluator)) return;
      const k = idKey(mid);
      if (!w.scores?.has(k) || existing.has(k)) return;
      existing.set(k, { row: t.firstRow + i, cells: row });
    });
    const scoreCols = id.mode === 'total' ? [COLUMNS.total] : dimensionColumns(rubric).filter((d) => [...(w.rows ?? [])].some((r) => r[col(t, d)] !== null && r[col(t, d)] !== undefined && col(t, d) >= 0));
    let differs: number | null = null;
    for (const [k, e] of existing) {
      const mine = w.rows?.find((r) => idKey(normalizeId(r[c.cId] ?? '')) === k) as RawCell[];
      const diff = scoreCols.some((d) => {
        const ci = col(t, d);
        const a = parseScore(mine[ci] ?? '');
        const b = parseScore(e.cells[ci] ?? '');
        return a.kind === 'number' && b.kind === 'number' ? a.tenths !== b.tenths : a.kind !== b.kind || (a.kind !== 'number' && String(mine[ci] ?? '') !== String(e.cells[ci] ?? ''));
      });
      if (diff && (differs === null || e.row < differs)) differs = e.row;
    }
    let rows = w.rows ?? [];
    if (differs !== null) {
      if (!(replaceAll || replaceSet.has(w.report.file))) {
        w.report.verdict = 'duplicate';
        w.report.problems.push(
          ballotProblem(lang, 'error', 'already_in_workbook', { sheet: t.sheet, cell: cellAddress(differs, t.firstColumn + c.cId) }, { evaluator: evaluatorName(id.evaluator) }),
        );
        continue;
      }
    } else if (existing.size > 0) {
      // Identical forms already there: only the members still missing are written.
      rows = rows.filter((r) => !existing.has(idKey(normalizeId(r[c.cId] ?? ''))));
      if (rows.length === 0) {
        w.report.verdict = 'duplicate';
        w.report.problems.push(ballotProblem(lang, 'warning', 'already_collected', {}));
        continue;
      }
    }
    w.report.forms = rows.length;
    byRound.set(id.round, [...(byRound.get(id.round) ?? []), ...rows]);
  }
  let written = 0;
  // A protected entry sheet: nothing is written and the secretary is told which sheet to unprotect (as saving a form).
  refuseProtected(read, [...byRound.keys()], lang);
  const notes = await clearFiltersFirst(context, [...byRound.keys()].map((r) => read[r]), lang);
  // Marked in kp_State while the rows are written (a batch stopped part-way is reported by check until collect
  // runs again; re-running with the same files writes only what is missing).
  const leave = byRound.size > 0 ? queueBeginWrites(context, read.state, pendingMark('collectBallots', [...byRound.keys()][0])) : null;
  for (const [round, rows] of byRound) {
    const t = read[round];
    queueAdoptOutsideRows(context, t);
    const c = entryColumns(t, round);
    const mode = settings.entryMode[round];
    const dims = dimensionColumns(rubric).filter((d) => col(t, d) >= 0);
    const formula = mode === 'dimensions' && c.cTotal >= 0 ? totalFormula(t.name, dims) : '';
    if (formula) for (const r of rows) r[c.cTotal] = formula;
    const plan = planUpsert(t, rows, rowKey(round, c));
    const textCols = new Set([c.cEval, c.cId, c.cName].filter((i) => i >= 0));
    const numberCols = new Set((mode === 'total' ? [c.cTotal] : dims.map((d) => col(t, d))).filter((i) => i >= 0));
    queueUpsert(context.workbook.worksheets.getItem(t.sheet), t, plan, { textCols, numberCols, formulaCols: new Set(formula ? [c.cTotal] : []) });
    written += rows.length;
  }
  if (written > 0) {
    queueEndWrites(context, read.state, leave);
    await context.sync();
  } else if (pendingCommand(read) === 'collectBallots') {
    // An earlier collect stopped after its rows were written: nothing is missing now, only its mark to clear.
    queueEndWrites(context, read.state, null);
    await context.sync();
  }
  return { files: checked.map((c) => c.report), written, ...(notes.length > 0 ? { notes } : {}) };
}

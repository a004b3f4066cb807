/**
 * Entry forms per evaluator (录入, SPEC §3.3): which members an evaluator scores, saving their rows as one upsert
 * (never a duplicate, other evaluators untouched, ≤ 2 syncs), and who has scored whom.
 */
import { ballotCode, ballotCodeNumber } from '../../domain/ballotIdentity';
import { parseIssued } from '../../domain/ballotIssue';
import { COLUMNS, SHEETS } from '../../domain/contract';
import { evaluate } from '../../domain';
import { evaluatorKey, idKey, normalizeId, normalizeName, parseScore, trimAll } from '../../domain/parse';
import { parseRoster, type Roster, type RosterMember } from '../../domain/roster';
import { dimensionColumns } from '../../domain/rubric';
import type { Language, RawCell, Round } from '../../domain/types';
import type { EntryForm, FormMember, FormRowInput, ProgressReport, SaveFormReport } from '../commandTypes';
import { planUpsert, queueUpsert } from '../tables/entryRows';
import { clearFiltersFirst } from '../tables/filters';
import { currentModel } from '../tables/model';
import { totalFormula } from '../tables/layout';
import { pendingMark } from '../tables/pending';
import { parseState, queueBeginWrites, queueEndWrites } from '../tables/state';
import { queueAdoptOutsideRows } from '../tables/outside';
import { refuseProtected } from '../tables/protection';
import { col, evaluationInput, readTables, type ReadKey, type TablesRead, type TableRead } from '../tables/readTables';

const MODEL_KEYS: ReadKey[] = ['settings', 'rubric', 'roster'];

export function rosterOf(read: TablesRead, lang: Language): Roster {
  const { rubric } = currentModel(read, lang);
  return parseRoster(read.roster, rubric, lang);
}

/** The evaluator as a roster member (named peer scoring), or undefined for a ballot code / representative. */
export function evaluatorMember(roster: Roster, evaluator: string): RosterMember | undefined {
  const idx = roster.byKey.get(idKey(normalizeId(evaluator)));
  return idx === undefined ? undefined : roster.members[idx];
}

/**
 * The members an evaluator scores: self → themself; peer by a member → the other members of their 党小组;
 * peer by a ballot code or mass → every non-exempt member (of `group` when given).
 */
export function formMembers(roster: Roster, round: Round, evaluator: string, group?: string): RosterMember[] {
  const active = roster.members.filter((m) => !m.exempt);
  const me = evaluatorMember(roster, evaluator);
  if (round === 'self') return me ? [me] : [];
  if (round === 'peer' && me) return active.filter((m) => m.group === me.group && m.key !== me.key);
  return group ? active.filter((m) => m.group === group) : active;
}

export function entryColumns(t: TableRead, round: Round) {
  const keyNames = round === 'self' ? COLUMNS.selfKeys : COLUMNS.peerKeys;
  return {
    cEval: round === 'self' ? -1 : col(t, keyNames[0]),
    cId: col(t, '党员编号'),
    cName: col(t, '姓名'),
    cTotal: col(t, COLUMNS.total),
  };
}

/** Upsert key of an entry row: evaluator (not for self) + member. null for a row with no member. */
export function rowKey(round: Round, c: ReturnType<typeof entryColumns>) {
  return (row: RawCell[]): string | null => {
    const id = normalizeId(row[c.cId] ?? '');
    if (id === '') return null;
    const ev = round === 'self' ? '' : evaluatorKey(row[c.cEval] ?? '');
    return `${ev}\u0001${idKey(id)}`;
  };
}

export function buildEntryForm(read: TablesRead, round: Round, evaluator: string, group?: string): EntryForm {
  const { rubric, settings } = currentModel(read);
  const roster = rosterOf(read, settings.language);
  const mode = settings.entryMode[round];
  const t = read[round];
  const c = entryColumns(t, round);
  const key = rowKey(round, c);
  const dims = dimensionColumns(rubric);
  const byKey = new Map<string, RawCell[]>();
  for (const r of t.rows) {
    const k = key(r);
    if (k !== null && !byKey.has(k)) byKey.set(k, r);
  }
  const ev = round === 'self' ? '' : evaluatorKey(evaluator);
  const members: FormMember[] = formMembers(roster, round, evaluator, group).map((m) => {
    const row = byKey.get(`${ev}\u0001${m.key}`);
    const dimensions =
      mode === 'total' ? [{ name: COLUMNS.total, points: 100 }] : m.category.dimensions.map((d) => ({ name: d.name, points: d.points }));
    const existing: Record<string, string | number | null> = {};
    if (row) {
      for (const d of dimensions) {
        const ci = col(t, d.name);
        const v = ci >= 0 ? row[ci] : null;
        existing[d.name] = v === '' || v === null || v === undefined || typeof v === 'boolean' ? null : v;
      }
    }
    return { id: m.id, name: m.name, group: m.group, category: m.category.category, dimensions, existing };
  });
  return { round, evaluator, mode, columns: mode === 'total' ? [COLUMNS.total] : dims, members };
}

export async function getEntryForm(context: Excel.RequestContext, round: Round, evaluator: string, group?: string): Promise<EntryForm> {
  const { read } = await readTables(context, [...MODEL_KEYS, round]);
  return buildEntryForm(read, round, evaluator, group);
}

/** A score as typed → what the cell gets: numbers as numbers, blanks blank, anything else kept as text for check. */
export function scoreCell(v: string | number | null | undefined): RawCell {
  if (v === null || v === undefined) return '';
  const p = parseScore(v);
  if (p.kind === 'blank') return '';
  if (p.kind === 'number') return p.tenths / 10;
  if (typeof v === 'number') return v;
  return trimAll(v);
}

export async function saveForm(context: Excel.RequestContext, round: Round, evaluator: string, rows: FormRowInput[]): Promise<SaveFormReport> {
  const { read } = await readTables(context);
  const { rubric, settings } = currentModel(read);
  const lang = settings.language;
  const roster = parseRoster(read.roster, rubric, lang);
  const t = read[round];
  if (!t.exists) throw new Error(`没有找到“${SHEETS[round]}”表，请先安装考评表。`);
  refuseProtected(read, [round], lang);
  // Rows typed below the table: the table is extended over them first, so updates and rows.add line up.
  queueAdoptOutsideRows(context, t);
  const c = entryColumns(t, round);
  const width = t.headers.length;
  const dims = dimensionColumns(rubric);
  const mode = settings.entryMode[round];
  const evText = round === 'self' ? '' : normalizeName(evaluator);
  const formula = mode === 'dimensions' && c.cTotal >= 0 ? totalFormula(t.name, dims.filter((d) => col(t, d) >= 0)) : '';
  // The last row given for a member wins (a form is saved once per member).
  const byMember = new Map<string, FormRowInput>();
  for (const r of rows) byMember.set(idKey(normalizeId(r.memberId)), r);
  const newRows: RawCell[][] = [];
  for (const input of byMember.values()) {
    const row: RawCell[] = Array.from({ length: width }, () => null);
    const idx = roster.byKey.get(idKey(normalizeId(input.memberId)));
    const member = idx === undefined ? undefined : roster.members[idx];
    if (c.cEval >= 0) row[c.cEval] = round === 'self' ? null : evText;
    row[c.cId] = member ? member.id : normalizeId(input.memberId);
    if (c.cName >= 0) row[c.cName] = member ? member.name : '';
    if (mode === 'total') {
      if (c.cTotal >= 0) row[c.cTotal] = scoreCell(input.scores[COLUMNS.total]);
    } else {
      for (const d of dims) {
        const ci = col(t, d);
        if (ci >= 0) row[ci] = scoreCell(input.scores[d]);
      }
      if (formula) row[c.cTotal] = formula;
    }
    newRows.push(row);
  }
  const plan = planUpsert(t, newRows, rowKey(round, c));
  const textCols = new Set([c.cEval, c.cId, c.cName].filter((i) => i >= 0));
  const numberCols = new Set(
    (mode === 'total' ? [c.cTotal] : dims.map((d) => col(t, d))).filter((i) => i >= 0),
  );
  const formulaCols = new Set(formula ? [c.cTotal] : []);
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  const notes = plan.inPlace.size > 0 || plan.append.length > 0 ? await clearFiltersFirst(context, [t], lang) : [];
  const leave = queueBeginWrites(context, read.state, pendingMark('saveForm', round));
  queueUpsert(sheet, t, plan, { textCols, numberCols, formulaCols });
  queueEndWrites(context, read.state, leave);
  await context.sync();
  // Problems of the rows just written: the domain checks the table as it now is (the formula column aside).
  const after = t.rows.map((r) => r.slice());
  const writtenRows = new Set<number>();
  for (const [i, r] of plan.inPlace) {
    after[i] = r.map((v, ci) => (v === null ? after[i][ci] : ci === c.cTotal && formula ? '' : v));
    writtenRows.add(t.firstRow + i);
  }
  plan.append.forEach((r, j) => {
    after.push(r.map((v, ci) => (v === null || (ci === c.cTotal && formula) ? '' : v)));
    writtenRows.add(t.firstRow + t.bodyRows + j);
  });
  const input = evaluationInput({ ...read, [round]: { ...t, rows: after } });
  const evaluation = evaluate(input, lang);
  const problems = evaluation.problems.filter((p) => p.sheet === t.sheet && writtenRows.has(Number(/\d+$/.exec(p.cell)?.[0] ?? 0)));
  return { written: newRows.length, updated: plan.updated, added: plan.added, problems, ...(notes.length > 0 ? { notes } : {}) };
}

export function buildProgress(read: TablesRead, round: Round): ProgressReport {
  const { settings } = currentModel(read);
  const roster = rosterOf(read, settings.language);
  const t = read[round];
  const c = entryColumns(t, round);
  const scored = new Map<string, { evaluator: string; ids: Set<string> }>();
  const membersWithForms = new Set<string>();
  let maxQ = 0;
  for (const r of t.rows) {
    const id = normalizeId(r[c.cId] ?? '');
    if (id === '') continue;
    const idx = roster.byKey.get(idKey(id));
    const memberId = idx === undefined ? id : roster.members[idx].id;
    membersWithForms.add(idKey(memberId));
    const evRaw = round === 'self' ? memberId : normalizeName(normalizeId(r[c.cEval] ?? ''));
    maxQ = Math.max(maxQ, ballotCodeNumber(evRaw));
    const k = evaluatorKey(evRaw);
    const e = scored.get(k) ?? { evaluator: evRaw, ids: new Set<string>() };
    e.ids.add(memberId);
    scored.set(k, e);
  }
  const evaluators = [...scored.values()].map((e) => {
    const me = evaluatorMember(roster, e.evaluator);
    const should = formMembers(roster, round, e.evaluator).map((m) => m.id);
    return {
      evaluator: e.evaluator,
      name: me ? me.name : '',
      scored: [...e.ids],
      missing: should.filter((id) => !e.ids.has(id)),
    };
  });
  // Members who should evaluate (self, named peer) but have not yet appear with everything missing.
  if (round !== 'mass') {
    for (const m of roster.members) {
      if (m.exempt || scored.has(evaluatorKey(m.id))) continue;
      if (round === 'peer' && t.rows.some((r) => c.cEval >= 0 && r[c.cEval] !== '' && evaluatorMember(roster, String(r[c.cEval])) === undefined)) continue;
      evaluators.push({ evaluator: m.id, name: m.name, scored: [], missing: formMembers(roster, round, m.id).map((x) => x.id) });
    }
  }
  const membersWithoutForms = roster.members.filter((m) => !m.exempt && !membersWithForms.has(m.key)).map((m) => m.id);
  // Codes on ballot files handed out this year are taken too (a typed paper ballot must not reuse one).
  if (read.state?.exists) {
    for (const b of parseIssued(parseState(read.state).ballots)) if (b.round === round && b.year === settings.year) maxQ = Math.max(maxQ, ballotCodeNumber(b.evaluator));
  }
  const nextBallotCode = ballotCode(maxQ + 1);
  return { round, evaluators, membersWithoutForms, nextBallotCode };
}

export async function getProgress(context: Excel.RequestContext, round: Round): Promise<ProgressReport> {
  const { read } = await readTables(context, [...MODEL_KEYS, round, 'state']);
  return buildProgress(read, round);
}

/**
 * One round's entry table (kp_Self, kp_Peer, kp_Mass): every row is a form; each cell is parsed once into
 * integer tenths; valid form totals are accumulated per member (sum, count, max, min for trimming).
 * The treatment of each kind of bad input is SPEC §3.4's table.
 */
import { COLUMNS } from './contract';
import { message } from './texts/messages';
import {
  evaluatorKey, idKey, isBlank, normalizeId, normalizeName, parseScoreFast, parsed, rawText, tenthsText,
  P_BLANK, P_ERROR_VALUE, P_NUMBER, P_TEXT_NUMBER, P_TOO_MANY_DECIMALS,
} from './parse';
import type { Roster, RosterMember } from './roster';
import { dimensionColumns, pointsTenths, type Rubric } from './rubric';
import type { EntryMode } from './settings';
import { bodyCell, detail, findColumn, headerCell, isBlankRow, makeProblem } from './table';
import type { Language, Problem, ProblemCode, RawCell, Round, Severity, TableBlock } from './types';

/** Per-member accumulators of one round's valid form totals (tenths). */
export interface RoundTotals {
  sum: Float64Array;
  count: Int32Array;
  max: Float64Array;
  min: Float64Array;
}

export function newRoundTotals(n: number): RoundTotals {
  return { sum: new Float64Array(n), count: new Int32Array(n), max: new Float64Array(n).fill(-Infinity), min: new Float64Array(n).fill(Infinity) };
}

/** A resolved 党员编号 cell. idx ≥ 0: roster member; -1 unknown; -2 a roster row that could not be scored. */
interface IdResolution {
  idx: number;
  id: string;
  canonical: boolean;
}

export function resolveId(raw: RawCell, roster: Roster, cache: Map<RawCell, IdResolution>): IdResolution {
  let r = cache.get(raw);
  if (r) return r;
  const id = normalizeId(raw);
  const key = idKey(id);
  const idx = roster.byKey.get(key);
  if (idx !== undefined) r = { idx, id, canonical: roster.members[idx].id === id };
  else r = { idx: roster.rejected.has(key) ? -2 : -1, id, canonical: true };
  cache.set(raw, r);
  return r;
}

interface Evaluator {
  key: string;
  num: number;
  /** Roster index when the evaluator is a member's 编号, else -1 (a ballot code or a name). */
  member: number;
}

interface CategoryColumns {
  cols: number[];
  points: number[];
  names: string[];
  /** Table dimension columns the category lacks: must be blank. */
  otherCols: number[];
  otherNames: string[];
}

interface Pending {
  row: number;
  col: number;
  problem: Problem;
}

export interface RoundOutcome {
  problems: Problem[];
  forms: number;
}

/**
 * Processes one entry table into `totals`. Problems come back in row order.
 */
export function processRound(
  round: Round,
  block: TableBlock,
  mode: EntryMode,
  rubric: Rubric,
  roster: Roster,
  totals: RoundTotals,
  lang: Language,
): RoundOutcome {
  const sheet = block.sheet;
  const pending: Pending[] = [];
  const add = (row: number, col: number, severity: Severity, code: ProblemCode, params: Record<string, string | number>, memberId?: string) =>
    pending.push({ row, col, problem: makeProblem(lang, severity, sheet, bodyCell(block, row, col), code, params, memberId) });

  const hasEvaluator = round !== 'self';
  const cId = findColumn(block, '党员编号');
  const cEval = hasEvaluator ? findColumn(block, '评价人') : -1;
  const cName = findColumn(block, '姓名');
  const cTotal = findColumn(block, COLUMNS.total);
  const dims = dimensionColumns(rubric);
  const dimCol = new Map<string, number>();
  const missingCols: string[] = [];
  if (cId < 0) missingCols.push('党员编号');
  if (hasEvaluator && cEval < 0) missingCols.push('评价人');
  if (mode === 'total') {
    if (cTotal < 0) missingCols.push(COLUMNS.total);
  } else {
    for (const d of dims) {
      const c = findColumn(block, d);
      if (c < 0) missingCols.push(d);
      else dimCol.set(d, c);
    }
  }
  if (missingCols.length > 0) {
    return {
      problems: missingCols.map((column) =>
        makeProblem(lang, 'error', sheet, headerCell(block), 'missing_column', { column, effect: detail(lang, 'effect.table') })),
      forms: 0,
    };
  }

  const catCols: CategoryColumns[] = rubric.categories.map((c) => {
    const names = c.dimensions.map((d) => d.name);
    const own = new Set(names);
    const others = dims.filter((d) => !own.has(d));
    return {
      cols: names.map((n) => dimCol.get(n)!),
      points: c.dimensions.map((d) => pointsTenths(d.points)),
      names,
      otherCols: others.map((n) => dimCol.get(n)!),
      otherNames: others,
    };
  });
  const totalName = message(lang, 'total');

  const rows = block.rows;
  const n = rows.length;
  const formMember = new Int32Array(n).fill(-1);
  const formTotal = new Float64Array(n);
  const formOk = new Uint8Array(n);
  // Evaluators are interned as small integers (0 = none) so double entries are found with numeric keys.
  const formEval = new Int32Array(n);
  const idCache = new Map<RawCell, IdResolution>();
  const evalCache = new Map<RawCell, Evaluator>();
  const evalByKey = new Map<string, Evaluator>();
  const members = roster.members;

  // One closure for all rows (no per-row allocation): `cur` is the member of the row being read.
  let cur: RosterMember = roster.members[0];
  function checkCell(raw: RawCell, max: number, rowI: number, col: number, what: string): number {
    const code = parseScoreFast(raw);
    if (code === P_NUMBER || code === P_TEXT_NUMBER) {
      const t = parsed.tenths;
      if (code === P_TEXT_NUMBER) add(rowI, col, 'warning', 'number_as_text', { what, value: rawText(raw), number: tenthsText(t) }, cur.id);
      if (t < 0 || t > max) {
        add(rowI, col, 'error', 'out_of_range', { what, value: tenthsText(t), max: tenthsText(max) }, cur.id);
        return -2;
      }
      return t;
    }
    if (code === P_BLANK) return -1;
    const problemCode: ProblemCode =
      code === P_ERROR_VALUE ? 'error_value' : code === P_TOO_MANY_DECIMALS ? 'too_many_decimals' : 'not_a_number';
    add(rowI, col, 'error', problemCode, { what, value: rawText(raw) }, cur.id);
    return -2;
  }

  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const idRaw = row[cId];
    if (isBlank(idRaw)) {
      if (!isBlankRow(row)) add(i, cId, 'error', 'missing_member_id', {});
      continue;
    }
    const res = resolveId(idRaw, roster, idCache);
    if (res.idx === -1) {
      add(i, cId, 'error', 'unknown_member', { value: rawText(idRaw) });
      continue;
    }
    if (res.idx === -2) continue; // the roster row's own error explains it
    const m: RosterMember = members[res.idx];
    cur = m;
    if (!res.canonical) add(i, cId, 'warning', 'id_not_canonical', { value: rawText(idRaw), id: m.id }, m.id);
    if (cName >= 0) {
      const nameRaw = row[cName];
      if (nameRaw !== m.name && !isBlank(nameRaw) && normalizeName(nameRaw) !== m.name)
        add(i, cName, 'warning', 'name_mismatch', { value: rawText(nameRaw), id: m.id, name: m.name }, m.id);
    }
    if (m.exempt) {
      add(i, cId, 'warning', 'exempt_member_scored', { member: `${m.id} ${m.name}` }, m.id);
      continue;
    }
    let ok = true;
    // Self forms: the evaluator is the member (numbered after all possible evaluator numbers).
    let evNum = n + 1 + res.idx;
    if (hasEvaluator) {
      const evRaw = row[cEval];
      if (isBlank(evRaw)) {
        add(i, cEval, 'error', 'missing_evaluator', {}, m.id);
        ok = false;
        evNum = 0;
      } else {
        let ev = evalCache.get(evRaw);
        if (ev === undefined) {
          const key = evaluatorKey(evRaw);
          ev = evalByKey.get(key);
          if (!ev) {
            ev = { key, num: evalByKey.size + 1, member: roster.byKey.get(key) ?? -1 };
            evalByKey.set(key, ev);
          }
          evalCache.set(evRaw, ev);
        }
        evNum = ev.num;
        if (round === 'peer') {
          if (ev.member === res.idx) {
            add(i, cEval, 'warning', 'self_peer', { member: `${m.id} ${m.name}` }, m.id);
            continue;
          }
          const evIdx = ev.member;
          if (evIdx >= 0 && members[evIdx].group !== m.group) {
            const ev = members[evIdx];
            add(i, cEval, 'warning', 'other_group_peer', {
              evaluator: `${ev.id} ${ev.name}`, evaluatorGroup: ev.group, member: `${m.id} ${m.name}`, group: m.group,
            }, m.id);
          }
        }
      }
    }
    let total = 0;
    if (mode === 'total') {
      const r = checkCell(row[cTotal], 1000, i, cTotal, totalName);
      if (r === -1) {
        ok = false;
        add(i, cTotal, 'error', 'incomplete_form', { member: `${m.id} ${m.name}`, dims: totalName }, m.id);
      } else if (r === -2) ok = false;
      else total = r;
    } else {
      const cc = catCols[m.categoryIndex];
      let blanks: string[] | null = null;
      let firstBlank = -1;
      const cols = cc.cols;
      const pts = cc.points;
      for (let d = 0; d < cols.length; d++) {
        const raw = row[cols[d]];
        // Fast path for the common case: a one-decimal number in range.
        if (typeof raw === 'number') {
          const t = Math.round(raw * 10);
          if (t / 10 === raw && t >= 0 && t <= pts[d]) {
            total += t;
            continue;
          }
        }
        const r = checkCell(raw, pts[d], i, cols[d], cc.names[d]);
        if (r >= 0) total += r;
        else if (r === -1) {
          (blanks ??= []).push(cc.names[d]);
          if (firstBlank < 0) firstBlank = cc.cols[d];
        } else ok = false;
      }
      for (let d = 0; d < cc.otherCols.length; d++) {
        const raw = row[cc.otherCols[d]];
        if (!isBlank(raw)) {
          ok = false;
          add(i, cc.otherCols[d], 'error', 'dimension_not_in_category', { member: `${m.id} ${m.name}`, category: m.category.category, what: cc.otherNames[d] }, m.id);
        }
      }
      if (blanks) {
        ok = false;
        add(i, firstBlank, 'error', 'incomplete_form', { member: `${m.id} ${m.name}`, dims: blanks.join(detail(lang, 'list.sep')) }, m.id);
      }
    }
    formMember[i] = res.idx;
    formEval[i] = evNum;
    formTotal[i] = total;
    formOk[i] = ok ? 1 : 0;

  }

  // Double entry: the same evaluator and member twice — every copy is an error, none is counted.
  // Bucket the forms by member (counting sort), then spot repeated evaluators per member with stamp arrays.
  const nm = members.length;
  const start = new Int32Array(nm + 1);
  for (let i = 0; i < n; i++) if (formMember[i] >= 0 && formEval[i] !== 0) start[formMember[i] + 1]++;
  for (let k = 0; k < nm; k++) start[k + 1] += start[k];
  const fill = start.slice(0, nm);
  const order = new Int32Array(start[nm]);
  for (let i = 0; i < n; i++) if (formMember[i] >= 0 && formEval[i] !== 0) order[fill[formMember[i]]++] = i;
  const evalSlots = n + nm + 2;
  const seenStamp = new Int32Array(evalSlots);
  const seenRow = new Int32Array(evalSlots);
  const groups = new Map<number, number[]>();
  for (let k = 0; k < nm; k++) {
    for (let j = start[k]; j < start[k + 1]; j++) {
      const i = order[j];
      const e = formEval[i];
      if (seenStamp[e] !== k + 1) {
        seenStamp[e] = k + 1;
        seenRow[e] = i;
        continue;
      }
      const key = e * nm + k;
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [seenRow[e], i]);
    }
  }
  for (const g of groups.values()) {
    const rowsText = g.map((r) => block.firstRow + r).join(detail(lang, 'list.sep'));
    for (const r of g) {
      formOk[r] = 0;
      const m = members[formMember[r]];
      // A roster member is named (编号 and 姓名); a ballot code (Q01) or an outside name stays as typed.
      const evIdx = hasEvaluator ? (evalCache.get(rows[r][cEval])?.member ?? -1) : -1;
      const evaluator = !hasEvaluator ? `${m.id} ${m.name}` : evIdx >= 0 ? `${members[evIdx].id} ${members[evIdx].name}` : rawText(rows[r][cEval]);
      add(r, hasEvaluator ? cEval : cId, 'error', 'duplicate_form', { evaluator, member: `${m.id} ${m.name}`, rows: rowsText }, m.id);
    }
  }

  let forms = 0;
  const { sum, count, max, min } = totals;
  for (let i = 0; i < n; i++) {
    if (!formOk[i]) continue;
    const idx = formMember[i];
    const t = formTotal[i];
    sum[idx] += t;
    count[idx]++;
    if (t > max[idx]) max[idx] = t;
    if (t < min[idx]) min[idx] = t;
    forms++;
  }
  pending.sort((a, b) => a.row - b.row || a.col - b.col);
  return { problems: pending.map((p) => p.problem), forms };
}

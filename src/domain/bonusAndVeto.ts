/** kp_Bonus (加分项) and kp_Review (支部审定, 一票否决). */
import { isBlank, normalizeName, parseScoreFast, parseYesNo, parsed, rawText, tenthsText,
  P_BLANK, P_NUMBER, P_TEXT_NUMBER, P_TOO_MANY_DECIMALS } from './parse';
import { resolveId } from './entries';
import type { Roster } from './roster';
import { bodyCell, detail, findColumn, headerCell, isBlankRow, makeProblem } from './table';
import type { Language, Problem, RawCell } from './types';
import type { TableBlock } from './types';

export interface BonusOutcome {
  /** Positive and negative tenths per member, before the cap. */
  plus: Float64Array;
  minus: Float64Array;
  problems: Problem[];
  /** The counted items, in table order: roster index and row index in the block (for the score sheets). */
  counted: { member: number; row: number }[];
}

type Cache = Map<RawCell, { idx: number; id: string; canonical: boolean }>;

/** Resolves the 党员编号 of a bonus/review row; returns the member index or -1 (problem added when due). */
function memberOfRow(block: TableBlock, i: number, cId: number, cName: number, roster: Roster, cache: Cache,
  problems: Problem[], lang: Language): number {
  const row = block.rows[i];
  const sheet = block.sheet;
  if (isBlank(row[cId])) {
    problems.push(makeProblem(lang, 'error', sheet, bodyCell(block, i, cId), 'missing_member_id', {}));
    return -1;
  }
  const res = resolveId(row[cId], roster, cache);
  if (res.idx === -1)
    problems.push(makeProblem(lang, 'error', sheet, bodyCell(block, i, cId), 'unknown_member', { value: rawText(row[cId]) }));
  if (res.idx < 0) return -1;
  const m = roster.members[res.idx];
  if (!res.canonical)
    problems.push(makeProblem(lang, 'warning', sheet, bodyCell(block, i, cId), 'id_not_canonical', { value: rawText(row[cId]), id: m.id }, m.id));
  if (cName >= 0 && !isBlank(row[cName]) && normalizeName(row[cName]) !== m.name)
    problems.push(makeProblem(lang, 'warning', sheet, bodyCell(block, i, cName), 'name_mismatch',
      { value: rawText(row[cName]), id: m.id, name: m.name }, m.id));
  return res.idx;
}

function missingColumns(block: TableBlock, required: string[], lang: Language): Problem[] {
  return required
    .filter((c) => findColumn(block, c) < 0)
    .map((column) => makeProblem(lang, 'error', block.sheet, headerCell(block), 'missing_column', { column, effect: detail(lang, 'effect.table') }));
}

/** Bonus items: points > 0 with at most one decimal (negative = deduction, only where allowed). */
export function processBonus(block: TableBlock, roster: Roster, allowDeductions: boolean, lang: Language): BonusOutcome {
  const n = roster.members.length;
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const counted: { member: number; row: number }[] = [];
  const problems = missingColumns(block, ['党员编号', '分值'], lang);
  if (problems.length > 0) return { plus, minus, problems, counted };
  const cId = findColumn(block, '党员编号');
  const cName = findColumn(block, '姓名');
  const cPts = findColumn(block, '分值');
  const cache: Cache = new Map();
  block.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const idx = memberOfRow(block, i, cId, cName, roster, cache, problems, lang);
    if (idx < 0) return;
    const m = roster.members[idx];
    const cell = bodyCell(block, i, cPts);
    const code = parseScoreFast(row[cPts]);
    if (code === P_TOO_MANY_DECIMALS) {
      problems.push(makeProblem(lang, 'error', block.sheet, cell, 'bonus_too_many_decimals', { value: rawText(row[cPts]) }, m.id));
      return;
    }
    if (code !== P_NUMBER && code !== P_TEXT_NUMBER) {
      const value = code === P_BLANK ? detail(lang, 'setting.none') : rawText(row[cPts]);
      problems.push(makeProblem(lang, 'error', block.sheet, cell, 'bonus_not_a_number', { value }, m.id));
      return;
    }
    const t = parsed.tenths;
    if (code === P_TEXT_NUMBER)
      problems.push(makeProblem(lang, 'warning', block.sheet, cell, 'number_as_text',
        { what: detail(lang, 'bonus.points'), value: rawText(row[cPts]), number: tenthsText(t) }, m.id));
    if (t === 0 || (t < 0 && !allowDeductions)) {
      problems.push(makeProblem(lang, 'error', block.sheet, cell, 'bonus_not_positive', { value: tenthsText(t) }, m.id));
      return;
    }
    if (t > 0) plus[idx] += t;
    else minus[idx] += t;
    counted.push({ member: idx, row: i });
  });
  return { plus, minus, problems, counted };
}

export interface ReviewOutcome {
  veto: Uint8Array;
  /** Members whose veto cell was not understood (treated as yes). */
  unclear: Uint8Array;
  problems: Problem[];
}

/** 一票否决: 是/否/blank; anything else is an error and counts as yes until fixed. */
export function processReview(block: TableBlock, roster: Roster, lang: Language): ReviewOutcome {
  const n = roster.members.length;
  const veto = new Uint8Array(n);
  const unclear = new Uint8Array(n);
  const problems = missingColumns(block, ['党员编号', '一票否决'], lang);
  if (problems.length > 0) return { veto, unclear, problems };
  const cId = findColumn(block, '党员编号');
  const cName = findColumn(block, '姓名');
  const cVeto = findColumn(block, '一票否决');
  const cache: Cache = new Map();
  block.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const idx = memberOfRow(block, i, cId, cName, roster, cache, problems, lang);
    if (idx < 0) return;
    const v = parseYesNo(row[cVeto]);
    if (v === 'invalid') {
      veto[idx] = 1;
      unclear[idx] = 1;
      problems.push(makeProblem(lang, 'error', block.sheet, bodyCell(block, i, cVeto), 'veto_unrecognised',
        { value: rawText(row[cVeto]) }, roster.members[idx].id));
    } else if (v === true) veto[idx] = 1;
  });
  return { veto, unclear, problems };
}


/**
 * Input parsing of raw cell values (SPEC §3.4): scores as exact integer tenths, yes/no cells, names, 编号.
 * Numbers are decided from their decimal representation, never by float arithmetic.
 */
import type { RawCell } from './types';

export type ScoreParse =
  | { kind: 'blank' }
  | { kind: 'number'; tenths: number; fromText: boolean }
  | { kind: 'not_a_number' }
  | { kind: 'error_value' }
  | { kind: 'too_many_decimals' };

/** Codes of the allocation-free parser used in the hot loop (see parseScoreFast). */
export const P_BLANK = 0;
export const P_NUMBER = 1;
export const P_TEXT_NUMBER = 2;
export const P_NOT_A_NUMBER = 3;
export const P_ERROR_VALUE = 4;
export const P_TOO_MANY_DECIMALS = 5;

/** The tenths of the last P_NUMBER / P_TEXT_NUMBER result of parseScoreFast (an object: cheap across modules). */
export const parsed = { tenths: 0 };

const ERROR_VALUE =
  /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!|TIMEOUT!)$/i;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Full-width ASCII (！..～) → half-width, ideographic space → space, 。 stays as is. */
export function toHalfWidth(s: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000 || c === 0xa0) {
      out += ' ';
      changed = true;
    } else out += s[i];
  }
  return changed ? out : s;
}

/** Trim including ideographic and no-break spaces. */
export function trimAll(s: string): string {
  return s.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g, '');
}

function isSpaceCode(c: number): boolean {
  return c <= 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x85 || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}

export function isBlank(raw: RawCell | undefined): boolean {
  if (raw === null || raw === undefined || raw === '') return true;
  if (typeof raw !== 'string') return false;
  // Fast path: a string starting with a non-space character is not blank.
  if (!isSpaceCode(raw.charCodeAt(0))) return false;
  return trimAll(raw) === '';
}

/**
 * Decimal text → tenths, or -1 marker via return code. Returns P_NUMBER with parsed.tenths set, or
 * P_TOO_MANY_DECIMALS / P_NOT_A_NUMBER.
 */
function decimalToTenths(text: string): number {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return P_NOT_A_NUMBER;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 1) return P_TOO_MANY_DECIMALS;
  const whole = m[2] === '' ? 0 : Number(m[2]);
  const t = whole * 10 + (frac === '' ? 0 : frac.charCodeAt(0) - 48);
  parsed.tenths = m[1] === '-' && t !== 0 ? -t : t;
  return P_NUMBER;
}

/** Shortest round-trip text of a double, normalised to Excel's 15 significant digits (13.799999999999999 → 13.8). */
export function numberText(v: number): string {
  let s = String(v);
  if (/e/i.test(s)) s = v.toFixed(20);
  const digits = s.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (digits.length > 15) {
    s = v.toPrecision(15);
    if (/e/i.test(s)) s = Number(s).toFixed(20);
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  return s;
}

/**
 * Allocation-free score parser for the hot loop: returns a P_* code; for numbers the value is in
 * `parsed.tenths`. Numbers are exact when their decimal text has at most one decimal.
 */
export function parseScoreFast(raw: RawCell | undefined): number {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return P_NOT_A_NUMBER;
    const r = Math.round(raw * 10);
    // r / 10 is the double nearest to the one-decimal number r/10: equal means the cell holds exactly that.
    if (r / 10 === raw) {
      parsed.tenths = r === 0 ? 0 : r;
      return P_NUMBER;
    }
    return decimalToTenths(numberText(raw));
  }
  if (raw === null || raw === undefined || raw === '') return P_BLANK;
  if (typeof raw === 'boolean') return P_NOT_A_NUMBER;
  const t = trimAll(raw);
  if (t === '') return P_BLANK;
  if (t.charCodeAt(0) === 35 /* # */ && ERROR_VALUE.test(t)) return P_ERROR_VALUE;
  const code = decimalToTenths(toHalfWidth(t).replace(/\s+/g, ''));
  return code === P_NUMBER ? P_TEXT_NUMBER : code;
}

/** Parses a score cell (SPEC §3.4). */
export function parseScore(raw: RawCell): ScoreParse {
  switch (parseScoreFast(raw)) {
    case P_BLANK:
      return { kind: 'blank' };
    case P_NUMBER:
      return { kind: 'number', tenths: parsed.tenths, fromText: false };
    case P_TEXT_NUMBER:
      return { kind: 'number', tenths: parsed.tenths, fromText: true };
    case P_ERROR_VALUE:
      return { kind: 'error_value' };
    case P_TOO_MANY_DECIMALS:
      return { kind: 'too_many_decimals' };
    default:
      return { kind: 'not_a_number' };
  }
}

const YES = new Set(['是', 'Y', 'YES', '1', 'TRUE']);
const NO = new Set(['否', 'N', 'NO', '0', 'FALSE']);

/** 是/否 cells: true, false, null for blank, 'invalid' for anything else. */
export function parseYesNo(raw: RawCell | undefined): boolean | null | 'invalid' {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : 'invalid';
  if (isBlank(raw)) return null;
  const t = trimAll(toHalfWidth(String(raw))).toUpperCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return 'invalid';
}

const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_NEAR_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'g');

/** Names: trimmed, full-width spaces normalised, spaces next to Chinese characters removed ('张　三' → '张三'). */
export function normalizeName(s: RawCell | undefined): string {
  if (s === null || s === undefined) return '';
  const t = trimAll(String(s).replace(/[\u3000\u00a0]/g, ' '));
  return t.replace(SPACE_NEAR_CJK, '').replace(/\s+/g, ' ');
}

/** Canonical 编号 text: trimmed, full-width → half-width; a number 1 → "1". */
export function normalizeId(raw: RawCell | undefined): string {
  if (raw === null || raw === undefined || typeof raw === 'boolean') return raw ? String(raw) : '';
  if (typeof raw === 'number') return numberText(raw);
  return trimAll(toHalfWidth(raw)).replace(/\s+/g, ' ');
}

/** Matching key of an 编号: all-digit ids lose their leading zeros ("001" and "1" match); case-insensitive. */
export function idKey(id: string): string {
  if (/^\d+$/.test(id)) {
    const k = id.replace(/^0+/, '');
    return k === '' ? '0' : k;
  }
  return id.toUpperCase();
}

/** Matching key of an evaluator (评价人): an 编号, a ballot code or a name. */
export function evaluatorKey(raw: RawCell | undefined): string {
  return idKey(normalizeName(normalizeId(raw)));
}

/** Column letters of a 0-based column index (0 → "A", 26 → "AA"). */
export function columnLetter(col0: number): string {
  let n = col0 + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address from a 1-based row and 0-based column ("E7"). */
export function cellAddress(row1: number, col0: number): string {
  return columnLetter(col0) + row1;
}

/** Tenths → display text ("9.5", "16", "-1"). */
export function tenthsText(t: number): string {
  const neg = t < 0;
  const a = Math.abs(t);
  const s = a % 10 === 0 ? String(a / 10) : `${Math.floor(a / 10)}.${a % 10}`;
  return neg ? '-' + s : s;
}

/** A raw cell as the user sees it, for messages. */
export function rawText(raw: RawCell | undefined): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') return numberText(raw);
  return String(raw);
}

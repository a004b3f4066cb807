/**
 * Ballots handed out (分发记录) and the rule that a returned ballot counts only when this workbook handed it out.
 * Pure, except `newBallotSecret`, which asks the platform's cryptographic random source.
 *
 * Every ballot file handed out carries a secret (防伪码: 128 random bits as 32 hex digits) on its very hidden
 * identity sheet; the secretary's workbook records it in kp_State, one line per ballot: year, round, evaluator
 * (a roster 编号 or a ballot code), 党小组, label (the evaluator's name on a named ballot; '' for a code), the date
 * handed out, the secret, and whether a later re-issue made it void. A code's line never names a person.
 *
 * The secret identifies a ballot, not a person: everything else in a ballot's identity can be computed from the
 * open source and what a ballot shows, so without it anyone holding one ballot could make another evaluator's.
 */
import { evaluatorKey } from './parse';
import type { Round } from './types';

/** Bytes of randomness in a ballot secret (128 bits). */
export const SECRET_BYTES = 16;

export interface IssuedBallot {
  year: number;
  round: Round;
  evaluator: string;
  group: string;
  label: string;
  /** Date handed out (YYYY-MM-DD); '' on a line recorded before secrets existed. */
  date: string;
  /** The ballot's secret (32 hex digits); '' on a line recorded before secrets existed. */
  secret: string;
  /** True once the ballot was handed out again (a lost file): its secret no longer counts. */
  void: boolean;
}

const ROUND_SET = new Set(['self', 'peer', 'mass']);
const HEX = /^[0-9a-f]{32}$/;

/** A kp_State 'ballots' line (tab-separated text). */
export function issuedLine(b: IssuedBallot): string {
  return [b.year, b.round, b.evaluator, b.group, b.label, b.date, b.secret, b.void ? 'void' : '']
    .map((v) => String(v).replace(/[\t\n]/g, ' '))
    .join('\t');
}

/** Lines back to ballots; a line of the first version (five fields, no secret) reads with date and secret ''. */
export function parseIssued(lines: readonly string[]): IssuedBallot[] {
  const out: IssuedBallot[] = [];
  for (const l of lines) {
    const p = l.split('\t');
    if (p.length < 5 || !ROUND_SET.has(p[1])) continue;
    const [year, round, evaluator, group, label, date = '', secret = '', state = ''] = p;
    out.push({ year: Number(year), round: round as Round, evaluator, group, label, date, secret, void: state === 'void' });
  }
  return out;
}

/** Which ballot a line is: one evaluator (编号 or code) of one round of one year. */
function ballotKey(b: { year: number; round: Round; evaluator: string }): string {
  return `${b.year}\u0001${b.round}\u0001${evaluatorKey(b.evaluator)}`;
}

/**
 * The lines after handing out `fresh`. Handed out again on purpose (`reissue`: a lost file), a ballot's earlier
 * lines become void and the lost file's secret stops counting; otherwise (the same named ballots made once more)
 * the earlier files still count too — they went to the same evaluators, and two of them returned are one
 * evaluator's duplicate. The same line twice is kept once.
 */
export function recordIssued(existing: readonly IssuedBallot[], fresh: readonly IssuedBallot[], reissue: boolean): IssuedBallot[] {
  const again = new Set(reissue ? fresh.map(ballotKey) : []);
  const voided = existing.map((b) => (!b.void && again.has(ballotKey(b)) ? { ...b, void: true } : b));
  const seen = new Set(voided.map(issuedLine));
  return [...voided, ...fresh.filter((b) => !seen.has(issuedLine(b)))];
}

/** The ballots that count now for an evaluator of a round (not void), last handed out last. */
export function currentIssues(issued: readonly IssuedBallot[], year: number, round: Round, evaluator: string): IssuedBallot[] {
  const k = ballotKey({ year, round, evaluator });
  return issued.filter((b) => !b.void && ballotKey(b) === k);
}

/** The ballot handed out last for an evaluator of a round that still counts, or undefined. */
export function currentIssue(issued: readonly IssuedBallot[], year: number, round: Round, evaluator: string): IssuedBallot | undefined {
  return currentIssues(issued, year, round, evaluator).pop();
}

/** Equal secrets, compared in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Whether a returned ballot is one this workbook handed out and that still counts: its secret equals the one
 * recorded for its year, round, evaluator and 党小组, and no re-issue made that void. A line recorded before
 * secrets existed (no secret) accepts only a ballot of that version (no secret either).
 */
export function issuedHere(
  issued: readonly IssuedBallot[],
  ballot: { year: number; round: Round; evaluator: string; group: string; secret: string },
): boolean {
  let ok = false;
  for (const b of currentIssues(issued, ballot.year, ballot.round, ballot.evaluator)) {
    if (b.group !== ballot.group) continue;
    // Every line is compared (no early exit), so the time taken does not tell which one matched.
    if (b.secret === '' ? ballot.secret === '' : HEX.test(ballot.secret) && sameSecret(ballot.secret, b.secret)) ok = true;
  }
  return ok;
}

/** A fresh ballot secret from the platform's cryptographic random source (Node ≥ 20, browsers, Office). */
export function newBallotSecret(random: { getRandomValues(array: Uint8Array): Uint8Array } | undefined = globalThis.crypto): string {
  if (!random || typeof random.getRandomValues !== 'function') {
    throw new Error('此环境没有密码学安全的随机数（crypto.getRandomValues），无法生成测评表防伪码。');
  }
  const bytes = random.getRandomValues(new Uint8Array(SECRET_BYTES));
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
}

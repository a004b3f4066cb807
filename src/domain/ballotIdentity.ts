/**
 * Ballot files (测评表分发与回收): the hidden identity a ballot file carries, its seal and the member-list
 * fingerprint, ballot codes, file names, and the ballot-level problems (their words: texts/ballots.ts). Pure: no
 * Office, no DOM.
 *
 * The identity is a list of 项目/值 rows on a very hidden sheet of the ballot file (`kp_Ballot`). Collection
 * recomputes the seal (a hash of every identity value: an edited identity no longer matches) and the fingerprint
 * (year, round, entry mode, evaluator, group and each member's 编号 with the dimensions and points they are scored
 * on: a ballot made before the roster or the rubric changed no longer matches). The seal is a check against
 * accidental or naive edits, not a cryptographic signature: what makes a ballot count is its secret (防伪码),
 * random and recorded in the secretary's workbook when handed out (ballotIssue.ts).
 */
import { idKey } from './parse';
import { ballotMessage } from './texts/ballots';
import type { BallotProblemCode, Language, Round, Severity } from './types';

export const BALLOT_FORMAT = 'kaoping-ballot/1';
/** The very hidden sheet of a ballot file that holds its identity. */
export const BALLOT_ID_SHEET = 'kp_Ballot';
/** The score sheet of a ballot file. */
export const BALLOT_SCORE_SHEET = '测评表';
/** The rubric sheet of a ballot file (目标要求 per dimension). */
export const BALLOT_RUBRIC_SHEET = '评分标准';

export interface BallotMember {
  id: string;
  name: string;
  group: string;
  category: string;
  /** Dimensions this member is scored on ({ 合计: 100 } in total-only entry). */
  dimensions: { name: string; points: number }[];
}

export interface BallotIdentity {
  format: string;
  year: number;
  branch: string;
  round: Round;
  /** A roster 编号 (self, named peer) or a ballot code (Q07): a mass or anonymous ballot carries no name. */
  evaluator: string;
  /** The 党小组 an anonymous peer ballot covers ('' when none). */
  group: string;
  mode: 'dimensions' | 'total';
  /** 编号 of the members on the ballot, in order. */
  members: string[];
  fingerprint: string;
  /** The score sheet's name and the 1-based row of its header. */
  sheet: string;
  headerRow: number;
  seal: string;
  /**
   * The ballot's secret (防伪码, ballotIssue.ts): random, recorded in the secretary's workbook when handed out;
   * '' in a ballot made before secrets existed. Not part of the seal (it is checked against the record instead).
   */
  secret: string;
}

/** Labels of the identity rows (项目), in order. */
const FIELDS: [keyof BallotIdentity, string][] = [
  ['format', '格式'],
  ['year', '年度'],
  ['branch', '党支部'],
  ['round', '轮次'],
  ['evaluator', '评价人'],
  ['group', '党小组'],
  ['mode', '录入方式'],
  ['members', '被评党员'],
  ['fingerprint', '名单指纹'],
  ['sheet', '工作表'],
  ['headerRow', '表头行'],
  ['seal', '校验码'],
  ['secret', '防伪码'],
];

/** Fields the seal covers: all but the seal and the secret. */
const SEALED = FIELDS.filter(([k]) => k !== 'seal' && k !== 'secret');

/** A 53-bit string hash (cyrb53) as 14 hex digits. Stable across platforms. */
export function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The member-list fingerprint: what the ballot asks, not how names are spelled. */
export function ballotFingerprint(
  year: number,
  round: Round,
  mode: 'dimensions' | 'total',
  evaluator: string,
  group: string,
  members: readonly Pick<BallotMember, 'id' | 'dimensions'>[],
): string {
  const parts = [String(year), round, mode, idKey(evaluator), group];
  for (const m of members) parts.push(`${idKey(m.id)}:${m.dimensions.map((d) => `${d.name}=${d.points}`).join(',')}`);
  return hash53(parts.join('\u0001'));
}

function sealOf(id: Omit<BallotIdentity, 'seal' | 'secret'>): string {
  return hash53(
    SEALED.map(([k]) => (k === 'members' ? id.members.join(',') : String(id[k as Exclude<keyof BallotIdentity, 'seal' | 'secret'>])))
      .join('\u0001'),
    0x6b70,
  );
}

export function makeIdentity(id: Omit<BallotIdentity, 'seal' | 'format'>): BallotIdentity {
  const full = { format: BALLOT_FORMAT, ...id };
  return { ...full, seal: sealOf(full) };
}

/** The identity as 项目/值 rows (all text). */
export function identityRows(id: BallotIdentity): string[][] {
  return [['项目', '值'], ...FIELDS.map(([k, label]) => [label, k === 'members' ? id.members.join(',') : String(id[k])])];
}

export type IdentityParse =
  | { ok: true; identity: BallotIdentity }
  | { ok: false; reason: 'not_a_ballot' | 'identity_changed'; detail: string };

/** Reads identity rows (项目/值) back; checks the format and the seal. */
export function parseIdentity(rows: readonly (readonly unknown[])[]): IdentityParse {
  const map = new Map<string, string>();
  for (const r of rows) {
    const k = r[0] === null || r[0] === undefined ? '' : String(r[0]).trim();
    if (k) map.set(k, r[1] === null || r[1] === undefined ? '' : String(r[1]));
  }
  if ((map.get('格式') ?? '') !== BALLOT_FORMAT) {
    return { ok: false, reason: map.has('格式') ? 'identity_changed' : 'not_a_ballot', detail: map.get('格式') ?? '' };
  }
  const get = (label: string) => map.get(label) ?? '';
  const round = get('轮次');
  const mode = get('录入方式');
  const id: BallotIdentity = {
    format: BALLOT_FORMAT,
    year: Number(get('年度')),
    branch: get('党支部'),
    round: round as Round,
    evaluator: get('评价人'),
    group: get('党小组'),
    mode: mode as BallotIdentity['mode'],
    members: get('被评党员') === '' ? [] : get('被评党员').split(','),
    fingerprint: get('名单指纹'),
    sheet: get('工作表'),
    headerRow: Number(get('表头行')),
    seal: get('校验码'),
    secret: get('防伪码').trim(),
  };
  const { seal, secret: _secret, ...rest } = id;
  const wellFormed =
    ['self', 'peer', 'mass'].includes(round) && ['dimensions', 'total'].includes(mode) && Number.isInteger(id.year) && Number.isInteger(id.headerRow) && id.evaluator !== '';
  if (!wellFormed || sealOf(rest) !== seal) return { ok: false, reason: 'identity_changed', detail: '' };
  return { ok: true, identity: id };
}

/** Ballot codes Q01, Q02, … (at least two digits). */
export function ballotCode(n: number): string {
  return `Q${String(n).padStart(2, '0')}`;
}

/** The number of a ballot code (Q07 → 7), or 0 when it is not one. */
export function ballotCodeNumber(s: string): number {
  const m = /^Q(\d+)$/i.exec(s.trim());
  return m ? Number(m[1]) : 0;
}

const FILE_ROUND: Record<Round, string> = { self: '自评', peer: '互评', mass: '群众参评' };

/** A file-name part without characters Windows, macOS or a phone refuse. */
function safe(part: string): string {
  const cleaned = [...part].map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
  return cleaned.replace(/\s+/g, '').slice(0, 40);
}

/** 2026-互评-第一党小组-张伟.xlsx, 2026-群众参评-Q07.xlsx, 2026-自评-第一党小组-张伟.xlsx. */
export function ballotFileName(year: number, round: Round, parts: readonly string[]): string {
  return [String(year), FILE_ROUND[round], ...parts.filter((p) => p !== '').map(safe)].join('-') + '.xlsx';
}

// ---- verdicts and ballot-level problems ---------------------------------------------------------------------

// The types live in types.ts and the words in texts/ballots.ts; exported here too for the commands and the pane.
export type { BallotProblemCode, BallotVerdict } from './types';
export { BALLOT_PROBLEM_CODES, verdictText } from './texts/ballots';

export interface BallotProblem {
  severity: Severity;
  /** The sheet of the ballot file ('' for the file as a whole). */
  sheet: string;
  cell: string;
  code: string;
  message: string;
}

export function ballotProblem(
  lang: Language,
  severity: Severity,
  code: BallotProblemCode,
  at: { sheet?: string; cell?: string },
  params: Record<string, string | number> = {},
): BallotProblem {
  const sheet = at.sheet ?? '';
  const cell = at.cell ?? '';
  return { severity, sheet, cell, code, message: ballotMessage(lang, code, { sheet, cell, ...params }) };
}


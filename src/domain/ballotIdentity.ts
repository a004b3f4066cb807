/**
 * Ballot files (测评表分发与回收): the hidden identity a ballot file carries, its seal and the member-list
 * fingerprint, ballot codes, file names, and the ballot-level problem messages. Pure: no Office, no DOM.
 *
 * The identity is a list of 项目/值 rows on a very hidden sheet of the ballot file (`kp_Ballot`). Collection
 * recomputes the seal (a hash of every identity value: an edited identity no longer matches) and the fingerprint
 * (year, round, entry mode, evaluator, group and each member's 编号 with the dimensions and points they are scored
 * on: a ballot made before the roster or the rubric changed no longer matches). The seal is a check against
 * accidental or naive edits, not a cryptographic signature: what makes a ballot count is its secret (防伪码),
 * random and recorded in the secretary's workbook when handed out (ballotIssue.ts).
 */
import { idKey } from './parse';
import type { Language, Round, Severity } from './types';

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

export type BallotVerdict = 'accepted' | 'rejected' | 'duplicate' | 'stale' | 'not_issued' | 'not_a_ballot';

export type BallotProblemCode =
  | 'not_a_workbook'
  | 'not_a_ballot'
  | 'identity_changed'
  | 'not_issued'
  | 'other_year'
  | 'member_list_changed'
  | 'table_missing'
  | 'sheet_missing'
  | 'header_changed'
  | 'row_missing'
  | 'row_added'
  | 'row_repeated'
  | 'member_not_scored'
  | 'formula_in_score'
  | 'duplicate_same'
  | 'duplicate_different'
  | 'already_collected'
  | 'already_in_workbook';

export interface BallotProblem {
  severity: Severity;
  /** The sheet of the ballot file ('' for the file as a whole). */
  sheet: string;
  cell: string;
  code: string;
  message: string;
}

type Msg = (p: Record<string, string | number>) => string;
const MESSAGES: Record<BallotProblemCode, { 'zh-CN': Msg; 'en-US': Msg }> = {
  not_a_workbook: {
    'zh-CN': (p) =>
      p.detail === 'empty_zip'
        ? '压缩包中没有 .xlsx 文件。'
        : p.detail === 'broken'
          ? '文件无法作为 Excel 工作簿打开（可能已损坏，或只下载了一部分），请让评价人重新发送。'
          : '不是 Excel 工作簿（.xlsx）：文件内容是别的格式（可能是 .csv、.xls、.et 或其他文件改了扩展名），请另存为 .xlsx 后再交回。',
    'en-US': (p) =>
      p.detail === 'empty_zip'
        ? 'The .zip holds no .xlsx file.'
        : p.detail === 'broken'
          ? 'The file cannot be opened as an Excel workbook (damaged, or only partly downloaded); ask for it again.'
          : 'Not an Excel workbook (.xlsx): the content is another format (a .csv, .xls or .et renamed?); save it as .xlsx and send it again.',
  },
  not_a_ballot: {
    'zh-CN': () => '这是一个工作簿，但不是考评分发的测评表（没有测评表身份信息）。',
    'en-US': () => 'A workbook, but not a ballot made by Kaoping (it has no ballot identity).',
  },
  identity_changed: {
    'zh-CN': () => '测评表的身份信息被改动过（校验码不符），无法确认是哪一份测评表，未合并。请重新分发此人的测评表。',
    'en-US': () => "The ballot's identity was changed (its check code does not match); it is not merged. Hand out a new ballot.",
  },
  not_issued: {
    'zh-CN': (p) => `“${p.file}”：这份测评表不是本工作簿分发的，或身份信息被改动过（防伪码与分发记录不符，或已重新分发），未合并。`,
    'en-US': (p) => `"${p.file}": this ballot was not handed out by this workbook, or its identity was changed (its secret does not match the record, or it was handed out again). Not merged.`,
  },
  other_year: {
    'zh-CN': (p) => `这是 ${p.year} 年度的测评表，工作簿为 ${p.current} 年度，未合并。`,
    'en-US': (p) => `This is a ballot of ${p.year}; the workbook is for ${p.current}. Not merged.`,
  },
  member_list_changed: {
    'zh-CN': () => '分发后党员名册、考评细则或录入方式有变化，此测评表的被评党员或分值与现在不符，未合并。请重新分发。',
    'en-US': () => 'The roster, the rubric or the entry mode changed after this ballot was made; its members or points no longer match. Not merged; hand out a new ballot.',
  },
  table_missing: {
    'zh-CN': (p) => `工作簿中没有表格 ${p.table}，请先安装考评表。`,
    'en-US': (p) => `The workbook has no table ${p.table}; install first.`,
  },
  sheet_missing: {
    'zh-CN': (p) => `测评表文件中找不到工作表“${p.sheet}”。`,
    'en-US': (p) => `The ballot file has no sheet "${p.sheet}".`,
  },
  header_changed: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：表头应为“${p.want}”，现在是“${p.value}”（行列被改动），未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: the header should be "${p.want}" but is "${p.value}" (rows or columns were changed). Not merged.`,
  },
  row_missing: {
    'zh-CN': (p) => `工作表“${p.sheet}”：党员 ${p.member}（${p.name}）的一行被删除了，未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}": the row of member ${p.member} (${p.name}) was deleted. Not merged.`,
  },
  row_added: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：多出一行（党员编号“${p.value}”不在这份测评表的名单中），未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: an added row (member 编号 "${p.value}" is not on this ballot). Not merged.`,
  },
  row_repeated: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：党员 ${p.member} 出现了两次，未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: member ${p.member} appears twice. Not merged.`,
  },
  member_not_scored: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：党员 ${p.member}（${p.name}）没有打分，未合并。请评价人补填后再交回。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: member ${p.member} (${p.name}) was not scored. Not merged; ask the evaluator to complete it.`,
  },
  formula_in_score: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：分数是公式“${p.value}”，请直接填写数字，未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: the score is the formula "${p.value}"; type the number itself. Not merged.`,
  },
  duplicate_same: {
    'zh-CN': (p) => `与“${p.other}”是同一份测评表，内容相同，只计一次。`,
    'en-US': (p) => `The same ballot as "${p.other}" with the same scores; counted once.`,
  },
  duplicate_different: {
    'zh-CN': (p) => `与“${p.other}”是同一份测评表，但分数不同，两份都未合并，请核实后只交回其中一份。`,
    'en-US': (p) => `The same ballot as "${p.other}" but with different scores; neither is merged. Check which one is right and collect only that one.`,
  },
  already_collected: {
    'zh-CN': () => '这份测评表已回收过，工作簿中的分数与它相同，未重复计入。',
    'en-US': () => 'This ballot was collected before and the workbook holds the same scores; not counted again.',
  },
  already_in_workbook: {
    'zh-CN': (p) => `工作簿“${p.sheet}”中已有评价人 ${p.evaluator} 的测评表（${p.cell} 起），与此文件的分数不同，未覆盖。如确认以此文件为准，请选择“替换”。`,
    'en-US': (p) => `Sheet "${p.sheet}" already holds forms by evaluator ${p.evaluator} (from ${p.cell}) with different scores; not overwritten. To take this file instead, choose Replace.`,
  },
};

/** Every ballot problem code (for the test that reads all user texts). */
export const BALLOT_PROBLEM_CODES = Object.keys(MESSAGES) as BallotProblemCode[];

export function ballotProblem(
  lang: Language,
  severity: Severity,
  code: BallotProblemCode,
  at: { sheet?: string; cell?: string },
  params: Record<string, string | number> = {},
): BallotProblem {
  const sheet = at.sheet ?? '';
  const cell = at.cell ?? '';
  const l = lang === 'en-US' ? 'en-US' : 'zh-CN';
  return { severity, sheet, cell, code, message: MESSAGES[code][l]({ sheet, cell, ...params }) };
}

/** Verdict words for report lines. */
export function verdictText(lang: Language, v: BallotVerdict, forms: number): string {
  if (lang === 'en-US') {
    return { accepted: `accepted (${forms} score row${forms === 1 ? '' : 's'})`, rejected: 'rejected', duplicate: 'duplicate', stale: 'stale', not_issued: 'not handed out here', not_a_ballot: 'not a ballot' }[v];
  }
  return { accepted: `已接收（${forms} 条评分）`, rejected: '拒收', duplicate: '重复', stale: '已过期', not_issued: '非本簿分发', not_a_ballot: '不是测评表' }[v];
}

/**
 * Ballot files (测评表分发): which ballots a round hands out (one per evaluator: a roster member, or an anonymous
 * ballot code), the ballot workbook itself written through the Excel API (run on a fresh headless workbook), and
 * reading a returned ballot workbook back. The merge into the secretary's workbook is collect.ts.
 *
 * A ballot workbook: sheet 测评表 (title, evaluator or code, instruction line, header, one row per member with an
 * unlocked, validated score cell per dimension, 合计 as a formula, date line; protected without a password;
 * A4 landscape), sheet 评分标准 (the rubric's dimensions, points and 目标要求 for the members on it), and the very
 * hidden sheet kp_Ballot with the identity (domain/ballot.ts).
 */
import type { BallotOptions, BallotsOut } from '../commandTypes';
export type { BallotOptions, BallotsOut };
import {
  BALLOT_ID_SHEET,
  BALLOT_RUBRIC_SHEET,
  BALLOT_SCORE_SHEET,
  ballotCode,
  ballotCodeNumber,
  ballotFileName,
  ballotFingerprint,
  identityRows,
  makeIdentity,
  parseIdentity,
  type BallotIdentity,
  type BallotMember,
} from '../../domain/ballotIdentity';
import { currentIssue, issuedLine, newBallotSecret, parseIssued, recordIssued, type IssuedBallot } from '../../domain/ballotIssue';
import { COLUMNS } from '../../domain/contract';
import { evaluatorKey, idKey, normalizeId } from '../../domain/parse';
import type { Roster } from '../../domain/roster';
import type { CategoryRubric, Rubric } from '../../domain/rubric';
import { dimensionColumns } from '../../domain/rubric';
import type { Language, Round } from '../../domain/types';
import { blockAddress, columnLetter } from '../tables/a1';
import { entryColumns, formMembers, rosterOf } from '../entry/forms';
import { currentModel } from '../tables/model';
import { refuseProtected } from '../tables/protection';
import { ALL_KEYS, readTables, type TablesRead } from '../tables/readTables';
import { parseState, queueWriteState, stateUsable, takenIfStateLost } from '../tables/state';


/** Everything one ballot file shows and carries. */
export interface BallotSpec {
  fileName: string;
  identity: BallotIdentity;
  branch: string;
  year: number;
  round: Round;
  language: Language;
  /** What the ballot says about its evaluator: "张伟（第一党小组）", or the code for an anonymous ballot. */
  evaluatorLabel: string;
  anonymous: boolean;
  /** Score columns (dimension names, or 合计 in total-only entry), in rubric order. */
  columns: { name: string; points: number }[];
  members: BallotMember[];
  /** The rubric of the categories on the ballot, for the 评分标准 sheet. */
  rubric: CategoryRubric[];
  /** The day it is handed out (YYYY-MM-DD), recorded with its secret. */
  issuedOn: string;
  /** Handed out again on purpose (a lost file): recording it makes the earlier files of this ballot void. */
  reissue: boolean;
}

/** A date as YYYY-MM-DD (local time). */
function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What the secretary's workbook records of a ballot handed out: no name for a code. */
export function issuedOf(spec: BallotSpec): IssuedBallot {
  return {
    year: spec.year,
    round: spec.round,
    evaluator: spec.identity.evaluator,
    group: spec.identity.group,
    label: spec.anonymous ? '' : spec.evaluatorLabel,
    date: spec.issuedOn,
    secret: spec.identity.secret,
    void: false,
  };
}

export const BALLOT_HEADER_ROW = 4;
export const BALLOT_FIRST_COLUMNS = ['序号', '党员编号', '姓名'] as const;

const ROUND_TITLE: Record<Round, string> = { self: '党员自评', peer: '党员互评', mass: '群众参评' };

/** Header text of a score column: "理想信念\n(10分)" (points of every member on the ballot, "10/15" when they differ). */
export function scoreHeader(name: string, points: number[]): string {
  return `${name}\n(${[...new Set(points)].sort((a, b) => a - b).join('/')}分)`;
}

/** A member's dimensions as the entry form gives them (mode decides). */
function memberDims(mode: 'dimensions' | 'total', category: CategoryRubric): { name: string; points: number }[] {
  return mode === 'total' ? [{ name: COLUMNS.total, points: 100 }] : category.dimensions.map((d) => ({ name: d.name, points: d.points }));
}

/** The score columns of a ballot: the union of its members' dimensions in rubric order. */
function ballotColumns(rubric: Rubric, mode: 'dimensions' | 'total', members: BallotMember[]): { name: string; points: number }[] {
  if (mode === 'total') return [{ name: COLUMNS.total, points: 100 }];
  const points = new Map<string, number>();
  for (const m of members) for (const d of m.dimensions) points.set(d.name, Math.max(points.get(d.name) ?? 0, d.points));
  return dimensionColumns(rubric).filter((d) => points.has(d)).map((d) => ({ name: d, points: points.get(d) as number }));
}

/** The expected ballot of an evaluator now: its members (with dimensions) and fingerprint. */
export function expectedBallot(
  read: TablesRead,
  round: Round,
  evaluator: string,
  group: string,
): { members: BallotMember[]; fingerprint: string; mode: 'dimensions' | 'total'; roster: Roster; year: number } {
  const { settings } = currentModel(read);
  const roster = rosterOf(read, settings.language);
  const mode = settings.entryMode[round];
  const members = formMembers(roster, round, evaluator, group || undefined).map((m) => ({
    id: m.id,
    name: m.name,
    group: m.group,
    category: m.category.category,
    dimensions: memberDims(mode, m.category),
  }));
  return { members, fingerprint: ballotFingerprint(settings.year, round, mode, evaluator, group, members), mode, roster, year: settings.year };
}

/** The ballots of a round, over the tables read; each gets a fresh secret (nothing is recorded here). */
export function planBallots(read: TablesRead, round: Round, options: BallotOptions = {}, now: Date = new Date()): { specs: BallotSpec[]; problems: string[] } {
  const { rubric, settings } = currentModel(read);
  const lang = settings.language;
  const roster = rosterOf(read, lang);
  const problems: string[] = [];
  const groups = [...new Set(roster.members.filter((m) => !m.exempt).map((m) => m.group))];
  if (options.group !== undefined && !groups.includes(options.group)) {
    problems.push(`党员名册中没有党小组“${options.group}”（现有：${groups.filter(Boolean).join('、') || '无'}）。`);
    return { specs: [], problems };
  }
  const codes = options.codes ?? 0;
  const reissue = (options.reissue ?? []).map((e) => normalizeId(e)).filter((e) => e !== '');
  if (reissue.length > 0 && codes > 0) problems.push('重新分发时不能同时给出新的份数：重新分发的测评表沿用原来的编号。');
  if (round === 'mass' && codes <= 0 && reissue.length === 0) problems.push('群众参评是匿名的：请给出要分发的测评表份数（如 20 份）。');
  if (round === 'self' && codes > 0) problems.push('党员自评按党员本人分发，不能按份数分发匿名测评表。');
  if (problems.length > 0) return { specs: [], problems };
  const used = new Set<number>();
  // Codes already in the round's table or handed out this year are not used again.
  const t = read[round];
  if (t.exists && round !== 'self') {
    const c = entryColumns(t, round);
    for (const r of t.rows) used.add(ballotCodeNumber(normalizeId(r[c.cEval] ?? '')));
  }
  const issued = parseIssued(parseState(read.state).ballots);
  for (const b of issued) if (b.year === settings.year && b.round === round) used.add(ballotCodeNumber(b.evaluator));
  let next = Math.max(0, ...used) + 1;
  const specs: BallotSpec[] = [];
  const rubricOf = (members: BallotMember[]) => rubric.categories.filter((c) => members.some((m) => m.category === c.category));
  const make = (evaluator: string, group: string, label: string, nameParts: string[], anonymous: boolean) => {
    const exp = expectedBallot(read, round, evaluator, group);
    if (exp.members.length === 0) return;
    const identity = makeIdentity({
      year: settings.year,
      branch: settings.branch,
      round,
      evaluator,
      group,
      mode: exp.mode,
      members: exp.members.map((m) => m.id),
      fingerprint: exp.fingerprint,
      sheet: BALLOT_SCORE_SHEET,
      headerRow: BALLOT_HEADER_ROW,
      secret: newBallotSecret(),
    });
    specs.push({
      fileName: ballotFileName(settings.year, round, nameParts),
      identity,
      branch: settings.branch,
      year: settings.year,
      round,
      language: lang,
      evaluatorLabel: label,
      anonymous,
      columns: ballotColumns(rubric, exp.mode, exp.members),
      members: exp.members,
      rubric: rubricOf(exp.members),
      issuedOn: isoDay(now),
      reissue: reissue.length > 0,
    });
  };
  const named = (m: Roster['members'][number]) => {
    const label = round === 'self' ? `${m.name}（${m.id}）` : `${m.name}（${m.group || '未分党小组'}）`;
    make(m.id, '', label, [m.group, m.name], false);
  };
  if (reissue.length > 0) {
    // The ballots named, handed out again as they were (same code or member, same 党小组), each with a new secret.
    for (const e of reissue) {
      const was = currentIssue(issued, settings.year, round, e);
      const member = roster.members.find((m) => idKey(m.id) === idKey(e));
      if (!was) problems.push(`${ROUND_TITLE[round]}测评表“${e}”在 ${settings.year} 年度没有分发过，无法重新分发（请核对编号）。`);
      else if (was.label !== '' && !member) problems.push(`党员 ${e} 已不在党员名册中，无法重新分发其测评表。`);
      else if (was.label !== '' && member) named(member);
      else make(was.evaluator, was.group, was.evaluator, [was.group, was.evaluator], true);
    }
    if (problems.length > 0) return { specs: [], problems };
  } else if (codes > 0) {
    const targets = round === 'mass' ? [options.group ?? ''] : options.group !== undefined ? [options.group] : groups;
    for (const g of targets) {
      for (let i = 0; i < codes; i++) {
        const code = ballotCode(next++);
        make(code, g, code, [g, code], true);
      }
    }
  } else {
    for (const m of roster.members) {
      if (m.exempt || (options.group !== undefined && m.group !== options.group)) continue;
      named(m);
    }
  }
  // Two members of one name in one 党小组: their file names get the 编号.
  const seen = new Map<string, number>();
  for (const s of specs) seen.set(s.fileName, (seen.get(s.fileName) ?? 0) + 1);
  for (const s of specs) if ((seen.get(s.fileName) ?? 0) > 1) s.fileName = s.fileName.replace(/\.xlsx$/, `-${s.identity.evaluator}.xlsx`);
  return { specs, problems };
}

const NOT_RECORDED = '无法记录分发情况：工作簿的隐藏表 kp_State 缺失或被改动过，请先运行“安装/修复”，再分发测评表（未记录的测评表无法回收）。';

/**
 * Queues recording ballots as handed out in kp_State (their secrets, with round, evaluator or code, 党小组 and
 * date; a code's line names nobody). A ballot handed out again makes its earlier line void. Returns a problem
 * when kp_State cannot take the record (then nothing may be handed out: an unrecorded ballot is never accepted).
 */
function queueRecord(context: Excel.RequestContext, read: TablesRead, sheetNames: string[], fresh: readonly IssuedBallot[], reissued: readonly IssuedBallot[] = []): string | null {
  const taken = takenIfStateLost(read, sheetNames);
  if (!stateUsable(read.state) && !taken) return NOT_RECORDED;
  refuseProtected(read, ['state'], currentModel(read).settings.language);
  const state = parseState(read.state);
  const made = recordIssued(parseIssued(state.ballots), fresh, false);
  const all = recordIssued(made, reissued, true).map(issuedLine);
  // Lines this version cannot read are kept as they were.
  const unreadable = state.ballots.filter((l) => parseIssued([l]).length === 0);
  queueWriteState(context, read.state, { ...state, ballots: [...unreadable, ...all] }, taken);
  return null;
}

/**
 * Plans a round's ballots in the secretary's workbook and records them as handed out (kp_State: the secrets the
 * files carry), so collecting accepts exactly these and progress shows which are not back yet. One read, one
 * write. `record = false` only plans (the pane records after the files were made: recordBallots).
 */
export async function issueBallots(context: Excel.RequestContext, round: Round, options: BallotOptions = {}, record = true): Promise<{ specs: BallotSpec[]; problems: string[] }> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const planned = planBallots(read, round, options);
  if (record && planned.specs.length > 0) {
    const problem = queueRecord(context, read, sheets.items.map((s) => s.name), planned.specs.filter((s) => !s.reissue).map(issuedOf), planned.specs.filter((s) => s.reissue).map(issuedOf));
    if (problem) return { specs: [], problems: [problem] };
    await context.sync();
  }
  return planned;
}

/** Records ballots planned earlier (issueBallots with record = false) as handed out. One read, one write. */
export async function recordBallots(context: Excel.RequestContext, specs: BallotSpec[]): Promise<{ problems: string[] }> {
  if (specs.length === 0) return { problems: [] };
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const problem = queueRecord(context, read, sheets.items.map((s) => s.name), specs.filter((s) => !s.reissue).map(issuedOf), specs.filter((s) => s.reissue).map(issuedOf));
  if (problem) return { problems: [problem] };
  await context.sync();
  return { problems: [] };
}

/**
 * Records ballots as handed out once the secretary confirmed the files reached them (a download may not have
 * happened): the lines makeBallotFiles planned, secrets included. A line already recorded is not repeated.
 * Returns how many were added; kp_State unable to take the record is an error (nothing handed out counts then).
 * One read, one write.
 */
export async function recordBallotsOut(context: Excel.RequestContext, issued: readonly IssuedBallot[]): Promise<number> {
  if (issued.length === 0) return 0;
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const before = new Set(parseState(read.state).ballots);
  const problem = queueRecord(context, read, sheets.items.map((s) => s.name), issued);
  if (problem) throw new Error(problem);
  await context.sync();
  return issued.filter((b) => !before.has(issuedLine(b))).length;
}


/** Ballots handed out this year and whether forms by their evaluator are in the workbook. One read. */
export async function getBallotsOut(context: Excel.RequestContext): Promise<BallotsOut[]> {
  const { read } = await readTables(context, ['settings', 'rubric', 'roster', 'self', 'peer', 'mass', 'state']);
  const { settings } = currentModel(read);
  const back = {} as Record<Round, Set<string>>;
  for (const round of ['self', 'peer', 'mass'] as Round[]) {
    back[round] = new Set();
    const t = read[round];
    if (!t.exists) continue;
    const c = entryColumns(t, round);
    for (const r of t.rows) {
      const id = normalizeId(r[c.cId] ?? '');
      if (id === '') continue;
      back[round].add(round === 'self' ? idKey(id) : evaluatorKey(r[c.cEval] ?? ''));
    }
  }
  const issued = parseIssued(parseState(read.state).ballots).filter((b) => b.year === settings.year);
  const key = (b: { round: Round; evaluator: string }) => (b.round === 'self' ? idKey(b.evaluator) : evaluatorKey(b.evaluator));
  const voided = new Map<string, number>();
  for (const b of issued) if (b.void) voided.set(`${b.round}\u0001${key(b)}`, (voided.get(`${b.round}\u0001${key(b)}`) ?? 0) + 1);
  // One entry per ballot (a named ballot made twice is one ballot out), in the order first handed out.
  const latest = new Map<string, IssuedBallot | null>();
  for (const b of issued) {
    const k = `${b.round}\u0001${key(b)}`;
    if (!b.void) latest.set(k, b);
    else if (!latest.has(k)) latest.set(k, null);
  }
  return [...latest.values()]
    .filter((b): b is IssuedBallot => b !== null)
    .map((b) => ({
      round: b.round,
      evaluator: b.evaluator,
      group: b.group,
      label: b.label,
      back: back[b.round].has(key(b)),
      reissued: voided.get(`${b.round}\u0001${key(b)}`) ?? 0,
    }));
}

// ---- the ballot workbook ------------------------------------------------------------------------------------

const INPUT_FILL = '#FFF2CC';
const NA_FILL = '#EDEDED';
const NOT_SCORED = '／';

function instruction(spec: BallotSpec): string {
  const what = spec.identity.mode === 'total' ? '合计分数（0～100，最多一位小数）' : '各项分数（0 至该项分值，最多一位小数），合计自动计算';
  const na = spec.columns.length > 1 && spec.members.some((m) => m.dimensions.length < spec.columns.length) ? '“／”表示该党员不考评此项。' : '';
  const anon = spec.anonymous ? '本表匿名，请勿填写姓名。' : '';
  return `填写说明：请在黄色单元格中填写${what}。${na}${anon}不要增删行列、不要改动其他内容；填好后直接保存（保持 .xlsx 格式），把本文件交回党支部。各项目标要求见“${BALLOT_RUBRIC_SHEET}”工作表。`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

/** Writes a ballot into an empty workbook (its only sheet is renamed). Excel API only; one sync. */
export async function writeBallotWorkbook(context: Excel.RequestContext, spec: BallotSpec): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const sheet = sheets.items[0];
  sheet.name = BALLOT_SCORE_SHEET;
  for (const extra of sheets.items.slice(1)) extra.delete();
  const cols = spec.columns;
  const width = BALLOT_FIRST_COLUMNS.length + cols.length + (spec.identity.mode === 'total' ? 0 : 1);
  const first = BALLOT_FIRST_COLUMNS.length;
  const header = BALLOT_HEADER_ROW;
  const n = spec.members.length;
  const headers = [
    ...BALLOT_FIRST_COLUMNS,
    ...cols.map((c) => scoreHeader(c.name, spec.identity.mode === 'total' ? [100] : spec.members.flatMap((m) => m.dimensions.filter((d) => d.name === c.name).map((d) => d.points)))),
    ...(spec.identity.mode === 'total' ? [] : [COLUMNS.total]),
  ];
  // Column widths in points: a total-only ballot (one score column) gets wider columns so the title fits.
  const narrow = width <= 5;
  const widths = headers.map((_, c) => (c === 0 ? (narrow ? 40 : 32) : c === 1 ? (narrow ? 80 : 58) : c === 2 ? (narrow ? 110 : 66) : narrow ? 140 : c >= first + cols.length ? 50 : 60));
  const across = widths.reduce((a, b) => a + b, 0);
  const line = (row: number, value: string, opts: { bold?: boolean; size?: number; center?: boolean; height?: number } = {}) => {
    const r = sheet.getRange(blockAddress(row, 0, 1, width));
    r.merge(false);
    r.numberFormat = [headers.map(() => '@')];
    r.values = [[value, ...headers.slice(1).map(() => '')]];
    r.format.font.bold = opts.bold ?? false;
    r.format.font.size = opts.size ?? 11;
    r.format.horizontalAlignment = opts.center ? 'Center' : 'Left';
    r.format.verticalAlignment = 'Center';
    r.format.wrapText = true;
    // Tall enough for the wrapped text (a CJK character is about one em wide).
    const size = opts.size ?? 11;
    const lines = Math.max(1, Math.ceil((value.length * size) / (across * 0.92)));
    r.format.rowHeight = Math.max(opts.height ?? 0, Math.ceil(lines * size * 1.4 + 6));
  };
  line(1, `${spec.branch}${spec.year}年度党员分类量化考评${ROUND_TITLE[spec.round]}测评表`, { bold: true, size: 16, center: true, height: 30 });
  line(2, spec.anonymous ? `测评表编号：${spec.evaluatorLabel}${spec.identity.group ? `　　被评党小组：${spec.identity.group}` : ''}` : `评价人：${spec.evaluatorLabel}`, { size: 12, height: 22 });
  line(3, instruction(spec), { height: 30, size: 10 });
  const head = sheet.getRange(blockAddress(header, 0, 1, width));
  head.numberFormat = [headers.map(() => '@')];
  head.values = [headers];
  head.format.font.bold = true;
  head.format.wrapText = true;
  head.format.horizontalAlignment = 'Center';
  head.format.verticalAlignment = 'Center';
  head.format.rowHeight = 36;
  head.format.fill.color = '#D9E1F2';
  if (n > 0) {
    const body = sheet.getRange(blockAddress(header + 1, 0, n, width));
    body.numberFormat = spec.members.map(() => headers.map((_, c) => (c === 0 || c >= first ? 'General' : '@')));
    body.values = spec.members.map((m, i) => [
      i + 1,
      m.id,
      m.name,
      ...cols.map((c) => (m.dimensions.some((d) => d.name === c.name) ? '' : NOT_SCORED)),
      ...(spec.identity.mode === 'total' ? [] : ['']),
    ]);
    body.format.rowHeight = 22;
    body.format.horizontalAlignment = 'Center';
    body.format.verticalAlignment = 'Center';
    if (spec.identity.mode !== 'total' && cols.length > 0) {
      const a = columnLetter(first);
      const b = columnLetter(first + cols.length - 1);
      const total = sheet.getRange(blockAddress(header + 1, first + cols.length, n, 1));
      total.formulas = spec.members.map((_, i) => {
        const r = header + 1 + i;
        return [`=IF(COUNT(${a}${r}:${b}${r})=0,"",SUM(${a}${r}:${b}${r}))`];
      });
      total.numberFormat = spec.members.map(() => ['0.0']);
    }
    // Score cells: unlocked, filled, validated per run of rows with the same points; "／" cells grey.
    cols.forEach((c, j) => {
      const col = first + j;
      const target = spec.rubric.flatMap((cat) => cat.dimensions).find((d) => d.name === c.name)?.text ?? '';
      let i = 0;
      while (i < n) {
        const pts = spec.members[i].dimensions.find((d) => d.name === c.name)?.points;
        let k = i + 1;
        while (k < n && spec.members[k].dimensions.find((d) => d.name === c.name)?.points === pts) k++;
        const range = sheet.getRange(blockAddress(header + 1 + i, col, k - i, 1));
        if (pts === undefined) range.format.fill.color = NA_FILL;
        else {
          const cell = `${columnLetter(col)}${header + 1 + i}`;
          range.format.protection.locked = false;
          range.format.fill.color = INPUT_FILL;
          range.dataValidation.rule = { custom: { formula: `=AND(ISNUMBER(${cell}),${cell}>=0,${cell}<=${pts},ROUND(${cell},1)=${cell})` } };
          range.dataValidation.ignoreBlanks = true;
          range.dataValidation.prompt = {
            showPrompt: true,
            title: truncate(`${c.name}（${pts}分）`, 32),
            message: truncate(`请输入 0～${pts} 的分数，最多一位小数。${target ? `目标要求：${target}` : ''}`, 250),
          };
          range.dataValidation.errorAlert = {
            showAlert: true,
            style: 'Stop',
            title: '分数无效',
            message: `${c.name}的分数须在 0～${pts} 之间，最多一位小数。`,
          };
        }
        i = k;
      }
    });
  }
  const grid = sheet.getRange(blockAddress(header, 0, n + 1, width));
  for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const) {
    grid.format.borders.getItem(side).style = 'Continuous';
  }
  line(header + n + 2, spec.anonymous ? '填写日期：　　　　年　　月　　日' : '评价人（签名）：＿＿＿＿＿＿＿＿　　填写日期：　　　　年　　月　　日', { height: 24 });
  widths.forEach((w, c) => (sheet.getRange(blockAddress(header, c, 1, 1)).format.columnWidth = w));
  sheet.freezePanes.freezeRows(header);
  const page = sheet.pageLayout;
  page.paperSize = 'A4';
  page.orientation = narrow ? 'Portrait' : 'Landscape';
  page.centerHorizontally = true;
  page.leftMargin = 36;
  page.rightMargin = 36;
  page.topMargin = 40;
  page.bottomMargin = 40;
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: n <= 28 ? 1 : 0 };
  page.setPrintTitleRows(`$${header}:$${header}`);
  page.setPrintArea(blockAddress(1, 0, header + n + 2, width));
  sheet.protection.protect();

  // 评分标准: dimension, points, 目标要求 of each category on the ballot.
  const rub = sheets.add(BALLOT_RUBRIC_SHEET);
  const many = spec.rubric.length > 1;
  const rows: string[][] = [[`${spec.year}年度党员分类量化考评 评分标准`, '', '', ''], ['类别', '维度', '分值', '目标要求']];
  for (const cat of spec.rubric) {
    for (const d of cat.dimensions) {
      const items = (d.items ?? []).map((it) => `\n· ${it.name}（${it.points}分）${it.text}`).join('');
      rows.push([cat.category, d.name, String(d.points), `${d.text}${items}`]);
    }
  }
  if (spec.identity.mode === 'total') rows.push(['', '合计', '100', '只填写合计分数。']);
  const rr = rub.getRange(blockAddress(1, 0, rows.length, 4));
  rr.numberFormat = rows.map(() => ['@', '@', '@', '@']);
  rr.values = rows;
  rr.format.wrapText = true;
  rr.format.verticalAlignment = 'Center';
  const title = rub.getRange('A1:D1');
  title.merge(false);
  title.format.font.bold = true;
  title.format.font.size = 14;
  title.format.horizontalAlignment = 'Center';
  rub.getRange('A2:D2').format.font.bold = true;
  const ruled = rub.getRange(blockAddress(2, 0, rows.length - 1, 4));
  for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const) {
    ruled.format.borders.getItem(side).style = 'Continuous';
  }
  rows.slice(2).forEach((r, i) => (rub.getRange(blockAddress(3 + i, 0, 1, 4)).format.rowHeight = Math.max(30, Math.ceil(r[3].length / 34) * 15 + 6)));
  [many ? 70 : 50, 64, 36, 430].forEach((w, c) => (rub.getRange(blockAddress(1, c, 1, 1)).format.columnWidth = w));
  rub.getRange(blockAddress(1, 2, rows.length, 1)).format.horizontalAlignment = 'Center';
  rub.pageLayout.paperSize = 'A4';
  rub.pageLayout.orientation = 'Portrait';
  rub.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  rub.protection.protect();

  // The identity: a very hidden sheet (kept by Excel, WPS, LibreOffice and openpyxl; not shown in 取消隐藏).
  const idSheet = sheets.add(BALLOT_ID_SHEET);
  const id = identityRows(spec.identity);
  const idRange = idSheet.getRange(blockAddress(1, 0, id.length, 2));
  idRange.numberFormat = id.map(() => ['@', '@']);
  idRange.values = id;
  idSheet.protection.protect();
  idSheet.visibility = 'VeryHidden';
  sheet.activate();
  await context.sync();
}

// ---- reading a returned ballot ------------------------------------------------------------------------------

/** A returned file as read: its identity and the score sheet's cells (or why it is not a ballot). */
export type BallotRead =
  | {
      kind: 'ballot';
      identity: BallotIdentity;
      /** The score sheet's name as found (the identity's, or the sheet whose header row matches). */
      sheet: string | null;
      /** Cells from A1: values and formulas, [row0][col0]. */
      values: unknown[][];
      formulas: unknown[][];
    }
  | { kind: 'not_a_ballot' | 'identity_changed'; detail: string }
  /** detail: 'not_zip' (another format renamed), 'broken' (cannot be opened), 'empty_zip' (a .zip without .xlsx). */
  | { kind: 'not_a_workbook'; detail: 'not_zip' | 'broken' | 'empty_zip' };

/** Reads a ballot workbook's identity and score sheet. Excel API only; two syncs (in the ballot's own workbook). */
export async function readBallotWorkbook(context: Excel.RequestContext): Promise<BallotRead> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const idSheet = sheets.getItemOrNullObject(BALLOT_ID_SHEET);
  const idUsed = idSheet.getUsedRangeOrNullObject(true);
  idUsed.load(['values', 'rowIndex', 'columnIndex']);
  await context.sync();
  if (idSheet.isNullObject || idUsed.isNullObject) return { kind: 'not_a_ballot', detail: '' };
  const parsed = parseIdentity(idUsed.columnIndex === 0 ? (idUsed.values as unknown[][]) : []);
  if (!parsed.ok) return { kind: parsed.reason, detail: parsed.detail };
  const identity = parsed.identity;
  const candidates = sheets.items.filter((s) => s.name !== BALLOT_ID_SHEET);
  const used = candidates.map((s) => {
    const u = s.getUsedRangeOrNullObject(false);
    u.load(['values', 'formulas', 'rowIndex', 'columnIndex']);
    return { name: s.name, u };
  });
  await context.sync();
  const grid = (u: Excel.Range, what: 'values' | 'formulas'): unknown[][] => {
    const src = u[what] as unknown[][];
    const out: unknown[][] = Array.from({ length: u.rowIndex }, () => []);
    for (const row of src) out.push([...Array.from({ length: u.columnIndex }, () => ''), ...row]);
    return out;
  };
  const headerOk = (u: Excel.Range) => {
    const v = grid(u, 'values');
    return String(v[identity.headerRow - 1]?.[1] ?? '').replace(/\s+/g, '') === '党员编号';
  };
  const found =
    used.find((x) => x.name === identity.sheet && !x.u.isNullObject) ?? used.find((x) => !x.u.isNullObject && headerOk(x.u));
  if (!found) return { kind: 'ballot', identity, sheet: null, values: [], formulas: [] };
  return { kind: 'ballot', identity, sheet: found.name, values: grid(found.u, 'values'), formulas: grid(found.u, 'formulas') };
}

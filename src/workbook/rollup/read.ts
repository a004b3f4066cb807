/**
 * Reading one workbook for the roll-up, in one sync: a branch workbook gives its results (kp_Results: 党员编号,
 * 姓名, 党小组, 类别, 最终得分, 评定结果, 说明), its settings and rubric (year, branch, lines, labels, scheme) and
 * whether the results are current (the compute stamp in kp_State against the inputs). A roll-up workbook (this
 * module's own tables) gives its branches and members, so roll-ups roll up. Nothing else of a workbook is read
 * into the roll-up: no ballot, no evaluator, no single form.
 */
import { COLUMNS, TABLES } from '../../domain/contract';
import { normalizeId } from '../../domain/parse';
import { classify, schemeDifferences, schemeFingerprint, schemeOf, type BranchRead, type RollupMember, type RollupProblem, type Scheme, type Verdict } from '../../domain/rollup';
import type { RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import { currentModel } from '../tables/model';
import { ALL_KEYS, col, readTables, type TablesRead } from '../tables/readTables';
import { fingerprint, parseState } from '../tables/state';
import { ROLLUP_BRANCH_HEADERS, ROLLUP_MEMBER_HEADERS, ROLLUP_TABLES, verdictOfText } from './layout';

function text(v: RawCell | undefined): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

function num(v: RawCell | undefined): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return null;
}

/** Reads one loaded workbook (branch or roll-up) for the roll-up. */
export async function readForRollup(context: Excel.RequestContext, file: string, committee: Scheme | null): Promise<BranchRead[]> {
  const wbTables = context.workbook.tables;
  const probe = wbTables.getItemOrNullObject(ROLLUP_TABLES.members);
  probe.load('name');
  await context.sync();
  if (!probe.isNullObject) return readRollupWorkbook(context, file, committee);
  return [await readBranchWorkbook(context, file, committee)];
}

function notOurs(file: string, message: string, code = 'not_a_workbook'): BranchRead {
  return { file, branch: '', year: null, members: null, stale: false, differs: [], problems: [{ file, sheet: '', cell: '', code, message }], computedAt: null, level: '', scheme: null };
}

async function readBranchWorkbook(context: Excel.RequestContext, file: string, committee: Scheme | null): Promise<BranchRead> {
  const { read } = await readTables(context, ALL_KEYS);
  return branchFromTables(read, file, committee);
}

/** A branch from its tables as read (through the Excel API, or by the quick path: quickRead.ts). */
export function branchFromTables(read: TablesRead, file: string, committee: Scheme | null): BranchRead {
  if (!read.results.exists || !read.settings.exists) {
    return notOurs(file, `${file}：不是考评工作簿（找不到考评结果表 ${TABLES.results} 或考评参数表 ${TABLES.settings}）。`);
  }
  const { settings, rubric } = currentModel(read);
  const problems: RollupProblem[] = [];
  const state = parseState(read.state);
  const stale = state.computedAt === null || (state.fingerprint !== null && state.fingerprint !== fingerprint(read)) || state.pending !== null;
  if (state.computedAt === null) problems.push({ file, sheet: read.results.sheet, cell: '', code: 'not_computed', message: `${file}：“${read.results.sheet}”尚未计算（请先计算结果）。` });
  else if (stale) problems.push({ file, sheet: read.results.sheet, cell: '', code: 'stale', message: `${file}：“${read.results.sheet}”是 ${state.computedAt.slice(0, 16).replace('T', ' ')} 计算的，之后录入或参数又有改动，请重新计算。` });
  const t = read.results;
  const c = (h: string) => col(t, h);
  const cols = { id: c('党员编号'), name: c('姓名'), group: c('党小组'), category: c('类别'), final: c('最终得分'), result: c('评定结果'), notes: c('说明') };
  const missing = Object.entries(cols).filter(([, i]) => i < 0).map(([k]) => ({ id: '党员编号', name: '姓名', group: '党小组', category: '类别', final: '最终得分', result: '评定结果', notes: '说明' })[k as 'id']);
  if (missing.length > 0) {
    return notOurs(file, `${file}：“${t.sheet}”缺少列 ${missing.join('、')}（应有 ${COLUMNS.results.join('、')}）。`);
  }
  const branch = settings.branch.trim() || file.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, '');
  if (!settings.branch.trim()) problems.push({ file, sheet: read.settings.sheet, cell: '', code: 'no_branch', message: `${file}：考评参数中没有党支部名称，暂用文件名“${branch}”。` });
  const members: RollupMember[] = [];
  const inside = t.outsideFrom ?? t.rows.length;
  for (let i = 0; i < inside; i++) {
    const row = t.rows[i];
    const id = normalizeId(row[cols.id] ?? '');
    if (id === '') continue;
    const rawFinal = row[cols.final];
    const final = num(rawFinal);
    if (final === null && text(rawFinal) !== '') {
      problems.push({ file, sheet: t.sheet, cell: blockAddress(t.firstRow + i, t.firstColumn + cols.final, 1, 1), code: 'bad_final', message: `${file}：“${t.sheet}”${blockAddress(t.firstRow + i, t.firstColumn + cols.final, 1, 1)} 的最终得分“${text(rawFinal)}”不是数字，按无得分处理。` });
    }
    const result = text(row[cols.result]);
    const flags = classify(final, result, text(row[cols.notes]), settings);
    if (flags.standing === 'incomplete') {
      const cell = blockAddress(t.firstRow + i, t.firstColumn + cols.result, 1, 1);
      problems.push({ file, sheet: t.sheet, cell, code: 'incomplete', message: `${file}：“${t.sheet}”${cell}：党员 ${id} ${text(row[cols.name])} 待补录（${text(row[cols.notes]) || '缺少测评表'}）。` });
    }
    members.push({
      branch, id, name: text(row[cols.name]), group: text(row[cols.group]), category: text(row[cols.category]), final, result,
      ...flags, level: '',
    });
  }
  const own = schemeOf(settings, rubric);
  const differs = committee ? schemeDifferences(committee, own) : [];
  if (differs.length > 0) problems.push({ file, sheet: read.settings.sheet, cell: '', code: 'scheme_differs', message: `${file}：与统一方案不一致：${differs.join('、')}。` });
  return { file, branch, year: settings.year, members, stale, differs, problems, computedAt: state.computedAt, level: '', scheme: schemeFingerprint(own) };
}

/** Queues a table's values (header row first) and its sheet name; read after the sync. */
function queueTableValues(context: Excel.RequestContext, name: string): () => { sheet: string; values: RawCell[][] } | null {
  const t = context.workbook.tables.getItemOrNullObject(name);
  t.load('name');
  const range = t.getRange();
  range.load('values');
  // eslint-disable-next-line office-addins/call-sync-before-read -- a navigation property, not a loaded value
  const ws = t.worksheet;
  ws.load('name');
  // Read by the caller after its one sync.
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
  return () => (t.isNullObject ? null : { sheet: ws.name, values: range.values as RawCell[][] });
}

async function readRollupWorkbook(context: Excel.RequestContext, file: string, committee: Scheme | null): Promise<BranchRead[]> {
  const pb = queueTableValues(context, ROLLUP_TABLES.branches);
  const pm = queueTableValues(context, ROLLUP_TABLES.members);
  await context.sync();
  const b = pb();
  const m = pm();
  if (!b || !m) return [notOurs(file, `${file}：汇总工作簿缺少 ${ROLLUP_TABLES.branches} 或 ${ROLLUP_TABLES.members} 表。`)];
  const bh = b.values[0].map(text);
  const mh = m.values[0].map(text);
  const bc = (h: string) => bh.indexOf(h);
  const mc = (h: string) => mh.indexOf(h);
  const lack = [...ROLLUP_BRANCH_HEADERS.filter((h) => bc(h) < 0).map((h) => `${b.sheet}：${h}`), ...ROLLUP_MEMBER_HEADERS.filter((h) => mc(h) < 0).map((h) => `${m.sheet}：${h}`)];
  if (lack.length > 0) return [notOurs(file, `${file}：汇总工作簿缺少列 ${lack.join('、')}。`)];
  const unit = file.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, '');
  const byBranch = new Map<string, RollupMember[]>();
  const yes = (v: RawCell | undefined) => text(v) === '是';
  for (let i = 1; i < m.values.length; i++) {
    const r = m.values[i];
    const branch = text(r[mc('党支部')]);
    const id = normalizeId(r[mc('党员编号')] ?? '');
    if (!branch || !id) continue;
    const standingText = text(r[mc('考评状态')]);
    const standing = standingText === '免评' ? 'exempt' : standingText === '待补录' ? 'incomplete' : standingText === '待核实' ? 'invalid' : 'ok';
    const lv = text(r[mc('经由汇总')]);
    const member: RollupMember = {
      branch, id, name: text(r[mc('姓名')]), group: text(r[mc('党小组')]), category: text(r[mc('类别')]), final: num(r[mc('最终得分')]),
      result: text(r[mc('评定结果')]), standing, veto: yes(r[mc('一票否决')]), eligible: yes(r[mc('可评先树优')]),
      belowAward: yes(r[mc('不足评先线')]), admonish: yes(r[mc('诫勉谈话')]), level: lv ? `${lv} ← ${unit}` : unit,
    };
    const list = byBranch.get(branch) ?? [];
    list.push(member);
    byBranch.set(branch, list);
  }
  const out: BranchRead[] = [];
  for (let i = 1; i < b.values.length; i++) {
    const r = b.values[i];
    const branch = text(r[bc('党支部')]);
    if (!branch || branch.startsWith('合计')) continue;
    const verdict: Verdict = verdictOfText(text(r[bc('状态')]));
    const year = num(r[bc('年度')]);
    const fp = text(r[bc('方案指纹')]) || null;
    const inner = text(r[bc('方案')]);
    const differs = committee && fp !== schemeFingerprint(committee) ? (inner && inner !== '一致' ? inner.split('、') : ['方案指纹不同']) : [];
    const lv = text(r[bc('经由汇总')]);
    out.push({
      file: `${file}：${text(r[bc('文件')])}`, branch, year, members: byBranch.get(branch) ?? [], stale: verdict === 'stale', differs, problems: [],
      computedAt: text(r[bc('计算时间')]) || null, level: lv ? `${lv} ← ${unit}` : unit, verdict, scheme: fp,
    });
  }
  return out;
}

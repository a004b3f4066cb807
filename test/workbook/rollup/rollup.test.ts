/**
 * The committee's roll-up end to end: a scheme file made by `kaoping template`, branch workbooks made by
 * `kaoping init --template`, typed in through the host's Excel API and computed by `kaoping compute`; then
 * `kaoping rollup`. Every figure is recomputed here from each branch's own results sheet.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { RawCell } from '../../../src/domain/types';
import { loadXlsx, run, saveXlsx } from '../../../src/host';
import { cli } from '../../support/cli';
import { fillCase, syntheticCase, type CaseJson } from '../../support/fillCase';
import { ALL_KEYS, readTables } from '../../../src/workbook/tables/readTables';
import { fingerprint, parseState } from '../../../src/workbook/tables/state';
import { quickReadTables } from '../../../src/workbook/rollup/quickRead';
import { getSettings } from '../../../src/workbook/setup/settings';

let dir: string;
const f = (name: string) => join(dir, name);

interface CaseOpts { year?: number; low?: number[]; veto?: number[]; exempt?: number[]; noMass?: number[]; n?: number; shift?: number }

/** A small branch: n members, peers in one group, two mass ballots by named representatives; some low, vetoed, exempt. */
function branchCase(branch: string, o: CaseOpts = {}): CaseJson {
  const c = syntheticCase(o.n ?? 6, 2);
  c.branch = branch;
  c.year = o.year ?? 2026;
  const scale = (rows: RawCell[][], idCol: number, from: number) => rows.map((r) => {
    const i = Number(r[idCol]) - 1;
    const k = o.low?.includes(i) ? 0.5 : 1;
    return r.map((v, j) => (j >= from && typeof v === 'number' ? Math.max(0, Math.round((v * k - (o.shift ?? 0) * ((i % 3) / 10)) * 10) / 10) : v));
  });
  c.self = scale(c.self, 0, 2);
  c.peer = scale(c.peer, 1, 3);
  c.mass = scale(c.mass, 1, 3).map((r) => [`群众代表${String(r[0]).slice(1)}`, ...r.slice(1)]).filter((r) => !o.noMass?.includes(Number(r[1]) - 1));
  for (const i of o.exempt ?? []) c.roster[i][4] = '是';
  c.review = (o.veto ?? []).map((i) => [c.roster[i][0], c.roster[i][1], '是', '受党纪处分', '']);
  return c;
}

async function setSetting(path: string, label: string, value: string | number): Promise<void> {
  const wb = await loadXlsx(readFileSync(path));
  await run(wb, async (context) => {
    const body = context.workbook.tables.getItem('kp_Settings').getDataBodyRange();
    body.load('values');
    await context.sync();
    const i = (body.values as RawCell[][]).findIndex((r) => r[0] === label);
    if (i < 0) throw new Error(`no setting ${label}`);
    body.getCell(i, 1).values = [[value]];
    await context.sync();
  });
  writeFileSync(path, await saveXlsx(wb));
}

/** init (from the scheme or by hand), type the case in, compute. */
async function makeBranch(name: string, c: CaseJson, how: { scheme?: string; settings?: [string, string | number][] } = {}): Promise<string> {
  const raw = f(`${name}-raw.xlsx`);
  const init = how.scheme
    ? await cli('init', '--template', how.scheme, '--branch', c.branch, '-o', raw)
    : await cli('init', '--year', String(c.year), '--branch', c.branch, '-o', raw);
  expect(init.code).toBe(0);
  for (const [k, v] of how.settings ?? []) await setSetting(raw, k, v);
  const wb = await fillCase(c, await loadXlsx(readFileSync(raw)));
  writeFileSync(raw, await saveXlsx(wb));
  const out = f(`${name}.xlsx`);
  const r = await cli('compute', raw, '-o', out);
  expect(r.code).toBeLessThan(2);
  return out;
}

/** Changes one self score after computing: the results are stale. */
async function touchEntry(path: string): Promise<void> {
  const wb = await loadXlsx(readFileSync(path));
  await run(wb, async (context) => {
    const body = context.workbook.tables.getItem('kp_Self').getDataBodyRange();
    const cell = body.getCell(0, 2);
    cell.load('values');
    await context.sync();
    cell.values = [[Number(cell.values[0][0]) - 1]];
    await context.sync();
  });
  writeFileSync(path, await saveXlsx(wb));
}

async function resultsOf(path: string): Promise<{ headers: string[]; rows: RawCell[][] }> {
  const wb = await loadXlsx(readFileSync(path));
  return run(wb, async (context) => {
    const r = context.workbook.tables.getItem('kp_Results').getRange();
    r.load('values');
    await context.sync();
    const [headers, ...rows] = r.values as RawCell[][];
    return { headers: headers.map(String), rows: rows.filter((x) => x[headers.indexOf('党员编号')] !== '') };
  });
}

type Json = {
  scheme: { fingerprint: string } | null;
  branches: { file: string; branch: string; year: number; verdict: string; members: number; evaluated: number; exempt: number; mean: number | null; eligible: number; below_award: number; below_admonish: number; veto: number; incomplete: number; differs: string[]; problems: { sheet: string; cell: string; message: string }[] }[];
  members: { branch: string; id: string; name: string; group: string; category: string; final: number | null; result: string; rank: number | null }[];
  totals: Record<string, number | null>;
};

/** The figures of one branch, straight from its results sheet (default lines 90 / 60). */
function expectedFigures(branch: string, res: { headers: string[]; rows: RawCell[][] }) {
  const h = (x: string) => res.headers.indexOf(x);
  const ms = res.rows.map((r) => ({
    branch, id: String(r[h('党员编号')]), final: typeof r[h('最终得分')] === 'number' ? (r[h('最终得分')] as number) : null,
    result: String(r[h('评定结果')]), veto: String(r[h('说明')]).split('；').includes('一票否决'),
  }));
  const evaluated = ms.filter((m) => m.final !== null && m.result !== '免于考评' && m.result !== '待补录');
  const sum = evaluated.reduce((s, m) => s + Math.round(m.final! * 100), 0);
  return {
    ms,
    figures: {
      members: ms.length,
      evaluated: evaluated.length,
      exempt: ms.filter((m) => m.result === '免于考评').length,
      mean: evaluated.length ? Math.floor((2 * sum + evaluated.length) / (2 * evaluated.length)) / 100 : null,
      eligible: evaluated.filter((m) => m.final! >= 90 && !m.veto && m.result !== '待核实').length,
      below_award: evaluated.filter((m) => m.final! < 90).length,
      below_admonish: evaluated.filter((m) => m.final! < 60).length,
      veto: ms.filter((m) => m.veto).length,
      incomplete: ms.filter((m) => m.result === '待补录').length,
    },
  };
}

let files: string[];
let scheme: string;
let json: Json;
let code: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-rollup-'));
  // The committee's scheme: trimming on, a bonus cap, from a workbook of its own.
  const base = f('committee.xlsx');
  expect((await cli('init', '--year', '2026', '-o', base)).code).toBe(0);
  await setSetting(base, '加分上限', 3);
  scheme = f('方案2026.xlsx');
  expect((await cli('template', base, '-o', scheme)).code).toBe(0);
  const b = (i: number) => `第${'一二三四五六七八九十'[i]}党支部`;
  files = [];
  files.push(await makeBranch('b1', branchCase(b(0), { low: [2], veto: [0] }), { scheme }));
  files.push(await makeBranch('b2', branchCase(b(1), { exempt: [5], shift: 30 }), { scheme }));
  files.push(await makeBranch('b3', branchCase(b(2), { shift: 10 }), { scheme }));
  files.push(await makeBranch('b4', branchCase(b(3), { noMass: [1] }), { scheme }));
  files.push(await makeBranch('b5', branchCase(b(4), { low: [0, 4] }), { scheme }));
  const s1 = await makeBranch('b6', branchCase(b(5), { shift: 5 }), { scheme });
  const s2 = await makeBranch('b7', branchCase(b(6)), { scheme });
  await touchEntry(s1);
  await touchEntry(s2);
  files.push(s1, s2);
  files.push(await makeBranch('b8', branchCase(b(7), { year: 2025 })));
  files.push(await makeBranch('b9', branchCase(b(8), { shift: 20 }), { scheme, settings: [['互评权重', 2]] }));
  // The same branch again, computed later: this one counts, the first copy is the duplicate.
  files.push(await makeBranch('b1-again', branchCase(b(0), { low: [2], veto: [0], shift: 3 }), { scheme }));
  files.push(await makeBranch('b10', branchCase(b(9), { n: 4 }), { scheme }));
  writeFileSync(f('notes.xlsx'), '这不是工作簿');
  files.push(f('notes.xlsx'));
  const r = await cli('rollup', ...files, '-o', f('汇总2026.xlsx'), '--scheme', scheme, '--json');
  code = r.code;
  json = JSON.parse(r.out);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('twelve files, one verdict each', () => {
  expect(files).toHaveLength(12);
  expect(code).toBe(1);
  const verdict = (name: string) => json.branches.find((b) => b.file === f(name))!.verdict;
  expect(verdict('b1.xlsx')).toBe('duplicate');
  expect(verdict('b1-again.xlsx')).toBe('ok');
  expect(['b2', 'b3', 'b5', 'b10'].map((n) => verdict(`${n}.xlsx`))).toEqual(['ok', 'ok', 'ok', 'ok']);
  expect(verdict('b4.xlsx')).toBe('incomplete');
  expect(verdict('b6.xlsx')).toBe('stale');
  expect(verdict('b7.xlsx')).toBe('stale');
  expect(verdict('b8.xlsx')).toBe('other_year');
  expect(verdict('b9.xlsx')).toBe('scheme_differs');
  expect(json.branches.find((b) => b.file === f('b9.xlsx'))!.differs).toEqual(['互评权重']);
  expect(verdict('notes.xlsx')).toBe('not_a_workbook');
  expect(json.scheme?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  for (const b of json.branches.filter((x) => x.verdict !== 'ok')) expect(b.problems.length).toBeGreaterThan(0);
  const dup = json.branches.find((b) => b.file === f('b1.xlsx'))!;
  expect(dup.problems[0].message).toContain('b1-again.xlsx');
});

test('every figure equals the one recomputed from the branch results sheet', async () => {
  const counted = ['b1-again', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b9', 'b10'];
  const all: { branch: string; id: string; final: number | null; result: string; veto: boolean }[] = [];
  for (const n of counted) {
    const b = json.branches.find((x) => x.file === f(`${n}.xlsx`))!;
    const exp = expectedFigures(b.branch, await resultsOf(f(`${n}.xlsx`)));
    const { file: _f, branch: _b, year: _y, verdict: _v, differs: _d, problems: _p, ...figures } = b;
    expect(figures).toEqual(exp.figures);
    all.push(...exp.ms);
  }
  // Committee-wide rank (1, 2, 2, 4) over evaluated members.
  const ev = all.filter((m) => m.final !== null && m.result !== '免于考评' && m.result !== '待补录');
  expect(json.members).toHaveLength(all.length);
  for (const m of json.members) {
    const mine = all.find((x) => x.branch === m.branch && x.id === m.id)!;
    expect(m.final).toBe(mine.final);
    expect(m.result).toBe(mine.result);
    const isEv = ev.includes(mine);
    expect(m.rank).toBe(isEv ? 1 + ev.filter((x) => x.final! > mine.final!).length : null);
  }
  const sum = ev.reduce((s, m) => s + Math.round(m.final! * 100), 0);
  expect(json.totals.mean).toBe(Math.floor((2 * sum + ev.length) / (2 * ev.length)) / 100);
  expect(json.totals.members).toBe(all.length);
  expect(json.totals.branches).toBe(counted.length);
  expect(json.totals.veto).toBe(all.filter((m) => m.veto).length);
  expect(json.totals.below_admonish).toBe(ev.filter((m) => m.final! < 60).length);
  expect(json.totals.veto).toBeGreaterThan(0);
  expect(json.totals.below_admonish).toBeGreaterThan(0);
});

test('the roll-up workbook: sheets, follow-up list, problems; no evaluator anywhere', async () => {
  const bytes = readFileSync(f('汇总2026.xlsx'));
  const parts = unzipSync(new Uint8Array(bytes));
  const text = Object.values(parts).map((p) => strFromU8(p)).join('\n');
  for (const s of ['汇总表', '全体党员', '需关注名单', '问题']) expect(text).toContain(s);
  expect(text).not.toContain('群众代表');
  expect(text).not.toContain('受党纪处分');
  // No evaluator, no entry table, no single form (a 待补录 note may name a missing round: that is no form).
  expect(/评价人|kp_Peer|kp_Mass|kp_Self|kp_Review|事由/.test(text)).toBe(false);
  expect(Object.keys(parts).some((p) => p.startsWith('xl/charts/'))).toBe(true);
  const wb = await loadXlsx(bytes);
  const att = await run(wb, async (context) => {
    const r = context.workbook.tables.getItem('kp_RollupAttention').getDataBodyRange();
    r.load('values');
    const p = context.workbook.tables.getItem('kp_RollupProblems').getDataBodyRange();
    p.load('values');
    const page = context.workbook.worksheets.getItem('汇总表').pageLayout;
    page.load('paperSize');
    await context.sync();
    return { att: r.values as RawCell[][], problems: p.values as RawCell[][], paper: page.paperSize };
  });
  expect(att.paper).toBe('A4');
  const vetoed = json.members.filter((m) => m.result === '不得参加评先树优' && (m.final ?? 0) >= 90);
  expect(vetoed.length).toBeGreaterThan(0);
  for (const v of vetoed) expect(att.att.some((r) => r[0] === v.branch && r[1] === v.id && r[6] === '一票否决')).toBe(true);
  expect(att.problems.length).toBe(json.branches.reduce((n, b) => n + b.problems.length, 0));
});

test('a roll-up of roll-ups equals the roll-up of all branches', async () => {
  const counted = ['b1-again', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b9', 'b10'].map((n) => f(`${n}.xlsx`));
  const whole = JSON.parse((await cli('rollup', ...counted, '-o', f('all.xlsx'), '--json')).out) as Json;
  expect((await cli('rollup', ...counted.slice(0, 4), '-o', f('一总支.xlsx'))).code).toBe(1);
  expect((await cli('rollup', ...counted.slice(4), '-o', f('二总支.xlsx'))).code).toBe(1);
  const r = await cli('rollup', f('一总支.xlsx'), f('二总支.xlsx'), '-o', f('党工委.xlsx'), '--json');
  const up = JSON.parse(r.out) as Json;
  expect(up.totals).toEqual(whole.totals);
  const key = (m: Json['members'][number]) => `${m.branch}/${m.id}`;
  expect([...up.members].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...whole.members].sort((a, b) => key(a).localeCompare(key(b))));
  const fig = (b: Json['branches'][number]) => ({ ...b, file: '', problems: [] });
  expect(up.branches.map(fig).sort((a, b) => a.branch.localeCompare(b.branch))).toEqual(whole.branches.map(fig).sort((a, b) => a.branch.localeCompare(b.branch)));
});

test('template → init → compute equals the branch made by hand with the same settings', async () => {
  const c = branchCase('第十一党支部', { low: [1], shift: 7 });
  const viaScheme = await makeBranch('t-scheme', c, { scheme });
  const byHand = await makeBranch('t-hand', c, { settings: [['加分上限', 3]] });
  expect(await resultsOf(viaScheme)).toEqual(await resultsOf(byHand));
  const a = JSON.parse((await cli('rollup', viaScheme, '-o', f('t1.xlsx'), '--scheme', scheme, '--json')).out) as Json;
  const b = JSON.parse((await cli('rollup', byHand, '-o', f('t2.xlsx'), '--scheme', scheme, '--json')).out) as Json;
  expect(a.branches[0].verdict).toBe('ok');
  expect(b.branches[0].verdict).toBe('ok');
});

test('nothing to roll up: exit 2, nothing written', async () => {
  const r = await cli('rollup', f('notes.xlsx'), '-o', f('none.xlsx'));
  expect(r.code).toBe(2);
  expect(r.err).toContain('没有一个文件');
  expect(() => readFileSync(f('none.xlsx'))).toThrow();
});

test('the quick read gives the values the Excel API gives, and proves a current workbook current', async () => {
  for (const n of ['b1-again', 'b4', 'b6', 'b9']) {
    const bytes = readFileSync(f(`${n}.xlsx`));
    const quick = quickReadTables(new Uint8Array(bytes))!;
    expect(quick.rollup).toBe(false);
    const { read } = await run(await loadXlsx(bytes), (c) => readTables(c, ALL_KEYS));
    for (const k of ALL_KEYS) {
      if (k === 'plans') continue;
      const { headers, rows, sheet, firstRow, firstColumn, exists, outsideFrom } = read[k];
      const q = quick.read[k];
      expect({ k, headers: q.headers, rows: q.rows, sheet: q.sheet, firstRow: q.firstRow, firstColumn: q.firstColumn, exists: q.exists, outsideFrom: q.outsideFrom })
        .toEqual({ k, headers, rows, sheet, firstRow, firstColumn, exists, outsideFrom });
    }
    const current = parseState(quick.read.state).fingerprint === fingerprint(quick.read);
    expect(current).toBe(n !== 'b6');
  }
  expect(quickReadTables(new Uint8Array(readFileSync(f('一总支.xlsx'))))?.rollup).toBe(true);
});

test('a branch workbook remembers its scheme; 设置 names what the branch changed', async () => {
  const same = await run(await loadXlsx(readFileSync(f('b2.xlsx'))), (c) => getSettings(c));
  const fp = json.scheme!.fingerprint;
  expect(same.scheme).toEqual({ fingerprint: fp, differs: [] });
  const changed = await run(await loadXlsx(readFileSync(f('b9.xlsx'))), (c) => getSettings(c));
  expect(changed.scheme).toEqual({ fingerprint: fp, differs: ['互评权重'] });
  const byHand = await run(await loadXlsx(readFileSync(f('b8.xlsx'))), (c) => getSettings(c));
  expect(byHand.scheme).toBeNull();
});

test('applying the scheme to an existing workbook lists the changes and keeps roster and entries', async () => {
  const c = branchCase('第十二党支部', { shift: 4 });
  const own = await makeBranch('t-apply', c, { settings: [['互评权重', 3], ['评先树优分数线', 85]] });
  const before = await resultsOf(own);
  const r = await cli('install', own, '--template', scheme, '-o', f('t-applied.xlsx'));
  expect(r.code).toBe(0);
  expect(r.out).toContain('互评权重：3 → 1');
  expect(r.out).toContain('评先树优分数线：85 → 90');
  expect(r.out).toContain('加分上限：（空） → 3');
  const again = await cli('install', f('t-applied.xlsx'), '--template', scheme, '-o', f('t-applied2.xlsx'));
  expect(again.out).toContain('已与统一方案一致');
  const settings = await run(await loadXlsx(readFileSync(f('t-applied.xlsx'))), (ctx) => getSettings(ctx));
  expect(settings.scheme).toEqual({ fingerprint: json.scheme!.fingerprint, differs: [] });
  expect(settings.items.find((i) => i.key === 'branch')?.value).toBe('第十二党支部');
  // Roster and entries kept: computing again gives the scheme's results from the same forms.
  expect((await cli('compute', f('t-applied.xlsx'), '-o', f('t-applied-computed.xlsx'))).code).toBe(0);
  const after = await resultsOf(f('t-applied-computed.xlsx'));
  expect(after.rows.map((x) => x[1])).toEqual(expect.arrayContaining(before.rows.map((x) => x[1])));
  expect(after.rows).not.toEqual(before.rows);
  const viaScheme = await makeBranch('t-apply-ref', c, { scheme });
  expect(after).toEqual(await resultsOf(viaScheme));
  const other = await cli('install', f('b8.xlsx'), '--template', scheme, '-o', f('t-other.xlsx'));
  expect(other.code).toBe(2);
  expect(other.err).toContain('请先转入新年度');
});

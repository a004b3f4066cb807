import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadXlsx, run, saveXlsx } from '../../src/host';
import { cli } from '../support/cli';
import { queueReadTables } from '../../src/workbook/tables/readTables';
import { fillCase, loadCase } from '../support/fillCase';
import { HANDMADE_XLSX } from '../support/paths';

const exec = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const HANDMADE = HANDMADE_XLSX;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));


async function caseFile(name: string, mutate?: (c: ReturnType<typeof loadCase>['input']) => void): Promise<string> {
  const { input } = loadCase(name);
  mutate?.(input);
  const wb = await fillCase(input);
  const path = join(dir, `${name}-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, await saveXlsx(wb));
  return path;
}

async function readTable(path: string, key: 'results' | 'roster' | 'settings' | 'self') {
  const wb = await loadXlsx(readFileSync(path));
  return run(wb, async (c) => {
    const p = queueReadTables(c, [key]);
    await c.sync();
    return p()[key];
  });
}

describe('kaoping usage and exit 2', () => {
  it('prints help with exit 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('kaoping compute IN.xlsx -o OUT.xlsx [--json]');
    expect((await cli('compute', '--help')).code).toBe(0);
  });

  it.each([
    [[], '缺少命令'],
    [['frobnicate'], '未知命令'],
    [['compute', 'x.xlsx'], '缺少 --output'],
    [['check'], '需要一个输入工作簿'],
    [['check', 'a.xlsx', '--bogus'], '没有选项'],
    [['new-year', 'a.xlsx', '-o', 'b.xlsx', '--year', 'next'], '年度'],
    [['check', '/nonexistent/file.xlsx'], '找不到文件'],
  ])('%j → exit 2 with a one-line reason', async (args, text) => {
    const r = await cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toContain(text);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('refuses a file that is not a workbook, and one without the kp_ tables', async () => {
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a zip');
    expect((await cli('check', bad)).code).toBe(2);
    const plain = join(dir, 'plain.xlsx');
    const out = join(dir, 'plain-out.xlsx');
    // The hand-made summary has no kp_ tables: check and compute say so, nothing written.
    writeFileSync(plain, readFileSync(HANDMADE));
    const r = await cli('compute', plain, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('kaoping install');
    expect(existsSync(out)).toBe(false);
  });
});

describe('kaoping commands', () => {
  it('init makes a workbook with everything installed; check finds nothing (exit 0)', async () => {
    const out = join(dir, 'init.xlsx');
    const r = await cli('init', '-o', out, '--year', '2026', '--branch', '=1+1支部');
    expect(r.code).toBe(0);
    const settings = await readTable(out, 'settings');
    expect(settings.rows.find((x) => x[0] === '年度')?.[1]).toBe(2026);
    expect(settings.rows.find((x) => x[0] === '党支部名称')?.[1]).toBe('=1+1支部');
    const wb = await loadXlsx(readFileSync(out));
    expect(wb.sheetNames()[0]).toBe('考评参数');
    expect(wb.snapshot('考评参数').cells.flat().every((c) => c.formula === null)).toBe(true);
    const check = await cli('check', out, '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out)).toEqual({ year: 2026, members: [], problems: [] });
  });

  it('install into the hand-made workbook keeps its sheet and adds the tables; a second install changes nothing', async () => {
    const out = join(dir, 'installed.xlsx');
    const r = await cli('install', HANDMADE, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('党员名册');
    const before = await loadXlsx(readFileSync(HANDMADE));
    const after = await loadXlsx(readFileSync(out));
    const cells = (wb: typeof after) => wb.snapshot('2025年度考评汇总').cells.map((row) => row.map((c) => [c.value, c.formula]));
    expect(cells(after)).toEqual(cells(before));
    expect(after.sheetNames()).toEqual(expect.arrayContaining(['2025年度考评汇总', '考评参数', '党员名册', '考评结果']));
    const again = await cli('install', out, '-o', out);
    expect(again.out).toContain('无需改动');
  });

  it('compute --json prints the §5 object, writes results and the posting sheet (exit 0)', async () => {
    const input = await caseFile('small-branch');
    const out = join(dir, 'computed.xlsx');
    const r = await cli('compute', input, '-o', out, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['year', 'members', 'problems']);
    expect(json.year).toBe(2026);
    expect(Object.keys(json.members[0])).toEqual(['id', 'name', 'group', 'category', 'self', 'peer', 'mass', 'average', 'bonus', 'final', 'rank', 'eligible', 'admonish', 'veto', 'status', 'result']);
    const { expected } = loadCase('small-branch');
    for (const e of expected.members) expect(json.members.find((m: { id: string }) => m.id === e.id).final).toBe(e.final);
    const results = await readTable(out, 'results');
    expect(results.rows).toHaveLength(7);
    const wb = await loadXlsx(readFileSync(out));
    expect(wb.sheetNames()).toContain('考评结果公示');
  });

  it('compute with problems: exit 1, human output lists problems with cells, no posting sheet', async () => {
    const input = await caseFile('small-branch-traps');
    const out = join(dir, 'traps.xlsx');
    const r = await cli('compute', input, '-o', out);
    expect(r.code).toBe(1);
    expect(r.out).toContain('党员互评!E7');
    expect(r.out).toContain('公示表未生成');
    expect(existsSync(out)).toBe(true);
    const wb = await loadXlsx(readFileSync(out));
    expect(wb.sheetNames()).not.toContain('考评结果公示');
    const check = await cli('check', input, '--json');
    expect(check.code).toBe(1);
    const problem = JSON.parse(check.out).problems.find((p: { cell: string; sheet: string }) => p.sheet === '党员互评' && p.cell === 'E7');
    expect(problem).toMatchObject({ severity: 'error', code: 'out_of_range' });
    expect(typeof problem.message).toBe('string');
  });

  it('names like "=1+1" stay text through compute and save', async () => {
    const input = await caseFile('small-branch', (c) => {
      c.roster[0][1] = '=1+1';
      c.self[0][1] = '=1+1';
    });
    const out = join(dir, 'formula-name.xlsx');
    const r = await cli('compute', input, '-o', out, '--json');
    expect(JSON.parse(r.out).members.find((m: { id: string }) => m.id === '001').name).toBe('=1+1');
    const wb = await loadXlsx(readFileSync(out));
    const cells = [...wb.snapshot('考评结果').cells, ...wb.snapshot('党员名册').cells, ...wb.snapshot('考评结果公示').cells].flat();
    const named = cells.filter((c) => c.value === '=1+1' || c.formula === '1+1' || c.formula === '=1+1');
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(named.every((c) => c.value === '=1+1' && c.formula === null)).toBe(true);
  });

  it('never leaves a half-written output: an unwritable target fails with exit 2 and no temp files', async () => {
    const input = await caseFile('small-branch');
    const missingDir = join(dir, 'no-such-dir', 'out.xlsx');
    const r = await cli('compute', input, '-o', missingDir);
    expect(r.code).toBe(2);
    expect(existsSync(missingDir)).toBe(false);
    // An existing output stays as it was when the input cannot be read.
    const out = join(dir, 'keep.xlsx');
    writeFileSync(out, 'previous');
    expect((await cli('compute', join(dir, 'missing.xlsx'), '-o', out)).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('import-roster takes the hand-made summary: every expected member with group and category', async () => {
    const base = join(dir, 'base.xlsx');
    await cli('init', '-o', base, '--year', '2026');
    const out = join(dir, 'imported.xlsx');
    const r = await cli('import-roster', base, '--from', HANDMADE, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('导入党员 12 名');
    const roster = await readTable(out, 'roster');
    const expected = JSON.parse(readFileSync(HANDMADE.replace('.xlsx', '.expected.json'), 'utf8')).members as { name: string; group: string; category: string }[];
    expect(roster.rows.map((x) => ({ name: x[1], group: x[2], category: x[3] }))).toEqual(expected);
    expect(roster.rows.map((x) => x[0])).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(3, '0')));
    // Importing again changes nothing: merged by name, no duplicates.
    const again = await cli('import-roster', out, '--from', HANDMADE, '--sheet', '2025年度考评汇总', '-o', out);
    expect(again.out).toContain('新增 0');
    expect((await readTable(out, 'roster')).rows).toHaveLength(12);
    expect((await cli('import-roster', out, '--from', HANDMADE, '--sheet', '没有这张表', '-o', out)).code).toBe(2);
  });

  it('new-year archives results, clears entries and sets the year; from a hand-made workbook it installs and imports', async () => {
    const input = await caseFile('small-branch');
    const computed = join(dir, 'y2026.xlsx');
    await cli('compute', input, '-o', computed);
    const out = join(dir, 'y2027.xlsx');
    const r = await cli('new-year', computed, '--year', '2027', '-o', out);
    expect(r.code).toBe(0);
    const wb = await loadXlsx(readFileSync(out));
    expect(wb.sheetNames()).toContain('2026年考评结果');
    expect((await readTable(out, 'settings')).rows.find((x) => x[0] === '年度')?.[1]).toBe(2027);
    expect((await readTable(out, 'self')).rows.every((x) => x.every((v) => v === '' || v === null))).toBe(true);
    expect((await readTable(out, 'roster')).rows).toHaveLength(7);
    const fromHandmade = join(dir, 'from-handmade.xlsx');
    const h = await cli('new-year', HANDMADE, '--year', '2026', '-o', fromHandmade);
    expect(h.code).toBe(0);
    const roster = await readTable(fromHandmade, 'roster');
    expect(roster.rows.map((x) => x[1])).toContain('姚燕');
    const hw = await loadXlsx(readFileSync(fromHandmade));
    expect(hw.sheetNames()).toContain('2025年度考评汇总');
  });
});

describe('bin/kaoping.js', () => {
  it('runs with plain node: exit codes 0, 1 and 2 and one JSON object on stdout', async () => {
    const bin = join(ROOT, 'bin', 'kaoping.js');
    const help = await exec('node', [bin, '--help'], { cwd: ROOT });
    expect(help.stdout).toContain('kaoping');
    const input = await caseFile('small-branch-traps');
    const r = await exec('node', [bin, 'check', input, '--json'], { cwd: ROOT }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).problems.length).toBeGreaterThan(0);
    const bad = await exec('node', [bin, 'check', join(dir, 'nope.xlsx')], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(2);
    expect(statSync(join(ROOT, 'node_modules', '.cache', 'kaoping-cli', 'kaoping.cjs')).isFile()).toBe(true);
  }, 60000);
});

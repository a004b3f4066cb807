/**
 * `kaoping check` as a secretary reads it: the summary and the one error on top, 40 identical warnings as one
 * line naming the members (every one with --verbose), --json one problem per cell; and the forms still missing.
 * The workbooks are made the way a secretary makes them: install, type the roster and forms, install again
 * (a kp_Plans row per member, plans left blank), hand out ballot files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonOutput } from '../../src/domain/json';
import type { RawCell } from '../../src/domain/types';
import { run, saveXlsx, type HostWorkbook } from '../../src/host';
import { issueBallots } from '../../src/workbook/ballots/ballotFiles';
import { check } from '../../src/workbook/results/check';
import { install } from '../../src/workbook/setup/install';
import { cli } from '../support/cli';
import { fillCase, type CaseJson } from '../support/fillCase';

const D90: RawCell[] = [9, 9, 13.5, 13.5, 13.5, 13.5, 9, 9];
const SURNAMES = '郭陶王李张刘陈杨赵黄周吴徐孙胡朱高林何罗';
const GIVEN = ['兰强', '静', '建国', '海燕'];

/** `n` members in 党小组 of `groupSize`, every form in (self, named peer, one mass code Q01). */
export function branch(n: number, groupSize: number): CaseJson {
  const roster = Array.from({ length: n }, (_, i) => [
    String(i + 1).padStart(3, '0'), SURNAMES[i % SURNAMES.length] + GIVEN[(i + Math.floor(i / SURNAMES.length)) % GIVEN.length],
    `第${Math.floor(i / groupSize) + 1}党小组`, '机关党员', null, null,
  ]);
  const peer: RawCell[][] = [];
  for (const e of roster) for (const m of roster) if (e !== m && e[2] === m[2]) peer.push([e[0], m[0], m[1], ...D90]);
  return {
    name: 'check-report', year: 2026, branch: '测试党支部', roster,
    self: roster.map((m) => [m[0], m[1], ...D90]),
    peer,
    mass: roster.map((m) => ['Q01', m[0], m[1], ...D90]),
    bonus: [], review: [],
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-check-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function save(wb: HostWorkbook, name: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await saveXlsx(wb));
  return path;
}

describe('kaoping check: errors first, repeated warnings grouped', () => {
  let path: string;
  let names: string[];
  beforeAll(async () => {
    const c = branch(40, 5);
    // One error: member 007's 理想信念 self score is 16 (of 10).
    c.self[6] = [c.self[6][0], c.self[6][1], 16, ...D90.slice(1)];
    names = c.roster.map((r) => String(r[1]));
    const wb = await fillCase(c);
    // Install again: a kp_Plans row for every member, the plans blank (40 times the same warning).
    await run(wb, (ctx) => install(ctx));
    path = await save(wb, 'forty.xlsx');
  });

  it('prints the error within the first three lines and the 40 warnings as one line naming them', async () => {
    const r = await cli('check', path);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('1 处错误需要改正后才能公示。另有 40 处提醒请核对。');
    const error = lines.findIndex((l) => l.includes('[错误]'));
    expect(error).toBeGreaterThanOrEqual(0);
    expect(error).toBeLessThan(3);
    expect(lines[error]).toContain('党员自评!C8');
    const plans = lines.filter((l) => l.includes('个人年度工作计划'));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain(`40 名党员还没有填写个人年度工作计划：${names.slice(0, 10).join('、')}、…`);
    expect(plans[0]).toContain('年度工作计划');
    expect(lines.filter((l) => l.includes('[提醒]'))).toHaveLength(1);
    // Nothing is missing: every form is in.
    expect(r.out).not.toContain('缺表');
    expect(lines.length).toBeLessThan(12);
  });

  it('--verbose lists every occurrence, each at the member\'s row of 年度工作计划', async () => {
    const r = await cli('check', path, '--verbose');
    for (let i = 0; i < 40; i++) expect(r.out).toContain(`年度工作计划!C${i + 2}  「年度工作计划」表 C${i + 2}：党员 ${String(i + 1).padStart(3, '0')} ${names[i]} 还没有填写`);
    expect(r.out).not.toContain('--verbose');
  });

  it('--json keeps one problem per cell with the §5 fields', async () => {
    const r = await cli('check', path, '--json');
    const json = JSON.parse(r.out) as JsonOutput;
    expect(json.problems).toHaveLength(41);
    for (const p of json.problems) expect(Object.keys(p)).toEqual(['severity', 'sheet', 'cell', 'code', 'message']);
    const plans = json.problems.filter((p) => p.code === 'plan_missing');
    expect(plans.map((p) => `${p.severity} ${p.sheet}!${p.cell}`)).toEqual(names.map((_, i) => `warning 年度工作计划!C${i + 2}`));
    expect(json.problems.filter((p) => p.severity === 'error').map((p) => `${p.sheet}!${p.cell} ${p.code}`)).toEqual(['党员自评!C8 out_of_range']);
  });
});

describe('kaoping check: forms still missing', () => {
  it('names a member with no self form, an evaluator whose peer forms are out, and mass ballots not back', async () => {
    const c = branch(6, 3);
    c.self = c.self.filter((r) => r[0] !== '004');
    // 002 has not scored 003 yet.
    c.peer = c.peer.filter((r) => !(r[0] === '002' && r[1] === '003'));
    c.mass = [];
    const wb = await fillCase(c);
    await run(wb, (ctx) => install(ctx));
    // Three mass ballots handed out (Q01–Q03, recorded in kp_State); Q01 comes back.
    const out = await run(wb, (ctx) => issueBallots(ctx, 'mass', { codes: 3 }));
    expect(out.specs.map((s) => s.identity.evaluator)).toEqual(['Q01', 'Q02', 'Q03']);
    await run(wb, async (ctx) => {
      const t = ctx.workbook.tables.getItem('kp_Mass');
      t.rows.add(undefined, c.roster.map((m) => ['Q01', m[0], m[1], ...D90, '']) as (string | number)[][]);
      await ctx.sync();
    });
    const path = await save(wb, 'missing.xlsx');
    const json = JSON.parse((await cli('check', path, '--json')).out) as JsonOutput;
    const missing = json.problems.filter((p) => p.code === 'missing_form');
    expect(missing.map((p) => `${p.severity} ${p.sheet}`)).toEqual(['warning 党员自评', 'warning 党员互评', 'warning 群众参评', 'warning 群众参评']);
    expect(missing[0].message).toContain('党员 004 李海燕 还没有自评');
    expect(missing[1].message).toContain('党员 002 陶静 的互评还没有交齐：还差对 1 名党员的测评表（王建国）');
    expect(missing.slice(2).map((p) => p.message.replace(/^.*：/, ''))).toEqual(['群众参评测评表 Q02 已分发，还没有交回。', '群众参评测评表 Q03 已分发，还没有交回。']);
    // The add-in's check lists them too, and highlights nothing where a missing form would be typed.
    const report = await run(wb, (ctx) => check(ctx));
    expect(report.problems.filter((p) => p.code === 'missing_form').map((p) => `${p.sheet}!${p.cell}`)).toEqual(missing.map((p) => `${p.sheet}!${p.cell}`));
    for (const p of missing) {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(p.cell)!;
      expect({ at: `${p.sheet}!${p.cell}`, fill: wb.snapshot(p.sheet).cells[Number(row) - 1]?.[col.charCodeAt(0) - 65]?.fill ?? null }).toEqual({ at: `${p.sheet}!${p.cell}`, fill: null });
    }
    // The plain report: missing forms in their own group, after the errors (none here) and before the warnings.
    const lines = (await cli('check', path)).out.split('\n');
    expect(lines[0]).toBe('还缺 4 项测评表，补齐后再计算结果和公示。另有 6 处提醒请核对。');
    expect(lines[1]).toBe('还缺的测评表 4 项：');
    expect(lines.slice(2, 6).every((l) => l.startsWith('  [缺表] '))).toBe(true);
  });
});

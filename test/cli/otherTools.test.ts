/**
 * The SPEC's contract as an outside test checks it: `kaoping init`, the kp_ tables filled by ANOTHER tool (plain
 * ExcelJS here, as a Python or JS script or WPS / LibreOffice would: cell by cell, no formulas, no cached values,
 * table ref extended or not), then `kaoping compute --json` / `kaoping check --json` compared with the fixtures'
 * expected members, and problem cells computed from row order (first data row = row 2, column A first).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cli } from '../support/cli';
import type { JsonOutput } from '../../src/domain/json';
import { loadCase, type CaseJson, type ExpectedMember } from '../support/caseInput';
import { fillWithExcelJs, type RefMode } from './otherTool';

const exec = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const CASES = ['small-branch', 'small-branch-traps', 'small-categories'] as const;
const MODES: RefMode[] = ['extend', 'below', 'inline'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-other-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** init → filled by ExcelJS → the path of the filled file. */
async function filled(name: string, mode: RefMode, mutate?: (c: CaseJson) => void): Promise<{ path: string; input: CaseJson; expected: ExpectedMember[] }> {
  const { input, expected } = loadCase(name);
  mutate?.(input);
  const init = join(dir, `${name}-${mode}-init.xlsx`);
  expect((await cli('init', '-o', init)).code).toBe(0);
  const path = join(dir, `${name}-${mode}-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, await fillWithExcelJs(readFileSync(init), input, mode));
  return { path, input, expected: expected.members };
}

function expectMembers(json: JsonOutput, expected: ExpectedMember[]): void {
  // Every roster member the fixture lists, and no one else (a member of an unknown 类别 is not scored).
  expect(json.members.map((m) => m.id).sort()).toEqual(expected.map((m) => m.id).sort());
  for (const e of expected) {
    const m = json.members.find((x) => x.id === e.id) as unknown as Record<string, unknown>;
    for (const [field, want] of Object.entries(e)) {
      if (field === 'status_any') expect({ id: e.id, status: (want as string[]).includes(m.status as string) }).toEqual({ id: e.id, status: true });
      else if (typeof want === 'number' && ['self', 'peer', 'mass'].includes(field)) {
        expect({ id: e.id, field, diff: Math.abs((m[field] as number) - want) <= 1e-6 }).toEqual({ id: e.id, field, diff: true });
      } else expect({ id: e.id, field, value: m[field] }).toEqual({ id: e.id, field, value: want });
    }
  }
}

/**
 * sheet!cell:code of every problem, outside-table notices aside, and the work-plan warnings aside too: they
 * name the roster cell until install gives the member a kp_Plans row, then the row's 工作计划 cell.
 */
function cells(json: JsonOutput): string[] {
  return withoutPlans(json).problems.filter((p) => p.code !== 'rows_outside_table').map((p) => `${p.sheet}!${p.cell}:${p.code}`).sort();
}

function withoutPlans(json: JsonOutput): JsonOutput {
  return { ...json, problems: json.problems.filter((p) => p.code !== 'plan_missing') };
}

describe.each(CASES)('%s filled by plain ExcelJS', (name) => {
  const outputs: Partial<Record<RefMode, JsonOutput>> = {};

  it.each(MODES)('table ref %s: compute --json gives every expected member; check agrees', async (mode) => {
    const { path, expected } = await filled(name, mode);
    if (mode === 'inline') {
      const zip = await JSZip.loadAsync(readFileSync(path));
      const roster = await zip.file('xl/worksheets/sheet3.xml')!.async('string');
      expect(roster).toContain('t="inlineStr"');
      expect(roster).not.toContain('t="s"');
    }
    const out = join(dir, `${name}-${mode}-out.xlsx`);
    const r = await cli('compute', path, '-o', out, '--json');
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as JsonOutput;
    expectMembers(json, expected);
    const hasErrors = json.problems.some((p) => p.severity === 'error') || json.members.some((m) => m.status === 'incomplete' || m.status === 'invalid');
    expect(r.code).toBe(hasErrors ? 1 : 0);
    const c = await cli('check', path, '--json');
    expect(c.code).toBe(r.code);
    expect(JSON.parse(c.out)).toEqual(json);
    outputs[mode] = json;
  });

  it('rows below the table count exactly as rows inside it, with a warning naming the rows', () => {
    const { input } = loadCase(name);
    const inside = outputs.extend!;
    const below = outputs.below!;
    expect(outputs.inline).toEqual(below);
    expect(below.members).toEqual(inside.members);
    expect(cells(below)).toEqual(cells(inside));
    expect(inside.problems.filter((p) => p.code === 'rows_outside_table')).toEqual([]);
    const notices = below.problems.filter((p) => p.code === 'rows_outside_table');
    const want: [string, number][] = [['党员名册', input.roster.length], ['党员自评', input.self.length], ['党员互评', input.peer.length], ['群众参评', input.mass.length], ['加分项', input.bonus.length], ['支部审定', input.review.length]];
    const expectedNotices = want.filter(([, n]) => n > 1).map(([sheet, n]) => ({ sheet, cell: 'A3', rows: `3–${n + 1}` }));
    // Extra categories go under the installed rubric (rows 2–9), so they are all outside it.
    const extra = Object.values(input.categories ?? {}).reduce((a, d) => a + d.length, 0);
    if (extra > 0) expectedNotices.push({ sheet: '考评细则', cell: 'A10', rows: `10–${9 + extra}` });
    expect(notices.map((p) => ({ sheet: p.sheet, cell: p.cell, rows: /第 (\S+) 行/.exec(p.message)?.[1] })).sort((a, b) => a.sheet.localeCompare(b.sheet))).toEqual(
      expectedNotices.sort((a, b) => a.sheet.localeCompare(b.sheet)),
    );
    for (const p of notices) expect(p.severity).toBe('warning');
  });
});

describe('problem cells from row order (small-branch-traps)', () => {
  it.each(MODES)('table ref %s: the traps are reported at their cells', async (mode) => {
    const { path } = await filled('small-branch-traps', mode);
    const json = JSON.parse((await cli('check', path, '--json')).out) as JsonOutput;
    const at = (sheet: string, cell: string) => json.problems.filter((p) => p.sheet === sheet && p.cell === cell).map((p) => p.code);
    // Peer row 6 (sheet row 7): 宗旨意识 (column E) is 16 of 10.
    expect(at('党员互评', 'E7')).toEqual(['out_of_range']);
    // Peer row 11: "优" in 爱岗敬业 (F12); row 16: 9.25 in 学习教育 (G17); row 21: 工作绩效 blank (H22); row 26: -1 (D27).
    expect(at('党员互评', 'F12')).toEqual(['not_a_number']);
    expect(at('党员互评', 'G17')).toEqual(['too_many_decimals']);
    expect(at('党员互评', 'H22')).toEqual(['incomplete_form']);
    expect(at('党员互评', 'D27')).toEqual(['out_of_range']);
    // The last peer row (sheet row 52) is about 999, not in the roster.
    expect(at('党员互评', 'B52')).toEqual(['unknown_member']);
    // Mass: Q01 scored 002 twice (rows 3 and 35); row 36 has no 评价人; 11 of 10 for 008 (rows 9, 20, 31).
    expect(at('群众参评', 'A3')).toContain('duplicate_form');
    expect(at('群众参评', 'A35')).toContain('duplicate_form');
    expect(at('群众参评', 'A36')).toEqual(['missing_evaluator']);
    for (const c of ['D9', 'D20', 'D31']) expect(at('群众参评', c)).toEqual(['out_of_range']);
    // Bonus "两分" (D3) and 0 (D4); review 待定 (C2).
    expect(at('加分项', 'D3')).toEqual(['bonus_not_a_number']);
    expect(at('加分项', 'D4')).toEqual(['bonus_not_positive']);
    expect(at('支部审定', 'C2')).toEqual(['veto_unrecognised']);
  });
});

describe('after another tool wrote below the tables', () => {
  it('install extends the tables over the rows (nothing moves), then nothing is outside and results are the same', async () => {
    const { path, expected } = await filled('small-categories', 'below');
    const before = JSON.parse((await cli('check', path, '--json')).out) as JsonOutput;
    const repaired = join(dir, 'repaired.xlsx');
    const r = await cli('install', path, '-o', repaired);
    expect(r.code).toBe(0);
    expect(r.out).toContain('kp_Peer 扩展到表格下方已填写的第');
    const after = JSON.parse((await cli('check', repaired, '--json')).out) as JsonOutput;
    expect(after.problems.filter((p) => p.code === 'rows_outside_table')).toEqual([]);
    expect(after.members).toEqual(before.members);
    expectMembers(after, expected);
    expect(cells(after)).toEqual(cells(before));
    // The refs as another tool sees them, and the cells where they were.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(repaired) as unknown as ExcelJS.Buffer);
    const { input } = loadCase('small-categories');
    const peer = wb.getWorksheet('党员互评')!;
    const ref = (peer as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables.kp_Peer.table.tableRef;
    expect(ref).toBe(`A1:L${input.peer.length + 1}`);
    expect(peer.getCell(`B${input.peer.length + 1}`).value).toBe(input.peer[input.peer.length - 1][1]);
    // 合计 now has its formula in the adopted rows.
    expect(String((peer.getCell('L3').value as { formula?: string }).formula)).toContain('SUM(kp_Peer');
    // A second install has nothing to do.
    const again = await cli('install', repaired, '-o', join(dir, 'repaired2.xlsx'));
    expect(again.out).toContain('无需改动');
  });

  it('install gives rows another tool wrote inside the table their 合计 formula (once), nothing else changes', async () => {
    const { path, input } = await filled('small-branch', 'extend');
    const repaired = join(dir, 'totals.xlsx');
    const r = await cli('install', path, '-o', repaired);
    expect(r.out).toContain(`kp_Peer 为 ${input.peer.length - 1} 行补上“合计”公式`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(repaired) as unknown as ExcelJS.Buffer);
    const peer = wb.getWorksheet('党员互评')!;
    for (let row = 2; row <= input.peer.length + 1; row++) expect(String((peer.getCell(`L${row}`).value as { formula?: string }).formula)).toContain('SUM(kp_Peer');
    const after = JSON.parse((await cli('check', repaired, '--json')).out) as JsonOutput;
    expect(withoutPlans(after)).toEqual(withoutPlans(JSON.parse((await cli('check', path, '--json')).out)));
    // Install gave every member a row in kp_Plans: the plan warnings now name the 工作计划 cells there.
    expect(after.problems.filter((p) => p.code === 'plan_missing').map((p) => `${p.sheet}!${p.cell}`)).toEqual(input.roster.map((_, i) => `年度工作计划!C${i + 2}`));
    expect((await cli('install', repaired, '-o', join(dir, 'totals2.xlsx'))).out).toContain('无需改动');
  });

  it('new-year clears the rows typed below the entry tables too (no last-year form is counted next year)', async () => {
    const { path, input } = await filled('small-branch', 'below');
    const next = join(dir, 'next.xlsx');
    expect((await cli('new-year', path, '--year', '2027', '-o', next)).code).toBe(0);
    const json = JSON.parse((await cli('check', next, '--json')).out) as JsonOutput;
    expect(json.year).toBe(2027);
    expect(json.members.map((m) => m.id)).toEqual(input.roster.map((r) => r[0]));
    expect(json.members.every((m) => m.status === 'incomplete' && m.self === null && m.peer === null && m.mass === null)).toBe(true);
    expect(json.problems.filter((p) => p.code === 'rows_outside_table')).toEqual([]);
  });

  it('the real entry point (node bin/kaoping.js) gives the same JSON and exit code', async () => {
    const { path, expected } = await filled('small-branch', 'below');
    const out = join(dir, 'spawned.xlsx');
    const { stdout } = await exec('node', [join(ROOT, 'bin', 'kaoping.js'), 'compute', path, '-o', out, '--json'], { cwd: ROOT });
    const json = JSON.parse(stdout) as JsonOutput;
    expectMembers(json, expected);
    const traps = await filled('small-branch-traps', 'below');
    const failed = await exec('node', [join(ROOT, 'bin', 'kaoping.js'), 'check', traps.path, '--json'], { cwd: ROOT }).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    expect(failed).toBe(1);
  }, 60_000);
});

describe('kp_Settings or kp_Rubric missing, or the 值 cells empty', () => {
  /** The case filled by ExcelJS, then `edit` applied with ExcelJS too. */
  async function edited(name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<{ path: string; expected: ExpectedMember[] }> {
    const { path, expected } = await filled(name, 'extend');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
    edit(wb);
    writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
    return { path, expected };
  }

  it('compute uses the defaults with a warning (exit 0), and install puts the tables back', async () => {
    const { path, expected } = await edited('small-branch', (wb) => {
      for (const s of ['考评参数', '考评细则']) wb.removeWorksheet(wb.getWorksheet(s)!.id);
    });
    const r = await cli('compute', path, '-o', join(dir, 'nosettings-out.xlsx'), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as JsonOutput;
    expectMembers(json, expected);
    // No plans written: a warning per member, where the secretary adds the plan: the ExcelJS-typed roster has no
    // kp_Plans rows, so at the 党员编号 cell of the row each member's plan would take (install adds them there).
    expect(json.problems.filter((p) => p.code === 'plan_missing').map((p) => `${p.severity}:${p.sheet}!${p.cell}`)).toEqual(json.members.map((_, i) => `warning:年度工作计划!A${i + 2}`));
    expect(withoutPlans(json).problems.map((p) => `${p.severity}:${p.code}:${p.sheet}`).sort()).toEqual(['warning:table_missing:考评参数', 'warning:table_missing:考评细则']);
    expect(withoutPlans(json).problems[0].message).toMatch(/kp_(Settings|Rubric)/);
    const repaired = join(dir, 'nosettings-repaired.xlsx');
    expect((await cli('install', path, '-o', repaired)).code).toBe(0);
    const after = await cli('check', repaired, '--json');
    expect(after.code).toBe(0);
    expect(withoutPlans(JSON.parse(after.out) as JsonOutput).problems).toEqual([]);
  });

  it('empty 值 cells take the defaults: compute works (exit 0) and gives the expected results', async () => {
    const { path, expected } = await edited('small-branch', (wb) => {
      const ws = wb.getWorksheet('考评参数')!;
      for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, 2).value = null;
    });
    const r = await cli('compute', path, '-o', join(dir, 'blank-values-out.xlsx'), '--json');
    expect(r.code).toBe(0);
    expectMembers(JSON.parse(r.out) as JsonOutput, expected);
  });

  it('exit codes: 0 with warnings only, 1 with an error or an incomplete member, 2 when nothing is done', async () => {
    // Warnings only (rows outside the tables): 0.
    expect((await cli('check', (await filled('small-branch', 'below')).path)).code).toBe(0);
    // One member without a self form: incomplete, 1 (no error-level problem needed).
    const { path } = await filled('small-branch', 'extend', (c) => c.self.splice(0, 1));
    const incomplete = await cli('check', path, '--json');
    const json = JSON.parse(incomplete.out) as JsonOutput;
    expect(json.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(json.members.find((m) => m.id === '001')?.status).toBe('incomplete');
    expect(incomplete.code).toBe(1);
    expect((await cli('compute', path, '-o', join(dir, 'inc-out.xlsx'))).code).toBe(1);
    // An error: 1.
    expect((await cli('check', (await filled('small-branch-traps', 'extend')).path)).code).toBe(1);
    // Nothing done: 2.
    expect((await cli('check', join(dir, 'missing.xlsx'))).code).toBe(2);
  });
});

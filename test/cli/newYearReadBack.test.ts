/**
 * `kaoping new-year` outputs read back with plain ExcelJS (as another tool or a secretary would open them):
 * settings year updated, roster kept, entries cleared, last year's results archived as values only, last year's
 * posting sheet kept under a dated name, the results sheet's distribution and stamp emptied, nothing lost.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/dispatch';
import { loadCase } from '../support/caseInput';
import { fillWithExcelJs } from './otherTool';
import { HANDMADE_XLSX } from '../support/paths';

const HANDMADE = HANDMADE_XLSX;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-ny-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (out += t + '\n') });
  return { code, out };
}

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  return wb;
}

/**
 * Plain values of a sheet's rows from row `from` on, trailing blanks dropped; a formula as { formula } (its cached
 * result aside: our host writes one where the source had none).
 */
function rows(ws: ExcelJS.Worksheet, from = 1): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (r < from) return;
    const v = (row.values as unknown[]).slice(1).map((x) => (x === undefined ? null : x && typeof x === 'object' && 'formula' in x ? { formula: (x as { formula: string }).formula } : x));
    while (v.length > 0 && (v[v.length - 1] === null || v[v.length - 1] === '')) v.pop();
    out.push(v);
  });
  return out;
}

function settingValue(wb: ExcelJS.Workbook, label: string): unknown {
  return rows(wb.getWorksheet('考评参数')!, 2).find((r) => r[0] === label)?.[1];
}

describe('new-year read back', () => {
  it('on the computed fixture workbook: year set, roster kept, entries cleared, results archived as values', async () => {
    const init = join(dir, 'init.xlsx');
    await cli('init', '-o', init, '--year', '2026');
    const { input } = loadCase('small-branch');
    const filled = join(dir, 'filled.xlsx');
    writeFileSync(filled, await fillWithExcelJs(readFileSync(init), input, 'extend'));
    const computed = join(dir, 'computed.xlsx');
    expect((await cli('compute', filled, '-o', computed)).code).toBe(0);
    const next = join(dir, 'next.xlsx');
    const r = await cli('new-year', computed, '--year', '2027', '-o', next);
    expect(r.code).toBe(0);
    const before = await open(computed);
    const after = await open(next);

    expect(settingValue(after, '年度')).toBe(2027);
    expect(settingValue(after, '党支部名称')).toBe(input.branch);
    // Settings other than the year, the rubric and the roster are unchanged.
    expect(rows(after.getWorksheet('考评参数')!).filter((x) => x[0] !== '年度')).toEqual(rows(before.getWorksheet('考评参数')!).filter((x) => x[0] !== '年度'));
    expect(rows(after.getWorksheet('考评细则')!)).toEqual(rows(before.getWorksheet('考评细则')!));
    expect(rows(after.getWorksheet('党员名册')!, 2)).toEqual(input.roster.map((x) => x.filter((v) => v !== null)));
    // Entries: only the header and the blank row (with its 合计 formula) are left.
    for (const s of ['党员自评', '党员互评', '群众参评', '加分项', '支部审定']) {
      const body = rows(after.getWorksheet(s)!, 2).filter((x) => x.some((v) => v !== null && typeof v !== 'object'));
      expect({ s, body }).toEqual({ s, body: [] });
    }
    // The archive holds last year's kp_Results exactly, as values (no formula), and prints one page wide.
    const archive = after.getWorksheet('2026年考评结果')!;
    // kp_Results from its header row on (the 分数段 block above it is not part of the table).
    const sheetRows = rows(before.getWorksheet('考评结果')!);
    const old = sheetRows.slice(sheetRows.findIndex((x) => x[0] === '排名')).map((x) => x.slice(0, 13));
    const kept = rows(archive);
    expect(kept).toEqual(old.filter((x) => x.some((v) => v !== null)).map((x) => { const y = x.slice(); while (y.length && y[y.length - 1] === null) y.pop(); return y; }));
    expect(kept.flat().some((v) => v !== null && typeof v === 'object')).toBe(false);
    expect(kept).toHaveLength(input.roster.length + 1);
    expect(archive.pageSetup.orientation).toBe('landscape');
    expect(archive.pageSetup.fitToWidth).toBe(1);
    // The results sheet: no member rows, no counts, no stamp of last year's computation.
    const res = rows(after.getWorksheet('考评结果')!, 2);
    expect(res.flat().filter((v) => typeof v === 'number')).toEqual([]);
    expect(res.flat().some((v) => typeof v === 'string' && v.startsWith('计算时间'))).toBe(false);
    // Last year's posting sheet is kept with its year; nothing of last year is lost.
    const posting = after.getWorksheet('2026年考评结果公示')!;
    expect(rows(posting)).toEqual(rows(before.getWorksheet('考评结果公示')!));
    const names = after.worksheets.map((w) => w.name);
    // The whole posting pack of last year is kept with its year.
    const pack = ['考评结果公示', '考评细则公示', '工作计划公示'];
    for (const w of before.worksheets) expect(names).toContain(pack.includes(w.name) ? `2026年${w.name}` : w.name);
    // The new year checks clean apart from the missing forms, and a later posting is made afresh.
    const check = JSON.parse((await cli('check', next, '--json')).out);
    expect(check.year).toBe(2027);
    expect(check.members.every((m: { status: string }) => m.status === 'incomplete')).toBe(true);
  });

  it('on the hand-made 2025 summary: installs, takes the roster, keeps the secretary\'s sheet untouched', async () => {
    const next = join(dir, 'from-handmade.xlsx');
    expect((await cli('new-year', HANDMADE, '--year', '2026', '-o', next)).code).toBe(0);
    const source = await open(HANDMADE);
    const after = await open(next);
    expect(settingValue(after, '年度')).toBe(2026);
    const expected = JSON.parse(readFileSync(HANDMADE.replace('.xlsx', '.expected.json'), 'utf8')).members as { name: string; group: string; category: string }[];
    const roster = rows(after.getWorksheet('党员名册')!, 2);
    expect(roster.map((x) => [x[1], x[2], x[3]])).toEqual(expected.map((m) => [m.name, m.group, m.category]));
    // Every sheet of the source is still there with the same cells.
    for (const w of source.worksheets) {
      const kept = after.getWorksheet(w.name)!;
      expect({ sheet: w.name, rows: rows(kept) }).toEqual({ sheet: w.name, rows: rows(w) });
    }
    // 离退休党员 is not in the default rubric: check says so on exactly those members' 类别 cells (the secretary
    // adds the category to 考评细则), and the others are listed.
    const check = JSON.parse((await cli('check', next, '--json')).out);
    const unknown = check.problems.filter((p: { code: string }) => p.code === 'roster_unknown_category').map((p: { cell: string }) => p.cell);
    expect(unknown).toEqual(expected.map((m, i) => (m.category === '离退休党员' ? `D${i + 2}` : '')).filter(Boolean));
    expect(check.members).toHaveLength(expected.filter((m) => m.category !== '离退休党员').length);
  });
});

/**
 * `kaoping new-year --undo` and `kaoping report --year` (SPEC §5): a new year keeps the old year in the workbook,
 * is undone while nothing of it was entered (the tables back cell for cell, read back from the files written),
 * and a past year's score sheets are made from its archive with that year's scores.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { compute } from '../../src/workbook/results/compute';
import { saveForm } from '../../src/workbook/entry/forms';
import { cli } from '../support/cli';
import { vetoYear } from '../support/yearCases';

let dir: string;
let year: string;
let rolled: string;
let yearNumber: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-newyear-'));
  const { wb, c } = await vetoYear();
  yearNumber = c.year;
  await run(wb, (ctx) => compute(ctx));
  year = join(dir, 'year.xlsx');
  writeFileSync(year, await saveXlsx(wb));
  rolled = join(dir, 'rolled.xlsx');
  const r = await cli('new-year', year, '--year', String(c.year + 1), '-o', rolled);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain(`${c.year}年考评存档`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(path: string): Promise<HostWorkbook> {
  return loadXlsx(readFileSync(path));
}

/** Every cell (value and formula) of every sheet. */
function cells(wb: HostWorkbook): Record<string, unknown> {
  return Object.fromEntries(wb.sheetNames().map((n) => [n, wb.snapshot(n).cells.map((row) => row.map((c) => [c.value, c.formula]))]));
}

/** The texts of a sheet, row by row. */
function texts(wb: HostWorkbook, sheet: string): string[] {
  return wb.snapshot(sheet).cells.map((row) => row.map((c) => String(c.value ?? '')).join('|'));
}

describe('kaoping new-year --undo', () => {
  it('puts every sheet back cell for cell (exit 0)', async () => {
    const back = join(dir, 'back.xlsx');
    const r = await cli('new-year', rolled, '--undo', '-o', back);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已撤销新年度：工作簿回到 ${yearNumber} 年度`);
    expect(cells(await open(back))).toEqual(cells(await open(year)));
  });

  it('is refused once a form of the new year was entered: exit 2, the sheet named, no file written', async () => {
    const wb = await open(rolled);
    await run(wb, (c) => saveForm(c, 'self', '001', [{ memberId: '001', scores: { 理想信念: 9 } }]));
    const typed = join(dir, 'typed.xlsx');
    writeFileSync(typed, await saveXlsx(wb));
    const out = join(dir, 'refused.xlsx');
    const r = await cli('new-year', typed, '--undo', '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('党员自评');
    expect(existsSync(out)).toBe(false);
  });

  it('--undo with --year, or neither, is a usage error (exit 2)', async () => {
    expect((await cli('new-year', rolled, '--undo', '--year', '2030', '-o', join(dir, 'x.xlsx'))).code).toBe(2);
    expect((await cli('new-year', rolled, '-o', join(dir, 'y.xlsx'))).code).toBe(2);
  });

  it('a workbook never rolled over has nothing to undo (exit 2)', async () => {
    const r = await cli('new-year', year, '--undo', '-o', join(dir, 'z.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有可撤销的新年度');
  });
});

describe('kaoping report --year', () => {
  it('makes last year’s score sheet from the archive: the same page as before the new year, with the old scores', async () => {
    const before = join(dir, 'before.xlsx');
    expect((await cli('report', year, '--member', '002', '-o', before)).code).toBe(0);
    const after = join(dir, 'after.xlsx');
    const r = await cli('report', rolled, '--member', '002', '--year', String(yearNumber), '-o', after);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${yearNumber}年个人考评明细`);
    const page = texts(await open(after), `${yearNumber}年个人考评明细`);
    expect(page).toEqual(texts(await open(before), '个人考评明细'));
    expect(page.join('\n')).toContain(`${yearNumber}年度`);
    // The old year's final (the rolled-over workbook's own tables are blank).
    const json = JSON.parse((await cli('compute', year, '--json', '-o', join(dir, 'computed.xlsx'))).out) as { members: { id: string; final: number }[] };
    const final = json.members.find((m) => m.id === '002')!.final;
    expect(page.find((l) => l.includes('最终得分'))).toContain(`最终得分|${final.toFixed(2)}`);
  });

  it('a year with no archive: exit 2 naming the year', async () => {
    const r = await cli('report', rolled, '--year', '2019', '-o', join(dir, 'none.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('2019');
  });
});

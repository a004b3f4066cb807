/**
 * `kaoping report` (score sheets, SPEC §5), the posting pack from `compute`, and the work plans through the
 * command line: outputs read back with plain ExcelJS, as another program or a secretary would open them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { saveXlsx } from '../../src/host';
import { cli } from '../support/cli';
import { HANDMADE_XLSX } from '../support/paths';
import { vetoYear } from '../support/yearCases';

let dir: string;
let year: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-report-'));
  const { wb } = await vetoYear();
  year = join(dir, 'year.xlsx');
  writeFileSync(year, await saveXlsx(wb));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Every text of a sheet (cell values as strings). */
function sheetTexts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? ''))));
  return out;
}

describe('kaoping report', () => {
  it('--member 002: one page for that member, no other member and no ballot code on it (exit 0)', async () => {
    const out = join(dir, 'one.xlsx');
    const r = await cli('report', year, '--member', '002', '-o', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已生成考评明细：1 名党员，每人一页（A4）；文件中只有工作表“个人考评明细”，不含测评表和评价人。');
    const ws = (await open(out)).getWorksheet('个人考评明细')!;
    const t = sheetTexts(ws).join('|');
    expect(t).toContain('姓名：周燕玉');
    expect(t).toContain('市级先进工作者');
    for (const other of ['杜磊秀', '赵强敏', '谭华敏', '熊建梅', '郭杰', '尹秀英']) expect(t).not.toContain(other);
    expect(t).not.toMatch(/Q0\d/);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.fitToHeight).toBe(1);
  });

  it('--member 002: OUT is a file of its own: one sheet, and no part of the package names another member, an evaluator or a ballot', async () => {
    const out = join(dir, 'own.xlsx');
    const before = readFileSync(year);
    expect((await cli('report', year, '--member', '002', '-o', out)).code).toBe(0);
    expect(readFileSync(year).equals(before)).toBe(true); // IN is only read
    expect((await open(out)).worksheets.map((w) => w.name)).toEqual(['个人考评明细']);
    const parts = unzipSync(new Uint8Array(readFileSync(out)));
    const text = Object.entries(parts).map(([name, bytes]) => `${name}\n${strFromU8(bytes)}`).join('\n');
    expect(text).toContain('周燕玉');
    for (const other of ['杜磊秀', '赵强敏', '谭华敏', '熊建梅', '郭杰', '尹秀英']) expect(text).not.toContain(other);
    // No other sheet, no table (the entry tables are tables), no hidden bookkeeping.
    expect(Object.keys(parts).filter((n) => /^xl\/(worksheets|tables)\//.test(n))).toEqual(['xl/worksheets/sheet1.xml']);
    for (const leak of ['kp_State', 'kp_Peer', 'kp_Mass', 'kp_Self', 'kp_Roster', '党员名册', '考评结果公示', 'veryHidden']) expect(text).not.toContain(leak);
    expect(text).not.toMatch(/Q0\d/);
  });

  it('made while 考评结果 is not current: said on the terminal and in every page header; after compute not', async () => {
    const stale = join(dir, 'stale.xlsx');
    const r = await cli('report', year, '--member', '002', '-o', stale);
    expect(r.out).toContain('注意：考评结果尚未按当前数据计算');
    const header = (f: string) => strFromU8(unzipSync(new Uint8Array(readFileSync(f)))['xl/worksheets/sheet1.xml']);
    expect(header(stale)).toMatch(/<oddHeader>[^<]*考评结果尚未按当前数据计算/);
    const computed = join(dir, 'computed-for-report.xlsx');
    expect((await cli('compute', year, '-o', computed)).code).toBe(0);
    const current = join(dir, 'current.xlsx');
    const again = await cli('report', computed, '--member', '002', '-o', current);
    expect(again.out).not.toContain('注意：考评结果尚未按当前数据计算');
    expect(header(current)).not.toContain('考评结果尚未按当前数据计算');
  });

  it('all members: OUT holds the score sheet alone', async () => {
    const out = join(dir, 'all-only.xlsx');
    expect((await cli('report', year, '-o', out)).code).toBe(0);
    expect((await open(out)).worksheets.map((w) => w.name)).toEqual(['个人考评明细']);
    const text = Object.values(unzipSync(new Uint8Array(readFileSync(out)))).map((b) => strFromU8(b)).join('\n');
    expect(text).not.toContain('kp_');
    expect(text).not.toMatch(/Q0\d/);
  });

  it('all members: one page block each, printed at scale 100 within the print area', async () => {
    const out = join(dir, 'all.xlsx');
    expect((await cli('report', year, '-o', out)).code).toBe(0);
    const ws = (await open(out)).getWorksheet('个人考评明细')!;
    const titles: number[] = [];
    ws.eachRow((row, n) => {
      if (String(row.getCell(1).value ?? '').endsWith('年度党员个人考评明细')) titles.push(n);
    });
    expect(titles).toHaveLength(7);
    // Every block is as tall as a page body (A4 less the margins) less a title row: one block per page.
    const height = (from: number, to: number) => {
      let h = 0;
      for (let r = from; r < to; r++) h += ws.getRow(r).height ?? 15;
      return h;
    };
    for (let i = 0; i + 1 < titles.length; i++) expect(height(titles[i], titles[i + 1])).toBe(711);
    expect(ws.pageSetup.printArea).toMatch(/^A1:F\d+$/);
  });

  it('an 编号 not in the roster: exit 2, one line, nothing written', async () => {
    const out = join(dir, 'none.xlsx');
    const r = await cli('report', year, '--member', '099', '-o', out);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('kaoping: 党员名册中没有编号 099，未生成考评明细。');
    expect(existsSync(out)).toBe(false);
  });

  it('is listed in the help', async () => {
    expect((await cli('--help')).out).toContain('kaoping report IN.xlsx [--member ID] [--year Y] -o OUT.xlsx');
  });
});

describe('the posting pack and the plans from the command line', () => {
  it('compute makes the three posting sheets; the vetoed member has no score on the results posting', async () => {
    const out = join(dir, 'computed.xlsx');
    const r = await cli('compute', year, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已生成公示材料：“考评结果公示”、“考评细则公示”、“工作计划公示”。');
    const wb = await open(out);
    const rows: unknown[][] = [];
    wb.getWorksheet('考评结果公示')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const vetoed = rows.find((x) => x[1] === '赵强敏')!;
    expect(vetoed[3] ?? '').toBe('');
    expect(vetoed[4]).toBe('不得参加评先树优');
    expect(sheetTexts(wb.getWorksheet('工作计划公示')!).join('')).toContain('（未填写）');
    expect(sheetTexts(wb.getWorksheet('考评细则公示')!)).toContain('类别：机关党员（满分 100 分）');
  });

  it('import-roster gives every imported member a row in 年度工作计划', async () => {
    const init = join(dir, 'init.xlsx');
    await cli('init', '-o', init);
    const out = join(dir, 'imported.xlsx');
    expect((await cli('import-roster', init, '--from', HANDMADE_XLSX, '-o', out)).code).toBe(0);
    const wb = await open(out);
    const roster: string[] = [];
    wb.getWorksheet('党员名册')!.eachRow((row, n) => n > 1 && roster.push(`${row.getCell(1).value}|${row.getCell(2).value}`));
    const plans: string[] = [];
    wb.getWorksheet('年度工作计划')!.eachRow((row, n) => n > 1 && plans.push(`${row.getCell(1).value}|${row.getCell(2).value}`));
    expect(roster.length).toBeGreaterThan(5);
    expect(plans).toEqual(roster);
    const check = JSON.parse((await cli('check', out, '--json')).out) as { problems: { code: string; sheet: string; severity: string }[] };
    const warnings = check.problems.filter((p) => p.code === 'plan_missing');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((p) => p.severity === 'warning' && p.sheet === '年度工作计划')).toBe(true);
  });
});

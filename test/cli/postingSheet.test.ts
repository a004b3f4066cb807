/** The posting sheet as printed: the period and phone lines are always there, with blanks to fill by hand. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/dispatch';
import { loadCase } from '../support/caseInput';
import { fillWithExcelJs } from './otherTool';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-post-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet = { out: () => undefined, err: () => undefined };

/** init, fill small-branch with ExcelJS, set settings, compute; the posting sheet's texts (first cell of each row). */
async function postingTexts(settings: Record<string, string>): Promise<string[]> {
  const init = join(dir, 'init.xlsx');
  await runCli(['init', '-o', init], quiet);
  const filled = await fillWithExcelJs(readFileSync(init), loadCase('small-branch').input, 'extend');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(filled) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('考评参数')!;
  ws.eachRow((row) => {
    const label = String(row.getCell(1).value);
    if (label in settings) row.getCell(2).value = settings[label];
  });
  const path = join(dir, `in-${Object.keys(settings).length}.xlsx`);
  writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
  const out = join(dir, `out-${Object.keys(settings).length}.xlsx`);
  expect(await runCli(['compute', path, '-o', out], quiet)).toBe(0);
  const done = new ExcelJS.Workbook();
  await done.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
  const texts: string[] = [];
  done.getWorksheet('考评结果公示')!.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
  return texts;
}

describe('posting sheet lines', () => {
  it('with no period or phone set: a period line and a phone line with blanks to fill in by hand', async () => {
    const t = await postingTexts({});
    expect(t[1]).toBe('公示期：　　　　年　　月　　日 至 　　　　年　　月　　日');
    expect(t.some((x) => /监督电话：＿+$/.test(x))).toBe(true);
  });

  it('with them set: the dates and the phone', async () => {
    const t = await postingTexts({ 公示开始日期: '2027-01-05', 公示结束日期: '2027-01-11', 监督电话: '0535-1234567' });
    expect(t[1]).toBe('公示期：2027年1月5日至1月11日');
    expect(t.some((x) => x.endsWith('监督电话：0535-1234567'))).toBe(true);
  });
});

/**
 * LibreOffice computes the formulas of a host-saved workbook (structured row references, _xlfn.RANK.EQ,
 * AVERAGEIFS…) to the same values as the host. Fails loudly when soffice is missing.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- ExcelJS is used untyped to plant a cached value */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ExcelJSNs from 'exceljs';
import JSZip from 'jszip';
import { createWorkbook, loadXlsx, run, saveXlsx } from '../../src/host';
import { profileDir, soffice } from './soffice';

const ExcelJS: any = (ExcelJSNs as any).default ?? ExcelJSNs;

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cur = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"') { if (text[i + 1] === '"') { cur += '"'; i++; } else q = false; } else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cur); cur = ''; }
    else if (ch === '\n') { row.push(cur.replace(/\r$/, '')); rows.push(row); row = []; cur = ''; }
    else cur += ch;
  }
  if (cur !== '' || row.length) { row.push(cur); rows.push(row); }
  return rows;
}

test('LibreOffice computes the same values as the host', async () => {
  const bin = soffice();
  const wb = createWorkbook();
  await run(wb, async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Sheet1');
    ws.name = '党员自评';
    ws.getRange('A:A').numberFormat = '@' as never;
    const sum = '=SUM(kp_Self[@[理想信念]:[服务社会]])';
    ws.getRange('A1:E5').values = [
      ['党员编号', '理想信念', '宗旨意识', '服务社会', '合计'],
      ['001', 9.5, 8, 7.5, sum],
      ['002', 10, '', 9, sum],
      ['003', 6.5, 7, 8.5, sum],
      ['004', '', '', '', sum],
    ];
    ws.tables.add('A1:E5', true).name = 'kp_Self';
    ws.getRange('G1:L1').values = [['排名', '平均', '计数', '条件', '舍入', '总和']];
    ws.getRange('G2:G5').formulas = [['=RANK.EQ(E2,kp_Self[合计])'], ['=RANK.EQ(E3,kp_Self[合计])'], ['=RANK.EQ(E4,kp_Self[合计])'], ['=RANK.EQ(E5,kp_Self[合计])']];
    ws.getRange('H2:L2').formulas = [[
      '=AVERAGEIFS(kp_Self[合计],kp_Self[党员编号],"<>004")',
      '=COUNTIFS(kp_Self[合计],">=20",kp_Self[宗旨意识],">0")',
      '=IF(E2>=25,"高","低")',
      '=ROUND(AVERAGE(B2:D2)*1.005,2)',
      '=SUMIF(kp_Self[党员编号],"00?",kp_Self[合计])+SUM(Sheet2!A1:A2)',
    ]];
    const other = ctx.workbook.worksheets.add('Sheet2');
    other.getRange('A1:A2').values = [[1.25], [2]];
  });
  const hostGrid = await run(wb, async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('党员自评').getRange('A1:L5').load('values');
    await ctx.sync();
    return r.values;
  });
  // The host's own results first (hand-computed).
  expect(hostGrid.map((r) => r[4])).toEqual(['合计', 25, 19, 22, 0]);
  expect(hostGrid.map((r) => r[6])).toEqual(['排名', 1, 3, 2, 4]);
  expect(hostGrid[1].slice(7)).toEqual([22, 2, '高', 8.38, 69.25]);

  const dir = mkdtempSync(join(tmpdir(), 'kp-lo-'));
  const file = join(dir, 'host.xlsx');
  // Plant a wrong cached result so that a LibreOffice that did not recalculate would be caught.
  const x = new ExcelJS.Workbook();
  await x.xlsx.load(await saveXlsx(wb));
  const cell = x.getWorksheet('党员自评').getCell('E2');
  cell.value = { formula: cell.value.formula, result: 999 };
  writeFileSync(file, new Uint8Array(await x.xlsx.writeBuffer()));
  expect(readFileSync(file).length).toBeGreaterThan(0);

  execFileSync(bin, [`-env:UserInstallation=${profileDir(dir)}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, file], { timeout: 120000, stdio: 'pipe' });
  const csvs = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  const first = csvs.find((f) => f.includes('党员自评')) ?? csvs.find((f) => f === 'host.csv');
  expect(first).toBeDefined();
  const lo = parseCsv(readFileSync(join(dir, first!), 'utf8'));
  // The CSV holds what LibreOffice shows (formatted text): text ids stay "001", numbers in General format.
  const loGrid = lo.slice(0, 5).map((r) => r.slice(0, 12));
  expect(loGrid).toEqual(hostGrid.map((r) => r.map(String)));
}, 180000);

test('LibreOffice reads the chart and validation parts the host writes (and keeps them when it re-saves the file)', async () => {
  const bin = soffice();
  const wb = createWorkbook();
  await run(wb, async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Sheet1');
    ws.name = '考评结果';
    ws.getRange('A1:B4').values = [['分数段', '人数'], ['90 分以上', 12], ['60–89 分', 30], ['60 分以下', 2]];
    const ch = ws.charts.add('ColumnClustered', ws.getRange('A1:B4'), 'Columns');
    ch.title.text = '得分分布';
    ch.setPosition('D2', 'K16');
    ws.getRange('B2:B4').dataValidation.rule = { wholeNumber: { formula1: 0, formula2: 100, operator: 'Between' } };
    ws.getRange('C2:C4').dataValidation.rule = { list: { inCellDropDown: true, source: '是,否' } };
  });
  const dir = mkdtempSync(join(tmpdir(), 'kp-lo-chart-'));
  const inDir = join(dir, 'in');
  mkdirSync(inDir);
  writeFileSync(join(inDir, 'chart.xlsx'), await saveXlsx(wb));
  execFileSync(bin, [`-env:UserInstallation=${profileDir(dir)}`, '--headless', '--convert-to', 'xlsx', '--outdir', dir, join(inDir, 'chart.xlsx')], { timeout: 120000, stdio: 'pipe' });
  const out = readFileSync(join(dir, 'chart.xlsx'));
  const zip = await JSZip.loadAsync(out);
  const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  expect(charts).toHaveLength(1);
  const xml = await zip.file(charts[0])!.async('string');
  expect(xml).toContain('得分分布');
  expect(xml).toContain('<c:barChart>');
  const back = await loadXlsx(out);
  expect(back.snapshot('考评结果').charts.map((c) => [c.type, c.title, c.source])).toEqual([['ColumnClustered', '得分分布', 'A1:B4']]);
  expect(back.snapshot('考评结果').validations).toEqual([{ address: 'B2:B4', type: 'wholeNumber' }, { address: 'C2:C4', type: 'list' }]);
}, 180000);

/**
 * Workbooks we write ourselves with other programs, the way a secretary's own files come about: an openpyxl script
 * (comments, a chart, 1904 dates, validation, conditional formatting, formulas without cached results), ExcelJS
 * (a note, a picture, a hyperlink, formulas with cached results) and LibreOffice (the ExcelJS file opened and saved
 * by Calc). Installing and computing must leave each exactly as it was. Needs Debian's python3-openpyxl and
 * LibreOffice (installed by .ci/run); a missing one fails the test, it does not skip.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { expectLossless } from './lossless';
import { profileDir, soffice } from './soffice';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'kaoping-own-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PY = `
import sys, datetime
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill, Font
from openpyxl.workbook.defined_name import DefinedName
wb = Workbook()
wb.epoch = datetime.datetime(1904, 1, 1)  # the Mac date system
ws = wb.active
ws.title = '支部台账'
ws.merge_cells('A1:D1')
ws['A1'] = '第一党支部2025年度台账'
ws['A1'].font = Font(bold=True, size=14)
ws.append(['姓名', '党小组', '得分', '入党日期'])
for i, (n, g, s) in enumerate([('张伟', '第一党小组', 95.5), ('王芳', '第二党小组', 88), ('李强', '第一党小组', 91)]):
    ws.append([n, g, s, datetime.date(2001 + i, 7, 1)])
ws['C6'] = '=AVERAGE(C3:C5)'
ws['E3'] = '=VLOOKUP(A3,A3:C5,3,FALSE)'
ws['A3'].comment = Comment('支部书记', '书记')
dv = DataValidation(type='decimal', operator='between', formula1='0', formula2='100')
ws.add_data_validation(dv)
dv.add('C3:C5')
ws.conditional_formatting.add('C3:C5', CellIsRule(operator='lessThan', formula=['90'], fill=PatternFill('solid', bgColor='FFC7CE')))
chart = BarChart()
chart.add_data(Reference(ws, min_col=3, min_row=2, max_row=5), titles_from_data=True)
ws.add_chart(chart, 'G2')
ws.freeze_panes = 'A3'
name = DefinedName('台账得分', attr_text="'支部台账'!$C$3:$C$5")
if hasattr(wb.defined_names, 'add'): wb.defined_names.add(name)  # openpyxl 3.1
else: wb.defined_names.append(name)  # openpyxl 3.0 (Debian 12)
other = wb.create_sheet('备注')
other['A1'] = '=1+1 是文字吗？'
other['A1'].data_type = 's'
wb.save(sys.argv[1])
`;

async function excelJsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('民主评议汇总');
  ws.mergeCells('A1:C1');
  ws.getCell('A1').value = '2025年民主评议汇总';
  ws.addRow(['姓名', '得分', '等次']);
  ws.addRow(['张伟', 95, { formula: 'IF(B3>=90,"优秀","合格")', result: '优秀' }]);
  ws.addRow(['王芳', 86, { formula: 'IF(B4>=90,"优秀","合格")', result: '合格' }]);
  ws.getCell('D3').value = { formula: 'TEXT(B3,"0.0")', result: '95.0' };
  ws.getCell('A3').note = '小组长推荐';
  ws.getCell('A6').value = { text: '上级通知', hyperlink: 'https://example.org/notice' };
  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const image = wb.addImage({ buffer: png, extension: 'png' } as unknown as ExcelJS.Image);
  ws.addImage(image, 'E2:F4');
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

describe('workbooks written by other programs at test time', () => {
  it('openpyxl: comment, chart, 1904 dates, validation, conditional format, defined name — all kept', async () => {
    const file = join(dir, 'openpyxl.xlsx');
    execFileSync('/usr/bin/python3', ['-c', PY, file], { stdio: 'pipe' });
    const bytes = new Uint8Array(readFileSync(file));
    const parts = Object.keys(unzipSync(bytes));
    expect(parts.some((p) => /comments/.test(p))).toBe(true);
    expect(parts.some((p) => /charts\/chart/.test(p))).toBe(true);
    await expectLossless(bytes);
  });

  it('ExcelJS: note, picture, hyperlink and cached formula results — all kept; and LibreOffice\'s re-save of it', async () => {
    const bytes = await excelJsWorkbook();
    const parts = Object.keys(unzipSync(bytes));
    expect(parts.some((p) => /media\//.test(p))).toBe(true);
    await expectLossless(bytes);
    const src = join(dir, 'in', 'exceljs.xlsx');
    execFileSync('mkdir', ['-p', join(dir, 'in'), join(dir, 'lo')]);
    writeFileSync(src, bytes);
    execFileSync(soffice(), [`-env:UserInstallation=${profileDir(dir)}`, '--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'lo'), src], { stdio: 'pipe', timeout: 180000 });
    await expectLossless(new Uint8Array(readFileSync(join(dir, 'lo', 'exceljs.xlsx'))));
  });
});

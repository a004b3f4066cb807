import { readFileSync } from 'fs';
import { createWorkbook, loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { HANDMADE_XLSX } from '../support/paths';

const FIXTURE = HANDMADE_XLSX;

function hiddenByMerge(merges: string[], r: number, c: number): boolean {
  return merges.some((m) => {
    const [a, b] = m.split(':').map((x) => ({ c: x.charCodeAt(0) - 65, r: Number(x.slice(1)) - 1 }));
    return r >= a.r && r <= b.r && c >= a.c && c <= b.c && !(r === a.r && c === a.c);
  });
}

async function roundTrip(wb: HostWorkbook): Promise<HostWorkbook> {
  return loadXlsx(await saveXlsx(wb));
}

describe('xlsx round trip', () => {
  test('the hand-made summary keeps its title merge, values, formula results, widths and frozen panes', async () => {
    const wb = await loadXlsx(readFileSync(FIXTURE));
    const sheet = wb.sheetNames()[0];
    const before = wb.snapshot(sheet);
    expect(before.merges).toContain('A1:Q1');
    expect(before.cells[0][0].value).toBe('龙口市科技局机关党支部2025年度党员分类量化考评汇总表');
    // Q5 = ROUND(AVERAGE(M5:O5)+P5,2) with M5:O5 = 84.5, 85.9, 81.4 and P5 = 1
    expect(before.cells[4][16].formula).toBe('=ROUND(AVERAGE(M5:O5)+P5,2)');
    expect(before.cells[4][16].value).toBe(84.93);
    const after = (await roundTrip(wb)).snapshot(sheet);
    expect(after.merges).toEqual(before.merges);
    expect(after.columnWidths).toEqual(before.columnWidths);
    expect(after.frozenRows).toBe(before.frozenRows);
    expect(after.frozenColumns).toBe(before.frozenColumns);
    expect(after.cells.map((r) => r.map((c) => [c.value, c.formula, c.text]))).toEqual(before.cells.map((r) => r.map((c) => [c.value, c.formula, c.text])));
    // Hidden cells of a merged area take the top-left cell's format when saved (as Excel does): compare the others.
    const visible = (snap: typeof before) => snap.cells.map((r, ri) => r.map((c, ci) => (hiddenByMerge(before.merges, ri, ci) ? null : [c.fill, c.bold, c.horizontalAlignment, c.numberFormat])));
    expect(visible(after)).toEqual(visible(before));
  });

  test('a host-built workbook keeps tables, formulas, validation, conditional formats, freeze panes, widths and print setup', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = ctx.workbook.worksheets.add('党员自评');
      ws.getRange('A:A').numberFormat = '@' as never;
      ws.getRange('A1:D3').values = [['党员编号', '理想信念', '服务社会', '合计'], ['001', 9, 8, '=SUM(kp_Self[@[理想信念]:[服务社会]])'], ['002', 7, 6.5, '=SUM(kp_Self[@[理想信念]:[服务社会]])']];
      const t = ws.tables.add('A1:D3', true);
      t.name = 'kp_Self';
      ws.getRange('F2').formulas = [['=RANK.EQ(D2,kp_Self[合计])']];
      const dv = ws.getRange('B2:C3').dataValidation;
      dv.rule = { decimal: { formula1: 0, formula2: 10, operator: 'Between' } };
      dv.errorAlert = { showAlert: true, style: 'Stop', title: '分数超出范围', message: '请输入 0 到 10 之间的分数' };
      dv.prompt = { showPrompt: true, title: '理想信念', message: '0–10 分' };
      const cf = ws.getRange('D2:D3').conditionalFormats.add('CellValue');
      cf.cellValue.format.fill.color = '#FFC7CE';
      cf.cellValue.rule = { formula1: '16', operator: 'GreaterThan' };
      ws.freezePanes.freezeRows(1);
      ws.getRange('A:A').format.columnWidth = 60;
      ws.getRange('1:1').format.rowHeight = 30;
      ws.getRange('A1:D1').format.fill.color = '#C00000';
      ws.getRange('A1:D1').format.font.bold = true;
      ws.getRange('A1:D1').format.font.color = '#FFFFFF';
      ws.pageLayout.orientation = 'Landscape';
      ws.pageLayout.paperSize = 'A4';
      ws.pageLayout.leftMargin = 36;
      ws.pageLayout.centerHorizontally = true;
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      ws.pageLayout.setPrintTitleRows('$1:$1');
      ws.pageLayout.setPrintArea('A1:D3');
      ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = '第 &P 页';
      ws.tabColor = '#C00000';
    });
    const back = await roundTrip(wb);
    expect(back.sheetNames()).toEqual(['Sheet1', '党员自评']);
    const s = back.snapshot('党员自评');
    expect(s.tables).toEqual([{ name: 'kp_Self', address: 'A1:D3', columns: ['党员编号', '理想信念', '服务社会', '合计'] }]);
    expect(s.cells[1][0].value).toBe('001');
    expect(s.cells[1][3]).toMatchObject({ value: 17, formula: '=SUM(kp_Self[@[理想信念]:[服务社会]])' });
    expect(s.cells[1][5]).toMatchObject({ value: 1, formula: '=RANK.EQ(D2,kp_Self[合计])' });
    expect(s.cells[1][3].conditional?.fill).toBe('#FFC7CE');
    expect(s.cells[2][3].conditional).toBeNull();
    expect(s.validations).toEqual([{ address: 'B2:C3', type: 'decimal' }]);
    expect(s.frozenRows).toBe(1);
    expect(s.columnWidths[0]).toBe(60);
    expect(s.rowHeights[0]).toBe(30);
    expect(s.tabColor).toBe('#C00000');
    expect(s.cells[0][0]).toMatchObject({ fill: '#C00000', bold: true, fontColor: '#FFFFFF' });
    const out = await run(back, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('党员自评');
      const pl = ws.pageLayout;
      pl.load('orientation, paperSize, leftMargin, centerHorizontally, zoom');
      const footer = pl.headersFooters.defaultForAllPages;
      footer.load('centerFooter');
      const titles = pl.getPrintTitleRowsOrNullObject();
      titles.load('address');
      const area = pl.getPrintAreaOrNullObject();
      area.load('address');
      const dv = ws.getRange('B2').dataValidation;
      dv.load('rule, errorAlert, prompt');
      await ctx.sync();
      return { pl: pl.toJSON(), footer: footer.centerFooter, titles: titles.address, area: area.address, rule: dv.rule, alert: dv.errorAlert, prompt: dv.prompt };
    });
    expect(out.pl).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', leftMargin: 36, centerHorizontally: true, zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(out.footer).toBe('第 &P 页');
    expect(out.titles).toBe('党员自评!1:1');
    expect(out.area).toBe('党员自评!A1:D3');
    expect(out.rule).toEqual({ decimal: { formula1: 0, formula2: 10, operator: 'Between' } });
    expect(out.alert).toMatchObject({ showAlert: true, style: 'Stop', title: '分数超出范围', message: '请输入 0 到 10 之间的分数' });
    expect(out.prompt).toMatchObject({ showPrompt: true, title: '理想信念', message: '0–10 分' });
  });
});

describe('charts in .xlsx', () => {
  test('a chart is written as DrawingML parts and read back with its type, title, source and position', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B4').values = [['分数段', '人数'], ['90 分以上', 12], ['60–89 分', 30], ['60 分以下', 2]];
      const ch = ws.charts.add('ColumnClustered', ws.getRange('A1:B4'), 'Columns');
      ch.title.text = '得分分布';
      ch.setPosition('D2', 'K16');
      ws.tables.add('A1:B4', true).name = 'kp_Dist';
    });
    const bytes = await saveXlsx(wb);
    const back = await loadXlsx(bytes);
    expect(back.snapshot('Sheet1').charts).toEqual([{ name: 'Chart 1', type: 'ColumnClustered', title: '得分分布', source: 'A1:B4' }]);
    expect(back.snapshot('Sheet1').tables.map((t) => t.name)).toEqual(['kp_Dist']);
    expect(back.model.sheets[0].charts[0].position).toEqual({ start: '1,3,1,3', end: '15,10,15,10' });
    const again = await loadXlsx(await saveXlsx(back));
    expect(again.snapshot('Sheet1').charts).toEqual(back.snapshot('Sheet1').charts);
  });
});

describe('validation in .xlsx (written and read by the host, not ExcelJS)', () => {
  test('whole-column and large validated ranges round-trip as ranges, with list, whole-number and custom rules', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B:B').dataValidation.rule = { decimal: { formula1: 0, formula2: 10, operator: 'Between' } };
      ws.getRange('C2:J120001').dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
      const list = ws.getRange('K2:K50').dataValidation;
      list.rule = { list: { inCellDropDown: true, source: '是,否' } };
      list.errorAlert = { showAlert: true, style: 'Warning', title: '请选择', message: '只能填 是 或 否' };
      ws.getRange('L2:L50').dataValidation.rule = { custom: { formula: '=LEN(L2)<=10' } };
      const cf = ws.getRange('C:C').conditionalFormats.add('CellValue');
      cf.cellValue.rule = { formula1: '5', operator: 'GreaterThan' };
      cf.cellValue.format.fill.color = '#FF0000';
      ws.getRange('C2').values = [[7]];
    });
    const started = Date.now();
    const back = await loadXlsx(await saveXlsx(wb));
    expect(Date.now() - started).toBeLessThan(5000);
    const s = back.snapshot('Sheet1');
    expect(s.validations).toEqual([
      { address: 'B:B', type: 'decimal' }, { address: 'C2:J120001', type: 'wholeNumber' }, { address: 'K2:K50', type: 'list' }, { address: 'L2:L50', type: 'custom' },
    ]);
    expect(s.cells[1][2].conditional?.fill).toBe('#FF0000');
    const out = await run(back, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      const k = ws.getRange('K2').dataValidation.load('rule, errorAlert');
      const l = ws.getRange('L2').dataValidation.load('rule');
      await ctx.sync();
      return { k: [k.rule, k.errorAlert], l: l.rule };
    });
    expect(out.k).toEqual([{ list: { inCellDropDown: true, source: '是,否' } }, { showAlert: true, style: 'Warning', title: '请选择', message: '只能填 是 或 否' }]);
    expect(out.l).toEqual({ custom: { formula: '=LEN(L2)<=10' } });
  });
});

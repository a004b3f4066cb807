import JSZip from 'jszip';
import { createWorkbook, loadXlsx, run, saveXlsx } from '../../src/host';

describe('print area in .xlsx', () => {
  it('is written as an absolute reference that Excel and LibreOffice honour, and reads back', async () => {
    const wb = createWorkbook();
    await run(wb, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.name = '考评结果公示';
      sheet.getRange('A1:C3').values = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
      sheet.pageLayout.setPrintArea('A1:B2');
      await context.sync();
    });
    const bytes = await saveXlsx(wb);
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
    expect(xml.replace(/&apos;/g, "'")).toContain(">'考评结果公示'!$A$1:$B$2</definedName>");
    const back = await loadXlsx(bytes);
    const address = await run(back, async (context) => {
      const area = context.workbook.worksheets.getItem('考评结果公示').pageLayout.getPrintAreaOrNullObject();
      area.load('address');
      await context.sync();
      return area.isNullObject ? null : area.address;
    });
    expect(address).toMatch(/A1:B2$/);
  });
});

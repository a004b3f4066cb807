/**
 * The 分数段 block of the results sheet: above kp_Results in a workbook installed now (in view at the top left
 * with the frozen header, labels above their counts), the chart beside the table, the print area the table alone.
 */
import { run } from '../../../src/host';
import { distributionColumn, distributionPlace } from '../../../src/workbook/results/compute';
import { createCommands } from '../../../src/workbook/createCommands';
import { fillCase, loadCase } from '../../support/fillCase';

describe('the distribution block', () => {
  it('sits above the results table, counts under their labels, and is not printed', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    const commands = createCommands((batch) => run(wb, batch));
    const report = await commands.compute();
    const table = wb.model.tables.find((t) => t.name === 'kp_Results')!;
    const sheet = table.sheet;
    const snap = wb.snapshot(sheet.name);
    const row = (r: number) => snap.cells[r].slice(0, 6).map((c) => c.value);
    expect(row(0)).toEqual(['分数段', ...report.distribution.map((d) => d.label)]);
    expect(row(1)).toEqual(['人数', ...report.distribution.map((d) => d.count)]);
    expect(report.distribution.reduce((a, d) => a + d.count, 0)).toBeGreaterThan(0);
    expect(String(snap.cells[2][0].value)).toMatch(/计算时间/);
    expect(snap.cells[3][0].value).toBe('排名');
    // In view at 1366 px: the block's six columns are the table's first ones (well under 700 pt together).
    expect(snap.columnWidths.slice(0, 6).reduce((a, b) => a + b, 0)).toBeLessThan(700);
    expect(snap.frozenRows).toBe(4);
    // Printed: the table alone (header row 4 down), A4 landscape, its header on every page.
    expect(sheet.pageLayout.printArea).toEqual([table.rect]);
    expect(table.rect.r0).toBe(3);
    expect(sheet.pageLayout.orientation).toBe('Landscape');
    expect(sheet.pageLayout.paperSize).toBe('A4');
    // The chart plots the counts and stands beside the table, covering none of it.
    expect(sheet.charts).toHaveLength(1);
    const start = Number(sheet.charts[0].position!.start.split(',')[1]);
    expect(start).toBeGreaterThan(table.rect.c1);
  });

  it('a new year blanks the counts and the computed-at line, keeping the labels', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    const commands = createCommands((batch) => run(wb, batch));
    await commands.compute();
    await commands.newYear(2027);
    const sheet = wb.model.tables.find((t) => t.name === 'kp_Results')!.sheet;
    const snap = wb.snapshot(sheet.name);
    expect(snap.cells[0][1].value).toBe('60以下');
    expect(snap.cells[1].slice(1, 6).map((c) => c.value ?? '')).toEqual(['', '', '', '', '']);
    expect(snap.cells[2][0].value ?? '').toBe('');
  });

  it('stays beside a table at the top of its sheet (older workbooks) or moved elsewhere', () => {
    const headers = ['排名', '党员编号', '姓名', '上年得分', '增减'];
    expect(distributionPlace(1, 0, headers)).toEqual({ above: false, row: 1, column: distributionColumn(0, headers) });
    expect(distributionPlace(4, 0, headers)).toEqual({ above: true, row: 1, column: 0 });
    // A table a user moved down or right: the rows above it are the user's.
    expect(distributionPlace(6, 0, headers).above).toBe(false);
    expect(distributionPlace(4, 2, headers).above).toBe(false);
  });
});

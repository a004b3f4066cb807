/** SPEC §6: each command's context.sync() count is constant — the same for 10 and 2,000 members. */
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { check } from '../../src/workbook/results/check';
import { compute } from '../../src/workbook/results/compute';
import { saveForm } from '../../src/workbook/entry/forms';
import { install } from '../../src/workbook/setup/install';
import { newYear } from '../../src/workbook/year/newYear';
import { undoNewYear } from '../../src/workbook/year/newYearUndo';
import { makePostingSheet } from '../../src/workbook/results/postingPack';
import { makeScoreSheets } from '../../src/workbook/results/scoreSheet';
import { fillCase, syntheticCase } from '../support/fillCase';

async function measure(wb: HostWorkbook, f: Parameters<typeof run>[1]): Promise<number> {
  wb.resetStats();
  await run(wb, f);
  return wb.stats.syncs;
}

async function syncCounts(n: number): Promise<Record<string, number>> {
  const wb = await fillCase(syntheticCase(n), createWorkbook());
  const counts: Record<string, number> = {};
  // install on an installed workbook: nothing to repair.
  counts.install = await measure(wb, (c) => install(c));
  counts.check = await measure(wb, (c) => check(c));
  counts.compute = await measure(wb, (c) => compute(c));
  counts.posting = await measure(wb, (c) => makePostingSheet(c, { order: 'rank' }));
  counts.report = await measure(wb, (c) => makeScoreSheets(c, { members: ['0001'] }));
  const rows = Array.from({ length: 9 }, (_, j) => ({ memberId: String(j + 2).padStart(4, '0'), scores: { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 } }));
  counts.saveForm = await measure(wb, (c) => saveForm(c, 'peer', '0001', rows));
  // A filtered table: the filter is cleared and checked in a sync of its own before the write (one more).
  await run(wb, async (c) => {
    c.workbook.tables.getItem('kp_Peer').columns.getItem('评价人').filter.applyValuesFilter(['0001']);
    await c.sync();
  });
  counts.saveFormFiltered = await measure(wb, (c) => saveForm(c, 'peer', '0002', rows));
  counts.newYear = await measure(wb, (c) => newYear(c, 2027));
  counts.undoNewYear = await measure(wb, async (c) => expect((await undoNewYear(c)).restored).toBe(true));
  // A real first install: a workbook with the secretary's own list of n members on its first sheet, no kp_ table.
  const first = createWorkbook();
  await run(first, async (c) => {
    const rows = [['编号', '姓名', '党小组'], ...Array.from({ length: n }, (_, i) => [String(i + 1).padStart(4, '0'), `党员${i + 1}`, `第${(i % 5) + 1}党小组`])];
    const range = c.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, rows.length, 3);
    range.numberFormat = rows.map((r) => r.map(() => '@'));
    range.values = rows;
    await c.sync();
  });
  first.resetStats();
  const made = await run(first, (c) => install(c, { year: 2026, branch: '测试党支部' }));
  counts.installFirst = first.stats.syncs;
  expect(made.createdTables.length).toBeGreaterThanOrEqual(10);
  // A repair that has something to do: a deleted table and a deleted column in the n-member workbook.
  await run(wb, async (c) => {
    c.workbook.tables.getItem('kp_Review').delete();
    c.workbook.tables.getItem('kp_Roster').columns.getItem('备注').delete();
    await c.sync();
  });
  wb.resetStats();
  const repaired = await run(wb, (c) => install(c));
  counts.installRepair = wb.stats.syncs;
  expect(repaired.createdTables).toEqual(['kp_Review']);
  expect(repaired.repaired.length).toBeGreaterThan(0);
  return counts;
}

describe('sync budgets', () => {
  it('are within SPEC §6 and equal for 10 and 2,000 members', async () => {
    const small = await syncCounts(10);
    const large = await syncCounts(2000);
    expect(large).toEqual(small);
    expect(small.install).toBeLessThanOrEqual(3);
    expect(small.installFirst).toBeLessThanOrEqual(3);
    expect(small.installRepair).toBeLessThanOrEqual(3);
    expect(small.saveForm).toBeLessThanOrEqual(2);
    expect(small.saveFormFiltered).toBe(small.saveForm + 1);
    expect(small.check).toBeLessThanOrEqual(2);
    expect(small.compute).toBeLessThanOrEqual(3);
    expect(small.posting).toBeLessThanOrEqual(3);
    expect(small.report).toBeLessThanOrEqual(3);
    expect(small.newYear).toBeLessThanOrEqual(4);
    expect(small.undoNewYear).toBeLessThanOrEqual(5);
    // Reported in the test output for the record.
    console.log('sync counts', JSON.stringify(small));
  }, 120000);
});

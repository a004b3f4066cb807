/**
 * Rows typed directly below a kp_ table that did not grow (WPS, LibreOffice, scripts): read as part of the table
 * up to the first blank row, warned about, and adopted (the table extended over them, nothing moved) by the
 * commands that write into the table.
 */
import { createWorkbook, run, type HostWorkbook } from '../../../src/host';
import { blockAddress } from '../../../src/workbook/tables/a1';
import { check } from '../../../src/workbook/results/check';
import { saveForm } from '../../../src/workbook/entry/forms';
import { install } from '../../../src/workbook/setup/install';
import { BELOW_ROWS, outsideCount, readTables } from '../../../src/workbook/tables/readTables';
import { loadCase, type CaseJson } from '../../support/fillCase';

const FULL = { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 };

/**
 * Installs, then writes the roster and `peer` rows from row 2 down with plain range writes as a tool that does not
 * grow tables would (WPS, LibreOffice, a script: the host's table auto-expansion off while writing).
 */
async function typedBelow(c: CaseJson, peer: (string | number | null)[][]): Promise<HostWorkbook> {
  const wb = createWorkbook();
  await run(wb, (context) => install(context, { year: c.year }));
  wb.tableAutoExpand = false;
  await run(wb, async (context) => {
    const put = (sheet: string, rows: (string | number | null)[][]) => {
      const width = Math.max(...rows.map((r) => r.length));
      const range = context.workbook.worksheets.getItem(sheet).getRange(blockAddress(2, 0, rows.length, width));
      range.numberFormat = rows.map((r) => Array.from({ length: width }, (_, i) => (typeof r[i] === 'string' ? '@' : 'General')));
      range.values = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')) as (string | number)[][];
    };
    put('党员名册', c.roster as (string | null)[][]);
    if (peer.length > 0) put('党员互评', peer);
    await context.sync();
  });
  wb.tableAutoExpand = true;
  return wb;
}

const peerRow = (evaluator: string, member: string, name: string, v = 9): (string | number)[] => [evaluator, member, name, v, v, 14, 14, 14, 14, 9, 9];

describe('rows below a table', () => {
  const { input } = loadCase('small-branch');

  it('are read in the same single sync, up to the first blank row, and warned about by rows', async () => {
    const peer = [peerRow('001', '002', '周燕玉'), peerRow('001', '003', '赵强敏'), peerRow('002', '001', '杜磊秀')];
    const wb = await typedBelow(input, [...peer, [], peerRow('003', '001', '杜磊秀')]);
    wb.resetStats();
    const read = await run(wb, async (c) => (await readTables(c)).read);
    expect(wb.stats.syncs).toBe(1);
    expect(read.peer.bodyRows).toBe(1);
    // Rows 3 and 4 are outside; row 5 is blank, so row 6 is not part of the table.
    expect(outsideCount(read.peer)).toBe(2);
    expect(read.peer.rows.map((r) => r[1])).toEqual(['002', '003', '001']);
    expect(read.roster.rows).toHaveLength(input.roster.length);
    const report = await run(wb, (c) => check(c));
    const notices = report.problems.filter((p) => p.code === 'rows_outside_table');
    expect(notices.map((p) => [p.sheet, p.cell, p.severity])).toEqual([
      ['党员名册', 'A3', 'warning'],
      ['党员互评', 'A3', 'warning'],
    ]);
    expect(notices[1].message).toContain('第 3–4 行在表格外，已计入');
  });

  it('more rows than the first block below are all read', async () => {
    const n = BELOW_ROWS + 150;
    const roster = Array.from({ length: n }, (_, i) => [String(i + 1).padStart(3, '0'), `党员${i + 1}`, '第一党小组', '机关党员', null, null]);
    const wb = await typedBelow({ ...input, roster }, []);
    const read = await run(wb, async (c) => (await readTables(c)).read);
    expect(read.roster.rows).toHaveLength(n);
    expect(read.roster.rows[n - 1][0]).toBe(String(n).padStart(3, '0'));
  });

  it('saving a form extends the table over them: an evaluator\'s row below is updated in place, new rows follow', async () => {
    const wb = await typedBelow(input, [peerRow('001', '002', '周燕玉'), peerRow('001', '003', '赵强敏', 8)]);
    await run(wb, (c) => saveForm(c, 'peer', '001', [{ memberId: '003', scores: FULL }, { memberId: '004', scores: FULL }]));
    const read = await run(wb, async (c) => (await readTables(c)).read);
    expect(outsideCount(read.peer)).toBe(0);
    expect(read.peer.bodyRows).toBe(3);
    expect(read.peer.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['001', '002', 9],
      ['001', '003', 9],
      ['001', '004', 9],
    ]);
  });

  it('install adopts them once; check does not move them', async () => {
    const wb = await typedBelow(input, [peerRow('001', '002', '周燕玉'), peerRow('001', '003', '赵强敏')]);
    await run(wb, (c) => check(c));
    const before = await run(wb, async (c) => (await readTables(c)).read);
    expect(before.peer.rows.map((r) => r[1])).toEqual(['002', '003']);
    const first = await run(wb, (c) => install(c));
    expect(first.repaired.some((r) => r.includes('kp_Peer') && r.includes('第 3 行'))).toBe(true);
    const after = await run(wb, async (c) => (await readTables(c)).read);
    expect(after.peer.rows).toEqual(before.peer.rows.map((r, i) => (i === 1 ? [...r.slice(0, 11), after.peer.rows[1][11]] : r)));
    expect(after.peer.bodyRows).toBe(2);
    expect(outsideCount(after.roster)).toBe(0);
    // Nothing left to do: one read, nothing queued, no second sync.
    wb.resetStats();
    expect((await run(wb, (c) => install(c))).repaired).toEqual([]);
    expect(wb.stats.syncs).toBe(1);
  });
});

import { createWorkbook, run, type HostWorkbook } from '../../../src/host';
import { install } from '../../../src/workbook/setup/install';
import { queueReadTables } from '../../../src/workbook/tables/readTables';

function snapshots(wb: HostWorkbook) {
  return wb.sheetNames().map((s) => wb.snapshot(s));
}

describe('install', () => {
  it('creates every table of SPEC §4 with headers, rubric, settings, validation, frozen headers, 合计 formula', async () => {
    const wb = createWorkbook();
    const report = await run(wb, (c) => install(c, { year: 2026, branch: '龙口市科技局机关党支部' }));
    expect(report.createdTables).toEqual(['kp_Settings', 'kp_Rubric', 'kp_Roster', 'kp_Plans', 'kp_Self', 'kp_Peer', 'kp_Mass', 'kp_Bonus', 'kp_Review', 'kp_Results', 'kp_State']);
    const rubric = wb.snapshot('考评细则');
    expect(rubric.tables[0].columns).toEqual(['类别', '序号', '维度', '分值', '目标要求']);
    expect(rubric.cells.slice(1, 9).map((r) => [r[2].value, r[3].value])).toEqual([
      ['理想信念', 10], ['宗旨意识', 10], ['爱岗敬业', 15], ['学习教育', 15], ['工作绩效', 15], ['道德品质', 15], ['廉洁自律', 10], ['服务社会', 10],
    ]);
    expect(String(rubric.cells[7][4].value)).toContain('增强法制观念');
    const settings = wb.snapshot('考评参数');
    const year = settings.cells.find((r) => r[0].value === '年度');
    expect(year?.[1].value).toBe(2026);
    expect(settings.cells.find((r) => r[0].value === '党支部名称')?.[1].value).toBe('龙口市科技局机关党支部');
    const peer = wb.snapshot('党员互评');
    expect(peer.tables[0]).toMatchObject({ name: 'kp_Peer' });
    expect(peer.tables[0].columns).toEqual(['评价人', '党员编号', '姓名', '理想信念', '宗旨意识', '爱岗敬业', '学习教育', '工作绩效', '道德品质', '廉洁自律', '服务社会', '合计']);
    expect(peer.frozenRows).toBe(1);
    expect(peer.cells[1][11].formula).toContain('kp_Peer[@[理想信念]:[服务社会]]');
    // Validation on every score column; keys and scores unlocked, header and 合计 locked.
    expect(peer.validations.length).toBeGreaterThanOrEqual(8);
    expect(peer.cells[0][0].locked).toBe(true);
    expect(peer.cells[1][0].locked).toBe(false);
    expect(peer.cells[1][3].locked).toBe(false);
    expect(peer.cells[1][11].locked).toBe(true);
    expect(peer.cells[1][1].numberFormat).toBe('@');
    expect(wb.snapshot('kp_State').visibility).not.toBe('Visible');
  });

  it('is idempotent: a second run changes nothing, cell by cell', async () => {
    const wb = createWorkbook();
    await run(wb, (c) => install(c, { year: 2026 }));
    const before = JSON.stringify(snapshots(wb));
    const report = await run(wb, (c) => install(c));
    expect(report.createdTables).toEqual([]);
    expect(report.repaired).toEqual([]);
    expect(JSON.stringify(snapshots(wb))).toBe(before);
  });

  it('never touches a user sheet, and takes a free variant of a taken sheet name', async () => {
    const wb = createWorkbook();
    await run(wb, async (c) => {
      const s = c.workbook.worksheets.add('党员名册');
      s.getRange('A1:C3').values = [['我的名单', '', ''], ['张三', 1, '=1+1'], ['李四', 2, '']];
      s.getRange('B2').format.fill.color = '#00FF00';
      await c.sync();
    });
    const userBefore = JSON.stringify(wb.snapshot('党员名册'));
    const sheet1Before = JSON.stringify(wb.snapshot('Sheet1'));
    const report = await run(wb, (c) => install(c));
    expect(report.createdSheets).toContain('党员名册 (2)');
    expect(JSON.stringify(wb.snapshot('党员名册'))).toBe(userBefore);
    expect(JSON.stringify(wb.snapshot('Sheet1'))).toBe(sheet1Before);
    expect(wb.snapshot('党员名册 (2)').tables[0].name).toBe('kp_Roster');
  });

  it('repairs an older install: a missing table, a missing column, a missing settings row; data stays', async () => {
    const wb = createWorkbook();
    await run(wb, (c) => install(c));
    // Simulate an older version: no kp_Bonus, no 备注 column in kp_Roster, no 监督电话 setting; a member typed in.
    await run(wb, async (c) => {
      const p = queueReadTables(c);
      await c.sync();
      const read = p();
      c.workbook.worksheets.getItem(read.bonus.sheet).delete();
      read.roster.table.columns.getItemOrNullObject('备注').delete();
      const roster = c.workbook.worksheets.getItem(read.roster.sheet);
      roster.getRange('A2:E2').numberFormat = [['@', '@', '@', '@', '@']];
      roster.getRange('A2:E2').values = [['001', '张三', '第一党小组', '机关党员', '']];
      const settings = c.workbook.worksheets.getItem(read.settings.sheet);
      const phoneRow = read.settings.rows.findIndex((r) => r[0] === '监督电话');
      settings.getRange(`A${phoneRow + 2}:B${phoneRow + 2}`).values = [['备用', '']];
      await c.sync();
    });
    const report = await run(wb, (c) => install(c));
    expect(report.createdTables).toEqual(['kp_Bonus']);
    expect(report.repaired.join()).toContain('备注');
    expect(report.repaired.join()).toContain('监督电话');
    const roster = wb.snapshot('党员名册');
    expect(roster.tables[0].columns).toEqual(['编号', '姓名', '党小组', '类别', '免评', '备注']);
    expect(roster.cells[1].slice(0, 4).map((c) => c.value)).toEqual(['001', '张三', '第一党小组', '机关党员']);
    const settings = wb.snapshot('考评参数');
    expect(settings.cells.some((r) => r[0].value === '备用')).toBe(true);
    expect(settings.cells.some((r) => r[0].value === '监督电话')).toBe(true);
    // And now it is complete: nothing more to do.
    const again = await run(wb, (c) => install(c));
    expect([again.createdTables, again.repaired]).toEqual([[], []]);
  });

  it('finds tables by name when their sheets were renamed', async () => {
    const wb = createWorkbook();
    await run(wb, (c) => install(c));
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('党员名册').name = '名册2026';
      await c.sync();
    });
    const report = await run(wb, (c) => install(c));
    expect(report.createdTables).toEqual([]);
    expect(wb.sheetNames()).not.toContain('党员名册');
  });

  it('finishes an install that stopped part-way: empty sheets of ours are reused, not duplicated', async () => {
    const wb = createWorkbook();
    // What a failed batch can leave behind: sheets added, nothing in them yet.
    await run(wb, async (c) => {
      c.workbook.worksheets.add('党员名册');
      c.workbook.worksheets.add('党员自评');
      await c.sync();
    });
    const report = await run(wb, (c) => install(c));
    expect(report.createdTables).toContain('kp_Roster');
    expect(wb.sheetNames().filter((s) => s.startsWith('党员名册'))).toEqual(['党员名册']);
    expect(wb.snapshot('党员名册').tables[0].name).toBe('kp_Roster');
    expect(wb.snapshot('党员自评').tables[0].name).toBe('kp_Self');
  });

  it('sets the score validation again when the rubric changed (a category with other points), then rests', async () => {
    const wb = createWorkbook();
    await run(wb, (c) => install(c));
    await run(wb, async (c) => {
      const p = queueReadTables(c, ['rubric']);
      await c.sync();
      const t = p().rubric;
      t.table.rows.add(undefined, [['离退休党员', '1', '理想信念', 15, ''], ['离退休党员', '2', '宗旨意识', 85, '']]);
      await c.sync();
    });
    const report = await run(wb, (c) => install(c));
    expect(report.repaired.filter((r) => r.includes('理想信念'))).toHaveLength(3);
    expect(report.repaired.filter((r) => r.includes('宗旨意识'))).toHaveLength(3);
    const rule = await run(wb, async (c) => {
      const v = c.workbook.worksheets.getItem('党员互评').getRange('D2').dataValidation;
      v.load('rule');
      await c.sync();
      return v.rule;
    });
    expect(rule.custom?.formula).toContain('D2<=15');
    const again = await run(wb, (c) => install(c));
    expect([again.createdTables, again.repaired]).toEqual([[], []]);
  });
});

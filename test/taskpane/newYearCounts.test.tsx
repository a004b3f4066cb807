/** @jest-environment jsdom */
/**
 * 新年度 counts each thing by its own word: a round's 测评表 (one per evaluator) apart from its 评分 (one per member
 * scored), and says that 年度工作计划 is archived and its plans cleared. The real commands over the headless host.
 */
import { screen } from '@testing-library/react';
import { run } from '../../src/host';
import { ready, renderApp } from './helpers';
import { installedCommands } from './paneWorkbook';

const DIMS = ['理想信念', '宗旨意识', '爱岗敬业', '学习教育', '工作绩效', '道德品质', '廉洁自律', '服务社会'];
const scores = (n: number) => Object.fromEntries(DIMS.map((d) => [d, n]));

describe('新年度 counts', () => {
  it('says 1 份测评表（3 条评分） for one evaluator scoring three members, and names the work plans', async () => {
    const commands = await installedCommands();
    const saved = await commands.saveForm('peer', '001', ['002', '003', '004'].map((memberId) => ({ memberId, scores: scores(8) })));
    expect(saved.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // A work plan typed for 张三 (001) in 年度工作计划.
    await run(commands.workbook, async (c) => {
      const used = c.workbook.worksheets.getItem('年度工作计划').getUsedRange();
      used.load('values,rowIndex,columnIndex');
      await c.sync();
      const h = used.values.findIndex((r) => r.includes('工作计划'));
      const col = used.values[h].indexOf('工作计划');
      const row = used.values.findIndex((r, i) => i > h && r.includes('001'));
      c.workbook.worksheets.getItem('年度工作计划').getCell(used.rowIndex + row, used.columnIndex + col).values = [['学习党章，完成年度业务目标。']];
      await c.sync();
    });
    renderApp(commands, 'newYear');
    await ready();
    expect(await screen.findByText('党员互评 1 份测评表（3 条评分）')).toBeInTheDocument();
    expect(screen.getByText('年度工作计划 1 人的工作计划（名单保留，计划清空）')).toBeInTheDocument();
    expect(screen.queryByText(/党员互评 3 份测评表/)).toBeNull();
  });
});

/** @jest-environment jsdom */
/**
 * The task pane's part of the work plans and score sheets: the member's own plan above the self form, a score
 * sheet from a click on a member in 结果, and the posting pack's three sheets in 公示.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';
import { run } from '../../src/host';
import { queueReadTables } from '../../src/workbook/tables/readTables';
import { expectAccessible, ready, renderApp } from './helpers';
import { installedCommands, MEMBERS, type PaneCommands } from './paneWorkbook';

const DIMENSIONS = DEFAULT_RUBRIC.categories[0].dimensions;

async function openSelfForm(user: ReturnType<typeof renderApp>['user'], member: string, round = 'self') {
  await user.selectOptions(screen.getByLabelText('测评环节'), round);
  const picker = await screen.findByLabelText('党员');
  await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
  await user.selectOptions(picker, member);
  await user.click(screen.getByRole('button', { name: '打开测评表' }));
  return screen.findByRole('form');
}

/** Every member's self form, an anonymous peer ballot and a mass ballot, saved through the commands. */
async function fillAll(fake: PaneCommands): Promise<void> {
  for (const [i, m] of MEMBERS.entries()) {
    const scores = Object.fromEntries(DIMENSIONS.map((d) => [d.name, Math.round(d.points * 10 * (0.95 - i * 0.05)) / 10]));
    await fake.saveForm('self', m.id, [{ memberId: m.id, scores }]);
    await fake.saveForm('peer', `P0${i + 1}`, [{ memberId: m.id, scores }]);
    await fake.saveForm('mass', `Q0${i + 1}`, [{ memberId: m.id, scores }]);
  }
  fake.calls.length = 0;
}

/** Types a member's plan and attachment into kp_Plans (年度工作计划), as the member would. */
async function typePlan(fake: PaneCommands, id: string, plan: string, attachment: string): Promise<void> {
  await run(fake.workbook, async (c) => {
    const p = queueReadTables(c, ['plans']);
    await c.sync();
    const t = p().plans;
    const row = t.rows.findIndex((r) => r[t.headers.indexOf('党员编号')] === id);
    const cell = (h: string) => c.workbook.worksheets.getItem(t.sheet).getCell(t.firstRow - 1 + row, t.firstColumn + t.headers.indexOf(h));
    for (const [h, v] of [['工作计划', plan], ['附件', attachment]]) {
      cell(h).numberFormat = [['@']];
      cell(h).values = [[v]];
    }
    await c.sync();
  });
}

describe('the self form shows the member’s own work plan', () => {
  it('above the dimensions: the plan’s lines and its attachment; for a member without one, where to write it', async () => {
    const fake = await installedCommands();
    await typePlan(fake, '001', '一、全年参加支部学习 12 次\n二、完成科室重点工作', '工作计划详细版.docx');
    const { user, container } = renderApp(fake, 'entry');
    await ready();
    const form = await openSelfForm(user, '001');
    const note = await screen.findByTestId('plan-note');
    expect(within(note).getByText('本人年度工作计划')).toBeInTheDocument();
    expect(note.textContent).toContain('一、全年参加支部学习 12 次\n二、完成科室重点工作');
    expect(within(note).getByText('附件：工作计划详细版.docx')).toBeInTheDocument();
    // Above the form's dimensions.
    expect(note.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(fake.callsOf('getPlan')).toEqual([['001']]);
    await expectAccessible(container);

    await user.selectOptions(screen.getByLabelText('党员'), '002');
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    expect(await screen.findByText('尚未填写年度工作计划（在“年度工作计划”C3 填写）。')).toBeInTheDocument();
  });

  it('not on a peer form', async () => {
    const fake = await installedCommands();
    await typePlan(fake, '001', '计划', '');
    const { user } = renderApp(fake, 'entry');
    await ready();
    await openSelfForm(user, '001', 'peer');
    expect(screen.queryByTestId('plan-note')).not.toBeInTheDocument();
    expect(fake.callsOf('getPlan')).toEqual([]);
  });
});

describe('结果: a score sheet from a click on a member', () => {
  it('makes that member’s sheet and shows it; the button makes them for all', async () => {
    const fake = await installedCommands();
    await fillAll(fake);
    const { user, container } = renderApp(fake, 'results');
    await ready();
    await user.click(screen.getByRole('button', { name: '计算结果' }));
    const list = (await screen.findByText('个人考评明细')).closest('section')!;
    await user.click(within(list).getByText('李四（002）'));
    expect(await within(list).findByText('已生成工作表“个人考评明细”（1 人），可直接打印。')).toBeInTheDocument();
    expect(fake.callsOf('makeScoreSheets')).toEqual([[{ members: ['002'], activate: true }]]);
    await user.click(within(list).getByRole('button', { name: '全部党员（每人一页）' }));
    expect(await within(list).findByText('已生成工作表“个人考评明细”（4 人），可直接打印。')).toBeInTheDocument();
    expect(fake.callsOf('makeScoreSheets')[1]).toEqual([{ members: undefined, activate: true }]);
    await expectAccessible(container);
  });
});

describe('公示: the posting pack', () => {
  it('names the three sheets and goes to each', async () => {
    const fake = await installedCommands();
    await fillAll(fake);
    // Posting is made from current results only (it is refused while they are stale).
    await fake.compute();
    const { user } = renderApp(fake, 'posting');
    await ready();
    await user.click(screen.getByRole('button', { name: '生成公示表' }));
    expect(await screen.findByText(/^已生成公示材料（考评结果公示、考评细则公示、工作计划公示），共 4 人/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '查看“工作计划公示”' }));
    expect(fake.callsOf('selectCell')).toEqual([['工作计划公示', 'A1']]);
  });
});

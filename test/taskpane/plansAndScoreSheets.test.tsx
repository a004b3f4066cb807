/** @jest-environment jsdom */
/**
 * The task pane's part of the work plans and score sheets: the member's own plan above the self form, a score
 * sheet from a click on a member in 结果, and the posting pack's three sheets in 公示.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { DIMENSIONS, installedFake, type FakeCommands } from './fakeCommands';
import { expectAccessible, ready, renderApp } from './helpers';

async function openSelfForm(user: ReturnType<typeof renderApp>['user'], member: string, round = 'self') {
  await user.selectOptions(screen.getByLabelText('测评环节'), round);
  const picker = await screen.findByLabelText('党员');
  await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
  await user.selectOptions(picker, member);
  await user.click(screen.getByRole('button', { name: '打开测评表' }));
  return screen.findByRole('form');
}

function fillAll(fake: FakeCommands): void {
  fake.roster.forEach((m, i) => {
    const scores = Object.fromEntries(DIMENSIONS.map((d) => [d.name, Math.round(d.points * 10 * (0.95 - i * 0.05))]));
    fake.entries.self.set(m.id, new Map([[m.id, scores]]));
    fake.entries.peer.set(`P${i}`, new Map([[m.id, scores]]));
    fake.entries.mass.set(`Q0${i + 1}`, new Map([[m.id, scores]]));
  });
}

describe('the self form shows the member’s own work plan', () => {
  it('above the dimensions: the plan’s lines and its attachment; for a member without one, where to write it', async () => {
    const fake = installedFake();
    fake.plans['001'] = { plan: '一、全年参加支部学习 12 次\n二、完成科室重点工作', attachment: '工作计划详细版.docx' };
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
    const fake = installedFake();
    fake.plans['001'] = { plan: '计划', attachment: '' };
    const { user } = renderApp(fake, 'entry');
    await ready();
    await openSelfForm(user, '001', 'peer');
    expect(screen.queryByTestId('plan-note')).not.toBeInTheDocument();
    expect(fake.callsOf('getPlan')).toEqual([]);
  });
});

describe('结果: a score sheet from a click on a member', () => {
  it('makes that member’s sheet and shows it; the button makes them for all', async () => {
    const fake = installedFake();
    fillAll(fake);
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
    const fake = installedFake();
    fillAll(fake);
    const { user } = renderApp(fake, 'posting');
    await ready();
    await user.click(screen.getByRole('button', { name: '生成公示表' }));
    expect(await screen.findByText(/^已生成公示材料（考评结果公示、考评细则公示、工作计划公示），共 4 人/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '查看“工作计划公示”' }));
    expect(fake.callsOf('selectCell')).toEqual([['工作计划公示', 'A1']]);
  });
});

/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import type { FormRowInput } from '../../src/workbook/commandTypes';
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';
import { installedCommands } from './paneWorkbook';

const DIMENSIONS = DEFAULT_RUBRIC.categories[0].dimensions;
import { expectAccessible, ready, renderApp } from './helpers';

const scoreBoxes = (form: HTMLElement) => Array.from(form.querySelectorAll<HTMLInputElement>('input[data-score]'));

async function openForm(user: ReturnType<typeof renderApp>['user'], round: string, evaluator: { member?: string; code?: string }) {
  await user.selectOptions(screen.getByLabelText('测评环节'), round);
  if (evaluator.member) {
    const picker = await screen.findByLabelText('党员');
    await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(picker, evaluator.member);
  }
  if (evaluator.code !== undefined) {
    const box = screen.getByLabelText('代表姓名或票号');
    await user.clear(box);
    await user.type(box, evaluator.code);
  }
  await user.click(screen.getByRole('button', { name: '打开测评表' }));
  return screen.findByRole('form');
}

/** The save note sits outside the form, which a save closes. */
const savedNote = (re: RegExp | string) => screen.findByText(re);

describe('录入 view', () => {
  it('types a self form with Enter moving focus, shows the live total and saves once', async () => {
    const fake = await installedCommands();
    const { user, container } = renderApp(fake, 'entry');
    await ready();
    const form = await openForm(user, 'self', { member: '001' });
    expect(within(form).getByRole('rowheader', { name: /张三/ })).toBeInTheDocument();
    // Whose ballot it is, in the heading and again in the save bar.
    expect(within(form).getAllByText('评价人：张三（001） · 党员自评'.replace(' · ', ' · '))).toHaveLength(2);
    const boxes = scoreBoxes(form);
    expect(boxes).toHaveLength(8);
    // Each box is labelled by member and dimension; the column header shows the maximum.
    expect(within(form).getByLabelText('张三 爱岗敬业')).toBe(boxes[2]);
    expect(within(form).getAllByText('满15')).toHaveLength(4);
    // The form opens with the cursor in the first box.
    expect(boxes[0]).toHaveFocus();

    // Full-width digits from a Chinese input method are accepted.
    await user.keyboard('９.５{Enter}9{Enter}14{Enter}13{Enter}12.5{Enter}14{Enter}10{Enter}9{Enter}');
    expect(form.querySelector('[data-total="001"]')).toHaveTextContent('91');
    // The last Enter lands on 保存.
    expect(within(form).getByRole('button', { name: '保存' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await savedNote('已保存 张三（001） 的党员自评测评表：写入 1 行（新增 1，更新 0）。')).toBeInTheDocument();
    // A save clears the form.
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    const saves = fake.callsOf('saveForm');
    expect(saves).toHaveLength(1);
    expect(saves[0]).toEqual([
      'self',
      '001',
      [{ memberId: '001', scores: { 理想信念: 9.5, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 13, 工作绩效: 12.5, 道德品质: 14, 廉洁自律: 10, 服务社会: 9 } }],
    ]);
    await expectAccessible(container);
  });

  it('shows an inline error for an out-of-range score and does not save until it is fixed', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    const form = await openForm(user, 'self', { member: '002' });
    const boxes = scoreBoxes(form);
    await user.click(boxes[0]);
    await user.keyboard('12{Enter}');
    const first = within(form).getByLabelText('李四 理想信念');
    expect(first).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText('李四 理想信念：应在 0 到 10 之间')).toBeInTheDocument();
    // The running total says there is an error instead of a number.
    expect(form.querySelector('[data-total="002"]')).toHaveTextContent('—（1处错误）');
    // The error message is tied to the input for screen readers.
    expect(first).toHaveAccessibleDescription(expect.stringContaining('应在 0 到 10 之间'));
    await user.keyboard('9.55{Enter}');
    expect(within(form).getByText('李四 宗旨意识：最多一位小数')).toBeInTheDocument();
    expect(form.querySelector('[data-total="002"]')).toHaveTextContent('—（2处错误）');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByText(/处需要改正/)).toBeInTheDocument();
    expect(fake.callsOf('saveForm')).toHaveLength(0);
    // Focus goes back to the first bad box.
    expect(first).toHaveFocus();
    await user.keyboard('{Control>}a{/Control}8');
    expect(first).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    // Still blocked: the form is incomplete, and every blank box says so.
    expect(within(form).getAllByText(/还有 6 项未填/).length).toBe(6);
    expect(fake.callsOf('saveForm')).toHaveLength(0);
  });

  it('lists exactly the peer evaluator\'s group but themself, across members with Enter', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    const form = await openForm(user, 'peer', { member: '001' });
    const rows = within(form).getAllByRole('rowheader').map((h) => h.textContent ?? '');
    expect(rows).toEqual(['李四002', '王五003']);
    const boxes = scoreBoxes(form);
    expect(boxes).toHaveLength(16);
    await user.click(boxes[0]);
    const typed = [
      ['10', '10', '15', '15', '15', '15', '10', '10'],
      ['8', '8', '12', '12', '12', '12', '8', '8'],
    ];
    for (const row of typed) for (const v of row) await user.keyboard(`${v}{Enter}`);
    expect(form.querySelector('[data-total="002"]')).toHaveTextContent('100');
    expect(form.querySelector('[data-total="003"]')).toHaveTextContent('80');
    await user.keyboard('{Enter}');
    await savedNote(/已保存 张三（001） 的党员互评测评表：写入 2 行/);
    const [round, evaluator, saved] = fake.callsOf('saveForm')[0] as [string, string, FormRowInput[]];
    expect([round, evaluator]).toEqual(['peer', '001']);
    expect(saved.map((r) => r.memberId)).toEqual(['002', '003']);
    expect(saved[1].scores['爱岗敬业']).toBe(12);
    // Progress of the round reloads: 张三 scored both.
    expect(await screen.findByText(/张三（001）：已评 2，缺 0/)).toBeInTheDocument();
  });

  it('moves back with Shift+Enter', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    const form = await openForm(user, 'self', { member: '003' });
    const boxes = scoreBoxes(form);
    await user.click(boxes[3]);
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(boxes[2]).toHaveFocus();
  });

  it('proposes the next anonymous ballot code for the mass round and the next one after saving', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'mass');
    const code = await screen.findByLabelText('代表姓名或票号');
    await waitFor(() => expect(code).toHaveValue('Q01'));
    expect(screen.getByText('建议票号：Q01')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    const form = await screen.findByRole('form');
    // A mass evaluator scores every member.
    expect(scoreBoxes(form)).toHaveLength(4 * DIMENSIONS.length);
    await user.click(scoreBoxes(form)[0]);
    for (let i = 0; i < 4; i++) for (const d of DIMENSIONS) await user.keyboard(`${d.points - 1}{Enter}`);
    await user.keyboard('{Enter}');
    await savedNote(/已保存 Q01 的群众参评测评表：写入 4 行/);
    expect(fake.callsOf('saveForm')[0][1]).toBe('Q01');
    await waitFor(() => expect(screen.getByLabelText('代表姓名或票号')).toHaveValue('Q02'));
  });

  it('reopens a saved form with its values and counts an edit as an update', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    let form = await openForm(user, 'self', { member: '004' });
    await user.click(scoreBoxes(form)[0]);
    for (const d of DIMENSIONS) await user.keyboard(`${d.points}{Enter}`);
    await user.keyboard('{Enter}');
    await savedNote(/已保存/);
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    form = await screen.findByRole('form');
    await waitFor(() => expect(scoreBoxes(form)[0]).toHaveValue('10'));
    await user.click(scoreBoxes(form)[0]);
    await user.keyboard('{Control>}a{/Control}7');
    expect(form.querySelector('[data-total="004"]')).toHaveTextContent('97');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    // Saving over rows already saved asks first, naming the evaluator.
    const dialog = () => screen.getByRole('dialog', { hidden: true });
    await waitFor(() => expect(within(dialog()).getByText('赵六（004） 已有 1 行，覆盖吗？')).toBeInTheDocument());
    await user.click(within(dialog()).getByRole('button', { name: '覆盖', hidden: true }));
    expect(await savedNote('已保存 赵六（004） 的党员自评测评表：写入 1 行（新增 0，更新 1）。')).toBeInTheDocument();
  });

  it('makes a blank ballot for the chosen evaluator', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'peer');
    const picker = await screen.findByLabelText('党员');
    await user.selectOptions(picker, '004');
    await user.click(screen.getByRole('button', { name: '打印空白测评表' }));
    await waitFor(() => expect(fake.workbook.sheetNames().filter((n) => n.startsWith('测评表'))).toHaveLength(1));
    const made = fake.workbook.sheetNames().find((n) => n.startsWith('测评表')) as string;
    expect(await screen.findByText(`已生成空白测评表：工作表“${made}”，可直接打印。`)).toBeInTheDocument();
    expect(fake.callsOf('printBallot')).toEqual([['peer', '004', undefined]]);
    // The sheet is 赵六's ballot.
    expect(fake.workbook.snapshot(made).cells.flat().map((c) => c.value)).toContain('评价人：004');
  });

  it('narrows an anonymous peer ballot to one 党小组', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'peer');
    await user.click(screen.getByRole('radio', { name: '无记名票号 / 群众代表' }));
    await user.type(screen.getByLabelText('代表姓名或票号'), 'P1');
    await user.selectOptions(screen.getByLabelText('评分范围'), '第二党小组');
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    const form = await screen.findByRole('form');
    expect(scoreBoxes(form)).toHaveLength(DIMENSIONS.length);
    expect(within(form).getByText('赵六')).toBeInTheDocument();
    expect(fake.callsOf('getEntryForm').at(-1)).toEqual(['peer', 'P1', '第二党小组']);
  });
});

/** @jest-environment jsdom */
/**
 * A task pane a secretary cannot get wrong (on the real commands over a headless workbook): no silent overwrite (the form closes on every change of
 * whose ballot it is, asks before discarding typed scores or overwriting saved rows), nothing typed lost on a
 * tab switch, Ctrl+Enter to the next evaluator, "/" cells skipped, the fourth step (支部审定), the welcome card,
 * 请先安装 before install, the branch from the title, and members of a category the rubric lacks.
 */
import { screen, waitFor, within } from '@testing-library/react';
import type { MemberReviewInput } from '../../src/workbook/commandTypes';
import { DEFAULT_CATEGORY } from '../../src/domain/rubric';
import { DIMENSIONS, fillAll, installedCommands, MEMBERS, paneCommands, savedScores, settingValue, writeSheet } from './paneWorkbook';
import { expectAccessible, ready, renderApp } from './helpers';

const scoreBoxes = (form: HTMLElement) => Array.from(form.querySelectorAll<HTMLInputElement>('input[data-score]'));
const dialog = () => screen.getByRole('dialog', { hidden: true });
const FULL = DIMENSIONS.map((d) => String(d.points - 1));

async function typeRow(user: ReturnType<typeof renderApp>['user'], values: string[]) {
  for (const v of values) await user.keyboard(`${v}{Enter}`);
}

describe('录入: whose ballot it is', () => {
  it('after saving Q01 the form is gone, Q02 is proposed and its own form saves Q02 (Q01 untouched)', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'mass');
    const code = await screen.findByLabelText('代表姓名或票号');
    await waitFor(() => expect(code).toHaveValue('Q01'));
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    let form = await screen.findByRole('form', { name: '评价人：Q01 · 群众参评' });
    for (let i = 0; i < 4; i++) await typeRow(user, FULL);
    await user.keyboard('{Enter}');
    await screen.findByText(/已保存 Q01 的群众参评测评表：写入 4 行/);
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    await waitFor(() => expect(code).toHaveValue('Q02'));
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    form = await screen.findByRole('form', { name: '评价人：Q02 · 群众参评' });
    expect(scoreBoxes(form).every((b) => b.value === '')).toBe(true);
    for (let i = 0; i < 4; i++) await typeRow(user, DIMENSIONS.map((d) => String(d.points - 2)));
    await user.keyboard('{Enter}');
    await screen.findByText(/已保存 Q02 的群众参评测评表/);
    expect(fake.callsOf('saveForm').map((c) => c[1])).toEqual(['Q01', 'Q02']);
    expect((await savedScores(fake, 'mass', 'Q01', '001'))?.['理想信念']).toBe(DIMENSIONS[0].points - 1);
    expect((await savedScores(fake, 'mass', 'Q02', '001'))?.['理想信念']).toBe(DIMENSIONS[0].points - 2);
  });

  it('changing the evaluator closes the form; with typed scores it asks first (有 N 个分数未保存)', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'peer');
    const picker = await screen.findByLabelText('党员');
    await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(picker, '001');
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    await screen.findByRole('form', { name: '评价人：张三（001） · 党员互评' });
    // Nothing typed: the form just closes when the list shows someone else.
    await user.selectOptions(picker, '002');
    await waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    const form = await screen.findByRole('form', { name: '评价人：李四（002） · 党员互评' });
    await typeRow(user, ['9', '8', '7']);
    await user.selectOptions(picker, '003');
    await waitFor(() => expect(within(dialog()).getByText('有 3 个分数未保存')).toBeInTheDocument());
    await user.click(within(dialog()).getByRole('button', { name: '继续填写', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).not.toBeInTheDocument());
    expect(picker).toHaveValue('002');
    expect(scoreBoxes(form).slice(0, 3).map((b) => b.value)).toEqual(['9', '8', '7']);
    await user.selectOptions(picker, '003');
    await user.click(await waitFor(() => within(dialog()).getByRole('button', { name: '放弃', hidden: true })));
    await waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument());
    expect(picker).toHaveValue('003');
    expect(fake.callsOf('saveForm')).toHaveLength(0);
  });

  it('keeps a half-typed ballot, the round and the evaluator across a tab switch', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'peer');
    const picker = await screen.findByLabelText('党员');
    await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(picker, '002');
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    await screen.findByRole('form');
    await typeRow(user, ['9', '8']);
    await user.click(screen.getByRole('tab', { name: '校验' }));
    await user.click(screen.getByRole('tab', { name: '录入' }));
    expect(screen.getByLabelText('测评环节')).toHaveValue('peer');
    expect(screen.getByLabelText('党员')).toHaveValue('002');
    const form = screen.getByRole('form', { name: '评价人：李四（002） · 党员互评' });
    expect(scoreBoxes(form).slice(0, 3).map((b) => b.value)).toEqual(['9', '8', '']);
  });

  it('Ctrl+Enter saves and opens the next evaluator still missing, cursor in the first box', async () => {
    const fake = await installedCommands();
    const { user, container } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'peer');
    const picker = await screen.findByLabelText('党员');
    await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(picker, '001');
    // Enter in the evaluator list opens the form.
    picker.focus();
    await user.keyboard('{Enter}');
    let form = await screen.findByRole('form', { name: '评价人：张三（001） · 党员互评' });
    expect(scoreBoxes(form)[0]).toHaveFocus();
    await typeRow(user, FULL);
    await typeRow(user, FULL.slice(0, -1));
    await user.keyboard(`${FULL.at(-1)}{Control>}{Enter}{/Control}`);
    form = await screen.findByRole('form', { name: '评价人：李四（002） · 党员互评' });
    await waitFor(() => expect(scoreBoxes(form)[0]).toHaveFocus());
    expect(picker).toHaveValue('002');
    expect(fake.callsOf('saveForm').map((c) => c[1])).toEqual(['001']);
    await expectAccessible(container);
  });

  it('skips the "/" cells of a dimension the member\'s category lacks', async () => {
    const fake = await installedCommands();
    const settings = await fake.getSettings();
    const saved = await fake.saveRubric({
      categories: [
        ...settings.rubric,
        { category: '离退休党员', dimensions: DIMENSIONS.filter((d) => d.name !== '工作绩效').map((d) => ({ ...d, points: d.name === '理想信念' ? 25 : d.points })) },
      ],
    });
    expect(saved.problems).toEqual([]);
    // 王五 becomes 离退休党员: the secretary's list again, with his category changed, imported over the roster.
    await writeSheet(fake.workbook, '名单2', [['编号', '姓名', '党小组', '类别'], ...MEMBERS.map((m) => [m.id, m.name, m.group, m.id === '003' ? '离退休党员' : DEFAULT_CATEGORY])]);
    expect((await fake.importRoster('名单2')).updated).toBe(1);
    fake.calls.length = 0;
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'peer');
    const picker = await screen.findByLabelText('党员');
    await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(picker, '001');
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    const form = await screen.findByRole('form');
    expect(scoreBoxes(form)).toHaveLength(15);
    const row = within(form).getByRole('rowheader', { name: /王五/ }).closest('tr')!;
    expect(within(row).getByText('/')).toBeInTheDocument();
    await typeRow(user, FULL);
    // 王五's row: 理想信念 … 学习教育, then Enter jumps over 工作绩效 to 道德品质.
    await typeRow(user, ['20', '9', '14', '14']);
    expect(document.activeElement).toHaveAttribute('data-score', '003:道德品质');
  });
});

describe('第四步：支部审定', () => {
  it('records bonus items and a veto with inline validation, saved in one call', async () => {
    const fake = await installedCommands();
    // A branch that caps the bonus at 3 points (the default sets no cap).
    expect(await fake.saveSettings({ bonusCap: 3 })).toEqual([]);
    const earlier = await fake.saveMemberReview('002', { bonus: [{ item: '市级表彰', points: 1, basis: '文件' }], review: { veto: false, reason: '', opinion: '' } });
    expect(earlier.bonusRows).toBe(1);
    fake.calls.length = 0;
    const { user, container } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'review');
    expect(await screen.findByText('已审定：加分 1 人，一票否决 0 人')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('党员'), '001');
    expect(screen.getByText('加分上限 3 分；不允许扣分（分值须大于 0）')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '添加加分项' }));
    await user.type(screen.getByLabelText('分值'), '-1');
    expect(screen.getByText('应大于 0（不允许扣分）')).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: '一票否决：否' }));
    await user.click(screen.getByRole('button', { name: '保存审定' }));
    expect(screen.getByText('请填写事项')).toBeInTheDocument();
    expect(screen.getByText('一票否决须填写事由')).toBeInTheDocument();
    expect(fake.callsOf('saveMemberReview')).toHaveLength(0);
    await user.clear(screen.getByLabelText('分值'));
    await user.type(screen.getByLabelText('分值'), '４');
    await user.type(screen.getByLabelText('事项'), '抗洪抢险');
    await user.type(screen.getByLabelText(/^事由/), '受党纪处分');
    await user.type(screen.getByLabelText('审定意见'), '经支部委员会审定');
    expect(screen.getByText('加分合计 4 分，超过上限，按 3 分计')).toBeInTheDocument();
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: '保存审定' }));
    expect(await screen.findByText('已保存 张三（001） 的加分项 1 项和支部审定。')).toBeInTheDocument();
    const [id, input] = fake.callsOf('saveMemberReview')[0] as [string, MemberReviewInput];
    expect(id).toBe('001');
    expect(input).toEqual({ bonus: [{ item: '抗洪抢险', points: '4', basis: '' }], review: { veto: true, reason: '受党纪处分', opinion: '经支部委员会审定' } });
    expect(await screen.findByText('已审定：加分 2 人，一票否决 1 人')).toBeInTheDocument();
    // Another member's saved items load into their draft.
    await user.selectOptions(screen.getByLabelText('党员'), '002');
    expect(screen.getByLabelText('事项')).toHaveValue('市级表彰');
  });
});

describe('开始: first run', () => {
  it('shows the six steps with done / not done, says 请先安装 elsewhere, and prefills the branch from the title', async () => {
    const fake = paneCommands();
    // The secretary's own summary sheet, its title naming the branch.
    await writeSheet(fake.workbook, '2025年度汇总', [['龙口市科技局机关党支部2025年度党员民主评议汇总表']]);
    const { user, container } = renderApp(fake, 'start');
    await ready();
    const card = await screen.findByRole('region', { name: '开始使用：六个步骤' });
    const steps = within(card).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual(['①安装未完成', '②导入名册未完成', '③录入未完成', '④校验未完成', '⑤结果未完成', '⑥公示未完成']);
    await waitFor(() => expect(screen.getByLabelText(/党支部名称/)).toHaveValue('龙口市科技局机关党支部'));
    expect(screen.getByText('已从工作簿标题中读取党支部名称，请核对。')).toBeInTheDocument();
    await expectAccessible(container);
    await user.click(screen.getByRole('tab', { name: '录入' }));
    expect(await screen.findByText('请先安装考评表')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '去安装' }));
    await user.click(await screen.findByRole('button', { name: '安装考评表' }));
    await screen.findByText('安装完成。');
    expect(fake.callsOf('install')[0]).toEqual([{ year: new Date().getFullYear(), branch: '龙口市科技局机关党支部' }]);
    await waitFor(() => expect(within(card).getAllByRole('listitem')[0]).toHaveTextContent('①安装已完成'));
    await user.click(screen.getByRole('tab', { name: '录入' }));
    expect(screen.queryByText('请先安装考评表')).not.toBeInTheDocument();
  }, 240000);
});

describe('公示: the phone is remembered for next year', () => {
  it('keeps a phone typed on 公示 in the settings', async () => {
    const fake = await installedCommands();
    await fillAll(fake, () => 0.9);
    await fake.compute();
    fake.calls.length = 0;
    const { user } = renderApp(fake, 'posting');
    await ready();
    const phone = screen.getByLabelText('监督电话');
    await waitFor(() => expect(phone).toHaveValue('0535-1234567'));
    await user.clear(phone);
    await user.type(phone, '0535-7777777');
    await user.click(screen.getByRole('button', { name: '生成公示表' }));
    expect(await screen.findByText('监督电话已记在考评参数中，明年会保留。')).toBeInTheDocument();
    expect(await settingValue(fake, 'phone')).toBe('0535-7777777');
  });
});

describe('members of a category the rubric lacks', () => {
  it('are named at the top of the import preview and of 结果; 添加此类别 opens the rubric editor with it added', async () => {
    const fake = await installedCommands();
    await writeSheet(fake.workbook, '2025年度考评汇总', [
      ['序号', '姓名', '党小组', '类别'],
      ['1', '汪红勇', '第一党小组', '机关党员'],
      ['2', '马燕敏', '第一党小组', '离退休党员'],
      ['3', '姚燕', '第一党小组', '离退休党员'],
    ]);
    const { user } = renderApp(fake, 'start');
    await ready();
    await user.selectOptions(await screen.findByLabelText('来源工作表'), '2025年度考评汇总');
    await user.click(screen.getByRole('button', { name: '预览' }));
    expect(await screen.findByText('未参评 2 人：类别不在考评细则中')).toBeInTheDocument();
    expect(screen.getByText('“离退休党员”：马燕敏、姚燕')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '导入名册' }));
    await screen.findByText(/导入完成/);
    await user.click(screen.getByRole('tab', { name: '结果' }));
    const results = await waitFor(() => {
      const el = document.querySelector('[data-view="results"] [data-not-scored]');
      expect(el).not.toBeNull();
      return el as HTMLElement;
    });
    expect(results).toHaveTextContent('未参评 2 人');
    await user.click(within(results).getByRole('button', { name: '添加此类别' }));
    expect(await screen.findByRole('table', { name: '离退休党员' })).toBeInTheDocument();
    expect(screen.getByText('已添加类别“离退休党员”（按默认类别的维度和分值），请核对分值后保存细则。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存细则' }));
    await screen.findByText('考评细则已保存，录入表已按新细则更新。');
    expect((await fake.getSettings()).rubric.map((c) => c.category)).toEqual(['机关党员', '离退休党员']);
  }, 240000);
});

/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import type { Rubric } from '../../src/domain/rubric';
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';
import { installedCommands, paneCommands } from './paneWorkbook';

const DIMENSIONS = DEFAULT_RUBRIC.categories[0].dimensions;
import { expectAccessible, ready, renderApp } from './helpers';

const RETIRED = '离退休党员';

describe('设置: rubric editor', () => {
  it(`adds ${RETIRED}, removes 工作绩效, edits points with a live sum, then saves`, async () => {
    const fake = await installedCommands();
    const { user, container } = renderApp(fake, 'settings');
    await ready();
    await screen.findByRole('table', { name: '机关党员' });
    expect(screen.getByText('合计 100 分')).toBeInTheDocument();
    // The default category's dimensions can be removed one by one but not the last; it cannot be removed itself.
    expect(screen.queryByRole('button', { name: '删除类别“机关党员”' })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('新类别名称'), RETIRED);
    await user.click(screen.getByRole('button', { name: '添加类别' }));
    const table = await screen.findByRole('table', { name: RETIRED });
    // A copy of the default category.
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(DIMENSIONS.map((d) => d.name));
    // The same name again is refused.
    await user.type(screen.getByLabelText('新类别名称'), RETIRED);
    expect(screen.getByText(`已有类别“${RETIRED}”`)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '添加类别' })).toBeDisabled();
    await user.clear(screen.getByLabelText('新类别名称'));

    await user.click(screen.getByRole('button', { name: `删除“${RETIRED}”的维度“工作绩效”` }));
    expect(within(table).queryByRole('rowheader', { name: '工作绩效' })).not.toBeInTheDocument();
    // Without 工作绩效 the category sums to 85: shown live as an error.
    expect(screen.getByText('各维度分值合计为 85，应为 100')).toBeInTheDocument();

    // 15, 15, 10, 20, 15, 15, 10 as in the small-categories fixture; one point typed as a half point first.
    const points = (d: string) => screen.getByLabelText(`“${RETIRED}”的“${d}”分值`);
    for (const [d, p] of [['理想信念', '15'], ['宗旨意识', '15'], ['爱岗敬业', '10'], ['学习教育', '17.5'], ['廉洁自律', '15']] as const) {
      await user.clear(points(d));
      await user.type(points(d), p);
    }
    expect(screen.getByText('各维度分值合计为 97.5，应为 100')).toBeInTheDocument();
    await user.clear(points('学习教育'));
    await user.type(points('学习教育'), '20.25');
    expect(screen.getByText('应为大于 0 的数，最多一位小数')).toBeInTheDocument();
    await user.clear(points('学习教育'));
    await user.type(points('学习教育'), '20');
    expect(screen.queryByText('应为大于 0 的数，最多一位小数')).not.toBeInTheDocument();
    expect(screen.getAllByText('合计 100 分')).toHaveLength(2);
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: '保存细则' }));
    expect(await screen.findByText('考评细则已保存，录入表已按新细则更新。')).toBeInTheDocument();
    const [[sent]] = fake.callsOf('saveRubric') as [[Rubric]];
    expect(sent.categories.map((c) => c.category)).toEqual(['机关党员', RETIRED]);
    expect(sent.categories[0].dimensions.map((d) => d.points)).toEqual(DIMENSIONS.map((d) => d.points));
    expect(sent.categories[1].dimensions.map((d) => [d.name, d.points])).toEqual([
      ['理想信念', 15], ['宗旨意识', 15], ['爱岗敬业', 10], ['学习教育', 20], ['道德品质', 15], ['廉洁自律', 15], ['服务社会', 10],
    ]);
    // The settings are read again after saving and show the stored rubric.
    await waitFor(() => expect(fake.callsOf('getSettings').length).toBeGreaterThanOrEqual(2));
    expect(await screen.findByRole('table', { name: RETIRED })).toBeInTheDocument();
  });

  it('shows the problems the workbook returns and saves nothing; a category can be removed again', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'settings');
    await ready();
    await screen.findByRole('table', { name: '机关党员' });
    await user.type(screen.getByLabelText('新类别名称'), RETIRED);
    await user.click(screen.getByRole('button', { name: '添加类别' }));
    await user.click(await screen.findByRole('button', { name: `删除“${RETIRED}”的维度“工作绩效”` }));
    await user.click(screen.getByRole('button', { name: '保存细则' }));
    expect(await screen.findByText('考评细则有问题，没有保存：')).toBeInTheDocument();
    // The domain's message (the real command's problem names its sheet and cell before it).
    expect(screen.getByText(new RegExp(`类别“${RETIRED}”各维度分值合计为 85，应为 100。`))).toBeInTheDocument();
    // Nothing was written: the workbook's rubric still has its one category.
    expect((await paneCommands(fake.workbook).getSettings()).rubric).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: `删除类别“${RETIRED}”` }));
    expect(screen.queryByRole('table', { name: RETIRED })).not.toBeInTheDocument();
    // The default category's last dimension cannot be removed.
    for (const d of DIMENSIONS.slice(1)) await user.click(screen.getByRole('button', { name: `删除“机关党员”的维度“${d.name}”` }));
    expect(screen.getByRole('button', { name: `删除“机关党员”的维度“${DIMENSIONS[0].name}”` })).toBeDisabled();
  });

  it('works in English', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'settings', { language: 'en-US' });
    await ready();
    await screen.findByRole('table', { name: '机关党员' });
    expect(screen.getByText('Total 100 points')).toBeInTheDocument();
    await user.type(screen.getByLabelText('New category name'), 'Retired');
    await user.click(screen.getByRole('button', { name: 'Add category' }));
    expect(await screen.findByRole('table', { name: 'Retired' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove dimension "工作绩效" of "Retired"' }));
    expect(screen.getByText('The dimensions add up to 85; they must add up to 100')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save rubric' })).toBeEnabled();
  });
});

/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import type { Problem } from '../../src/domain/types';
import type { ConformanceTest } from '../../src/taskpane/selfcheck/conformanceTypes';
import type { BatchRunner } from '../../src/workbook/commandTypes';
import { DIMENSIONS, installedFake, type FakeCommands } from './fakeCommands';
import { expectAccessible, ready, renderApp } from './helpers';

/** Every member gets one form per round with these per-dimension scores (fractions of the points). */
function fillAll(fake: FakeCommands, fraction: (memberIndex: number) => number): void {
  fake.roster.forEach((m, i) => {
    const scores = Object.fromEntries(DIMENSIONS.map((d) => [d.name, Math.round(d.points * 10 * fraction(i))]));
    fake.entries.self.set(m.id, new Map([[m.id, scores]]));
    fake.entries.peer.set(`P${i}`, new Map([[m.id, scores]]));
    fake.entries.mass.set(`Q0${i + 1}`, new Map([[m.id, scores]]));
  });
}

describe('开始: roster import', () => {
  it('previews the mapping and skipped rows, then imports', async () => {
    const fake = installedFake();
    fake.roster = [];
    fake.sheets.push('2025年度汇总');
    fake.sources['2025年度汇总'] = [
      ['2025年度党员考评汇总表', '', '', ''],
      ['序号', '姓  名', '党小组', '类别'],
      ['1', '汪红勇', '第一党小组', '机关党员'],
      ['', '', '', ''],
      ['2', '宋　东洋', '第一党小组', '离退休党员'],
      ['3', '汪红勇', '第二党小组', '机关党员'],
    ];
    const { user, container } = renderApp(fake);
    await ready();
    await user.selectOptions(await screen.findByLabelText('来源工作表'), '2025年度汇总');
    await user.click(screen.getByRole('button', { name: '预览' }));
    expect(await screen.findByText('将导入 2 名党员')).toBeInTheDocument();
    expect(screen.getByText('表头在第 2 行')).toBeInTheDocument();
    expect(screen.getByText('宋东洋')).toBeInTheDocument();
    expect(screen.getByText('跳过 2 行')).toBeInTheDocument();
    expect(screen.getByText('第 6 行：重名：汪红勇')).toBeInTheDocument();
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: '导入名册' }));
    expect(await screen.findByText('导入完成：新增 2，更新 0，未变 0。')).toBeInTheDocument();
    expect(fake.roster.map((m) => m.name)).toEqual(['汪红勇', '宋东洋']);
    // The status re-reads: two members now.
    await waitFor(() => expect(fake.callsOf('getStatus').length).toBeGreaterThan(1));
  });
});

describe('校验 view', () => {
  /** What check reports on a 40-member branch: one error, one form missing, the same warning for every member. */
  function report(): Problem[] {
    const plans: Problem[] = Array.from({ length: 40 }, (_, i) => ({
      severity: 'warning', sheet: '年度工作计划', cell: `C${i + 2}`, code: 'plan_missing', memberId: String(i + 1).padStart(3, '0'), subject: `党员${i + 1}`,
      message: `「年度工作计划」表 C${i + 2}：党员 ${String(i + 1).padStart(3, '0')} 党员${i + 1} 还没有填写个人年度工作计划。`,
    }));
    return [
      ...plans.slice(0, 20),
      { severity: 'warning', sheet: '党员互评', cell: 'D9', code: 'number_as_text', message: '党员互评 D9：“９.５”按 9.5 计。' },
      { severity: 'error', sheet: '党员互评', cell: 'E7', code: 'out_of_range', message: '党员互评 E7：爱岗敬业 16 超出 0–15。' },
      ...plans.slice(20),
      { severity: 'warning', sheet: '党员自评', cell: 'A12', code: 'missing_form', memberId: '007', subject: '郭兰强', topic: 'self', message: '「党员自评」表 A12：党员 007 郭兰强 还没有自评（党员自评表未录入）。' },
    ];
  }

  it('says what to do next, lists errors, then missing forms, then warnings, the same warning once with the names', async () => {
    const fake = installedFake();
    fake.extraProblems = report();
    const { user, container } = renderApp(fake, 'check');
    await ready();
    await user.click(screen.getByRole('button', { name: '开始校验' }));
    expect(await screen.findByText('1 处错误需要改正后才能公示。还缺 1 项测评表。另有 41 处提醒请核对。')).toBeInTheDocument();
    expect([...container.querySelectorAll('[data-section]')].map((s) => s.getAttribute('data-section'))).toEqual(['error', 'missing', 'warning']);
    const errors = screen.getByRole('region', { name: '错误 1 处（须改正后才能计算结果和公示）' });
    expect(within(errors).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['党员互评 E7：爱岗敬业 16 超出 0–15。']);
    const missing = screen.getByRole('region', { name: '还缺的测评表 1 项' });
    expect(within(missing).getByRole('button', { name: '「党员自评」表 A12：党员 007 郭兰强 还没有自评（党员自评表未录入）。' })).toBeInTheDocument();
    const warnings = screen.getByRole('region', { name: '提醒 41 处（请核对，不影响计算）' });
    const lines = within(warnings).getAllByRole('listitem');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveTextContent('40 名党员还没有填写个人年度工作计划：党员1、党员2、党员3、党员4、党员5、党员6、党员7、党员8、党员9、党员10、…');
    expect(within(lines[0]).queryAllByRole('button', { name: /年度工作计划」表/ })).toHaveLength(0);
    // Expanded: every member's own line, each selecting the cell of the member's plan.
    const expand = within(lines[0]).getByRole('button', { name: '逐条查看（40 处）' });
    expect(expand).toHaveAttribute('aria-expanded', 'false');
    await user.click(expand);
    expect(within(lines[0]).getAllByRole('button', { name: /年度工作计划」表 C\d+：/ })).toHaveLength(40);
    expect(within(lines[0]).getByRole('button', { name: '收起' })).toHaveAttribute('aria-expanded', 'true');
    await expectAccessible(container);
    await user.click(within(lines[0]).getByRole('button', { name: /表 C41：党员 040 党员40/ }));
    await waitFor(() => expect(fake.selected).toEqual({ sheet: '年度工作计划', cell: 'C41' }));
    await user.click(within(errors).getByRole('button', { name: '党员互评 E7：爱岗敬业 16 超出 0–15。' }));
    await waitFor(() => expect(fake.selected).toEqual({ sheet: '党员互评', cell: 'E7' }));
  });

  it('says so when there is nothing wrong', async () => {
    const fake = installedFake();
    const { user } = renderApp(fake, 'check');
    await ready();
    await user.click(screen.getByRole('button', { name: '开始校验' }));
    expect(await screen.findByText('没有发现问题，可以计算结果和公示。')).toBeInTheDocument();
  });
});

describe('结果 view', () => {
  it('computes and shows summary counts and the distribution', async () => {
    const fake = installedFake();
    fake.settings.push({ key: 'admonishThreshold', label: '诫勉谈话分数线', value: 55 });
    fillAll(fake, (i) => [0.95, 0.85, 0.5, 0.92][i]);
    const { user, container } = renderApp(fake, 'results');
    await ready();
    await user.click(screen.getByRole('button', { name: '计算结果' }));
    await screen.findByText('结果概况');
    const count = (key: string) => container.querySelector(`[data-count="${key}"] dd`)?.textContent;
    expect(count('members')).toBe('4');
    expect(count('eligible')).toBe('2');
    expect(count('belowEligible')).toBe('2');
    expect(count('belowAdmonish')).toBe('1');
    // Threshold labels come from the settings.
    expect(container.querySelector('[data-count="belowEligible"] dt')).toHaveTextContent('不足 90 分');
    expect(container.querySelector('[data-count="belowAdmonish"] dt')).toHaveTextContent('不足 55 分');
    expect(count('incomplete')).toBe('0');
    expect(screen.getByRole('listitem', { name: '90–100：2 人' })).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: '< 60：1 人' })).toBeInTheDocument();
    expect(screen.getByText('可以生成公示表。')).toBeInTheDocument();
    await expectAccessible(container);
  });

  it('warns about stale results and lists incomplete members with why posting is blocked', async () => {
    const fake = installedFake();
    fillAll(fake, () => 0.9);
    fake.entries.mass.delete('Q03'); // 王五 has no mass form
    fake.computedAt = '2026-12-01 09:00';
    fake.changedSinceCompute = true;
    const { user } = renderApp(fake, 'results');
    await ready();
    expect(await screen.findByText('计算后录入又有改动，结果已过期，请重新计算。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '计算结果' }));
    expect(await screen.findByText('暂不能生成公示表：')).toBeInTheDocument();
    expect(screen.getAllByText(/王五（003）/).length).toBeGreaterThan(0);
    await waitFor(() => expect(screen.queryByText('计算后录入又有改动，结果已过期，请重新计算。')).not.toBeInTheDocument());
  });
});

describe('公示 view', () => {
  it('passes period, phone and order to makePostingSheet', async () => {
    const fake = installedFake();
    fillAll(fake, () => 0.93);
    const { user, container } = renderApp(fake, 'posting');
    await ready();
    await waitFor(() => expect(screen.getByLabelText('监督电话')).toHaveValue('0535-1234567'));
    await user.type(screen.getByLabelText('公示开始日期'), '2026-12-21');
    await user.type(screen.getByLabelText('公示结束日期'), '2026-12-27');
    await user.click(screen.getByRole('radio', { name: '按名册顺序' }));
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: '生成公示表' }));
    expect(await screen.findByText(/^已生成公示材料（考评结果公示、考评细则公示、工作计划公示），共 4 人/)).toBeInTheDocument();
    expect(fake.callsOf('makePostingSheet')).toEqual([
      [{ order: 'roster', periodStart: '2026-12-21', periodEnd: '2026-12-27', phone: '0535-1234567' }],
    ]);
  });

  it('explains why when refused, and checks the date order', async () => {
    const fake = installedFake();
    const { user } = renderApp(fake, 'posting');
    await ready();
    await user.type(screen.getByLabelText('公示开始日期'), '2026-12-21');
    await user.type(screen.getByLabelText('公示结束日期'), '2026-12-20');
    expect(screen.getByText('结束日期不能早于开始日期')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '生成公示表' })).toBeDisabled();
    await user.clear(screen.getByLabelText('公示结束日期'));
    await user.click(screen.getByRole('button', { name: '生成公示表' }));
    expect(await screen.findByText('公示表没有生成，原因：')).toBeInTheDocument();
    expect(screen.getByText(/张三（001）：缺少/)).toBeInTheDocument();
  });
});

describe('新年度 view', () => {
  /** A backup that records what it was asked to save (or fails). */
  function fakeBackup(fail = false) {
    const saved: string[] = [];
    return {
      saved,
      save: async (fileName: string) => {
        if (fail) throw new Error('磁盘已满');
        saved.push(fileName);
        return { fileName, bytes: 2048 };
      },
    };
  }

  it('says what will be archived and cleared, archives in the workbook without a download, says 已是2027年度 and can undo', async () => {
    const fake = installedFake();
    fillAll(fake, () => 0.9);
    await fake.compute();
    const backup = fakeBackup();
    const { user, container } = renderApp(fake, 'newYear', { backup });
    await ready();
    expect(await screen.findByText('党员自评 4 份测评表')).toBeInTheDocument();
    expect(screen.getByText('先存档、再清空：')).toBeInTheDocument();
    expect(screen.getByText('党员互评 4 份测评表')).toBeInTheDocument();
    expect(screen.getByText('考评结果 4 人的结果（另存为可打印的“2026年考评结果”）')).toBeInTheDocument();
    expect(screen.getByText('保留：考评参数、考评细则、党员名册（4 人）。')).toBeInTheDocument();
    expect(screen.getByText(/全部表格存档在本工作簿中（不只靠下载的备份）/)).toBeInTheDocument();
    // Nothing says the forms are destroyed.
    expect(document.body.textContent).not.toMatch(/将清空：|没有结果留存|销毁/);
    expect(document.body.textContent).not.toMatch(/kp_/);
    await waitFor(() => expect(screen.getByLabelText('新年度')).toHaveValue('2027'));
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: '开始新年度…' }));
    // Tabster's focus trap toggles aria-hidden asynchronously in jsdom (no layout, focus moves late), so the
    // dialog is queried including hidden elements; axe checked the view above.
    const dialog = () => screen.getByRole('dialog', { hidden: true });
    const cancel = await waitFor(() => within(dialog()).getByRole('button', { name: '取消', hidden: true }));
    expect(within(dialog()).getByText('开始 2027 年度？')).toBeInTheDocument();
    expect(
      within(dialog()).getByText('将把 12 行录入连同参数、细则、名册、结果和工作计划存档在本工作簿中（隐藏工作表“2026年考评存档”），再清空录入。新年度还没有录入时可以撤销。'),
    ).toBeInTheDocument();
    await user.click(cancel);
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).not.toBeInTheDocument());
    expect(fake.callsOf('newYear')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '开始新年度…' }));
    await user.click(await waitFor(() => within(dialog()).getByRole('button', { name: '存档并开始', hidden: true })));
    expect(await screen.findByText('已开始 2027 年度。')).toBeInTheDocument();
    // The year is archived in the workbook: no download was needed (or made).
    expect(backup.saved).toEqual([]);
    expect(screen.getByText('上一年度的全部表格已存档到隐藏工作表“2026年考评存档”。')).toBeInTheDocument();
    expect(screen.getByText('已清空：党员自评、党员互评、群众参评、加分项、支部审定')).toBeInTheDocument();
    expect(fake.callsOf('newYear')).toEqual([[2027]]);
    expect(fake.entries.self.size).toBe(0);
    // No primary button that would roll over again: the view says which year it is.
    expect(await screen.findByText('已是2027年度')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '开始新年度…' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '开始下一个年度…' })).toBeInTheDocument();
    // Undo: everything of 2026 back, and the view offers the new year again.
    expect(await screen.findByText('新年度还没有录入任何内容时，可以撤销新年度：全部表格按“2026年考评存档”恢复原样。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '撤销新年度' }));
    expect(await screen.findByText(/已撤销新年度：工作簿回到 2026 年度/)).toBeInTheDocument();
    expect(fake.callsOf('undoNewYear')).toHaveLength(1);
    expect(fake.entries.self.size).toBe(4);
    expect(fake.year).toBe(2026);
    expect(await screen.findByRole('button', { name: '开始新年度…' })).toBeInTheDocument();
  });

  it('undo is refused, with the reason, once something of the new year was entered', async () => {
    const fake = installedFake();
    fillAll(fake, () => 0.9);
    await fake.compute();
    await fake.newYear(2027);
    fillAll(fake, () => 0.8);
    const { user } = renderApp(fake, 'newYear');
    await ready();
    await user.click(await screen.findByRole('button', { name: '撤销新年度' }));
    expect(await screen.findByText(/新年度已有录入：工作表“党员自评”中已有数据/)).toBeInTheDocument();
    expect(fake.year).toBe(2027);
  });

  it('the backup is optional: a failed download is said, and the new year does not depend on it', async () => {
    const fake = installedFake();
    fillAll(fake, () => 0.9);
    await fake.compute();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user } = renderApp(fake, 'newYear', { backup: fakeBackup(true) });
    await ready();
    await screen.findByText('党员自评 4 份测评表');
    await user.click(screen.getByRole('button', { name: '另外下载一份备份（可选）' }));
    expect(await screen.findByText(/备份没有下载：.*上一年度的表格存档在工作簿中，不受影响。/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '开始新年度…' }));
    const dialog = () => screen.getByRole('dialog', { hidden: true });
    await user.click(await waitFor(() => within(dialog()).getByRole('button', { name: '存档并开始', hidden: true })));
    expect(await screen.findByText('已开始 2027 年度。')).toBeInTheDocument();
    expect(fake.callsOf('newYear')).toEqual([[2027]]);
  });

  it('needs an explicit second confirmation while the results are stale or never computed', async () => {
    const fake = installedFake();
    fillAll(fake, () => 0.9);
    const backup = fakeBackup();
    const { user } = renderApp(fake, 'newYear', { backup });
    await ready();
    expect(await screen.findByText(/本年度的结果还没有计算过/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '开始新年度…' }));
    const dialog = () => screen.getByRole('dialog', { hidden: true });
    const go = await waitFor(() => within(dialog()).getByRole('button', { name: '存档并开始', hidden: true }));
    expect(go).toBeDisabled();
    await user.click(within(dialog()).getByRole('checkbox', { name: '我明白，仍要开始新年度', hidden: true }));
    expect(go).toBeEnabled();
    await user.click(within(dialog()).getByRole('button', { name: '取消', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).not.toBeInTheDocument());
    // Computed, then a form changed: stale.
    await fake.compute();
    fake.changedSinceCompute = true;
    // Tabster's aria-hidden from the dialog may linger in jsdom: the tabs are found including hidden elements.
    await user.click(screen.getByRole('tab', { name: '开始', hidden: true }));
    await user.click(screen.getByRole('tab', { name: '新年度', hidden: true }));
    expect(await screen.findByText(/结果计算之后测评表又有改动/)).toBeInTheDocument();
    expect(fake.callsOf('newYear')).toHaveLength(0);
  });

  it('refuses a year that is not a year', async () => {
    const fake = installedFake();
    fillAll(fake, () => 0.9);
    const { user } = renderApp(fake, 'newYear');
    await ready();
    const year = await screen.findByLabelText('新年度');
    await user.clear(year);
    await user.type(year, '27');
    expect(screen.getByText('请输入 2000 到 2100 之间的年份')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '开始新年度…' })).toBeDisabled();
  });
});

describe('设置 view', () => {
  it('edits settings, shows problems from the workbook and shows the rubric', async () => {
    const fake = installedFake();
    const { user, container } = renderApp(fake, 'settings');
    await ready();
    const branch = await screen.findByLabelText('党支部名称');
    expect(screen.getByRole('table', { name: /机关党员/ })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: '爱岗敬业' })).toBeInTheDocument();
    await expectAccessible(container);
    await user.clear(branch);
    await user.type(branch, '科技局机关党支部');
    await user.click(screen.getByRole('button', { name: '保存参数' }));
    expect(await screen.findByText('参数已保存。')).toBeInTheDocument();
    expect(fake.callsOf('saveSettings')).toEqual([[{ branch: '科技局机关党支部' }]]);

    // A save keeps the valid fields and names the ones it did not save.
    const phone = screen.getByLabelText('监督电话');
    await user.clear(phone);
    await user.type(phone, '0535-7654321');
    const threshold = screen.getByLabelText('评先树优分数线');
    await user.clear(threshold);
    await user.type(threshold, '-');
    await user.click(screen.getByRole('button', { name: '保存参数' }));
    expect(await screen.findByText('已保存 1 项；以下 1 项没有保存：评先树优分数线')).toBeInTheDocument();
    expect(screen.getByText('考评参数 B4：“评先树优分数线”应为数字。')).toBeInTheDocument();
    expect(fake.settings.find((i) => i.key === 'phone')?.value).toBe('0535-7654321');
    // Each setting shows its help text and sits in its group.
    expect(screen.getByText('公示表上受理意见的电话。')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: '公示' })).toContainElement(phone);

  });

  it('switches the language and stores it in the workbook', async () => {
    const fake = installedFake();
    const { user, container } = renderApp(fake, 'settings');
    await ready();
    await screen.findByLabelText('党支部名称');
    await user.click(screen.getByRole('radio', { name: 'English' }));
    expect(await screen.findByRole('tab', { name: 'Entry' })).toBeInTheDocument();
    // The choice is stored in the workbook's settings, and the language item is not shown twice.
    await waitFor(() => expect(fake.callsOf('saveSettings').at(-1)).toEqual([{ language: 'en-US' }]));
    expect(fake.settings.find((i) => i.key === 'language')?.value).toBe('en-US');
    expect(screen.queryByLabelText('界面语言')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeInTheDocument();
    await expectAccessible(container);
  });
});

describe('自检 view', () => {
  it('opens with Ctrl+Shift+Alt+D and lists pass and fail per conformance test', async () => {
    const fake = installedFake();
    const context = { marker: 'ctx' } as unknown as Excel.RequestContext;
    const seen: unknown[] = [];
    const runner: BatchRunner = (batch) => batch(context);
    const tests: ConformanceTest[] = [
      { name: 'values round-trip', run: async (c) => void seen.push(c) },
      { name: 'text stays text', run: async () => { throw new Error('expected "=1+1" as text\nstack…'); } },
    ];
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user, container } = renderApp(fake, 'start', { runner, loadConformance: async () => tests });
    await ready();
    await user.keyboard('{Control>}{Shift>}{Alt>}d{/Alt}{/Shift}{/Control}');
    await user.click(await screen.findByRole('button', { name: '运行自检' }));
    expect(await screen.findByText('通过 1 / 2')).toBeInTheDocument();
    expect(screen.getByText(/text stays text — expected "=1\+1" as text$/)).toBeInTheDocument();
    expect(seen).toEqual([context]);
    await expectAccessible(container);
  });

  it('is reachable from 设置 (not the everyday footer) and says when it cannot run', async () => {
    const fake = installedFake();
    const { user } = renderApp(fake);
    await ready();
    expect(screen.queryByRole('button', { name: /自检/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: '设置' }));
    await user.click(await screen.findByRole('button', { name: '自检（技术支持用）' }));
    expect(await screen.findByText('自检不可用。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '运行自检' })).toBeDisabled();
  });
});

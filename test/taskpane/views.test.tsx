/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import type { ConformanceTest } from '../../src/taskpane/selfcheck/conformanceTypes';
import type { BatchRunner } from '../../src/workbook/commandTypes';
import { entryCell, fillAll, filledRows, installedCommands, setCell, settingValue, writeSheet, type PaneCommands } from './paneWorkbook';
import { expectAccessible, ready, renderApp } from './helpers';

/** The names on the roster sheet (党员名册), in order. */
function rosterNames(fake: PaneCommands): string[] {
  const [header, ...rows] = fake.workbook.snapshot('党员名册').cells;
  const col = header.findIndex((c) => c.value === '姓名');
  return rows.map((r) => String(r[col].value ?? '')).filter((n) => n !== '');
}

/** The workbook's year as the commands read it (not recorded). */
async function yearOf(fake: PaneCommands): Promise<number | null> {
  const before = fake.calls.length;
  const status = await fake.getStatus();
  fake.calls.length = before;
  return status.year;
}

/** A round's line in the 新年度 list, counted by the real commands: its 测评表 (evaluators) and 评分 (rows). */
async function formsLine(commands: { newYearPlan(): Promise<{ clears: { sheet: string; rows: number; ballots?: number }[] }> }, sheet: string): Promise<string> {
  const c = (await commands.newYearPlan()).clears.find((x) => x.sheet === sheet);
  if (!c) throw new Error(`the new-year plan does not list ${sheet}`);
  return `${sheet} ${c.ballots ?? c.rows} 份测评表（${c.rows} 条评分）`;
}

describe('开始: roster import', () => {
  it('previews the mapping and skipped rows, then imports', async () => {
    const fake = await installedCommands([]);
    await writeSheet(fake.workbook, '2025年度汇总', [
      ['2025年度党员考评汇总表', '', '', ''],
      ['序号', '姓  名', '党小组', '类别'],
      ['1', '汪红勇', '第一党小组', '机关党员'],
      ['', '', '', ''],
      ['2', '宋　东洋', '第一党小组', '离退休党员'],
      ['3', '汪红勇', '第二党小组', '机关党员'],
    ]);
    // What the real preview makes of that sheet (nothing written): the pane must show it.
    const preview = await fake.previewRosterImport('2025年度汇总');
    fake.calls.length = 0;
    expect(preview.members.map((m) => m.name)).toContain('宋东洋');
    expect(preview.skipped.length).toBeGreaterThan(0);
    const { user, container } = renderApp(fake);
    await ready();
    await user.selectOptions(await screen.findByLabelText('来源工作表'), '2025年度汇总');
    await user.click(screen.getByRole('button', { name: '预览' }));
    expect(await screen.findByText(`将导入 ${preview.members.length} 名党员`)).toBeInTheDocument();
    expect(screen.getByText(`表头在第 ${preview.headerRow} 行`)).toBeInTheDocument();
    expect(screen.getByText('宋东洋')).toBeInTheDocument();
    expect(screen.getByText(`跳过 ${preview.skipped.length} 行`)).toBeInTheDocument();
    for (const s of preview.skipped) expect(screen.getByText(`第 ${s.row} 行：${s.reason}`)).toBeInTheDocument();
    for (const p of preview.problems) expect(document.body.textContent).toContain(p.message);
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: '导入名册' }));
    expect(await screen.findByText(`导入完成：新增 ${preview.members.length}，更新 0，未变 0。`)).toBeInTheDocument();
    expect(rosterNames(fake)).toEqual(preview.members.map((m) => m.name));
    // The status re-reads: two members now.
    await waitFor(() => expect(fake.callsOf('getStatus').length).toBeGreaterThan(1));
  });
});

describe('校验 view', () => {
  /**
   * A 40-member branch, every form saved but 党员7's self form, no work plans, and two cells typed by hand on
   * 党员互评: a full-width score in a text cell and 16 points for 爱岗敬业 (out of 15).
   */
  async function branchWithProblems(): Promise<PaneCommands> {
    const members = Array.from({ length: 40 }, (_, i) => ({
      id: String(i + 1).padStart(3, '0'),
      name: `党员${i + 1}`,
      group: i < 20 ? '第一党小组' : '第二党小组',
    }));
    const fake = await installedCommands(members);
    await fillAll(fake, () => 0.9, (round, i) => round === 'self' && i === 6);
    await setCell(fake.workbook, '党员互评', entryCell(fake.workbook, '党员互评', 'P8', '理想信念'), '９.５', true);
    await setCell(fake.workbook, '党员互评', entryCell(fake.workbook, '党员互评', 'P6', '爱岗敬业'), 16);
    return fake;
  }

  it('says what to do next, lists errors, then missing forms, then warnings, the same warning once with the names', async () => {
    const fake = await branchWithProblems();
    // What the real check finds in that workbook: the pane must show exactly these.
    const { problems } = await fake.check();
    fake.calls.length = 0;
    const errors = problems.filter((p) => p.severity === 'error');
    const missingForms = problems.filter((p) => p.code === 'missing_form');
    const plans = problems.filter((p) => p.code === 'plan_missing');
    expect([errors.length, missingForms.length, plans.length]).toEqual([1, 1, 40]);
    const { user, container } = renderApp(fake, 'check');
    await ready();
    await user.click(screen.getByRole('button', { name: '开始校验' }));
    expect(await screen.findByText('1 处错误需要改正后才能公示。还缺 1 项测评表。另有 41 处提醒请核对。')).toBeInTheDocument();
    expect([...container.querySelectorAll('[data-section]')].map((s) => s.getAttribute('data-section'))).toEqual(['error', 'missing', 'warning']);
    const errorRegion = screen.getByRole('region', { name: '错误 1 处（须改正后才能计算结果和公示）' });
    expect(within(errorRegion).getAllByRole('listitem').map((li) => li.textContent)).toEqual([errors[0].message]);
    const missing = screen.getByRole('region', { name: '还缺的测评表 1 项' });
    expect(within(missing).getByRole('button', { name: missingForms[0].message })).toBeInTheDocument();
    expect(missingForms[0].message).toContain('党员7');
    const warnings = screen.getByRole('region', { name: '提醒 41 处（请核对，不影响计算）' });
    const lines = within(warnings).getAllByRole('listitem');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveTextContent('40 名党员还没有填写个人年度工作计划：党员1、党员2、党员3、党员4、党员5、党员6、党员7、党员8、党员9、党员10、…');
    expect(within(lines[0]).queryAllByRole('button', { name: /年度工作计划」表/ })).toHaveLength(0);
    // The other warning is the full-width score typed as text.
    const asText = problems.filter((p) => p.severity === 'warning' && p.code !== 'plan_missing' && p.code !== 'missing_form');
    expect(asText).toHaveLength(1);
    expect(lines[1]).toHaveTextContent(asText[0].message);
    // Expanded: every member's own line, each selecting the cell of the member's plan.
    const expand = within(lines[0]).getByRole('button', { name: '逐条查看（40 处）' });
    expect(expand).toHaveAttribute('aria-expanded', 'false');
    await user.click(expand);
    expect(within(lines[0]).getAllByRole('button', { name: /年度工作计划」表 C\d+：/ })).toHaveLength(40);
    expect(within(lines[0]).getByRole('button', { name: '收起' })).toHaveAttribute('aria-expanded', 'true');
    await expectAccessible(container);
    const last = plans.find((p) => p.memberId === '040')!;
    await user.click(within(lines[0]).getByRole('button', { name: last.message }));
    await waitFor(() => expect(fake.callsOf('selectCell').at(-1)).toEqual([last.sheet, last.cell]));
    await user.click(within(errorRegion).getByRole('button', { name: errors[0].message }));
    await waitFor(() => expect(fake.callsOf('selectCell').at(-1)).toEqual([errors[0].sheet, errors[0].cell]));
  });

  it('says so when there is nothing wrong', async () => {
    const fake = await installedCommands();
    // Every form saved and every member's work plan written in the cell check names.
    await fillAll(fake, () => 0.9);
    for (const p of (await fake.check()).problems.filter((q) => q.code === 'plan_missing')) await setCell(fake.workbook, p.sheet!, p.cell!, '做好本职工作');
    expect((await fake.check()).problems).toEqual([]);
    fake.calls.length = 0;
    const { user } = renderApp(fake, 'check');
    await ready();
    await user.click(screen.getByRole('button', { name: '开始校验' }));
    expect(await screen.findByText('没有发现问题，可以计算结果和公示。')).toBeInTheDocument();
  });
});

describe('结果 view', () => {
  it('computes and shows summary counts and the distribution', async () => {
    const fake = await installedCommands();
    expect(await fake.saveSettings({ admonishThreshold: 55 })).toEqual([]);
    await fillAll(fake, (i) => [0.95, 0.85, 0.5, 0.92][i]);
    fake.calls.length = 0;
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
    expect(screen.getByText('可以生成公示表。')).toBeInTheDocument();
    // The counts and buckets are the real evaluation's (computing again changes nothing).
    const { evaluation, distribution } = await fake.compute();
    const top = distribution.at(-1)!;
    const bottom = distribution[0];
    expect([top.count, bottom.count]).toEqual([2, 1]);
    expect(screen.getByRole('listitem', { name: `${top.label}：${top.count} 人` })).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: `${bottom.label}：${bottom.count} 人` })).toBeInTheDocument();
    const finals = evaluation.members.map((m) => m.final ?? -1);
    expect(count('eligible')).toBe(String(evaluation.members.filter((m) => m.eligible).length));
    expect(count('belowAdmonish')).toBe(String(evaluation.members.filter((m) => m.admonish).length));
    expect([finals.filter((f) => f >= 90).length, finals.filter((f) => f >= 0 && f < 60).length]).toEqual([2, 1]);
    await expectAccessible(container);
  });

  it('warns about stale results and lists incomplete members with why posting is blocked', async () => {
    const fake = await installedCommands();
    await fillAll(fake, () => 0.9, (round, i) => round === 'mass' && i === 2); // 王五 has no mass form
    // Computed, then a form changed: the results are stale.
    await fake.compute();
    await fake.saveForm('self', '001', [{ memberId: '001', scores: { 理想信念: 8 } }]);
    fake.calls.length = 0;
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
    const fake = await installedCommands();
    await fillAll(fake, () => 0.93);
    await fake.compute();
    fake.calls.length = 0;
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
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'posting');
    await ready();
    await user.type(screen.getByLabelText('公示开始日期'), '2026-12-21');
    await user.type(screen.getByLabelText('公示结束日期'), '2026-12-20');
    expect(screen.getByText('结束日期不能早于开始日期')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '生成公示表' })).toBeDisabled();
    await user.clear(screen.getByLabelText('公示结束日期'));
    await user.click(screen.getByRole('button', { name: '生成公示表' }));
    expect(await screen.findByText('公示表没有生成，原因：')).toBeInTheDocument();
    // The reason the real command gives (asked again: a refusal writes nothing).
    const [options] = fake.callsOf('makePostingSheet')[0] as [Parameters<PaneCommands['makePostingSheet']>[0]];
    const { blockedReasons } = await fake.makePostingSheet(options);
    expect(blockedReasons.length).toBeGreaterThan(0);
    for (const r of blockedReasons) expect(document.body.textContent).toContain(r);
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
    const fake = await installedCommands();
    await fillAll(fake, () => 0.9);
    await fake.compute();
    const backup = fakeBackup();
    const { user, container } = renderApp(fake, 'newYear', { backup });
    await ready();
    expect(await screen.findByText(await formsLine(fake, '党员自评'))).toBeInTheDocument();
    expect(screen.getByText('先存档、再清空：')).toBeInTheDocument();
    expect(screen.getByText(await formsLine(fake, '党员互评'))).toBeInTheDocument();
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
      within(dialog()).getByText('将把本年度的录入连同参数、细则、名册、结果和年度工作计划存档在本工作簿中（隐藏工作表“2026年考评存档”），再清空录入和工作计划。新年度还没有录入时可以撤销。'),
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
    // What the real new year clears, taken from the same workbook made twice (the twin rolled over outside the pane).
    const twin = await installedCommands();
    await fillAll(twin, () => 0.9);
    await twin.compute();
    const { clearedTables } = await twin.newYear(2027);
    expect(clearedTables).toContain('党员自评');
    expect(screen.getByText(`已清空：${clearedTables.join('、')}`)).toBeInTheDocument();
    expect(fake.callsOf('newYear')).toEqual([[2027]]);
    expect(filledRows(fake.workbook, '党员自评')).toBe(0);
    // No primary button that would roll over again: the view says which year it is.
    expect(await screen.findByText('已是2027年度')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '开始新年度…' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '开始下一个年度…' })).toBeInTheDocument();
    // Undo: everything of 2026 back, and the view offers the new year again.
    expect(await screen.findByText('新年度还没有录入任何内容时，可以撤销新年度：全部表格按“2026年考评存档”恢复原样。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '撤销新年度' }));
    expect(await screen.findByText(/已撤销新年度：工作簿回到 2026 年度/)).toBeInTheDocument();
    expect(fake.callsOf('undoNewYear')).toHaveLength(1);
    expect(filledRows(fake.workbook, '党员自评')).toBe(4);
    expect(await yearOf(fake)).toBe(2026);
    expect(await screen.findByRole('button', { name: '开始新年度…' })).toBeInTheDocument();
  });

  it('undo is refused, with the reason, once something of the new year was entered', async () => {
    const fake = await installedCommands();
    await fillAll(fake, () => 0.9);
    await fake.compute();
    await fake.newYear(2027);
    await fillAll(fake, () => 0.8);
    const { user } = renderApp(fake, 'newYear');
    await ready();
    await user.click(await screen.findByRole('button', { name: '撤销新年度' }));
    expect(await screen.findByText(/新年度已有录入：工作表“党员自评”中已有数据/)).toBeInTheDocument();
    expect(await yearOf(fake)).toBe(2027);
  });

  it('the backup is optional: a failed download is said, and the new year does not depend on it', async () => {
    const fake = await installedCommands();
    await fillAll(fake, () => 0.9);
    await fake.compute();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user } = renderApp(fake, 'newYear', { backup: fakeBackup(true) });
    await ready();
    await screen.findByText(await formsLine(fake, '党员自评'));
    await user.click(screen.getByRole('button', { name: '另外下载一份备份（可选）' }));
    expect(await screen.findByText(/备份没有下载：.*上一年度的表格存档在工作簿中，不受影响。/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '开始新年度…' }));
    const dialog = () => screen.getByRole('dialog', { hidden: true });
    await user.click(await waitFor(() => within(dialog()).getByRole('button', { name: '存档并开始', hidden: true })));
    expect(await screen.findByText('已开始 2027 年度。')).toBeInTheDocument();
    expect(fake.callsOf('newYear')).toEqual([[2027]]);
  });

  it('needs an explicit second confirmation while the results are stale or never computed', async () => {
    const fake = await installedCommands();
    await fillAll(fake, () => 0.9);
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
    await fake.saveForm('self', '001', [{ memberId: '001', scores: { 理想信念: 8 } }]);
    // Tabster's aria-hidden from the dialog may linger in jsdom: the tabs are found including hidden elements.
    await user.click(screen.getByRole('tab', { name: '开始', hidden: true }));
    await user.click(screen.getByRole('tab', { name: '新年度', hidden: true }));
    expect(await screen.findByText(/结果计算之后测评表又有改动/)).toBeInTheDocument();
    expect(fake.callsOf('newYear')).toHaveLength(0);
  });

  it('refuses a year that is not a year', async () => {
    const fake = await installedCommands();
    await fillAll(fake, () => 0.9);
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
    const fake = await installedCommands();
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
    // A number the pane passes on but the real commands refuse (a blank or '-' would mean “the default”).
    await user.type(threshold, '150');
    await user.click(screen.getByRole('button', { name: '保存参数' }));
    expect(await screen.findByText('已保存 1 项；以下 1 项没有保存：评先树优分数线')).toBeInTheDocument();
    // The problem the real saveSettings reports for that value (asked of a twin workbook).
    const refused = (await (await installedCommands()).saveSettings({ eligibleThreshold: 150 })).filter((p) => p.severity === 'error');
    expect(refused).toHaveLength(1);
    expect(document.body.textContent).toContain(refused[0].message);
    expect(await settingValue(fake, 'phone')).toBe('0535-7654321');
    // Each setting shows its help text and sits in its group.
    expect(screen.getByText('公示表上受理意见的电话。')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: '公示' })).toContainElement(phone);

  });

  it('switches the language and stores it in the workbook', async () => {
    const fake = await installedCommands();
    const { user, container } = renderApp(fake, 'settings');
    await ready();
    await screen.findByLabelText('党支部名称');
    await user.click(screen.getByRole('radio', { name: 'English' }));
    expect(await screen.findByRole('tab', { name: 'Entry' })).toBeInTheDocument();
    // The choice is stored in the workbook's settings, and the language item is not shown twice.
    await waitFor(() => expect(fake.callsOf('saveSettings').at(-1)).toEqual([{ language: 'en-US' }]));
    const before = fake.calls.length;
    expect((await fake.getStatus()).language).toBe('en-US');
    fake.calls.length = before;
    expect(screen.queryByLabelText('界面语言')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeInTheDocument();
    await expectAccessible(container);
  });
});

describe('自检 view', () => {
  it('opens with Ctrl+Shift+Alt+D and lists pass and fail per conformance test', async () => {
    const fake = await installedCommands();
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
    const fake = await installedCommands();
    const { user } = renderApp(fake);
    await ready();
    expect(screen.queryByRole('button', { name: /自检/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: '设置' }));
    await user.click(await screen.findByRole('button', { name: '自检（技术支持用）' }));
    expect(await screen.findByText('自检不可用。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '运行自检' })).toBeDisabled();
  });
});

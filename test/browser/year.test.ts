/**
 * A whole year in the browser preview, the way a secretary would do it with the keyboard: open last year's
 * hand-made summary, install, import the roster from it, fix the roster's categories in the grid, type the
 * self, peer and mass forms, see an inline error, check, compute, make the posting sheet, download the
 * workbook and verify kp_Results in Node with the headless host. Screenshots of every view go to
 * test-artifacts/screenshots at ~1200 px and 320 px wide.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadXlsx, run } from '../../src/host';
import { SCREENSHOTS, shot, startPreview, until } from './browser';
import { HANDMADE_XLSX } from '../support/paths';

const FIXTURE = HANDMADE_XLSX;
const SOURCE_SHEET = '2025年度考评汇总';
const POINTS: Record<string, number> = { 理想信念: 10, 宗旨意识: 10, 爱岗敬业: 15, 学习教育: 15, 工作绩效: 15, 道德品质: 15, 廉洁自律: 10, 服务社会: 10 };
const ROUNDS = ['self', 'peer', 'mass'] as const;
type Round = (typeof ROUNDS)[number];

/** Points taken off every dimension, in tenths, for member number i (1-based) in a round. */
function deduction(i: number, round: Round): number {
  return [0, 5, 10, 20, 30][(i + ROUNDS.indexOf(round)) % 5];
}
function score(memberId: string, dimension: string, round: Round): string {
  const tenths = POINTS[dimension] * 10 - deduction(Number(memberId), round);
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}
/** Expected final score: mean of the three round totals (each the same on every form), rounded to 2 decimals. */
function expectedFinal(memberId: string): number {
  const total = ROUNDS.reduce((sum, r) => sum + (1000 - 8 * deduction(Number(memberId), r)), 0); // tenths
  return Math.round((total * 10) / 3) / 100;
}

let page: Page;
let browser: Browser;
let close: () => Promise<void>;
let url: string;
const pageErrors: string[] = [];

const pane = () => page.getByTestId('taskpane');
const navTab = (name: string) => pane().getByRole('tablist').getByRole('tab', { name, exact: true });
const sheetTab = (name: string) => page.getByRole('tablist', { name: '工作表' }).getByRole('tab', { name, exact: true });

/** Opens one evaluator's form and types every score with Enter, the way a paper ballot is transcribed. */
async function typeForm(round: Round, evaluator: { member?: string; code?: string }): Promise<string[]> {
  await pane().getByLabel('测评环节').selectOption(round);
  if (evaluator.member) await pane().getByLabel('党员', { exact: true }).selectOption(evaluator.member);
  if (evaluator.code) await pane().getByLabel('代表姓名或票号').fill(evaluator.code);
  await pane().getByRole('button', { name: '打开测评表' }).click();
  const form = pane().getByRole('form');
  await form.locator('input[data-score]').first().waitFor();
  const boxes = await form.locator('input[data-score]').evaluateAll((els) => els.map((e) => e.getAttribute('data-score') ?? ''));
  await form.locator('input[data-score]').first().click();
  for (const key of boxes) {
    const [memberId, dimension] = key.split(':');
    await page.keyboard.type(score(memberId, dimension, round));
    await page.keyboard.press('Enter');
  }
  // The last Enter put the focus on 保存; one more saves.
  await page.keyboard.press('Enter');
  const members = [...new Set(boxes.map((b) => b.split(':')[0]))];
  // The save note names the evaluator; the form closes on save.
  await pane().getByText(new RegExp(`^已保存 .+ 的.+测评表：写入 ${members.length} 行`)).waitFor();
  return members;
}

beforeAll(async () => {
  ({ url, browser, close } = await startPreview());
  // Reduced motion: Fluent's transitions end at once, so screenshots and axe's contrast check see final colours.
  page = await browser.newPage({ viewport: { width: 1200, height: 820 }, acceptDownloads: true, reducedMotion: 'reduce' });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
});

afterAll(async () => {
  await close?.();
});

describe('a whole year in the browser preview', () => {
  it('opens last year\'s summary and installs the evaluation sheets', async () => {
    await pane().getByRole('button', { name: '安装考评表' }).waitFor();
    await page.locator('#kp-open-xlsx').setInputFiles(FIXTURE);
    await page.getByText('handmade-summary-2025.xlsx').waitFor();
    await page.locator(`table[data-sheet="${SOURCE_SHEET}"]`).waitFor();
    await shot(page, '01-opened-fixture');
    await pane().getByLabel('年度').fill('2026');
    await pane().getByLabel('党支部名称').fill('龙口市科技局机关党支部');
    await pane().getByRole('button', { name: '安装考评表' }).click();
    await pane().getByText('安装完成。').waitFor();
    await expect(sheetTab('党员自评').isVisible()).resolves.toBe(true);
    await shot(page, '02-installed');
  });

  it('imports the roster from the hand-made sheet after a preview', async () => {
    await pane().getByLabel('来源工作表').selectOption(SOURCE_SHEET);
    await pane().getByRole('button', { name: '预览' }).click();
    await pane().getByText('将导入 12 名党员').waitFor();
    await expect(pane().getByText('表头在第 3 行').isVisible()).resolves.toBe(true);
    await shot(page, '03-roster-preview');
    await pane().getByRole('button', { name: '导入名册', exact: true }).click();
    await pane().getByText('导入完成：新增 12，更新 0，未变 0。').waitFor();
    await sheetTab('党员名册').click();
    await page.locator('table[data-sheet="党员名册"] td', { hasText: '肖霞' }).waitFor();
  });

  it('fixes the roster in the grid: the rubric has no 离退休党员, so those members become 机关党员', async () => {
    const grid = page.locator('table[data-sheet="党员名册"]');
    const retired = grid.locator('td', { hasText: /^离退休党员$/ });
    await expect(retired.count()).resolves.toBe(5);
    for (let n = 5; n > 0; n--) {
      await retired.first().dblclick();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('机关党员');
      await page.keyboard.press('Enter');
      await until(() => retired.count(), n - 1);
    }
    await shot(page, '04-roster-fixed');
  });

  it('types every member\'s self form with the keyboard, and shows an inline error for an out-of-range score', async () => {
    await navTab('录入').click();
    const picker = pane().getByLabel('党员', { exact: true });
    await until(() => picker.locator('option').count(), 13);

    // An out-of-range score first: 12 for 理想信念 (10 points).
    await pane().getByLabel('测评环节').selectOption('self');
    await picker.selectOption('001');
    await pane().getByRole('button', { name: '打开测评表' }).click();
    const first = pane().getByRole('form').locator('input[data-score]').first();
    await first.click();
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await pane().getByText(/应在 0 到 10 之间/).waitFor();
    await expect(first.getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, '05-entry-inline-error');
    // Leaving the half-typed form asks first; this one is thrown away.
    await pane().getByLabel('测评环节').selectOption('peer');
    await page.getByRole('dialog').getByRole('button', { name: '放弃' }).click();

    for (let i = 1; i <= 12; i++) {
      const id = String(i).padStart(3, '0');
      await expect(typeForm('self', { member: id })).resolves.toEqual([id]);
    }
    await expect(pane().getByText('每位党员都至少有一张测评表。').isVisible()).resolves.toBe(true);
  });

  it('types the peer forms: every member scores the others of their 党小组', async () => {
    for (let i = 1; i <= 12; i++) {
      const id = String(i).padStart(3, '0');
      const scored = await typeForm('peer', { member: id });
      expect(scored).toHaveLength(5);
      expect(scored).not.toContain(id);
    }
    await shot(page, '06-entry-peer-saved');
  });

  it('types two anonymous mass ballots, with the next ballot code proposed', async () => {
    await pane().getByLabel('测评环节').selectOption('mass');
    const code = pane().getByLabel('代表姓名或票号');
    await until(() => code.inputValue(), 'Q01');
    await expect(typeForm('mass', {})).resolves.toHaveLength(12);
    await until(() => code.inputValue(), 'Q02');
    await expect(typeForm('mass', {})).resolves.toHaveLength(12);
    await until(() => code.inputValue(), 'Q03');
    await shot(page, '07-entry-mass');
  });

  it('checks the workbook: a bad score typed in the sheet is listed, selected on click, and fixed', async () => {
    // Type "优" over 汪红勇's 理想信念 in 党员自评, as someone might straight into the sheet: refused as Excel refuses
    // it (the score's validation), the cell unchanged; then the score is deleted, which check finds.
    await sheetTab('党员自评').click();
    const grid = page.locator('table[data-sheet="党员自评"]');
    const column = ((await grid.locator('td', { hasText: /^理想信念$/ }).getAttribute('data-cell')) ?? '').replace(/\d+$/, '');
    const row = ((await grid.locator('td[data-cell^="A"]', { hasText: /^001$/ }).getAttribute('data-cell')) ?? '').replace(/^[A-Z]+/, '');
    const address = `${column}${row}`;
    expect(address).toMatch(/^[A-Z]+\d+$/);
    const cell = grid.locator(`td[data-cell="${address}"]`);
    const original = (await cell.textContent()) ?? '';
    await cell.click();
    await page.keyboard.type('优');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: `没有写入 ${address}` }).waitFor();
    await expect(cell.textContent()).resolves.toBe(original);
    await cell.click();
    await page.keyboard.press('Delete');
    await until(() => cell.textContent(), '');

    await navTab('校验').click();
    await pane().getByRole('button', { name: '开始校验' }).click();
    // The problem about that cell (the plan warnings name cells of 年度工作计划: not those).
    const problem = pane().getByRole('button', { name: new RegExp(`党员自评」表 ${address}：`) }).first();
    await problem.waitFor();
    // The error first, under the sentence saying what to do; the twelve plan warnings one line below it.
    await pane().getByText(/^1 处错误需要改正后才能公示。/).waitFor();
    const sections = await pane().locator('[data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
    expect(sections[0]).toBe('error');
    expect(sections[sections.length - 1]).toBe('warning');
    await expect(pane().locator('[data-section="error"]').getByRole('button', { name: new RegExp(`党员自评」表 ${address}：`) }).count()).resolves.toBe(1);
    await pane().locator('[data-section="warning"]').getByText(/^12 名党员还没有填写个人年度工作计划：/).waitFor();
    await sheetTab('党员名册').click();
    await problem.click();
    await until(() => cell.getAttribute('data-selected'), 'true');
    await shot(page, '08-check-problem-selected');

    await cell.dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(original);
    await page.keyboard.press('Enter');
    await until(() => cell.textContent(), original);
    await pane().getByRole('button', { name: '开始校验' }).click();
    // No error left; the warnings are the twelve work plans nobody has written in this story, in one line.
    await pane().getByText('没有错误。另有 12 处提醒请核对。').waitFor();
    await expect(pane().locator('[data-section="error"]').count()).resolves.toBe(0);
    await expect(pane().locator('[data-section="warning"] li').count()).resolves.toBe(1);
    await shot(page, '08-check');
  });

  it('computes the results', async () => {
    await navTab('结果').click();
    await pane().getByRole('button', { name: '计算结果' }).click();
    await pane().getByText('结果概况').waitFor();
    const count = (key: string) => pane().locator(`[data-count="${key}"] dd`).textContent();
    await expect(count('members')).resolves.toBe('12');
    await expect(count('incomplete')).resolves.toBe('0');
    await expect(count('invalid')).resolves.toBe('0');
    const eligible = ['001', '002', '003', '004', '005', '006', '007', '008', '009', '010', '011', '012'].filter((id) => expectedFinal(id) >= 90).length;
    await expect(count('eligible')).resolves.toBe(String(eligible));
    await pane().getByText('可以生成公示表。').waitFor();
    await shot(page, '09-results');
  });

  it('makes the posting sheet', async () => {
    await navTab('公示').click();
    await pane().getByLabel('公示开始日期').fill('2026-12-21');
    await pane().getByLabel('公示结束日期').fill('2026-12-27');
    await pane().getByLabel('监督电话').fill('0535-8123456');
    await pane().getByRole('button', { name: '生成公示表' }).click();
    await pane().getByText(/已生成公示材料（考评结果公示、考评细则公示、工作计划公示），共 12 人/).waitFor();
    await page.locator('table[data-sheet="考评结果公示"]').waitFor();
    await shot(page, '10-posting');
  });

  it('downloads the workbook, whose kp_Results the host reads back in Node', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 .xlsx' }).click()]);
    const file = join(SCREENSHOTS, '..', 'year-2026.xlsx');
    await download.saveAs(file);
    const wb = await loadXlsx(readFileSync(file));
    const values = await run(wb, async (context) => {
      const range = context.workbook.tables.getItem('kp_Results').getRange();
      range.load('values');
      await context.sync();
      return range.values;
    });
    const [header, ...rows] = values;
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(12);
    const byId = new Map(rows.map((r) => [String(r[col('党员编号')]), r]));
    for (let i = 1; i <= 12; i++) {
      const id = String(i).padStart(3, '0');
      const row = byId.get(id);
      expect(row).toBeDefined();
      expect(row![col('最终得分')]).toBe(expectedFinal(id));
      const rank = 1 + [...byId.keys()].filter((other) => expectedFinal(other) > expectedFinal(id)).length;
      expect(row![col('排名')]).toBe(rank);
    }
    expect(wb.sheetNames()).toContain('考评结果公示');
  });

  it('shows settings, new year (with its confirmation) and the self-test', async () => {
    await navTab('设置').click();
    await pane().getByRole('heading', { name: '考评参数', exact: true }).waitFor();
    await shot(page, '11-settings');
    await navTab('新年度').click();
    await pane().getByRole('button', { name: '开始新年度…' }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, '12-new-year-confirm');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.keyboard.press('Control+Shift+Alt+D');
    await pane().getByRole('button', { name: '运行自检' }).click();
    await pane().getByText(/^通过 \d+ \/ \d+$/).waitFor();
    await shot(page, '13-self-test');
  });

  it('every view fits a 320 px task pane', async () => {
    await page.setViewportSize({ width: 320, height: 900 });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const views: [string, string][] = [
      ['开始', 'start'],
      ['录入', 'entry'],
      ['校验', 'check'],
      ['结果', 'results'],
      ['公示', 'posting'],
      ['新年度', 'new-year'],
      ['设置', 'settings'],
    ];
    for (const [label, name] of views) {
      await navTab(label).click();
      if (name === 'entry') {
        await pane().getByLabel('测评环节').selectOption('peer');
        await pane().getByLabel('党员', { exact: true }).selectOption('007');
        await pane().getByRole('button', { name: '打开测评表' }).click();
        await pane().getByRole('form').locator('input[data-score]').first().waitFor();
      }
      if (name === 'check') await pane().getByRole('button', { name: '开始校验' }).click();
      if (name === 'results') {
        await pane().getByRole('button', { name: '计算结果' }).click();
        await pane().getByText('结果概况').waitFor();
      }
      // axe-core in a real browser, colour contrast included.
      const violations = await page.evaluate(async () => {
        type Result = { violations: { id: string; nodes: { target: string[]; html: string; failureSummary?: string }[] }[] };
        const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<Result> } }).axe;
        // Tabster's focus sentinels (<i data-tabster-dummy>) are focusable by design and aria-hidden: not content.
        const result = await axe.run({ include: [['[data-testid="taskpane"]']], exclude: [['[data-tabster-dummy]']] });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.html.slice(0, 120)} ${n.failureSummary ?? ''}`).join(' | ')}`);
      });
      expect({ view: name, violations }).toEqual({ view: name, violations: [] });
      // Nothing in the pane may be wider than the pane.
      const overflow = await pane().evaluate((el) => el.scrollWidth - el.clientWidth);
      expect({ view: name, overflow }).toEqual({ view: name, overflow: 0 });
      await shot(pane(), `pane-320-${name}`);
    }
  });

  it('starts the next year: the whole year archived in the workbook, entries cleared, roster kept', async () => {
    await page.setViewportSize({ width: 1200, height: 820 });
    await navTab('新年度').click();
    await until(() => pane().getByLabel('新年度').inputValue(), '2027');
    await pane().getByRole('button', { name: '开始新年度…' }).click();
    // The whole year is archived in the workbook itself: no download is needed (a backup is a separate option).
    await page.getByRole('dialog').getByRole('button', { name: '存档并开始' }).click();
    await pane().getByText('已开始 2027 年度。').waitFor();
    await pane().getByText('上一年度的全部表格已存档到隐藏工作表“2026年考评存档”。').waitFor();
    await shot(page, '14-new-year-done');
    await navTab('开始').click();
    await pane().getByText('2027', { exact: true }).first().waitFor();
    const fact = (term: string) => pane().locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]').textContent();
    await until(() => fact('党员人数'), '12');
    await until(() => fact('党员自评'), '0');
    await until(() => fact('党员互评'), '0');
  });

  it('had no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

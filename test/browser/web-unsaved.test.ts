/**
 * The web page never replaces or drops work without asking: 打开 .xlsx (or 新建) over a workbook changed since
 * it was opened or last downloaded — or over a form with typed scores not yet saved — asks first, the safe
 * answer (取消) focused; closing or reloading the tab with such work fires the browser's beforeunload warning;
 * once a file is open the toolbar offers 新建. dist/web/index.html opened from disk (as web-page.test.ts).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HANDMADE_XLSX } from '../support/paths';
import { DEPLOY_DIR, buildProduction, launchChromium } from './web-support';
import { shot, until } from './browser';

const OUT = join(DEPLOY_DIR, 'web');
const SOURCE_SHEET = '2025年度考评汇总';

let browser: Browser;
let context: BrowserContext;
let page: Page;

const pane = () => page.getByTestId('taskpane');
const navTab = (name: string) => pane().getByRole('tablist').getByRole('tab', { name, exact: true });
const toolbar = () => page.getByTestId('workbook-toolbar');
const question = () => page.getByRole('dialog', { name: '替换当前工作簿？' });
const fileName = (name: string) => toolbar().getByText(name, { exact: true });

beforeAll(async () => {
  buildProduction(OUT, ['web'], 'index.html');
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true, reducedMotion: 'reduce' });
  page = await context.newPage();
  await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
  await page.getByTestId('welcome').waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe('work not yet downloaded on the web page', () => {
  it('opens a file at once when nothing has changed, and then offers 新建', async () => {
    await expect(toolbar().getByRole('button', { name: '新建', exact: true }).count()).resolves.toBe(0);
    await page.locator('#kp-open-xlsx').setInputFiles(HANDMADE_XLSX);
    await fileName('handmade-summary-2025.xlsx').waitFor();
    await expect(question().count()).resolves.toBe(0);
    await toolbar().getByRole('button', { name: '新建', exact: true }).waitFor();
  });

  it('asks before 打开 .xlsx replaces a changed workbook; Enter keeps it; 不保存，替换 replaces', async () => {
    await toolbar().getByRole('button', { name: '新建', exact: true }).click();
    await fileName('考评.xlsx').waitFor();
    await navTab('开始').click();
    await pane().getByRole('button', { name: '安装考评表' }).click();
    await page.locator('[data-testid="sheet-grid"] table').first().waitFor();
    await page.locator('#kp-open-xlsx').setInputFiles(HANDMADE_XLSX);
    await question().waitFor();
    await expect(question().getByRole('button', { name: '取消' }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await shot(page, 'web-unsaved-question');
    await page.keyboard.press('Enter');
    await question().waitFor({ state: 'detached' });
    await expect(fileName('考评.xlsx').count()).resolves.toBe(1);
    await expect(fileName('handmade-summary-2025.xlsx').count()).resolves.toBe(0);
    // 新建 asks too; this time the work is dropped on purpose.
    await toolbar().getByRole('button', { name: '新建', exact: true }).click();
    await question().getByRole('button', { name: '不保存，替换' }).click();
    await question().waitFor({ state: 'detached' });
    await until(() => page.locator('[data-testid="sheet-grid"] table[data-sheet="考评参数"]').count(), 0);
  });

  it('after 下载 .xlsx the same open goes ahead without asking', async () => {
    await pane().getByRole('button', { name: '安装考评表' }).click();
    await page.locator('table[data-sheet]').first().waitFor();
    const download = page.waitForEvent('download');
    await toolbar().getByRole('button', { name: '下载 .xlsx' }).click();
    await download;
    await page.locator('#kp-open-xlsx').setInputFiles(HANDMADE_XLSX);
    await fileName('handmade-summary-2025.xlsx').waitFor();
    await expect(question().count()).resolves.toBe(0);
  });

  it('a half-typed form counts as unsaved work, even right after a download', async () => {
    // The hand-made summary just opened: install, import its roster, then a form with one score typed.
    await navTab('开始').click();
    await pane().getByLabel('年度').fill('2026');
    await pane().getByRole('button', { name: '安装考评表' }).click();
    await pane().getByText('安装完成。').waitFor();
    await pane().getByLabel('来源工作表').selectOption(SOURCE_SHEET);
    await pane().getByRole('button', { name: '预览' }).click();
    await pane().getByRole('button', { name: '导入名册', exact: true }).click();
    await pane().getByText(/^导入完成：新增 12/).waitFor();
    await navTab('录入').click();
    await pane().getByLabel('测评环节').selectOption('self');
    const picker = pane().getByLabel('党员', { exact: true });
    await until(async () => (await picker.locator('option').count()) > 1, true);
    await picker.selectOption({ index: 1 });
    await pane().getByRole('button', { name: '打开测评表' }).click();
    const box = pane().getByRole('form').locator('input[data-score]').first();
    await box.waitFor();
    await box.click();
    await page.keyboard.type('9');
    const download = page.waitForEvent('download');
    await toolbar().getByRole('button', { name: '下载 .xlsx' }).click();
    await download;
    await page.locator('#kp-open-xlsx').setInputFiles(HANDMADE_XLSX);
    await question().getByText(/其中有 1 个分数还没有保存到测评表/).waitFor();
    await question().getByRole('button', { name: '取消' }).click();
    await question().waitFor({ state: 'detached' });
    await expect(box.inputValue()).resolves.toBe('9');
  });

  it('closing the tab with such work fires beforeunload (the browser asks)', async () => {
    // The typed score of the test before is still unsaved.
    await expect(pane().getByRole('form').locator('input[data-score]').first().inputValue()).resolves.toBe('9');
    const asked = new Promise<string>((resolve) => {
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.accept();
      });
      setTimeout(() => resolve('no dialog'), 15000);
    });
    await page.close({ runBeforeUnload: true });
    await expect(asked).resolves.toBe('beforeunload');
  });
});

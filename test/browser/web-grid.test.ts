/**
 * The web page's workbook grid acts like a spreadsheet, in Chromium at 1366 px: the first screen in Chinese only
 * (no English paragraph, no 加载项), the sample's 考评结果 with its 分数段 counts in view, a work plan typed by
 * selecting a cell and typing (Enter moves down, Tab right), a block pasted as copied from Excel or WPS, and a
 * user's "=…" kept as text. Screenshots for the README.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { DEPLOY_DIR, buildProduction, launchChromium } from './web-support';
import { shot, until } from './browser';

const OUT = join(DEPLOY_DIR, 'web');
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const sheetTab = (name: string) => page.getByRole('tablist', { name: '工作表' }).getByRole('tab', { name, exact: true });
const cell = (sheet: string, address: string) => page.locator(`table[data-sheet="${sheet}"] td[data-cell="${address}"]`);

beforeAll(async () => {
  buildProduction(OUT, ['web'], 'index.html');
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
});

describe('the web page grid at 1366 px', () => {
  it('first screen: no English sentence, no 加载项', async () => {
    await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
    await page.getByTestId('welcome').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('党员分类量化考评');
    expect(text).not.toContain('加载项');
    // Names of programs, the file type and keys are not English text.
    const english = text.replace(/\b(Excel|WPS|LibreOffice|xlsx|zip|Microsoft 365|Tab|Enter|Esc|F2)\b/g, '').match(/[A-Za-z]{2,}(?:[\s,.'’]+[A-Za-z]{2,})*/g) ?? [];
    expect(english).toEqual([]);
    await shot(page, 'web-1366-first-screen');
  });

  it('the sample opens on 考评结果 with the 分数段 counts in view', async () => {
    await page.getByTestId('welcome').getByRole('button', { name: '示例工作簿', exact: true }).click();
    await page.locator('table[data-sheet="考评结果"]').waitFor();
    await expect(cell('考评结果', 'A1').textContent()).resolves.toBe('分数段');
    await expect(cell('考评结果', 'A2').textContent()).resolves.toBe('人数');
    const grid = await page.getByTestId('sheet-grid').boundingBox();
    for (const address of ['A1', 'F1', 'A2', 'F2']) {
      const box = await cell('考评结果', address).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(grid!.x + grid!.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(grid!.y + grid!.height);
    }
    const counts = await Promise.all(['B2', 'C2', 'D2', 'E2', 'F2'].map((a) => cell('考评结果', a).textContent()));
    expect(counts.every((c) => /^\d+$/.test(c ?? ''))).toBe(true);
    await shot(page, 'web-1366-results');
  });

  it('select and type: a work plan typed into a cell, Enter moves down, Tab right; "=…" stays text', async () => {
    await sheetTab('年度工作计划').click();
    await page.locator('table[data-sheet="年度工作计划"]').waitFor();
    await cell('年度工作计划', 'C2').click();
    await page.keyboard.type('带头完成支部学习计划');
    await page.keyboard.press('Enter');
    await until(() => cell('年度工作计划', 'C2').textContent(), '带头完成支部学习计划');
    await until(() => cell('年度工作计划', 'C3').getAttribute('data-selected'), 'true');
    await page.keyboard.type('=联系群众');
    await page.keyboard.press('Tab');
    await until(() => cell('年度工作计划', 'C3').textContent(), '=联系群众');
    await until(() => cell('年度工作计划', 'D3').getAttribute('data-selected'), 'true');
    // Esc leaves the cell as it was.
    await page.keyboard.type('不要');
    await page.keyboard.press('Escape');
    await expect(cell('年度工作计划', 'D3').textContent()).resolves.not.toContain('不要');
  });

  it('pastes a block copied from Excel or WPS from the selected cell on', async () => {
    await sheetTab('党员名册').click();
    await page.locator('table[data-sheet="党员名册"]').waitFor();
    const last = await page.locator('table[data-sheet="党员名册"] tbody tr').evaluateAll((rows) =>
      rows.findIndex((r) => Array.from(r.querySelectorAll('td')).every((td) => (td.textContent ?? '') === '')),
    );
    const first = last + 1; // the first empty row (1-based)
    await cell('党员名册', `A${first}`).click();
    await page.locator(`table[data-sheet="党员名册"] td[data-cell="A${first}"] input`).evaluate((input, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, '009\t陈九\t第一党小组\t机关党员\r\n010\t林十\t第二党小组\t机关党员\r\n');
    await until(() => cell('党员名册', `B${first}`).textContent(), '陈九');
    await until(() => cell('党员名册', `D${first + 1}`).textContent(), '机关党员');
    await expect(cell('党员名册', `A${first + 1}`).textContent()).resolves.toBe('010');
    await shot(page, 'web-1366-roster-pasted');
    expect(pageErrors).toEqual([]);
  });
});

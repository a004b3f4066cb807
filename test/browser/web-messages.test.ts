/**
 * On the web page a message belongs to the action that made it and goes with the file: 安装完成 on one workbook
 * is gone once another file is opened with 打开 (Chromium, 1366 px).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createWorkbook, saveXlsx } from '../../src/host';
import { DEPLOY_DIR, buildProduction, launchChromium } from './web-support';
import { until } from './browser';

const OUT = join(DEPLOY_DIR, 'web');
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  buildProduction(OUT, ['web'], 'index.html');
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  page = await context.newPage();
  dir = mkdtempSync(join(tmpdir(), 'kp-web-messages-'));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web page: opening another file', () => {
  it('clears 安装完成 of the workbook opened before', async () => {
    await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
    await page.getByTestId('welcome').getByRole('button', { name: '新建', exact: true }).click();
    const pane = page.getByTestId('taskpane');
    await pane.getByRole('button', { name: '安装考评表' }).click();
    await pane.getByText('安装完成。').waitFor();
    const other = join(dir, '另一个.xlsx');
    writeFileSync(other, await saveXlsx(createWorkbook()));
    await page.locator('#kp-open-xlsx').setInputFiles(other);
    await page.getByRole('button', { name: '不保存，替换' }).click();
    await until(async () => (await pane.innerText()).includes('安装完成。'), false);
    await pane.getByRole('button', { name: '安装考评表' }).waitFor();
  });
});

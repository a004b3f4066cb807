/**
 * The web page's 下载此人明细: from the sample workbook (a computed year), 结果 → 计算结果 → 下载此人明细 for one member
 * downloads a workbook holding only that member's score sheet: one sheet, and no part of the .xlsx names another
 * member or a ballot code. Built web page (dist/web) opened from disk in Debian's Chromium.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_MEMBERS } from '../../src/preview/sample';
import { DEPLOY_DIR, buildProduction, launchChromium } from './web-support';

const OUT = join(DEPLOY_DIR, 'web');
const DOWNLOADS = join(DEPLOY_DIR, 'score-sheet-downloads');

let browser: Browser;
let page: Page;
const pane = () => page.getByTestId('taskpane');

beforeAll(async () => {
  buildProduction(OUT, ['web'], 'index.html');
  rmSync(DOWNLOADS, { recursive: true, force: true });
  mkdirSync(DOWNLOADS, { recursive: true });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true, reducedMotion: 'reduce' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

it('下载此人明细 downloads a file with that member’s page only', async () => {
  await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
  await page.getByTestId('welcome').getByRole('button', { name: '示例工作簿', exact: true }).click();
  await page.locator('table[data-sheet="考评结果"]').waitFor();
  await pane().getByRole('tablist').getByRole('tab', { name: '结果', exact: true }).click();
  await pane().getByRole('button', { name: '计算结果' }).click();
  const [id, name] = SAMPLE_MEMBERS[1];
  const [download] = await Promise.all([page.waitForEvent('download'), pane().getByTestId(`score-file-${id}`).click()]);
  expect(download.suggestedFilename()).toBe(`2026年个人考评明细-${name}（${id}）.xlsx`);
  const file = join(DOWNLOADS, download.suggestedFilename());
  await download.saveAs(file);
  await pane().getByText(`已下载“${download.suggestedFilename()}”（只含个人考评明细）。`).waitFor();
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  expect(Object.keys(parts).filter((n) => /^xl\/(worksheets|tables)\//.test(n))).toEqual(['xl/worksheets/sheet1.xml']);
  const text = Object.values(parts).map((b) => strFromU8(b)).join('\n');
  expect(text).toContain(name);
  expect(text).toContain('个人考评明细');
  for (const [otherId, other] of SAMPLE_MEMBERS) if (otherId !== id) expect(text).not.toContain(other);
  expect(text).not.toMatch(/Q\d\d/);
  expect(text).not.toContain('kp_');
});

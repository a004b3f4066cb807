/**
 * The web page rolls up branch workbooks through its file picker (党委汇总…): three computed branches and one file
 * that is not a workbook; the roll-up opens in the grid with its four sheets, the branches and the problem named.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { loadXlsx, saveXlsx } from '../../src/host';
import { cli } from '../support/cli';
import { fillCase, syntheticCase } from '../support/fillCase';
import { DEPLOY_DIR, buildProduction, launchChromium } from './web-support';
import { shot } from './browser';

const OUT = join(DEPLOY_DIR, 'web-rollup');
let dir: string;
let browser: Browser;
let page: Page;
const files: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-web-rollup-'));
  for (const [i, branch] of ['第一党支部', '第二党支部', '第三党支部'].entries()) {
    const raw = join(dir, `raw${i}.xlsx`);
    expect((await cli('init', '--year', '2026', '--branch', branch, '-o', raw)).code).toBe(0);
    const c = { ...syntheticCase(5 + i, 2), branch };
    writeFileSync(raw, await saveXlsx(await fillCase(c, await loadXlsx(readFileSync(raw)))));
    const out = join(dir, `${branch}.xlsx`);
    expect((await cli('compute', raw, '-o', out)).code).toBe(0);
    files.push(out);
  }
  writeFileSync(join(dir, '说明.xlsx'), '不是工作簿');
  files.push(join(dir, '说明.xlsx'));
  buildProduction(OUT, ['web'], 'index.html');
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, reducedMotion: 'reduce' });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  page = await context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('rolls up the picked files and shows the roll-up workbook', async () => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
  const welcome = page.getByTestId('welcome');
  await welcome.waitFor();
  await welcome.getByRole('button', { name: '党委汇总…' }).isVisible();
  await page.locator('#kp-rollup-files').setInputFiles(files);
  const summary = page.locator('table[data-sheet="汇总表"]');
  await summary.waitFor({ timeout: 60_000 });
  for (const b of ['第一党支部', '第二党支部', '第三党支部']) {
    await expect(summary.locator('td', { hasText: new RegExp(`^${b}$`) }).count()).resolves.toBe(1);
  }
  await expect(summary.locator('td', { hasText: /^不是考评工作簿$/ }).count()).resolves.toBe(1);
  const tabs = page.getByRole('tablist', { name: '工作表' });
  for (const name of ['汇总表', '全体党员', '需关注名单', '问题']) await expect(tabs.getByRole('tab', { name, exact: true }).count()).resolves.toBe(1);
  await expect(page.getByText('汇总2026.xlsx').first().isVisible()).resolves.toBe(true);
  // The pane knows a roll-up: no install offered.
  await page.getByText(/这是党委汇总工作簿/).waitFor();
  await expect(page.getByRole('button', { name: '安装考评表' }).count()).resolves.toBe(0);
  await shot(page, 'web-rollup');
  await tabs.getByRole('tab', { name: '全体党员', exact: true }).click();
  await expect(page.locator('table[data-sheet="全体党员"] td', { hasText: /^党员1$/ }).count()).resolves.toBe(3);
  expect(errors).toEqual([]);
}, 120_000);

it('a branch installs from the committee\'s scheme: 新建 → 按上级方案安装…, summed up first', async () => {
  // A page of its own: the roll-up above is unsaved work, which the web page would not leave without asking.
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, reducedMotion: 'reduce' });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const committee = join(dir, 'committee.xlsx');
  expect((await cli('init', '--year', '2026', '-o', committee)).code).toBe(0);
  const scheme = join(dir, '方案2026.xlsx');
  const made = await cli('template', committee, '-o', scheme);
  expect(made.code).toBe(0);
  const fingerprint = /方案指纹 ([0-9a-f]{16})/.exec(made.out)![1];
  await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
  await page.getByTestId('welcome').waitFor();
  await page.getByRole('button', { name: '新建' }).first().click();
  await page.getByText('尚未安装考评表').waitFor();
  await page.getByRole('textbox', { name: '党支部名称' }).fill('第三党支部');
  await page.locator('input[aria-label="选择上级发来的统一方案文件"]').setInputFiles(scheme);
  await page.getByText(`方案2026.xlsx：2026 年度统一方案，方案指纹 ${fingerprint}。`, { exact: false }).waitFor();
  await shot(page, 'web-scheme-install');
  await page.getByRole('button', { name: '按此方案安装' }).click();
  await page.getByText(`已按统一方案（方案指纹 ${fingerprint}）安装考评表，工作簿记住该方案。`).waitFor({ timeout: 60_000 });
  await page.getByText('已安装考评表').waitFor();
  expect(errors).toEqual([]);
}, 120_000);

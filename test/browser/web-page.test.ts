/**
 * The web page as a product: `npm run build:web` (production) writes dist/web/, opened here as a double-clicked
 * file (file://) with every request that is not a file aborted and recorded. From the first screen: open the
 * sample (示例工作簿), run 安装考评表 on it (a repair that finds nothing missing), type one more anonymous mass
 * ballot, compute, make the posting sheet, download — named 考评2026-结果.xlsx — and open the download in the
 * headless host and in LibreOffice. No request ever leaves the file, no console error, no CSP violation. The same
 * build served by a static web server: 新建 and 打开 .xlsx from the first screen.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadXlsx, run } from '../../src/host';
import { DEFAULT_RUBRIC } from '../../src/domain';
import { SAMPLE_MEMBERS } from '../../src/preview/sample';
import { HANDMADE_XLSX } from '../support/paths';
import { serveStatic } from './server';
import { DEPLOY_DIR, buildProduction, launchChromium } from './web-support';
import { shot, until } from './browser';

const OUT = join(DEPLOY_DIR, 'web');
const POINTS = new Map(DEFAULT_RUBRIC.categories[0].dimensions.map((d) => [d.name, d.points]));
const DOWNLOADS = join(DEPLOY_DIR, 'downloads');

let browser: Browser;
let context: BrowserContext;
let page: Page;
const outside: string[] = [];
const consoleErrors: string[] = [];
const pageErrors: string[] = [];
const cspViolations: string[] = [];

const pane = () => page.getByTestId('taskpane');
const navTab = (name: string) => pane().getByRole('tablist').getByRole('tab', { name, exact: true });
const sheetTab = (name: string) => page.getByRole('tablist', { name: '工作表' }).getByRole('tab', { name, exact: true });

beforeAll(async () => {
  buildProduction(OUT, ['web'], 'index.html');
  rmSync(DOWNLOADS, { recursive: true, force: true });
  mkdirSync(DOWNLOADS, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true, reducedMotion: 'reduce' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.exposeFunction('kpReportCsp', (v: string) => cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { kpReportCsp: (v: string) => void }).kpReportCsp(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('dist/web/index.html opened from disk', () => {
  it('is one page and one script, with a CSP of itself only', () => {
    const files = readdirSync(OUT).sort();
    expect(files.filter((f) => f.endsWith('.html'))).toEqual(['index.html']);
    expect(files.filter((f) => f.endsWith('.js'))).toHaveLength(1);
    const html = readFileSync(join(OUT, 'index.html'), 'utf8');
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/default-src 'self'; script-src 'self';/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    for (const s of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(s).toMatch(/\bsrc=[^>]*><\/script>$/);
  });

  it('shows the first screen: what this is, three steps, the three ways in, and where the data stays', async () => {
    await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
    const welcome = page.getByTestId('welcome');
    await welcome.waitFor();
    await expect(welcome.getByRole('heading', { name: '党员分类量化考评（网页版）' }).isVisible()).resolves.toBe(true);
    await expect(welcome.locator('ol > li').count()).resolves.toBe(3);
    for (const name of ['示例工作簿', '打开 .xlsx', '新建']) {
      await expect(welcome.getByRole('button', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(welcome.getByText(/数据只在这台电脑的浏览器里处理/).isVisible()).resolves.toBe(true);
    await shot(page, 'web-01-first-screen');
  });

  it('opens the sample: a branch with a computed year', async () => {
    await page.getByTestId('welcome').getByRole('button', { name: '示例工作簿', exact: true }).click();
    await page.getByText('示例-考评2026.xlsx').waitFor();
    await page.locator('table[data-sheet="考评结果"]').waitFor();
    await expect(page.getByTestId('welcome').count()).resolves.toBe(0);
    for (const [, name] of SAMPLE_MEMBERS) {
      await expect(page.locator('table[data-sheet="考评结果"] td', { hasText: new RegExp(`^${name}$`) }).count()).resolves.toBe(1);
    }
    await expect(page.getByTestId('download-name').textContent()).resolves.toBe('下载为 考评2026-结果.xlsx');
    await shot(page, 'web-02-sample');
  });

  it('runs 安装考评表 on it: nothing is missing', async () => {
    await navTab('开始').click();
    const fact = (term: string) => pane().locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]').textContent();
    await until(() => fact('党员人数'), String(SAMPLE_MEMBERS.length));
    await pane().getByRole('button', { name: '检查并修复考评表' }).click();
    await pane().getByText('考评表完整，无需修改。').waitFor();
  });

  it('types one more anonymous mass ballot (Q04) with the keyboard', async () => {
    await navTab('录入').click();
    await pane().getByLabel('测评环节').selectOption('mass');
    const code = pane().getByLabel('代表姓名或票号');
    await until(() => code.inputValue(), 'Q04');
    await pane().getByRole('button', { name: '打开测评表' }).click();
    const form = pane().getByRole('form');
    await form.locator('input[data-score]').first().waitFor();
    const boxes = await form.locator('input[data-score]').evaluateAll((els) => els.map((e) => e.getAttribute('data-score') ?? ''));
    expect(boxes).toHaveLength(SAMPLE_MEMBERS.length * 8);
    await form.locator('input[data-score]').first().click();
    for (const key of boxes) {
      // Full marks on every dimension but 1 point off 理想信念 (out of 10).
      const dimension = key.split(':')[1];
      await page.keyboard.type(dimension === '理想信念' ? '9' : String(POINTS.get(dimension)));
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Enter');
    // The save note names the evaluator; a save closes the form (issue 14).
    await pane().getByText(new RegExp(`^已保存 Q04 的群众参评测评表：写入 ${SAMPLE_MEMBERS.length} 行`)).waitFor();
    await until(() => page.getByTestId('download-name').textContent(), '下载为 考评2026-录入.xlsx');
  });

  it('computes the results again', async () => {
    await navTab('结果').click();
    await pane().getByRole('button', { name: '计算结果' }).click();
    await pane().getByText('结果概况').waitFor();
    const count = (key: string) => pane().locator(`[data-count="${key}"] dd`).textContent();
    await expect(count('members')).resolves.toBe(String(SAMPLE_MEMBERS.length));
    await expect(count('incomplete')).resolves.toBe('0');
    await expect(count('invalid')).resolves.toBe('0');
    await pane().getByText('可以生成公示表。').waitFor();
  });

  it('makes the posting sheet', async () => {
    await navTab('公示').click();
    await pane().getByLabel('公示开始日期').fill('2026-12-21');
    await pane().getByLabel('公示结束日期').fill('2026-12-27');
    await pane().getByLabel('监督电话').fill('0535-8123456');
    await pane().getByRole('button', { name: '生成公示表' }).click();
    await pane().getByText(/已生成公示材料（考评结果公示、考评细则公示、工作计划公示），共 8 人/).waitFor();
    await sheetTab('考评结果公示').waitFor();
    await shot(page, 'web-03-posting');
  });

  it('downloads 考评2026-结果.xlsx, which the host and LibreOffice open', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 .xlsx' }).click()]);
    expect(download.suggestedFilename()).toBe('考评2026-结果.xlsx');
    const file = join(DOWNLOADS, download.suggestedFilename());
    await download.saveAs(file);

    const wb = await loadXlsx(readFileSync(file));
    const tables = await run(wb, async (context) => {
      const read = (name: string) => {
        const range = context.workbook.tables.getItem(name).getRange();
        range.load('values');
        return range;
      };
      const results = read('kp_Results');
      const mass = read('kp_Mass');
      await context.sync();
      return { results: results.values, mass: mass.values };
    });
    expect(tables.results).toHaveLength(SAMPLE_MEMBERS.length + 1);
    const evaluators = new Set(tables.mass.slice(1).map((r) => String(r[0])));
    expect([...evaluators].sort()).toEqual(['Q01', 'Q02', 'Q03', 'Q04']);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(['示例名册', '考评结果', '考评结果公示']));

    // LibreOffice opens it: every sheet to CSV; the results and posting sheets carry every member.
    let soffice: string;
    try {
      soffice = execFileSync('which', ['soffice']).toString().trim();
    } catch {
      throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui. This test does not skip.');
    }
    const out = join(DOWNLOADS, 'libreoffice');
    const profile = join(DOWNLOADS, 'lo-profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', '.keep'), '');
    execFileSync(soffice, [
      `-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless',
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir', out, file,
    ], { stdio: 'pipe', timeout: 120000 });
    const csv = (sheet: string) => {
      const path = join(out, `考评2026-结果-${sheet}.csv`);
      if (!existsSync(path)) throw new Error(`LibreOffice wrote no ${path}: ${readdirSync(out).join(', ')}`);
      return readFileSync(path, 'utf8');
    };
    for (const [, name] of SAMPLE_MEMBERS) {
      expect(csv('考评结果')).toContain(name);
      expect(csv('考评结果公示')).toContain(name);
    }
  });

  it('works the same from a static web server: 新建 and 打开 .xlsx from the first screen', async () => {
    const server = await serveStatic(OUT);
    // A context of its own: the file:// context aborts every request to a server.
    const served = await browser.newContext({ viewport: { width: 1280, height: 860 }, reducedMotion: 'reduce' });
    const other = await served.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    other.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    other.on('pageerror', (e) => errors.push(e.message));
    other.on('request', (r) => requests.push(r.url()));
    try {
      await other.goto(`${server.url}/index.html`, { timeout: 30000 });
      const welcome = other.getByTestId('welcome');
      await welcome.getByRole('button', { name: '新建', exact: true }).click();
      // A new, empty workbook: its one sheet, and the pane ready to install.
      await other.getByRole('tablist', { name: '工作表' }).getByRole('tab', { name: 'Sheet1', exact: true }).waitFor();
      // An empty grid to type into (rows and columns past the last used cell).
      await other.locator('table[data-sheet="Sheet1"] td[data-cell="A1"]').waitFor();
      await expect(other.locator('table[data-sheet="Sheet1"] td[data-cell="J30"]').textContent()).resolves.toBe('');
      await expect(other.getByTestId('taskpane').getByRole('button', { name: '安装考评表' }).isVisible()).resolves.toBe(true);
      await expect(welcome.count()).resolves.toBe(0);

      await other.reload();
      const [chooser] = await Promise.all([
        other.waitForEvent('filechooser'),
        other.getByTestId('welcome').getByRole('button', { name: '打开 .xlsx', exact: true }).click(),
      ]);
      await chooser.setFiles(HANDMADE_XLSX);
      await other.getByText('handmade-summary-2025.xlsx').waitFor();
      await other.locator('table[data-sheet="2025年度考评汇总"]').waitFor();
      expect(requests.filter((u) => !u.startsWith(`${server.url}/`))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await served.close();
      await server.close();
    }
  });

  it('made no request outside the page, logged no error and broke no part of its CSP', () => {
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});

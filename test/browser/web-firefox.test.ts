/**
 * The web page in Firefox (Debian's firefox-esr, driven over WebDriver BiDi; see web-bidi.ts for why not
 * playwright-core): dist/web/index.html opened from disk with every request that is not a file failed and
 * recorded. The first screen shows; the sample is made; 下载 .xlsx saves 考评2026-结果.xlsx through Firefox's own
 * download, which the host opens; 打开 .xlsx reads it back. No request leaves the file, no console error, no CSP
 * violation — the Firefox-specific parts being file:// origins under the page's CSP, Blob downloads and file input.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadXlsx, run } from '../../src/host';
import { SAMPLE_MEMBERS } from '../../src/preview/sample';
import { Firefox, type BidiEvent } from './web-bidi';
import { DEPLOY_DIR, buildProduction } from './web-support';

const OUT = join(DEPLOY_DIR, 'web');

let ff: Firefox;
const outside: string[] = [];
const consoleErrors: string[] = [];

/** The page's own record of CSP violations and uncaught errors (installed before any page script runs). */
const WATCH = `() => {
  window.__kp = { csp: [], errors: [] };
  document.addEventListener('securitypolicyviolation', (e) => window.__kp.csp.push(e.violatedDirective + ' ' + e.blockedURI));
  window.addEventListener('error', (e) => window.__kp.errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => window.__kp.errors.push(String(e.reason)));
}`;

/** Clicks the button whose text is exactly `text` inside `scope` (a CSS selector). */
const click = (text: string, scope = 'body') =>
  `(() => { const b = [...document.querySelectorAll(${JSON.stringify(`${scope} button`)})].find((x) => x.textContent.trim() === ${JSON.stringify(text)}); if (!b) throw new Error('no button ' + ${JSON.stringify(text)}); b.click(); return true; })()`;

beforeAll(async () => {
  buildProduction(OUT, ['web'], 'index.html');
  ff = new Firefox();
  await ff.start();
  ff.on((e: BidiEvent) => {
    if (e.method === 'log.entryAdded' && e.params.level === 'error') consoleErrors.push(String(e.params.text));
    if (e.method === 'network.beforeRequestSent') {
      const request = e.params.request as { request: string; url: string };
      const local = request.url.startsWith('file:') || request.url.startsWith('blob:') || request.url.startsWith('data:');
      if (!local) outside.push(request.url);
      if (e.params.isBlocked) {
        void (local
          ? ff.send('network.continueRequest', { request: request.request })
          : ff.send('network.failRequest', { request: request.request }));
      }
    }
  });
  await ff.send('session.subscribe', { events: ['log.entryAdded', 'network.beforeRequestSent'] });
  await ff.send('network.addIntercept', { phases: ['beforeRequestSent'], contexts: [ff.context] });
  await ff.send('script.addPreloadScript', { functionDeclaration: WATCH, contexts: [ff.context] });
});

afterAll(async () => {
  await ff?.close();
});

describe('dist/web/index.html in Firefox, opened from disk', () => {
  it('shows the first screen', async () => {
    await ff.send('browsingContext.navigate', { context: ff.context, url: pathToFileURL(join(OUT, 'index.html')).href, wait: 'complete' });
    await ff.waitFor(`document.querySelector('[data-testid="welcome"] h1')`);
    const text = await ff.evaluate<string>(`document.querySelector('[data-testid="welcome"]').innerText`);
    expect(text).toContain('党员分类量化考评（网页版）');
    expect(text).toContain('数据只在这台电脑的浏览器里处理');
    expect(await ff.evaluate<number>(`document.querySelectorAll('[data-testid="welcome"] ol > li').length`)).toBe(3);
    // The task pane beside it runs too.
    expect(await ff.evaluate<boolean>(`[...document.querySelectorAll('[data-testid="taskpane"] button')].some((b) => b.textContent.trim() === '安装考评表')`)).toBe(true);
  });

  it('makes the sample and shows its results', async () => {
    await ff.evaluate(click('示例工作簿', '[data-testid="welcome"]'));
    await ff.waitFor(`document.querySelector('table[data-sheet="考评结果"]')`);
    const cells = await ff.evaluate<string[]>(`[...document.querySelectorAll('table[data-sheet="考评结果"] td')].map((td) => td.textContent)`);
    for (const [, name] of SAMPLE_MEMBERS) expect(cells).toContain(name);
    await ff.waitFor(`document.querySelector('[data-testid="download-name"]')?.textContent === '下载为 考评2026-结果.xlsx'`);
  });

  it('downloads 考评2026-结果.xlsx through Firefox, and the host opens it', async () => {
    await ff.evaluate(click('下载 .xlsx'));
    const file = join(ff.downloads, '考评2026-结果.xlsx');
    const start = Date.now();
    while (!(existsSync(file) && !readdirSync(ff.downloads).some((f) => f.endsWith('.part'))) && Date.now() - start < 30000) {
      await new Promise((ok) => setTimeout(ok, 200));
    }
    expect(readdirSync(ff.downloads)).toEqual(['考评2026-结果.xlsx']);
    const wb = await loadXlsx(readFileSync(file));
    const rows = await run(wb, async (context) => {
      const range = context.workbook.tables.getItem('kp_Results').getRange();
      range.load('values');
      await context.sync();
      return range.values;
    });
    expect(rows).toHaveLength(SAMPLE_MEMBERS.length + 1);
  });

  it('opens that file again with 打开 .xlsx', async () => {
    const input = await ff.send('script.evaluate', {
      expression: `document.getElementById('kp-open-xlsx')`,
      target: { context: ff.context },
      awaitPromise: false,
      resultOwnership: 'root',
    });
    const sharedId = (input.result as { sharedId: string }).sharedId;
    await ff.send('input.setFiles', { context: ff.context, element: { sharedId }, files: [join(ff.downloads, '考评2026-结果.xlsx')] });
    await ff.waitFor(`[...document.querySelectorAll('span')].some((s) => s.textContent === '考评2026-结果.xlsx')`);
    await ff.waitFor(`document.querySelector('table[data-sheet]')`);
  });

  it('made no request outside the page, logged no error and broke no part of its CSP', async () => {
    const kp = await ff.evaluate<{ csp: string[]; errors: string[] }>('window.__kp');
    expect(kp).toEqual({ csp: [], errors: [] });
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

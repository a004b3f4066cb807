/**
 * The add-in, hosted anywhere: `npm run build -- --env url=https://kaoping.example.org/addin/` (production) writes a
 * dist/ whose manifest points every URL there with no localhost left; the offline check passes on it. Served over
 * https (a certificate made at test time) with Microsoft's CDN blocked, taskpane.html loads Office.js from its own
 * copy in office-js/, shows its outside-Office message, logs no console error beyond the blocked CDN request itself,
 * violates no part of its Content-Security-Policy, and asks for nothing outside its own origin.
 */
import { DOMParser } from '@xmldom/xmldom';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { checkManifest } from '../../scripts/manifestCheck';
import { OFFICE_CDN, OFFICE_LOCAL_DIR } from '../../scripts/deploy.cjs';
import { DEPLOY_DIR, buildProduction, launchChromium, serveHttps } from './web-support';
import { shot } from './browser';

const URL_BASE = 'https://kaoping.example.org/addin/';
const OUT = join(DEPLOY_DIR, 'addin');

let browser: Browser;
let server: { origin: string; close: () => Promise<void> };

beforeAll(async () => {
  buildProduction(OUT, [`url=${URL_BASE}`], 'manifest.xml');
  browser = await launchChromium();
  server = await serveHttps(OUT);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the add-in built for https://kaoping.example.org/addin/', () => {
  it('has a manifest whose every URL starts with that address, no localhost, and the offline check passes', () => {
    const xml = readFileSync(join(OUT, 'manifest.xml'), 'utf8');
    expect(xml).not.toMatch(/localhost|127\.0\.0\.1/);
    const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
    const all = Array.from(doc.getElementsByTagName('*'));
    const urls = all.flatMap((el) => ['DefaultValue', 'Value'].map((a) => el.getAttribute(a) ?? '')).filter((v) => /^https?:/.test(v));
    // IconUrl, HighResolutionIconUrl, SupportUrl, SourceLocation, three ribbon icons, LearnMore, commands, task pane.
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const u of urls) expect(u.startsWith(URL_BASE) ? u : `not under the address: ${u}`).toBe(u);
    const domains = Array.from(doc.getElementsByTagName('AppDomain')).map((d) => d.textContent);
    expect(domains).toEqual(['https://kaoping.example.org']);
    expect(doc.getElementsByTagName('Permissions')[0].textContent).toBe('ReadWriteDocument');
    expect(checkManifest(OUT, { built: true, production: true })).toEqual([]);
    // Every file the manifest names is in the build, at the path under the address.
    for (const u of urls) expect(existsSync(join(OUT, u.slice(URL_BASE.length)))).toBe(true);
  });

  it('ships the Office.js files the loader fetches next to itself', () => {
    for (const f of ['office.js', 'excel-win32-16.01.js', 'excel-web-16.00.js', 'excel-mac-16.00.js', 'o15apptofilemappingtable.js', 'zh-cn/office_strings.js', 'en-us/office_strings.js', 'telemetry/oteljs_agave.js']) {
      expect({ f, there: existsSync(join(OUT, OFFICE_LOCAL_DIR, f)) }).toEqual({ f, there: true });
    }
    expect(existsSync(join(OUT, OFFICE_LOCAL_DIR, 'office.debug.js'))).toBe(false);
    expect(existsSync(join(OUT, OFFICE_LOCAL_DIR, 'word-win32-16.01.js'))).toBe(false);
  });

  it('has a task pane with a strict Content-Security-Policy and no inline script', () => {
    for (const page of ['taskpane.html', 'commands.html']) {
      const html = readFileSync(join(OUT, page), 'utf8');
      const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? '';
      expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
      // Every <script> has a src: nothing inline.
      const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(s).toMatch(/^<script\b[^>]*\bsrc=[^>]*><\/script>$/);
    }
  });

  it('loads Office.js from its own copy when the CDN is blocked, and shows the outside-Office message', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const requests: string[] = [];
    const consoleErrors: ConsoleMessage[] = [];
    const pageErrors: string[] = [];
    const cspViolations: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m);
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.exposeFunction('kpReportCsp', (v: string) => cspViolations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { kpReportCsp: (v: string) => void }).kpReportCsp(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    // The CDN (and everything else outside the origin) is unreachable, as on an intranet.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(`${server.origin}/`) ? route.continue() : route.abort('internetdisconnected'),
    );
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole('heading', { name: '请在 Excel 中使用' }).waitFor();
    await expect(page.getByText('This add-in runs in Excel only.').isVisible()).resolves.toBe(true);
    // Office.js came from the copy: office.js itself and the file its loader fetches next to itself outside Office.
    expect(requests).toContain(`${server.origin}/${OFFICE_LOCAL_DIR}/office.js`);
    expect(requests).toContain(`${server.origin}/${OFFICE_LOCAL_DIR}/o15apptofilemappingtable.js`);
    expect(await page.evaluate(() => (window as unknown as { __kaopingOfficeFallback?: boolean }).__kaopingOfficeFallback)).toBe(true);
    // Office.js starts timers (its telemetry frame after 3 s outside Office): wait past them before judging.
    await page.waitForTimeout(4500);
    await shot(page, 'deploy-taskpane-outside-office');
    const outside = requests.filter((u) => !u.startsWith(`${server.origin}/`));
    expect(outside).toEqual([OFFICE_CDN]);
    // The only console error is Chromium reporting the blocked CDN request itself.
    expect(consoleErrors.map((m) => `${m.text()} @ ${m.location().url}`).filter((t) => !t.endsWith(`@ ${OFFICE_CDN}`))).toEqual([]);
    expect(consoleErrors.length).toBeLessThanOrEqual(1);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  // Inside Office the page's URL carries _host_Info (host, platform, version, language); office.js then fetches the
  // platform's Excel file and the language's strings from its own folder. There is no Office here to answer it, so
  // only where those files come from is judged: the copy, every one found.
  it.each([
    ['Excel$Win32$16.01$zh-CN$$$$0', ['excel-win32-16.01.js', 'zh-cn/office_strings.js']],
    ['Excel$Web$16.00$zh-CN$$$$0', ['excel-web-16.00.js', 'zh-cn/office_strings.js']],
    ['Excel$Mac$16.00$en-US$$$$0', ['excel-mac-16.00.js', 'en-us/office_strings.js']],
  ])('with the CDN blocked, Office.js for %s loads its host and language files from the copy', async (hostInfo, files) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const responses = new Map<string, number>();
    const outside: string[] = [];
    page.on('response', (r) => responses.set(r.url(), r.status()));
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${server.origin}/`)) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    await page.goto(`${server.origin}/taskpane.html?_host_Info=${encodeURIComponent(hostInfo)}`);
    for (const f of files) {
      const url = `${server.origin}/${OFFICE_LOCAL_DIR}/${f}`;
      const start = Date.now();
      while (!responses.has(url) && Date.now() - start < 15000) await new Promise((ok) => setTimeout(ok, 100));
      expect({ url, status: responses.get(url) }).toEqual({ url, status: 200 });
    }
    expect([...responses].filter(([, status]) => status !== 200)).toEqual([]);
    expect(outside).toEqual([OFFICE_CDN]);
    await context.close();
  });
});

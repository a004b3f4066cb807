/**
 * Hosting the add-in anywhere, without a build: the address option (--env url / KAOPING_URL), the manifest
 * rewrite, the built-manifest check that fails a production build on a leftover localhost URL, the Office.js
 * files copied for the CDN fallback, and the pages' Content-Security-Policy. (The real builds, served over https
 * and opened from disk, are in test/browser/web-addin.test.ts and web-page.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  DEV_URL,
  OFFICE_CDN,
  addinUrl,
  manifestVersion,
  officeJsFile,
  rewriteManifest,
  setManifestVersion,
  taskpaneCsp,
  webCsp,
} from '../../scripts/deploy.cjs';
import { checkManifest } from '../../scripts/manifestCheck';

const root = join(__dirname, '..', '..');
const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8');
const BASE = 'https://kaoping.example.org/addin/';

/** Every http(s) URL in attribute values and element text of a manifest, namespaces aside. */
function urlsOf(xml: string): string[] {
  return [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"|<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1] ?? m[2]);
}

/** A fake built dist/: the assets, empty pages and a manifest (as given). */
function fakeDist(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-dist-'));
  cpSync(join(root, 'assets'), join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'taskpane.html'), '<!doctype html>');
  writeFileSync(join(dir, 'commands.html'), '<!doctype html>');
  writeFileSync(join(dir, 'manifest.xml'), xml);
  return dir;
}

describe('the add-in address', () => {
  it('defaults to the dev server, and takes --env url or KAOPING_URL (env first)', () => {
    expect(addinUrl({}, {})).toBe(DEV_URL);
    expect(addinUrl({ url: BASE }, {})).toBe(BASE);
    expect(addinUrl({}, { KAOPING_URL: 'https://intranet.local/kaoping' })).toBe('https://intranet.local/kaoping/');
    expect(addinUrl({ url: 'https://a.example/x/' }, { KAOPING_URL: 'https://b.example/y/' })).toBe('https://a.example/x/');
  });

  it('refuses http, a non-URL and a query string with a one-line reason', () => {
    expect(() => addinUrl({ url: 'http://kaoping.example.org/' }, {})).toThrow(/https:\/\//);
    expect(() => addinUrl({ url: 'kaoping.example.org' }, {})).toThrow(/not a URL/);
    expect(() => addinUrl({ url: 'https://kaoping.example.org/?v=2' }, {})).toThrow(/plain folder address/);
  });
});

describe('the built manifest', () => {
  const built = rewriteManifest(manifest, BASE);

  it('points every URL at the address and AppDomain at its origin; nothing else changes', () => {
    const urls = urlsOf(built);
    expect(urls.length).toBeGreaterThanOrEqual(11);
    for (const u of urls) expect(u === 'https://kaoping.example.org' || u.startsWith(BASE) ? 'ok' : u).toBe('ok');
    expect(built).not.toMatch(/localhost/);
    expect(built.split('\n').length).toBe(manifest.split('\n').length);
    expect(built.replace(/https:\/\/kaoping\.example\.org(\/addin\/)?/g, '')).toBe(manifest.replace(/https:\/\/localhost:3000\/?/g, ''));
  });

  it('stays the dev manifest without an address', () => {
    expect(rewriteManifest(manifest, DEV_URL)).toBe(manifest);
  });

  it('carries package.json\'s version as the manifest <Version>', () => {
    expect(manifestVersion('0.1.0')).toBe('0.1.0.0');
    expect(manifestVersion('1.2.3-beta.4')).toBe('1.2.3.4');
    expect(setManifestVersion(manifest, '1.2.0.0')).toContain('<Version>1.2.0.0</Version>');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(manifest).toContain(`<Version>${manifestVersion(pkg.version)}</Version>`);
  });

  it('passes the offline check as a production build', () => {
    const dist = fakeDist(built);
    try {
      expect(checkManifest(dist, { built: true, production: true })).toEqual([]);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('fails the check with a leftover localhost URL, a URL outside the folder, or a missing page', () => {
    const leftover = built.replace(`${BASE}assets/help.html"/>\n  <AppDomains>`, 'https://localhost:3000/assets/help.html"/>\n  <AppDomains>');
    expect(leftover).not.toBe(built);
    const dist = fakeDist(leftover);
    try {
      const problems = checkManifest(dist, { built: true, production: true });
      expect(problems).toContain('leftover localhost URL in a production build: https://localhost:3000/assets/help.html');
      // The same manifest in a dev build is only off-origin (and the check says so), not "leftover".
      expect(checkManifest(dist, { built: true }).join('\n')).not.toMatch(/leftover/);

      writeFileSync(join(dist, 'manifest.xml'), built.replace(`${BASE}commands.html`, 'https://kaoping.example.org/other/commands.html'));
      expect(checkManifest(dist, { built: true, production: true }).join('\n')).toMatch(/outside the add-in's folder/);

      writeFileSync(join(dist, 'manifest.xml'), built);
      rmSync(join(dist, 'commands.html'));
      expect(checkManifest(dist, { built: true, production: true })).toContain(`file missing for ${BASE}commands.html: commands.html`);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('fails the command webpack runs after a build (exit code 1, the problem on stderr)', () => {
    const dist = fakeDist(built.replace(`${BASE}assets/icon-80.png`, 'https://127.0.0.1:3000/assets/icon-80.png'));
    try {
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'run-ts.mjs'), 'scripts/manifestCheck.ts', '--built', dist, '--production'], { cwd: root, encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('leftover localhost URL in a production build: https://127.0.0.1:3000/assets/icon-80.png');
      writeFileSync(join(dist, 'manifest.xml'), built);
      const ok = spawnSync(process.execPath, [join(root, 'scripts', 'run-ts.mjs'), 'scripts/manifestCheck.ts', '--built', dist, '--production'], { cwd: root, encoding: 'utf8' });
      expect(ok.status).toBe(0);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('webpack.config.js', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (env: object, argv: object) => Promise<{ plugins: object[] }>;

  it('checks the built manifest after every add-in build, and refuses a localhost address for hosting', async () => {
    const config = await makeConfig({ url: BASE }, { mode: 'production' });
    expect(config.plugins.map((p) => p.constructor.name)).toContain('ManifestCheckPlugin');
    await expect(makeConfig({ url: 'https://localhost:8443/' }, { mode: 'production' })).rejects.toThrow(/points at this machine/);
  });

  type PagePlugin = { constructor: { name: string }; userOptions?: { filename?: string; csp?: string; officeCdn?: string } };
  const pages = async (env: object) =>
    ((await makeConfig(env, { mode: 'production' })).plugins as PagePlugin[]).filter((p) => p.constructor.name === 'HtmlWebpackPlugin').map((p) => p.userOptions ?? {});

  it('gives the task pane and commands pages the CDN with its CSP, or with --env office=local only the copy', async () => {
    for (const o of await pages({ url: BASE })) {
      expect(o.officeCdn).toBe(OFFICE_CDN);
      expect(o.csp).toBe(taskpaneCsp());
    }
    const local = await pages({ url: BASE, office: 'local' });
    expect(local.map((o) => o.filename).sort()).toEqual(['commands.html', 'taskpane.html']);
    for (const o of local) {
      expect(o.officeCdn).toBe('');
      expect(o.csp).toBe(taskpaneCsp({ cdn: false }));
    }
    const template = readFileSync(join(root, 'src', 'taskpane', 'taskpane.html'), 'utf8');
    expect(template).toMatch(/if \(htmlWebpackPlugin\.options\.officeCdn\)[\s\S]*office-fallback\.js[\s\S]*\} else \{[\s\S]*office-js\/office\.js/);
  });

  it('gives the web page its own-origin CSP and the dev preview none', async () => {
    const web = await pages({ web: true });
    expect(web.map((o) => [o.filename, o.csp])).toEqual([['index.html', webCsp()]]);
    const preview = await pages({ preview: true });
    expect(preview.map((o) => o.csp)).toEqual(['', '']);
  });
});

describe('the Office.js copy', () => {
  const dist = dirname(require.resolve('@microsoft/office-js/dist/office.js'));
  const files = (function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(dist, join(dir, e.name))]));
  })(dist);
  const copied = files.filter(officeJsFile);

  it('holds the loader, every Excel host file and every language\'s strings, without debug builds or other hosts', () => {
    expect(copied).toContain('office.js');
    for (const host of ['excel-win32-16.01.js', 'excel-win32-16.00.js', 'excel-web-16.00.js', 'excel-mac-16.00.js', 'excel-ios-16.00.js', 'excel-15.js']) {
      expect(copied).toContain(host);
    }
    const locales = files.filter((f) => f.endsWith('/office_strings.js'));
    expect(locales.length).toBeGreaterThan(50);
    for (const l of locales) expect(copied).toContain(l);
    expect(copied).toContain('telemetry/oteljs_agave.js');
    expect(copied.filter((f) => /\.debug\.js$|^word-|^outlook-|^powerpoint-|-core\.js$|outlook_strings/.test(f))).toEqual([]);
  });

  it('holds every file the loader names for an Excel host (office.js\'s host-file and strings patterns)', () => {
    // office.js builds "<host>-<platform>-<version>.js" and "<locale>/office_strings.js" from its own folder.
    const loader = readFileSync(join(dist, 'office.debug.js'), 'utf8');
    expect(loader).toContain('OfficeStringJS: "office_strings.debug.js"');
    expect(loader).toContain('O15InitHelper: "o15apptofilemappingtable.debug.js"');
    const excelFiles = files.filter((f) => /^excel[a-z0-9.-]*\.js$/.test(f) && !f.endsWith('.debug.js') && !f.includes('-core'));
    for (const f of excelFiles) expect(copied).toContain(f);
  });
});

describe('Content-Security-Policy', () => {
  it('lets the task pane run scripts from itself and Office\'s script host only, and the web page from itself only', () => {
    expect(taskpaneCsp()).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com(;|$)/);
    expect(OFFICE_CDN.startsWith('https://appsforoffice.microsoft.com/')).toBe(true);
    expect(taskpaneCsp({ cdn: false })).toMatch(/script-src 'self'(;|$)/);
    for (const csp of [taskpaneCsp(), webCsp()]) {
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/connect-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
    }
    expect(webCsp()).not.toMatch(/https?:/);
  });
});

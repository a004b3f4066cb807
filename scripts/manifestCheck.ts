/**
 * An offline check of manifest.xml: the web validation service that `npm run validate` calls is not reachable
 * from every machine, so the tests check what we can check locally.
 */
import { DOMParser } from '@xmldom/xmldom';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Children of <OfficeApp> in the order the XSD requires (those we use). */
const OFFICEAPP_ORDER = [
  'Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
  'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings',
  'Permissions', 'VersionOverrides',
];
const REQUIRED = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
  'HighResolutionIconUrl', 'SupportUrl', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions'];

/** Pages the webpack build emits (webpack.config.js must produce each). */
export const BUILT_PAGES = ['taskpane.html', 'commands.html'];

type El = Element;
const children = (el: El): El[] => Array.from(el.childNodes).filter((n): n is El => n.nodeType === 1);
const byTag = (doc: Document | El, tag: string): El[] => Array.from(doc.getElementsByTagName(tag));

function pngSize(file: string): [number, number] | null {
  const b = readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null;
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

export interface CheckOptions {
  /**
   * `root` is a build output (dist/): the pages must be files there and every URL must lie under the folder of
   * the task pane's SourceLocation (the address the add-in was built for), not under https://localhost:3000/.
   */
  built?: boolean;
  /** A production build: a URL on localhost / 127.0.0.1 is a leftover from development and an error. */
  production?: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Returns a list of problems (empty when the manifest is fine). */
export function checkManifest(root: string, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const text = readFileSync(join(root, 'manifest.xml'), 'utf8');
  const errors: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } })
      .parseFromString(text, 'text/xml') as unknown as Document;
  } catch (e) {
    // xmldom throws on fatal errors (mismatched tags) after reporting them.
    return [`not well-formed XML: ${(e as Error).message}`];
  }
  if (errors.length) return errors.map((e) => `not well-formed XML: ${e}`);
  const app = doc.documentElement;
  if (!app || app.tagName !== 'OfficeApp') return ['root element is not <OfficeApp>'];
  if (app.getAttribute('xsi:type') !== 'TaskPaneApp') problems.push('OfficeApp xsi:type is not TaskPaneApp');

  const names = children(app).map((c) => c.tagName);
  for (const r of REQUIRED) if (!names.includes(r)) problems.push(`missing <${r}>`);
  const order = names.filter((n) => OFFICEAPP_ORDER.includes(n)).map((n) => OFFICEAPP_ORDER.indexOf(n));
  for (let i = 1; i < order.length; i++) {
    if (order[i] < order[i - 1]) problems.push(`<${OFFICEAPP_ORDER[order[i]]}> is out of schema order`);
  }
  for (const n of names) if (!OFFICEAPP_ORDER.includes(n)) problems.push(`unexpected <${n}> under <OfficeApp>`);

  const id = byTag(app, 'Id')[0]?.textContent ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`<Id> is not a GUID: ${id}`);
  const version = byTag(app, 'Version')[0]?.textContent ?? '';
  if (!/^\d+(\.\d+){0,3}$/.test(version)) problems.push(`<Version> is not n.n.n.n: ${version}`);
  if (byTag(app, 'Permissions')[0]?.textContent !== 'ReadWriteDocument') problems.push('<Permissions> is not ReadWriteDocument');
  const hosts = byTag(children(app).find((c) => c.tagName === 'Hosts') ?? app, 'Host').map((h) => h.getAttribute('Name'));
  if (!hosts.includes('Workbook')) problems.push('no <Host Name="Workbook"> (Excel)');
  const excelSet = byTag(app, 'Set').find((s) => s.getAttribute('Name') === 'ExcelApi');
  if (!excelSet) problems.push('no ExcelApi requirement set declared');

  // Resources: every resid is defined once; lengths within the schema's limits.
  const defined = new Map<string, string>();
  for (const kind of ['bt:Image', 'bt:Url', 'bt:String']) {
    for (const el of byTag(app, kind)) {
      const rid = el.getAttribute('id');
      if (!rid) continue;
      if (defined.has(rid)) problems.push(`resource id defined twice: ${rid}`);
      if (rid.length > 32) problems.push(`resource id longer than 32 characters: ${rid}`);
      defined.set(rid, el.getAttribute('DefaultValue') ?? '');
    }
  }
  for (const el of byTag(app, 'bt:String')) {
    const limit = el.parentNode && (el.parentNode as El).tagName === 'bt:ShortStrings' ? 125 : 250;
    const values = [el.getAttribute('DefaultValue') ?? '', ...byTag(el, 'bt:Override').map((o) => o.getAttribute('Value') ?? '')];
    for (const v of values) if (v.length > limit) problems.push(`string ${el.getAttribute('id')} longer than ${limit}`);
    if (!values[0]) problems.push(`string ${el.getAttribute('id')} has no DefaultValue`);
  }
  const all = byTag(app, '*');
  for (const el of all) {
    const rid = el.getAttribute('resid');
    if (rid !== null && rid !== '' && !defined.has(rid)) problems.push(`resid not defined: ${rid}`);
  }

  // URLs: https, one origin (AppDomains lists it), each file present in the build.
  const urls: string[] = [];
  for (const el of all) {
    const v = el.getAttribute('DefaultValue');
    if (v && /^https?:/.test(v)) urls.push(v);
  }
  const source = byTag(children(app).find((c) => c.tagName === 'DefaultSettings') ?? app, 'SourceLocation')[0]?.getAttribute('DefaultValue') ?? '';
  if (!source) problems.push('no DefaultSettings/SourceLocation');
  const origin = source ? new URL(source).origin : '';
  // The add-in's folder: the task pane's address without its file name (https://localhost:3000/ in development).
  const base = source ? new URL('.', source).href : '';
  const domains = byTag(app, 'AppDomain').map((d) => d.textContent ?? '');
  if (origin && !domains.includes(origin)) problems.push(`AppDomains does not list ${origin}`);
  if (options.production) {
    for (const d of domains) {
      if (LOCAL_HOSTS.has(safeHost(d))) problems.push(`leftover localhost URL in a production build: <AppDomain>${d}</AppDomain>`);
    }
  }
  const webpackConfig = existsSync(join(root, 'webpack.config.js')) ? readFileSync(join(root, 'webpack.config.js'), 'utf8') : '';
  /** The file a URL names, relative to the add-in's folder (or to the root of a dev manifest). */
  const fileOf = (u: string): string | null => {
    if (!options.built) return new URL(u).pathname.replace(/^\//, '');
    return base && u.startsWith(base) ? decodeURIComponent(new URL(u).pathname.slice(new URL(base).pathname.length)) : null;
  };
  for (const u of urls) {
    const url = new URL(u);
    if (url.protocol !== 'https:') problems.push(`URL is not https: ${u}`);
    if (url.origin !== origin) problems.push(`URL not on the add-in's origin ${origin}: ${u}`);
    if (options.production && LOCAL_HOSTS.has(url.hostname)) problems.push(`leftover localhost URL in a production build: ${u}`);
    const path = fileOf(u);
    if (path === null) {
      problems.push(`URL outside the add-in's folder ${base}: ${u}`);
    } else if (path.startsWith('assets/')) {
      if (!existsSync(join(root, path))) problems.push(`file missing for ${u}: ${path}`);
    } else if (BUILT_PAGES.includes(path)) {
      if (options.built) {
        if (!existsSync(join(root, path))) problems.push(`file missing for ${u}: ${path}`);
      } else if (!webpackConfig.includes(path)) problems.push(`webpack.config.js does not emit ${path}`);
    } else {
      problems.push(`URL points at a file the build does not make: ${u}`);
    }
  }
  // Icons: the PNG's pixel size matches what the manifest says.
  for (const img of byTag(app, 'bt:Image').filter((e) => e.getAttribute('id'))) {
    const m = /(\d+)x\1$/.exec(img.getAttribute('id') ?? '');
    const path = fileOf(img.getAttribute('DefaultValue') ?? 'https://x/');
    if (m && path !== null && existsSync(join(root, path))) {
      const size = pngSize(join(root, path));
      if (!size || size[0] !== Number(m[1]) || size[1] !== Number(m[1])) problems.push(`${path} is not a ${m[1]}×${m[1]} PNG`);
    }
  }
  for (const [tag, px] of [['IconUrl', 32], ['HighResolutionIconUrl', 64]] as const) {
    const u = byTag(app, tag)[0]?.getAttribute('DefaultValue');
    if (u) {
      const path = fileOf(u) ?? '';
      const size = path && existsSync(join(root, path)) ? pngSize(join(root, path)) : null;
      if (!size || size[0] !== px) problems.push(`<${tag}> must be a ${px}×${px} PNG: ${path}`);
    }
  }
  return problems;
}

function safeHost(u: string): string {
  try {
    return new URL(u).hostname;
  } catch {
    return '';
  }
}

/**
 * `npm run validate:offline`: the project's manifest.xml. `--built DIR [--production]`: a build's manifest
 * (webpack runs this after every build of the add-in).
 */
export async function main(args: string[] = []): Promise<void> {
  const at = args.indexOf('--built');
  const root = at >= 0 && args[at + 1] ? args[at + 1] : process.cwd();
  const problems = checkManifest(root, { built: at >= 0, production: args.includes('--production') });
  const name = join(at >= 0 ? root : '', 'manifest.xml');
  if (problems.length) {
    for (const p of problems) console.error(`${name}: ${p}`);
    process.exitCode = 1;
  } else {
    console.log(`${name}: offline check passed`);
  }
}

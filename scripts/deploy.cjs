/**
 * Build-time helpers for hosting the add-in anywhere (used by webpack.config.js and by the tests):
 *  - where the add-in will live (`--env url=…` or KAOPING_URL; the dev default is https://localhost:3000/),
 *  - the manifest rewritten for that address (every URL, and AppDomain),
 *  - the Content-Security-Policy of the task pane and of the web page,
 *  - which files of @microsoft/office-js the loader (office.js) fetches from its own folder, copied into
 *    dist/office-js/ so the task pane still starts when Microsoft's CDN cannot be reached.
 * Plain CommonJS on purpose: webpack.config.js requires it without a TypeScript loader.
 */
'use strict';

const DEV_URL = 'https://localhost:3000/';
/** Where taskpane.html first asks for Office.js (Microsoft's CDN, as the Office add-in template does). */
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_CDN_ORIGIN = 'https://appsforoffice.microsoft.com';
/** Folder in dist/ with the local copy of Office.js. */
const OFFICE_LOCAL_DIR = 'office-js';

/**
 * The add-in's base address: env.url, else KAOPING_URL, else the dev default. Must be https (Office refuses
 * anything else) with no query or fragment; a missing trailing slash is added (it is a folder).
 * Throws a one-line reason for anything else.
 */
function addinUrl(env = {}, environment = process.env) {
  const raw = (typeof env.url === 'string' && env.url) || environment.KAOPING_URL || '';
  if (!raw) return DEV_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The add-in URL is not a URL: ${raw} (expected e.g. https://kaoping.example.org/addin/)`);
  }
  if (url.protocol !== 'https:') throw new Error(`The add-in URL must start with https:// (Office loads add-ins over https only): ${raw}`);
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`The add-in URL must be a plain folder address without ?, # or a user name: ${raw}`);
  }
  const href = url.href.endsWith('/') ? url.href : `${url.href}/`;
  return href;
}

function isLocalUrl(base) {
  const host = new URL(base).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/**
 * The manifest with every dev URL replaced: https://localhost:3000/… becomes base + …, and the AppDomain
 * https://localhost:3000 becomes base's origin (an AppDomain is an origin, never a path).
 */
function rewriteManifest(xml, base) {
  if (base === DEV_URL) return xml;
  const origin = new URL(base).origin;
  const devOrigin = new URL(DEV_URL).origin;
  return xml
    .split(DEV_URL)
    .join(base)
    .replace(new RegExp(`<AppDomain>${devOrigin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?</AppDomain>`, 'g'), `<AppDomain>${origin}</AppDomain>`);
}

/** The manifest's <Version> from package.json's version (0.1.0 → 0.1.0.0), so a new release is a new manifest. */
function manifestVersion(pkgVersion) {
  const parts = String(pkgVersion).split(/[.+-]/).filter((p) => /^\d+$/.test(p)).slice(0, 4);
  while (parts.length < 4) parts.push('0');
  return parts.join('.');
}

function setManifestVersion(xml, version) {
  return xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
}

/**
 * Content-Security-Policy of the task pane: scripts from its own origin and Office's script host only (only its
 * own origin when built with --env office=local; no
 * inline script, no eval), every other fetch to its own origin. Styles allow inline because Fluent UI writes
 * its CSS at run time and the outside-Excel message carries a style attribute; no script can come that way.
 */
function taskpaneCsp({ cdn = true } = {}) {
  return [
    "default-src 'self'",
    cdn ? `script-src 'self' ${OFFICE_CDN_ORIGIN}` : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** Content-Security-Policy of the web page: itself only. Downloads are blob: URLs made by the page. */
function webCsp() {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Files of @microsoft/office-js's dist/ that office.js loads from the folder it was loaded from
 * (its getOfficeJsBasePath()), for Excel:
 *  - the host file `excel-<platform>-<version>.js` (excel-win32-16.01.js, excel-web-16.00.js, excel-mac-16.00.js,
 *    excel-ios-16.00.js, …), or for Office 2013 o15apptofilemappingtable.js, which then picks an excel-15*.js;
 *  - `<locale>/office_strings.js` for the host's language (en-us as the fallback);
 *  - telemetry/oteljs_agave.js and ariatelemetry/aria-web-telemetry.js (telemetry sinks it loads on demand),
 *    agaveerrorux/ (the error page Excel on the web shows in the pane).
 * Not copied: *.debug.js, the -core files (custom-functions runtime only), other hosts (word-, outlook-, …),
 * webauth/ (single sign-on, which Kaoping does not use), outlook_strings.js.
 */
function officeJsFile(rel) {
  const p = rel.split('\\').join('/');
  if (p.endsWith('.debug.js') || p.endsWith('vsdoc.js') || p.endsWith('.d.ts')) return false;
  if (p === 'office.js' || p === 'o15apptofilemappingtable.js') return true;
  if (/^excel[a-z0-9.-]*\.js$/.test(p)) return !p.includes('-core');
  if (/^[a-z]{2,3}(-[a-z0-9]+)*\/office_strings\.js$/.test(p)) return true;
  if (p === 'telemetry/oteljs_agave.js' || p === 'telemetry/oteljs.js') return true;
  if (p.startsWith('ariatelemetry/') || p.startsWith('agaveerrorux/')) return true;
  return false;
}

module.exports = {
  DEV_URL,
  OFFICE_CDN,
  OFFICE_CDN_ORIGIN,
  OFFICE_LOCAL_DIR,
  addinUrl,
  isLocalUrl,
  rewriteManifest,
  manifestVersion,
  setManifestVersion,
  taskpaneCsp,
  webCsp,
  officeJsFile,
};

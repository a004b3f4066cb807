/** Builds the preview, serves it and launches Debian's Chromium. Fails loudly when something is missing. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { serveStatic } from './server';

export const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
export const PREVIEW_DIR = join(ROOT, 'dist', 'preview');

/** Static preview build (development mode: the same code, built in seconds rather than minutes). */
export function buildPreview(): void {
  if (process.env.KAOPING_PREVIEW_PREBUILT === '1' && existsSync(join(PREVIEW_DIR, 'preview.html'))) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--env', 'preview', '--mode', 'development'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export async function startPreview(): Promise<{ url: string; browser: Browser; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  buildPreview();
  const server = await serveStatic(PREVIEW_DIR);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  return {
    url: `${server.url}/preview.html`,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until fn() returns the expected value, then asserts it (so a timeout shows the last value). */
export async function until<T>(fn: () => Promise<T>, expected: T, timeout = 15000): Promise<void> {
  const start = Date.now();
  let last = await fn();
  while (last !== expected && Date.now() - start < timeout) {
    await new Promise((ok) => setTimeout(ok, 100));
    last = await fn();
  }
  expect(last).toBe(expected);
}

/**
 * A screenshot of the page or of one element (the pane) into test-artifacts/screenshots/<name>.png; `readme`
 * also copies it to docs/screenshots (the README's pictures).
 */
export async function shot(target: Page | Locator, name: string, opts: { readme?: boolean } = {}): Promise<void> {
  const file = join(SCREENSHOTS, `${name}.png`);
  await target.screenshot({ path: file });
  if (opts.readme) copyFileSync(file, join(ROOT, 'docs', 'screenshots', `${name}.png`));
}

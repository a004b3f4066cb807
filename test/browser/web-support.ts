/**
 * Helpers for the deployment tests: production builds of the add-in and of the web page (each built once per
 * run, into test-artifacts/deploy/), an https static server with a certificate made at test time (openssl),
 * and Debian's Chromium. Everything fails loudly when a tool is missing; nothing is skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, ROOT, SCREENSHOTS } from './browser';

export const DEPLOY_DIR = join(ROOT, 'test-artifacts', 'deploy');

/**
 * Runs webpack's CLI in production mode with the given --env values into `outDir` (no source maps: they are
 * not what is tested and only slow the build). KAOPING_DEPLOY_PREBUILT=1 reuses an existing build.
 */
export function buildProduction(outDir: string, env: string[], marker: string): void {
  // Built once per test run: the test files run in one process (--runInBand), which the stamp records.
  const stamp = join(outDir, '.built-by');
  const by = `${process.pid} ${env.join(' ')}`;
  if (existsSync(join(outDir, marker)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === by) return;
  if (process.env.KAOPING_DEPLOY_PREBUILT === '1' && existsSync(join(outDir, marker))) return;
  rmSync(outDir, { recursive: true, force: true });
  const args = [join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--devtool', 'false'];
  for (const e of [...env, `outDir=${outDir}`]) args.push('--env', e);
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, KAOPING_URL: '' } });
  if (!existsSync(join(outDir, marker))) throw new Error(`the build wrote no ${marker} into ${outDir}`);
  writeFileSync(stamp, by);
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A self-signed certificate for 127.0.0.1, made now with openssl into a temporary folder. */
export function makeTestCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-cert-'));
  try {
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'pipe' });
    } catch (e) {
      throw new Error(`openssl could not make a test certificate (apt-get install openssl): ${(e as Error).message}`);
    }
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves `root` over https on 127.0.0.1 (a free port), the way nginx or IIS would serve dist/. */
export async function serveHttps(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const base = resolve(root);
  const server: Server = createServer(makeTestCertificate(), (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname);
    const file = normalize(join(base, path));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}


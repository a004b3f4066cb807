/**
 * Bench section "rollup": N generated branch workbooks of M members each (default 500 × 50, made once and kept
 * in node_modules/.cache), rolled up by the command line (`kaoping rollup`, a child process): wall time and peak
 * memory (max RSS), against the time to merely unzip the same files (read each file and inflate every part).
 * `npm run bench -- rollup --files 100 --members 50` for a smaller run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { run, saveXlsx } from '../src/host';
import { readZip } from '../src/host/xlsx/zip';
import { compute } from '../src/workbook/results/compute';
import { fillCase, syntheticCase } from '../test/support/fillCase';

function option(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : dflt;
}

/** The generated workbooks (made once: a branch of M members, filled and computed through the host). */
async function branchFiles(n: number, members: number): Promise<string[]> {
  const dir = join(process.cwd(), 'node_modules', '.cache', `kaoping-bench-rollup-${members}`);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const made = new Set(readdirSync(dir));
  let t = performance.now();
  for (let i = 0; i < n; i++) {
    const name = `b${String(i + 1).padStart(4, '0')}.xlsx`;
    files.push(join(dir, name));
    if (made.has(name)) continue;
    const c = syntheticCase(members, 3);
    c.branch = `第${i + 1}党支部`;
    // Scores differ from branch to branch.
    c.self = c.self.map((r) => r.map((v, j) => (j >= 2 && typeof v === 'number' ? Math.max(0, Math.round((v - (i % 7) / 10) * 10) / 10) : v)));
    const wb = await fillCase(c);
    await run(wb, (ctx) => compute(ctx));
    writeFileSync(join(dir, name), await saveXlsx(wb));
    if (performance.now() - t > 10_000) {
      console.log(`  generating branch workbooks: ${i + 1}/${n}`);
      t = performance.now();
    }
  }
  return files;
}

export async function benchRollup(args: string[]): Promise<void> {
  const n = option(args, 'files', 500);
  const members = option(args, 'members', 50);
  console.log(`rollup: ${n} branch workbooks × ${members} members`);
  const files = await branchFiles(n, members);
  const bytes = files.reduce((s, f) => s + readFileSync(f).length, 0);
  // The floor: read every file and inflate every part (Node's zlib, as the command line does).
  let t = performance.now();
  let sink = 0;
  for (const f of files) for (const e of readZip(readFileSync(f))) sink += e.raw && e.raw.method === 8 ? inflateRawSync(e.raw.compressed).length : (e.raw?.compressed.length ?? 0);
  const unzipMs = performance.now() - t;
  const out = join(process.cwd(), 'node_modules', '.cache', 'kaoping-bench-rollup-out.xlsx');
  // Warm the command line's bundle first (built on first use).
  spawnSync(process.execPath, ['bin/kaoping.js', '--help'], { encoding: 'utf8' });
  t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB %M', process.execPath, 'bin/kaoping.js', 'rollup', ...files, '-o', out], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const rollupMs = performance.now() - t;
  const rss = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? NaN) * 1024;
  const last = r.stdout.trim().split('\n').pop() ?? '';
  console.log(`  input: ${(bytes / 1048576).toFixed(1)} MB in ${n} files (${sink > 0 ? 'unzipped' : ''})`);
  console.log(`  unzip only: ${(unzipMs / 1000).toFixed(2)} s`);
  console.log(`  kaoping rollup (exit ${r.status}): ${(rollupMs / 1000).toFixed(2)} s, peak ${(rss / 1048576).toFixed(0)} MiB — ${(rollupMs / unzipMs).toFixed(1)}× unzip; budget 30 s, 1024 MiB`);
  console.log(`  ${last}`);
  if (!existsSync(out)) console.log('  (no roll-up written)');
  console.log(`  web page (headless Chromium, the same ${n} files picked on 党委汇总…): ${await webRollup(files)} (budget 60 s)`);
}

/** The web page's roll-up of the files: from picking them until the 汇总表 sheet shows. */
async function webRollup(files: string[]): Promise<string> {
  if (!existsSync('/usr/bin/chromium')) return 'not measured: Debian chromium not installed';
  const { pathToFileURL } = await import('node:url');
  const { chromium } = await import('playwright-core');
  // The web page's production build (npm run bench runs from the project root).
  const dir = join(process.cwd(), 'node_modules', '.cache', 'kaoping-bench-web');
  execFileSync(process.execPath, [join(process.cwd(), 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--devtool', 'false', '--env', 'web', '--env', `outDir=${dir}`], { stdio: 'ignore', env: { ...process.env, KAOPING_URL: '' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.getByTestId('welcome').waitFor();
    const t0 = performance.now();
    await page.locator('#kp-rollup-files').setInputFiles(files);
    await page.locator('table[data-sheet="汇总表"]').waitFor({ timeout: 300_000 });
    return `${((performance.now() - t0) / 1000).toFixed(2)} s`;
  } catch (e) {
    return `failed: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    await browser.close();
  }
}

#!/usr/bin/env node
// The `kaoping` command line. The sources are TypeScript: on first use (or when a source is newer than the
// bundle) they are bundled with esbuild into node_modules/.cache/kaoping-cli/, then the bundle is required.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS run by node, no build step */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'kaoping-cli');
const bundle = path.join(cacheDir, 'kaoping.cjs');

/** Newest modification time of the sources the bundle is built from. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|tsx|js|mjs|cjs|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    const sources = ['cli', 'workbook', 'domain', 'host'].map((d) => path.join(root, 'src', d)).filter((d) => fs.existsSync(d));
    return sources.every((d) => newestSource(d) <= built) && fs.statSync(__filename).mtimeMs <= built;
  } catch {
    return false;
  }
}

function build() {
  const { buildSync } = require('esbuild');
  fs.mkdirSync(cacheDir, { recursive: true });
  // Built next to the final name and renamed, so two runs at once never see half a bundle.
  const temp = `${bundle}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: temp,
    logLevel: 'error',
    packages: 'external',
    absWorkingDir: root,
  });
  fs.renameSync(temp, bundle);
}

try {
  if (!bundleIsFresh()) build();
} catch (e) {
  process.stderr.write(`kaoping: 无法构建命令行程序：${String((e && e.message) || e).split('\n')[0]}\n`);
  process.exit(2);
}

require(bundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

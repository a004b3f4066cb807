// Runs a TypeScript entry point with Node: bundles it with esbuild (fast, no type check) and executes it.
// Used by `npm run bench`; the type check is `npm run typecheck`.
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args…]');
  process.exit(2);
}
// Inside the project so that bundled code resolves node_modules as usual.
const cache = join(process.cwd(), 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'kaoping-run-'));
const out = join(dir, 'entry.cjs');
buildSync({ entryPoints: [resolve(entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'error', packages: 'external', absWorkingDir: process.cwd() });
process.argv = [process.argv[0], resolve(entry), ...args];
const require = createRequire(join(process.cwd(), 'package.json'));
try {
  await require(out).main?.(args);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

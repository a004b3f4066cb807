/**
 * Bench section "bundle": builds the add-in (production, as `npm run build` does) into a scratch folder and
 * prints the gzipped size of the JavaScript the task pane loads first (the taskpane entry's initial
 * chunks, i.e. what taskpane.html's script tags fetch), against the budget of SPEC §6. Also checks that
 * neither ExcelJS nor the headless host (other than the lazily loaded conformance suite) is in that load.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** First-load budget, gzipped. */
export const BUNDLE_BUDGET_BYTES = 300 * 1024;

interface Chunk {
  files: Set<string> | string[];
}
interface Stats {
  hasErrors(): boolean;
  toString(options: unknown): string;
  compilation: {
    entrypoints: Map<string, { chunks: Chunk[] }>;
    chunks: Set<{ files: Set<string>; canBeInitial(): boolean }>;
    modules: Set<{ resource?: string }>;
    chunkGraph: { getModuleChunks(m: unknown): { canBeInitial(): boolean }[] };
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export async function benchBundle(): Promise<void> {
  // Loaded at run time from the project (not bundled by run-ts), so paths resolve as in `npm run build`.
  const requireHere = createRequire(join(process.cwd(), 'package.json'));
  const webpack = requireHere('webpack') as (config: unknown, cb: (err: Error | null, stats?: Stats) => void) => void;
  const makeConfig = requireHere('./webpack.config.js') as (env: unknown, argv: unknown) => Promise<Record<string, unknown>>;
  const outDir = mkdtempSync(join(process.cwd(), 'node_modules', '.cache', 'kaoping-bundle-'));
  try {
    const config = await makeConfig({ outDir }, { mode: 'production' });
    config.devtool = false; // source maps are not part of the first load and only slow the build
    const started = Date.now();
    const stats = await new Promise<Stats>((resolve, reject) =>
      webpack(config, (err, s) => (err ? reject(err) : s ? resolve(s) : reject(new Error('webpack returned no stats')))),
    );
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    const entry = stats.compilation.entrypoints.get('taskpane');
    if (!entry) throw new Error('no taskpane entry in the build');
    const files = [...new Set(entry.chunks.flatMap((c) => [...c.files]))].filter((f) => f.endsWith('.js'));
    let raw = 0;
    let gzipped = 0;
    console.log(`bundle: task pane first load (production build in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const file of files) {
      const bytes = readFileSync(join(outDir, file));
      const gz = gzipSync(bytes, { level: 9 }).length;
      raw += bytes.length;
      gzipped += gz;
      console.log(`  ${file.padEnd(32)} ${kb(bytes.length).padStart(10)} raw ${kb(gz).padStart(10)} gzipped`);
    }
    const within = gzipped <= BUNDLE_BUDGET_BYTES;
    console.log(`  total ${kb(raw)} raw, ${kb(gzipped)} gzipped; budget ${kb(BUNDLE_BUDGET_BYTES)}: ${within ? 'OK' : 'OVER BUDGET'}`);

    // What must never be in the first load: ExcelJS, and the host beyond its conformance tests.
    const { compilation } = stats;
    const forbidden = [...compilation.modules]
      .map((m) => ({ m, resource: (m.resource ?? '').replace(/\\/g, '/') }))
      .filter(({ resource }) => /\/node_modules\/exceljs\//.test(resource) || (/\/src\/host\//.test(resource) && !/\/conformance\.ts$/.test(resource)))
      .filter(({ m }) => compilation.chunkGraph.getModuleChunks(m).some((c) => c.canBeInitial()));
    if (forbidden.length > 0) console.log(`  NOT ALLOWED in the first load: ${forbidden.map((f) => f.resource).join(', ')}`);
    else console.log('  ExcelJS and the headless host are not in the first load');
    if (!within || forbidden.length > 0) process.exitCode = 1;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Lets `node scripts/run-ts.mjs scripts/bench-bundle.ts` run this section alone. */
export async function main(): Promise<void> {
  await benchBundle();
}

import { readFileSync } from 'node:fs';
import { loadXlsx, saveXlsx, run } from '../../src/host';
import { compute } from '../../src/workbook';
(async () => {
  const bytes = new Uint8Array(readFileSync(process.argv[2]));
  let t = performance.now();
  const wb = await loadXlsx(bytes);
  console.log('load', (performance.now() - t).toFixed(0)); t = performance.now();
  wb.recalc();
  console.log('recalc', (performance.now() - t).toFixed(0)); t = performance.now();
  await run(wb, async (c) => { await compute(c); });
  console.log('compute', (performance.now() - t).toFixed(0), wb.stats.syncs); t = performance.now();
  const out = await saveXlsx(wb);
  console.log('save', (performance.now() - t).toFixed(0), out.length);
  console.log('rss', (process.memoryUsage().rss / 1e6).toFixed(0), 'MB');
})();

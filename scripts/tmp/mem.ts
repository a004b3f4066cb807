import { readFileSync } from 'node:fs';
import { loadXlsx, saveXlsx, run } from '../../src/host';
import { compute } from '../../src/workbook';
import { makePostingSheet } from '../../src/workbook/posting';
const mem = (l: string, t: number) => { (global as any).gc?.(); console.log(l, (performance.now() - t).toFixed(0), 'ms heap', (process.memoryUsage().heapUsed / 1e6).toFixed(0), 'rss', (process.memoryUsage().rss / 1e6).toFixed(0)); };
(async () => {
  let t = performance.now();
  const wb = await loadXlsx(new Uint8Array(readFileSync(process.argv[2])));
  mem('load', t); t = performance.now();
  await run(wb, async (c) => { await compute(c); });
  mem('compute', t); t = performance.now();
  await run(wb, async (c) => { await makePostingSheet(c, { order: 'rank' }); });
  mem('posting', t); t = performance.now();
  await saveXlsx(wb);
  mem('save', t);
})();

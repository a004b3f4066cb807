import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadXlsx, saveXlsx, run } from '../../src/host';
import { install, compute } from '../../src/workbook';
(async () => {
  for (const f of process.argv.slice(2)) {
    const wb = await loadXlsx(new Uint8Array(readFileSync(f)));
    await run(wb, async (ctx) => { await install(ctx); });
    await run(wb, async (ctx) => { await compute(ctx); });
    writeFileSync(`/tmp/k8/out/${basename(f)}`, await saveXlsx(wb));
  }
})();

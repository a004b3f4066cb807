import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { loadXlsx, saveXlsx, run } from '../../src/host';
import { install } from '../../src/workbook/install';

const dir = '/work/shared/corpus/calamine';
const files = process.argv[2] ? [process.argv[2]] : readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, f));
(async () => {
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(f));
    try {
      const wb = await loadXlsx(bytes);
      const out0 = await saveXlsx(wb);
      const a = unzipSync(bytes), b = unzipSync(out0);
      const diff0 = Object.keys(a).filter((k) => !k.endsWith('/') && (!b[k] || Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) !== 0));
      await run(wb, async (ctx) => { await install(ctx); });
      const out = await saveXlsx(wb);
      const c = unzipSync(out);
      const diff = Object.keys(a).filter((k) => !k.endsWith('/') && (!c[k] || Buffer.compare(Buffer.from(a[k]), Buffer.from(c[k])) !== 0));
      console.log(`${f.split('/').pop()}: plain-save diff [${diff0.join(' ')}] install diff [${diff.join(' ')}]`);
    } catch (e) {
      console.log(`${f.split('/').pop()}: ERROR ${(e as Error).message.split('\n')[0]}`);
    }
  }
})();

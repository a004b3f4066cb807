import { writeFileSync } from 'node:fs';
import { saveXlsx } from '../../src/host';
import { fillCase, syntheticCase } from '../../test/support/fillCase';
(async () => {
  const n = Number(process.argv[2]); const m = Number(process.argv[3]);
  const t0 = Date.now();
  const wb = await fillCase(syntheticCase(n, m));
  const t1 = Date.now();
  const bytes = await saveXlsx(wb);
  writeFileSync(process.argv[4], bytes);
  console.log('fill', t1 - t0, 'ms save', Date.now() - t1, 'ms', bytes.length, 'bytes');
})();

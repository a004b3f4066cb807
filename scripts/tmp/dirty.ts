import { readFileSync } from 'node:fs';
import { loadXlsx, run } from '../../src/host';
import { WorkbookModel } from '../../src/host/model';
import { compute } from '../../src/workbook';
import { makePostingSheet } from '../../src/workbook/posting';
(async () => {
  const wb = await loadXlsx(new Uint8Array(readFileSync(process.argv[2])));
  const d = Object.getOwnPropertyDescriptor(WorkbookModel.prototype, 'dirty')!;
  Object.defineProperty(wb.model, 'dirty', { get: d.get, set(v: boolean) { if (v) console.log(new Error().stack!.split('\n').slice(2, 5).join(' | ')); d.set!.call(this, v); } });
  await run(wb, async (c) => { await compute(c); });
  await run(wb, async (c) => { await makePostingSheet(c, { order: 'rank' }); });
})();

/** kaoping install: install (or repair) the kp_ tables in an existing workbook. */
import { run } from '../host';
import { install } from '../workbook/install';
import type { Parsed } from './args';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';

export async function installCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const wb = await readWorkbook(input);
  const report = await run(wb, (c) => install(c));
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  for (const m of report.messages) if (!m.includes('kp_State')) o.out(m);
  o.out(`已写入 ${out}。`);
  return 0;
}

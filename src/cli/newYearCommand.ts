/** kaoping new-year: roll last year's workbook over to a new year. */
import { run } from '../host';
import { newYear } from '../workbook/newYear';
import type { Parsed } from './args';
import { yearOption } from './args';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';

export async function newYearCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const year = yearOption(p.options.year) as number;
  const wb = await readWorkbook(input);
  const report = await run(wb, (c) => newYear(c, year));
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  for (const m of report.messages) if (!m.includes('kp_State')) o.out(m);
  o.out(`已写入 ${out}。`);
  return 0;
}

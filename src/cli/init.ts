/** kaoping init: a new workbook with everything of SPEC §4 installed. */
import { createWorkbook, run } from '../host';
import { install } from '../workbook/install';
import type { Parsed } from './args';
import { yearOption } from './args';
import { writeWorkbook } from './io';
import type { Output } from './output';

export async function initCommand(p: Parsed, o: Output): Promise<number> {
  const year = yearOption(p.options.year) ?? new Date().getFullYear();
  const branch = typeof p.options.branch === 'string' ? p.options.branch : undefined;
  const wb = createWorkbook();
  const report = await run(wb, (c) => install(c, { year, branch }));
  // The empty sheet a new workbook starts with is ours to remove: the first tab is then 考评参数.
  await run(wb, async (c) => {
    c.workbook.worksheets.getItem('Sheet1').delete();
    await c.sync();
  });
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  o.out(`已新建考评工作簿 ${out}（${year} 年度${branch ? '，' + branch : ''}），共 ${report.createdTables.length - 1} 张考评表。`);
  return 0;
}

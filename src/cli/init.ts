/** kaoping init: a new workbook with everything of SPEC §4 installed. */
import { createWorkbook, run } from '../host';
import { install } from '../workbook/setup/install';
import type { Parsed } from './args';
import { yearOption } from './args';
import { readWorkbook, writeWorkbook } from './io';
import { ExpectedError } from './errors';
import { readSchemeSource } from '../workbook/scheme/template';
import { installFromScheme } from '../workbook/scheme/install';
import type { Output } from './output';
import { cliText as T } from '../domain/texts/cli';

export async function initCommand(p: Parsed, o: Output): Promise<number> {
  if (typeof p.options.template === 'string') return initFromTemplate(p, o, p.options.template);
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
  o.out(T.initDone(out, year, branch, report.createdTables.length - 1));
  return 0;
}

/**
 * init --template: the scheme's kp_Settings (with the branch's name) and kp_Rubric, then install the rest, the
 * scheme remembered (installFromScheme, the same as the pane's 按上级方案安装).
 */
async function initFromTemplate(p: Parsed, o: Output, template: string): Promise<number> {
  const src = await run(await readWorkbook(template), (c) => readSchemeSource(c));
  if (!src.found) throw new ExpectedError(T.notAScheme(template));
  const branch = typeof p.options.branch === 'string' ? p.options.branch : '';
  const wb = createWorkbook();
  const r = await run(wb, (c) => installFromScheme(c, src, { branch, year: yearOption(p.options.year) }));
  if (r.refused) throw new ExpectedError(r.refused);
  const { fingerprint: fp, year } = r;
  await run(wb, async (c) => {
    c.workbook.worksheets.getItem('Sheet1').delete();
    await c.sync();
  });
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  o.out(T.initFromSchemeDone(fp, out, year, branch));
  return 0;
}

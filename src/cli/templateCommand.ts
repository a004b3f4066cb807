/** kaoping template IN.xlsx -o SCHEME.xlsx: the committee's scheme (year, rubric, settings, fingerprint). */
import { createWorkbook, run } from '../host';
import { readSchemeSource, schemeSettings, writeSchemeTables } from '../workbook/scheme/template';
import type { Parsed } from './args';
import { ExpectedError } from './errors';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';

export async function templateCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const src = await run(await readWorkbook(input), (c) => readSchemeSource(c));
  if (!src.found) throw new ExpectedError(`${input} 中没有考评参数表（kp_Settings）和考评细则表（kp_Rubric）：请先安装考评表。`);
  const wb = createWorkbook();
  const fp = await run(wb, (c) => writeSchemeTables(c, schemeSettings(src.settings), src.rubric, { note: true }));
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  o.out(`已导出 ${src.settings.year} 年度统一方案 ${out}（方案指纹 ${fp}）。`);
  return 0;
}

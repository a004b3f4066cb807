/** kaoping install: install (or repair) the kp_ tables in an existing workbook. */
import { run } from '../host';
import { install } from '../workbook/setup/install';
import { applyScheme } from '../workbook/scheme/apply';
import { readSchemeSource } from '../workbook/scheme/template';
import { ExpectedError } from './errors';
import type { Parsed } from './args';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';

export async function installCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const wb = await readWorkbook(input);
  const report = await run(wb, (c) => install(c));
  if (typeof p.options.template === 'string') {
    const template = p.options.template;
    const src = await run(await readWorkbook(template), (c) => readSchemeSource(c));
    if (!src.found) throw new ExpectedError(`${template} 不是统一方案（缺少考评参数表或考评细则表）。`);
    const applied = await run(wb, (c) => applyScheme(c, src));
    if (applied.refused) throw new ExpectedError(`未应用统一方案：${applied.refused}`);
    o.out(applied.changes.length === 0 ? `工作簿已与统一方案一致（方案指纹 ${applied.fingerprint}）。` : `按统一方案（方案指纹 ${applied.fingerprint}）改动 ${applied.changes.length} 项（名册和录入保留）：`);
    for (const c of applied.changes) o.out(`  ${c.item}：${c.from} → ${c.to}`);
  }
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  for (const m of report.messages) if (!m.includes('kp_State')) o.out(m);
  o.out(`已写入 ${out}。`);
  return 0;
}

/** kaoping install: install (or repair) the kp_ tables in an existing workbook. */
import { run } from '../host';
import { install } from '../workbook/setup/install';
import { applyScheme } from '../workbook/scheme/apply';
import { readSchemeSource } from '../workbook/scheme/template';
import { ExpectedError } from './errors';
import type { Parsed } from './args';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { cliText as T } from '../domain/texts/cli';

export async function installCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const wb = await readWorkbook(input);
  const report = await run(wb, (c) => install(c));
  if (typeof p.options.template === 'string') {
    const template = p.options.template;
    const src = await run(await readWorkbook(template), (c) => readSchemeSource(c));
    if (!src.found) throw new ExpectedError(T.notAScheme(template));
    const applied = await run(wb, (c) => applyScheme(c, src));
    if (applied.refused) throw new ExpectedError(T.schemeRefused(applied.refused));
    o.out(applied.changes.length === 0 ? T.schemeAlreadyFollowed(applied.fingerprint) : T.schemeApplied(applied.fingerprint, applied.changes.length));
    for (const c of applied.changes) o.out(`  ${c.item}：${c.from} → ${c.to}`);
  }
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  for (const m of report.messages) if (!m.includes('kp_State')) o.out(m);
  o.out(T.written(out));
  return 0;
}

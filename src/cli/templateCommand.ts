/** kaoping template IN.xlsx -o SCHEME.xlsx: the committee's scheme (year, rubric, settings, fingerprint). */
import { createWorkbook, run } from '../host';
import { readSchemeSource, schemeSettings, writeSchemeTables } from '../workbook/scheme/template';
import type { Parsed } from './args';
import { ExpectedError } from './errors';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { cliText as T } from '../domain/texts/cli';

export async function templateCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const src = await run(await readWorkbook(input), (c) => readSchemeSource(c));
  if (!src.found) throw new ExpectedError(T.noSchemeTables(input));
  const wb = createWorkbook();
  const fp = await run(wb, (c) => writeSchemeTables(c, schemeSettings(src.settings), src.rubric, { note: true }));
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  o.out(T.schemeExported(src.settings.year, out, fp));
  return 0;
}

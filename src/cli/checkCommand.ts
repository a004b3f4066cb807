/** kaoping check: validate only (the workbook file is not changed). */
import { toJsonOutput } from '../domain';
import { outlineProblems } from '../domain/checkOutline';
import { run } from '../host';
import { checkRead } from '../workbook/results/check';
import { ALL_KEYS, readTables } from '../workbook/tables/readTables';
import { staleProblems } from '../workbook/results/derivedSheets';
import type { Parsed } from './args';
import { readWorkbook } from './io';
import type { Output } from './output';
import { evaluationSummary, hasProblems, outlineLines } from './problemReport';
import { requireInstalled } from './workbookGuard';

export async function checkCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const wb = await readWorkbook(input);
  await requireInstalled(wb, input);
  // The same reading and checking as the add-in's check, without the highlights (nothing is saved).
  const { evaluation, lang } = await run(wb, async (c) => {
    const { read, extra: sheets } = await readTables(c, ALL_KEYS, () => c.workbook.worksheets.load('items/name'));
    const checked = checkRead(read);
    // Derived sheets out of date: `stale_sheet` warnings naming the sheet (derivedSheets.ts).
    checked.evaluation.problems = [...checked.evaluation.problems, ...staleProblems(read, sheets.items.map((s) => s.name), checked.lang)];
    return checked;
  });
  if (p.options.json) o.out(JSON.stringify(toJsonOutput(evaluation)));
  else {
    // What to do next and the errors first; the year's figures last.
    for (const line of outlineLines(outlineProblems(evaluation.problems, lang), p.options.verbose === true)) o.out(line);
    for (const line of evaluationSummary(evaluation)) o.out(line);
  }
  return hasProblems(evaluation) ? 1 : 0;
}

/** kaoping check: validate only (the workbook file is not changed). */
import { toJsonOutput } from '../domain';
import { run } from '../host';
import { evaluateRead } from '../workbook/check';
import { ALL_KEYS, readTables } from '../workbook/readTables';
import { staleProblems } from '../workbook/derivedSheets';
import type { Parsed } from './args';
import { readWorkbook } from './io';
import type { Output } from './output';
import { evaluationSummary, hasProblems, problemLines, problemSummary } from './report';
import { requireInstalled } from './workbookGuard';

export async function checkCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const wb = await readWorkbook(input);
  await requireInstalled(wb, input);
  // The same reading and checking as the add-in's check, without the highlights (nothing is saved).
  const evaluation = await run(wb, async (c) => {
    const { read, extra: sheets } = await readTables(c, ALL_KEYS, () => c.workbook.worksheets.load('items/name'));
    const { evaluation, lang } = evaluateRead(read);
    // Derived sheets out of date: `stale_sheet` warnings naming the sheet (derivedSheets.ts).
    evaluation.problems = [...evaluation.problems, ...staleProblems(read, sheets.items.map((s) => s.name), lang)];
    return evaluation;
  });
  if (p.options.json) o.out(JSON.stringify(toJsonOutput(evaluation)));
  else {
    for (const line of evaluationSummary(evaluation)) o.out(line);
    o.out(problemSummary(evaluation.problems));
    for (const line of problemLines(evaluation.problems)) o.out(line);
  }
  return hasProblems(evaluation) ? 1 : 0;
}

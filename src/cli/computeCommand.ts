/** kaoping compute: validate, compute kp_Results and, when §3.4 allows, the posting sheet. */
import { toJsonOutput } from '../domain';
import { run } from '../host';
import { compute } from '../workbook/results/compute';
import { makePostingSheet } from '../workbook/results/postingPack';
import type { Parsed } from './args';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { evaluationSummary, hasProblems, problemLines, problemSummary } from './problemReport';
import { requireInstalled } from './workbookGuard';
import { cliText as T } from '../domain/texts/cli';

export async function computeCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const wb = await readWorkbook(input);
  await requireInstalled(wb, input);
  const report = await run(wb, (c) => compute(c));
  const posting = report.postingAllowed ? await run(wb, (c) => makePostingSheet(c, { order: 'rank' })) : null;
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  const e = report.evaluation;
  if (p.options.json) o.out(JSON.stringify(toJsonOutput(e)));
  else {
    for (const line of evaluationSummary(e)) o.out(line);
    o.out(problemSummary(e.problems));
    for (const line of problemLines(e.problems)) o.out(line);
    if (posting?.created) o.out(T.postingMade(posting.sheets ?? [posting.sheet]));
    else {
      o.out(T.postingNotMade);
      for (const r of report.postingBlockedReasons) o.out(`  ${r}`);
    }
    o.out(T.written(out));
  }
  return hasProblems(e) ? 1 : 0;
}

/**
 * kaoping report: score sheets (个人考评明细), one A4 page per member; --member for one (or "001,002"); --year for
 * a past year archived in the workbook by new year. OUT is a workbook of its own holding only the score sheet
 * (SPEC §5): no entries, no evaluator, no other member's page. IN is only read.
 */
import { createWorkbook, run } from '../host';
import { planScoreSheets, writeScoreSheetWorkbook } from '../workbook/results/scoreSheet';
import { evaluateRead } from '../workbook/results/check';
import type { TablesRead } from '../workbook/tables/readTables';
import { tablesOfYear } from '../workbook/year/yearArchive';
import { yearOption, type Parsed } from './args';
import { ExpectedError } from './errors';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { hasProblems } from './problemReport';
import { requireInstalled } from './workbookGuard';
import { cliText as T } from '../domain/texts/cli';

export async function reportCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const member = typeof p.options.member === 'string' ? p.options.member : undefined;
  const ids = member ? member.split(/[,，\s]+/).filter(Boolean) : undefined;
  if (member !== undefined && (!ids || ids.length === 0)) throw new ExpectedError(T.memberNeedsId);
  const year = yearOption(p.options.year);
  const wb = await readWorkbook(input);
  await requireInstalled(wb, input);
  const { plan, unknown, problem } = await run(wb, (c) => planScoreSheets(c, { members: ids, year }));
  if (problem) throw new ExpectedError(problem);
  if (unknown.length > 0) throw new ExpectedError(T.unknownMembers(unknown));
  if (!plan) throw new ExpectedError(T.noScoreSheetMembers(input));
  // The figures of the year the sheets show (a past year's from its archive).
  const evaluation = await run(wb, async (c) => evaluateRead((await tablesOfYear(c, year)) as TablesRead).evaluation);
  // The file of its own: a new workbook with the score sheet alone.
  const file = createWorkbook();
  await run(file, (c) => writeScoreSheetWorkbook(c, plan));
  const out = String(p.options.output);
  await writeWorkbook(file, out);
  const sheet = T.scoreSheetName(plan.past ? plan.settings.year : null);
  o.out(T.scoreSheetsMade(plan.members.length, sheet));
  if (plan.last) o.out(T.lastYearFrom(plan.last.sheet));
  if (!plan.resultsCurrent) o.out(T.scoreSheetNotCurrent);
  const selected = new Set(plan.members.map((m) => m.id));
  const pending = evaluation.members.filter((m) => selected.has(m.id) && (m.status === 'incomplete' || m.status === 'invalid'));
  for (const m of pending) o.out(T.scoreSheetPending(m.id, m.name, m.result, m.notes));
  o.out(T.written(out));
  return hasProblems({ ...evaluation, members: evaluation.members.filter((m) => selected.has(m.id)) }) ? 1 : 0;
}

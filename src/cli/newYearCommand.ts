/** kaoping new-year: roll last year's workbook over to a new year (archived in the workbook), or undo that. */
import { run } from '../host';
import { newYear } from '../workbook/year/newYear';
import { undoNewYear } from '../workbook/year/newYearUndo';
import type { Parsed } from './args';
import { yearOption } from './args';
import { ExpectedError } from './errors';
import { readSourceWorkbook, readWorkbook, writeWorkbook } from './io';
import { problemLines } from './problemReport';
import { importRosterGrid, readRosterGrid, RosterSourceError } from '../workbook/setup/rosterImport';
import type { Output } from './output';
import { cliText as T } from '../domain/texts/cli';

export async function newYearCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const undo = p.options.undo === true;
  if (undo && p.options.year !== undefined) throw new ExpectedError(T.undoWithYear);
  if (undo && p.options.from !== undefined) throw new ExpectedError(T.undoWithFrom);
  if (!undo && p.options.year === undefined) throw new ExpectedError(T.newYearNeedsYear);
  const year = undo ? undefined : (yearOption(p.options.year) as number);
  const wb = await readWorkbook(input);
  const out = String(p.options.output);
  if (year === undefined) {
    const report = await run(wb, (c) => undoNewYear(c));
    // Refused: nothing written, the reason names the sheet.
    if (!report.restored) throw new ExpectedError(report.messages.join(' '));
    await writeWorkbook(wb, out);
    for (const m of report.messages) o.out(m);
    o.out(T.written(out));
    return 0;
  }
  // --from: the new year's roster from a file of any format (last year's hand-made list, an .xls, .et, .csv …).
  const from = typeof p.options.from === 'string' ? p.options.from : undefined;
  const source = from ? await readSourceWorkbook(from) : null;
  if (source) source.wb.payloadLimit = null; // read locally, not through Excel on the web
  const grid = source ? await run(source.wb, (c) => readRosterGrid(c)).catch((e) => {
    if (e instanceof RosterSourceError) throw new ExpectedError(T.sourceProblem(String(from), e.message));
    throw e;
  }) : null;
  const report = await run(wb, (c) => newYear(c, year));
  for (const m of report.messages) if (!m.includes('kp_State')) o.out(m);
  if (source && grid) {
    if (source.converted) o.out(source.converted);
    const imported = await run(wb, (c) => importRosterGrid(c, grid));
    o.out(T.newYearRosterImported(String(from), imported.sheet, imported.members.length, imported.added, imported.updated, imported.unchanged));
    for (const line of problemLines(imported.problems)) o.out(line);
  }
  await writeWorkbook(wb, out);
  o.out(T.written(out));
  return 0;
}

/** kaoping import-roster: members from another workbook's sheet (e.g. last year's hand-made summary). */
import { run } from '../host';
import { install } from '../workbook/setup/install';
import { importRosterGrid, readRosterGrid, RosterSourceError } from '../workbook/setup/rosterImport';
import type { Parsed } from './args';
import { ExpectedError } from './errors';
import { readSourceWorkbook, readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { problemLines } from './problemReport';
import { cliText as T } from '../domain/texts/cli';

export async function importRosterCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const from = String(p.options.from);
  const sheet = typeof p.options.sheet === 'string' ? p.options.sheet : undefined;
  const wb = await readWorkbook(input);
  const { wb: source, converted } = await readSourceWorkbook(from);
  if (converted) o.out(converted);
  // Read locally, not through Excel on the web: no request/response size limit (the import caps what it examines).
  source.payloadLimit = null;
  // The grid is read in the source workbook's own host, then written into this one.
  const grid = await run(source, (c) => readRosterGrid(c, sheet)).catch((e) => {
    if (e instanceof RosterSourceError) throw new ExpectedError(T.sourceProblem(from, e.message));
    throw e;
  });
  await run(wb, (c) => install(c));
  const report = await run(wb, (c) => importRosterGrid(c, grid));
  if (report.headerRow === 0) {
    throw new ExpectedError(report.problems[0]?.message ?? T.noRoster(from));
  }
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  o.out(T.rosterImported(from, report.sheet, report.headerRow, report.members.length, report.added, report.updated, report.unchanged));
  o.out(T.rosterMapping(report.mapping.map((m) => ({ source: m.source.replace(/\s+/g, ' '), target: m.target }))));
  if (report.skipped.length > 0) o.out(T.rowsSkipped(report.skipped));
  for (const line of problemLines(report.problems)) o.out(line);
  o.out(T.written(out));
  return report.problems.some((x) => x.severity === 'error') ? 1 : 0;
}

/** Parses the arguments and dispatches to the feature modules; expected errors become one line and exit 2. */
import { parseArgs } from './args';
import { commandHelp, helpText } from './cli';
import { ballotsCommand } from './ballotsCommand';
import { checkCommand } from './checkCommand';
import { collectCommand } from './collectCommand';
import { computeCommand } from './computeCommand';
import { ExpectedError } from './errors';
import { SheetProtectedError } from '../workbook/tables/protection';
import { importRosterCommand } from './importRosterCommand';
import { initCommand } from './init';
import { installCommand } from './installCommand';
import { newYearCommand } from './newYearCommand';
import { reportCommand } from './reportCommand';
import { rollupCommand } from './rollupCommand';
import { templateCommand } from './templateCommand';
import { consoleOutput, type Output } from './output';
import type { Parsed } from './args';
import { cliText as T } from '../domain/texts/cli';

const HANDLERS: Record<string, (p: Parsed, o: Output) => Promise<number>> = {
  init: initCommand,
  install: installCommand,
  'import-roster': importRosterCommand,
  check: checkCommand,
  compute: computeCommand,
  'new-year': newYearCommand,
  report: reportCommand,
  ballots: ballotsCommand,
  collect: collectCommand,
  template: templateCommand,
  rollup: rollupCommand,
};

/** Runs `kaoping ARGS…`; returns the exit code (never throws). */
export async function runCli(argv: string[], o: Output = consoleOutput): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed.help) {
      o.out(parsed.command ? commandHelp(parsed.command) : helpText());
      return 0;
    }
    return await HANDLERS[parsed.command!.name](parsed, o);
  } catch (e) {
    if (e instanceof ExpectedError) {
      o.err(`kaoping: ${e.message}`);
      return e.exitCode;
    }
    // A protected sheet (the file is not written): the user's to fix, not a bug.
    if (e instanceof SheetProtectedError) {
      o.err(`kaoping: ${e.message}`);
      return 2;
    }
    // Anything else is a bug: say so in one line, nothing written (outputs are written last and atomically).
    o.err(`kaoping: ${T.internalError(e instanceof Error ? e.message.split('\n')[0] : String(e))}`);
    if (process.env.KAOPING_DEBUG && e instanceof Error && e.stack) o.err(e.stack);
    return 2;
  }
}

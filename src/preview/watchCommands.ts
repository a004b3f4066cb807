/**
 * Wraps KaopingCommands so the preview knows when to redraw the grid: after every command (success or
 * failure, since Excel.run is not a transaction), and which cell selectCell selected.
 */
import { SHEETS } from '../domain/contract';
import type { Round } from '../domain/types';
import type { KaopingCommands, PostingReport, ScoreSheetResult } from '../workbook/commandTypes';

/** The sheet a command wrote to, so the grid can show it (default sheet names; a renamed sheet is not followed). */
export function sheetWritten(name: keyof KaopingCommands, args: unknown[], result: unknown): string | null {
  switch (name) {
    case 'saveForm':
      return SHEETS[args[0] as Round] ?? null;
    case 'importRoster':
      return SHEETS.roster;
    case 'compute':
      return result ? SHEETS.results : null;
    case 'saveSettings':
      return SHEETS.settings;
    case 'makePostingSheet': {
      const report = result as PostingReport | undefined;
      return report?.created ? report.sheet : null;
    }
    case 'makeScoreSheets': {
      const report = result as ScoreSheetResult | undefined;
      return report?.created ? report.sheet : null;
    }
    case 'printBallot':
      return typeof result === 'string' ? result : null;
    default:
      return null;
  }
}

/** Commands that only read (makeBallotFiles plans without recording): everything else may change the workbook. */
const READ_ONLY: ReadonlySet<keyof KaopingCommands> = new Set<keyof KaopingCommands>([
  'getStatus',
  'previewRosterImport',
  'getEntryForm',
  'getProgress',
  'selectCell',
  'getPlan',
  'getSettings',
  'getReview',
  'newYearPlan',
  'suggestBranch',
  'getBallotsOut',
  'makeBallotFiles',
]);

/** Whether a command may have changed the workbook (also when it failed: Excel.run is not a transaction). */
export function changesWorkbook(name: keyof KaopingCommands): boolean {
  return !READ_ONLY.has(name);
}

export function watchCommands(
  commands: KaopingCommands,
  onDone: (name: keyof KaopingCommands, args: unknown[], result: unknown) => void,
  onSelect: (sheet: string, cell: string) => void,
): KaopingCommands {
  const wrapped = {} as Record<keyof KaopingCommands, unknown>;
  for (const name of Object.keys(commands) as (keyof KaopingCommands)[]) {
    const fn = commands[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      let result: unknown;
      try {
        result = await fn(...args);
        if (name === 'selectCell') onSelect(String(args[0]), String(args[1]));
        return result;
      } finally {
        onDone(name, args, result);
      }
    };
  }
  return wrapped as unknown as KaopingCommands;
}

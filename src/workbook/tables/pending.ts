/**
 * Interrupted writes. Excel applies a batch's operations one by one and is not transactional: when the
 * connection drops or Excel refuses an operation part-way, what came before stays. Every command that writes
 * marks its start in kp_State (state.pending, before its first data write) and clears the mark with its last
 * write. A mark still there means the batch stopped part-way: check, compute and the posting sheet report it as
 * an error naming the table the command was writing, until the command is run again (every command is safe to
 * re-run: it completes what is missing and gives the same workbook as one clean run).
 */
import { makeProblem } from '../../domain/table';
import { message } from '../../domain/texts/messages';
import type { Language, Problem } from '../../domain/types';
import { blockAddress } from './a1';
import { INSTALL_ORDER } from './layout';
import type { ReadKey, TablesRead } from './readTables';
import { parseState } from './state';

export type WritingCommand = 'install' | 'importRoster' | 'saveForm' | 'compute' | 'posting' | 'newYear' | 'newYearUndo' | 'saveSettings' | 'saveRubric' | 'collectBallots' | 'saveReview' | 'applyScheme';

const WRITING_COMMANDS: readonly WritingCommand[] = ['install', 'importRoster', 'saveForm', 'compute', 'posting', 'newYear', 'newYearUndo', 'saveSettings', 'saveRubric', 'collectBallots', 'saveReview', 'applyScheme'];

/**
 * The mark a command writes: "command:table" (the table the problem points at), optionally ":detail" (what a
 * re-run needs to know, e.g. the archive sheet new year was writing).
 */
export function pendingMark(command: WritingCommand, table: ReadKey, detail?: string): string {
  return detail === undefined ? `${command}:${table}` : `${command}:${table}:${detail}`;
}

/** A command's name as the user sees it. */
export function commandName(command: WritingCommand, lang: Language): string {
  return message(lang, `command.${command}`);
}

/** The detail of a mark ("" when none). */
export function pendingDetail(mark: string): string {
  return mark.split(':').slice(2).join(':');
}

/** The command a mark names (an unknown one counts as install, which repairs anything). */
export function pendingCommandOf(mark: string): WritingCommand {
  const command = mark.split(':')[0] as WritingCommand;
  return WRITING_COMMANDS.includes(command) ? command : 'install';
}

/** The command an unfinished mark names, or null. */
export function pendingCommand(read: TablesRead): WritingCommand | null {
  const mark = parseState(read.state).pending;
  return mark === null ? null : pendingCommandOf(mark);
}

/**
 * A first install that stopped part-way (it creates the tables in INSTALL_ORDER, kp_State last, so there is no
 * mark yet): some of the input tables there, the ones after them missing, and no kp_State.
 */
function unfinishedInstall(read: TablesRead): ReadKey | null {
  if (read.state.exists) return null;
  const inputs = INSTALL_ORDER.filter((k) => k !== 'results' && k !== 'state');
  const present = inputs.filter((k) => read[k].exists).length;
  if (present === 0 || present === inputs.length) return null;
  return inputs.slice(0, present).every((k) => read[k].exists) ? inputs[0] : null;
}

/** The error for an unfinished command's mark (none when there is no mark). */
export function interruptedProblems(read: TablesRead, lang: Language): Problem[] {
  const first = unfinishedInstall(read);
  if (first !== null) {
    const t = read[first];
    return [makeProblem(lang, 'error', t.sheet, blockAddress(t.firstRow - 1, t.firstColumn, 1, 1), 'write_interrupted', { command: commandName('install', lang) })];
  }
  const mark = parseState(read.state).pending;
  if (mark === null) return [];
  const command = pendingCommand(read) as WritingCommand;
  const key = mark.split(':')[1] as ReadKey | undefined;
  const t = key && key in read && read[key].exists ? read[key] : read.state;
  const cell = t.exists ? blockAddress(t.firstRow - 1, t.firstColumn, 1, 1) : 'A1';
  return [makeProblem(lang, 'error', t.exists ? t.sheet : read.state.sheet, cell, 'write_interrupted', { command: commandName(command, lang) })];
}

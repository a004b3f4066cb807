/** Argument parsing for `kaoping`: one command, positionals, --long / -s options. */
import { COMMANDS, type CommandDef } from './cli';
import { ExpectedError } from './errors';
import { cliText as T } from '../domain/texts/cli';

export interface Parsed {
  command: CommandDef | null;
  positionals: string[];
  options: Record<string, string | true>;
  help: boolean;
}

export function parseArgs(argv: string[]): Parsed {
  const [first, ...rest] = argv;
  if (first === undefined) throw new ExpectedError(T.noCommand);
  if (first === '--help' || first === '-h' || first === 'help') return { command: null, positionals: [], options: {}, help: true };
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) throw new ExpectedError(T.unknownCommand(first));
  const parsed: Parsed = { command, positionals: [], options: {}, help: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--help' || a === '-h') {
      parsed.help = true;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      const [flag, inline] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s, 2) : [a.slice(1), undefined];
      const def = command.options.find((o) => o.name === flag || o.short === flag);
      if (!def) throw new ExpectedError(T.unknownOption(command.name, a, command.usage));
      if (!def.takesValue) {
        parsed.options[def.name] = true;
        continue;
      }
      const value = inline ?? rest[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-') && value.length > 1)) {
        throw new ExpectedError(T.optionNeedsValue(def.name, command.usage));
      }
      parsed.options[def.name] = value;
      continue;
    }
    parsed.positionals.push(a);
  }
  if (parsed.help) return parsed;
  if (command.positionals === 'files') {
    if (parsed.positionals.length < 1) throw new ExpectedError(T.needFiles(command.usage));
  } else if (command.positionals === 'many') {
    if (parsed.positionals.length < 2) throw new ExpectedError(T.needWorkbookAndFiles(command.usage));
  } else if (parsed.positionals.length !== command.positionals) {
    throw new ExpectedError(
      command.positionals === 1 ? T.needWorkbook(command.usage) : T.extraArgument(parsed.positionals[0], command.usage),
    );
  }
  for (const r of command.required) {
    if (parsed.options[r] === undefined) throw new ExpectedError(T.missingOption(r, command.usage));
  }
  return parsed;
}

/** --year as an integer year. */
export function yearOption(v: string | true | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d{4}$/.test(v.trim()) || n < 2000 || n > 2100) throw new ExpectedError(T.badYear(String(v)));
  return n;
}

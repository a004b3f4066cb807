/**
 * Wraps KaopingCommands so the preview knows when to redraw the grid: after every command (success or
 * failure, since Excel.run is not a transaction), and which cell selectCell selected.
 */
import type { KaopingCommands } from '../workbook/commandTypes';

export function watchCommands(
  commands: KaopingCommands,
  onDone: (name: keyof KaopingCommands) => void,
  onSelect: (sheet: string, cell: string) => void,
): KaopingCommands {
  const wrapped = {} as Record<keyof KaopingCommands, unknown>;
  for (const name of Object.keys(commands) as (keyof KaopingCommands)[]) {
    const fn = commands[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        const result = await fn(...args);
        if (name === 'selectCell') onSelect(String(args[0]), String(args[1]));
        return result;
      } finally {
        onDone(name);
      }
    };
  }
  return wrapped as unknown as KaopingCommands;
}

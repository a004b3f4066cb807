/** The roster for pickers: from the status when the commands provide it, else from a mass-round form. */
import { useEffect, useState } from 'react';
import type { KaopingCommands, RosterEntry, WorkbookStatus } from '../../workbook/commandTypes';

export function useMembers(commands: KaopingCommands, status: WorkbookStatus | null): RosterEntry[] {
  const [fallback, setFallback] = useState<RosterEntry[]>([]);
  const fromStatus = status?.roster;
  const installed = status?.installed ?? false;
  const count = status?.members ?? 0;
  useEffect(() => {
    if (fromStatus || !installed) return;
    let live = true;
    // A mass-round evaluator scores every member who is not exempt, so its form lists the roster.
    commands
      .getEntryForm('mass', '-')
      .then((form) => {
        if (live)
          setFallback(form.members.map((m) => ({ id: m.id, name: m.name, group: m.group, category: m.category, exempt: false })));
      })
      .catch((e) => console.error(e));
    return () => {
      live = false;
    };
  }, [commands, fromStatus, installed, count]);
  return fromStatus ?? fallback;
}

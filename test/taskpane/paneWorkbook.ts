/**
 * The task pane's commands for component tests: the real createCommands over a headless-host workbook (made by the
 * commands themselves, as a secretary would), with every call recorded so that a test can assert what the pane
 * asked for, and a way to make the next call of one command fail (as Excel can).
 */
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { createCommands } from '../../src/workbook/createCommands';
import type { KaopingCommands } from '../../src/workbook/commandTypes';

export interface Call {
  name: keyof KaopingCommands;
  args: unknown[];
}

export type PaneCommands = KaopingCommands & {
  /** The workbook the commands run on. */
  workbook: HostWorkbook;
  calls: Call[];
  callsOf(name: keyof KaopingCommands): unknown[][];
  /** The next call of `name` throws `error` (nothing runs). */
  failNext: { name: keyof KaopingCommands; error: Error } | null;
};

/** createCommands over `run(workbook, …)`, recording calls. */
export function paneCommands(workbook: HostWorkbook = createWorkbook()): PaneCommands {
  const real = createCommands((batch) => run(workbook, batch));
  const out = { workbook, calls: [] as Call[], failNext: null } as unknown as PaneCommands;
  out.callsOf = (name) => out.calls.filter((c) => c.name === name).map((c) => c.args);
  for (const name of Object.keys(real) as (keyof KaopingCommands)[]) {
    const f = real[name] as (...args: unknown[]) => Promise<unknown>;
    (out as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      out.calls.push({ name, args });
      if (out.failNext?.name === name) {
        const { error } = out.failNext;
        out.failNext = null;
        throw error;
      }
      return f(...args);
    };
  }
  return out;
}

/** The four members of the installed test workbook (编号, 姓名, 党小组). */
export const MEMBERS = [
  { id: '001', name: '张三', group: '第一党小组' },
  { id: '002', name: '李四', group: '第一党小组' },
  { id: '003', name: '王五', group: '第一党小组' },
  { id: '004', name: '赵六', group: '第二党小组' },
];

/**
 * A workbook installed for 2026 by 机关党支部 with the four MEMBERS imported from the secretary's list (sheet 名单)
 * and the phone for objections set — all through the commands. Calls made here are not recorded.
 */
export async function installedWorkbook(): Promise<HostWorkbook> {
  const wb = createWorkbook();
  const commands = createCommands((batch) => run(wb, batch));
  await commands.install({ year: 2026, branch: '机关党支部' });
  await run(wb, async (c) => {
    const rows = [['编号', '姓名', '党小组', '类别'], ...MEMBERS.map((m) => [m.id, m.name, m.group, '机关党员'])];
    const range = c.workbook.worksheets.add('名单').getRangeByIndexes(0, 0, rows.length, 4);
    range.numberFormat = rows.map((r) => r.map(() => '@'));
    range.values = rows;
    await c.sync();
  });
  const imported = await commands.importRoster('名单');
  if (imported.added !== MEMBERS.length) throw new Error(`roster import added ${imported.added}`);
  const problems = await commands.saveSettings({ phone: '0535-1234567' });
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  return wb;
}

/** The pane's commands over a fresh installedWorkbook(). */
export async function installedCommands(): Promise<PaneCommands> {
  return paneCommands(await installedWorkbook());
}

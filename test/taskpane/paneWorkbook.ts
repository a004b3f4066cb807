/**
 * The task pane's commands for component tests: the real createCommands over a headless-host workbook (made by the
 * commands themselves, as a secretary would), with every call recorded so that a test can assert what the pane
 * asked for, and a way to make the next call of one command fail (as Excel can).
 */
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { createCommands } from '../../src/workbook/createCommands';
import type { KaopingCommands } from '../../src/workbook/commandTypes';
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';
import type { Round } from '../../src/domain/types';

/** The dimensions of the default category (机关党员), with their points. */
export const DIMENSIONS = DEFAULT_RUBRIC.categories[0].dimensions;

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

export interface Member {
  id: string;
  name: string;
  group: string;
}

/** The four members of the installed test workbook (编号, 姓名, 党小组). */
export const MEMBERS: readonly Member[] = [
  { id: '001', name: '张三', group: '第一党小组' },
  { id: '002', name: '李四', group: '第一党小组' },
  { id: '003', name: '王五', group: '第一党小组' },
  { id: '004', name: '赵六', group: '第二党小组' },
];

/**
 * A workbook installed for 2026 by 机关党支部 with the four MEMBERS imported from the secretary's list (sheet 名单)
 * and the phone for objections set — all through the commands. Calls made here are not recorded.
 */
export async function installedWorkbook(members: readonly Member[] = MEMBERS): Promise<HostWorkbook> {
  const wb = createWorkbook();
  const commands = createCommands((batch) => run(wb, batch));
  await commands.install({ year: 2026, branch: '机关党支部' });
  if (members.length > 0) {
    await writeSheet(wb, '名单', [['编号', '姓名', '党小组', '类别'], ...members.map((m) => [m.id, m.name, m.group, '机关党员'])]);
    const imported = await commands.importRoster('名单');
    if (imported.added !== members.length) throw new Error(`roster import added ${imported.added}`);
  }
  const problems = await commands.saveSettings({ phone: '0535-1234567' });
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  return wb;
}

/** The pane's commands over a fresh installedWorkbook(members). */
export async function installedCommands(members: readonly Member[] = MEMBERS): Promise<PaneCommands> {
  return paneCommands(await installedWorkbook(members));
}

/** Adds a sheet `name` holding `rows` as text (a secretary's own list or summary). Not through the commands. */
export async function writeSheet(workbook: HostWorkbook, name: string, rows: string[][]): Promise<void> {
  const width = Math.max(...rows.map((r) => r.length));
  const full = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  await run(workbook, async (c) => {
    const range = c.workbook.worksheets.add(name).getRangeByIndexes(0, 0, full.length, width);
    range.numberFormat = full.map((r) => r.map(() => '@'));
    range.values = full;
    await c.sync();
  });
}

/**
 * Every member of the roster gets one self, one peer (ballot P1, P2, …) and one mass form (Q01, Q02, …), each with
 * `fraction(i)` of every dimension's points, saved through the commands. The calls are not left in `calls`.
 */
export async function fillAll(
  commands: PaneCommands,
  fraction: (memberIndex: number) => number,
  skip: (round: Round, memberIndex: number) => boolean = () => false,
): Promise<void> {
  const before = commands.calls.length;
  const members = (await commands.getEntryForm('mass', 'Q99')).members;
  for (const [i, m] of members.entries()) {
    const scores = Object.fromEntries(m.dimensions.map((d) => [d.name, Math.round(d.points * 10 * fraction(i)) / 10]));
    const saves: [Round, string][] = [['self', m.id], ['peer', `P${i + 1}`], ['mass', `Q${String(i + 1).padStart(2, '0')}`]];
    for (const [round, evaluator] of saves) {
      if (skip(round, i)) continue;
      const report = await commands.saveForm(round, evaluator, [{ memberId: m.id, scores }]);
      if (report.problems.length > 0) throw new Error(report.problems.map((p) => p.message).join('; '));
    }
  }
  commands.calls.length = before;
}

/** What `evaluator` saved for `memberId` in `round`, as the entry form reads it back (not recorded). */
export async function savedScores(commands: PaneCommands, round: Round, evaluator: string, memberId: string) {
  const before = commands.calls.length;
  const form = await commands.getEntryForm(round, evaluator);
  commands.calls.length = before;
  return form.members.find((m) => m.id === memberId)?.existing;
}

/** A setting's value as the commands read it (not recorded). */
export async function settingValue(commands: PaneCommands, key: string) {
  const before = commands.calls.length;
  const view = await commands.getSettings();
  commands.calls.length = before;
  return view.items.find((i) => i.key === key)?.value;
}

/** Writes one cell as a secretary would type it (`asText`: a cell formatted as text), not through the commands. */
export async function setCell(workbook: HostWorkbook, sheet: string, address: string, value: string | number, asText = false): Promise<void> {
  await run(workbook, async (c) => {
    const range = c.workbook.worksheets.getItem(sheet).getRange(address);
    if (asText) range.numberFormat = [['@']];
    range.values = [[value]];
    await c.sync();
  });
}

/** The A1 address, on an entry sheet, of the cell in `column` of the first row whose first cell is `evaluator`. */
export function entryCell(workbook: HostWorkbook, sheet: string, evaluator: string, column: string): string {
  const cells = workbook.snapshot(sheet).cells;
  const col = cells[0].findIndex((c) => c.value === column);
  const row = cells.findIndex((r) => r[0].value === evaluator);
  if (col < 0 || row < 0) throw new Error(`no ${evaluator} / ${column} on ${sheet}`);
  return `${String.fromCharCode(65 + col)}${row + 1}`;
}

/** Rows with anything in them below the header of `sheet`. */
export function filledRows(workbook: HostWorkbook, sheet: string): number {
  return workbook.snapshot(sheet).cells.slice(1).filter((r) => r.some((c) => c.value !== '' && c.value !== null)).length;
}

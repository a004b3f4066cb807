/** Commands that need the kp_ tables refuse a workbook without any (exit 2, nothing done). */
import { TABLES, type TableKey } from '../domain/contract';
import { run, type HostWorkbook } from '../host';
import { ExpectedError } from './errors';
import { cliText as T } from '../domain/texts/cli';

const KEYS: TableKey[] = ['settings', 'roster', 'self', 'peer', 'mass'];

export async function requireInstalled(wb: HostWorkbook, path: string): Promise<void> {
  // Only whether the tables exist: reading their values here would be a second full read of a large workbook.
  const any = await run(wb, async (c) => {
    const tables = KEYS.map((k) => c.workbook.tables.getItemOrNullObject(TABLES[k]).load('name'));
    await c.sync();
    return tables.some((t) => !t.isNullObject);
  });
  if (!any) throw new ExpectedError(T.notInstalled(path, TABLES.roster));
}

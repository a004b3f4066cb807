/** Commands that need the kp_ tables refuse a workbook without any (exit 2, nothing done). */
import { TABLES, type TableKey } from '../domain/contract';
import { run, type HostWorkbook } from '../host';
import { queueReadTables } from '../workbook/readTables';
import { ExpectedError } from './errors';

export async function requireInstalled(wb: HostWorkbook, path: string): Promise<void> {
  const any = await run(wb, async (c) => {
    const pending = queueReadTables(c, ['settings', 'roster', 'self', 'peer', 'mass']);
    await c.sync();
    const read = pending();
    return (['settings', 'roster', 'self', 'peer', 'mass'] as TableKey[]).some((k) => read[k].exists);
  });
  if (!any) throw new ExpectedError(`${path} 中没有考评表（${TABLES.roster} 等），请先运行 kaoping install。`);
}

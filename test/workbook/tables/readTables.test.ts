import { createWorkbook, run } from '../../../src/host';
import { compute } from '../../../src/workbook/results/compute';
import { BLOCK_CELLS, readTables } from '../../../src/workbook/tables/readTables';
import { fillCase, loadCase, syntheticCase } from '../../support/fillCase';

/** Makes the next sync fail as Excel on the web does when a response is over 5 MB (the queue is dropped). */
function failNextSync(context: Excel.RequestContext): void {
  const ctx = context as unknown as { sync: () => Promise<unknown>; queue: unknown[] };
  const original = ctx.sync.bind(ctx);
  ctx.sync = async () => {
    ctx.sync = original;
    ctx.queue.splice(0);
    throw Object.assign(new Error('The response payload size has exceeded the limit.'), { code: 'ResponsePayloadSizeLimitExceeded' });
  };
}

describe('readTables', () => {
  it('reads everything in one sync', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    wb.resetStats();
    const read = await run(wb, async (c) => (await readTables(c)).read);
    expect(wb.stats.syncs).toBe(1);
    expect(read.peer.rows).toHaveLength(18);
    expect(read.peer.firstRow).toBe(2);
  });

  it('falls back to row blocks when the response is over the web limit, with the same result', async () => {
    const wb = await fillCase(syntheticCase(Math.ceil((BLOCK_CELLS * 1.5) / 12 / 9) + 10), createWorkbook());
    const plain = await run(wb, async (c) => (await readTables(c)).read);
    const chunked = await run(wb, async (c) => {
      failNextSync(c);
      const sheets = c.workbook.worksheets;
      const { read, extra } = await readTables(c, undefined, () => {
        sheets.load('items/name');
        return 'again';
      });
      expect(extra).toBe('again');
      expect(sheets.items.length).toBeGreaterThan(5);
      return read;
    });
    for (const key of ['settings', 'roster', 'self', 'peer', 'mass', 'results', 'state'] as const) {
      expect([key, chunked[key].headers, chunked[key].firstRow, chunked[key].bodyRows]).toEqual([key, plain[key].headers, plain[key].firstRow, plain[key].bodyRows]);
      expect(chunked[key].rows).toEqual(plain[key].rows);
    }
    expect(plain.peer.rows.length * 12).toBeGreaterThan(BLOCK_CELLS);
  }, 60000);

  it('lets a command finish after the fallback', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    const report = await run(wb, async (c) => {
      failNextSync(c);
      return compute(c);
    });
    expect(report.postingAllowed).toBe(true);
  });
});

describe('readTables on an Excel that refuses calls on null objects', () => {
  it('lists the tables and reads the existing ones instead', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('加分项').delete();
      await c.sync();
    });
    const plain = await run(wb, async (c) => (await readTables(c)).read);
    const read = await run(wb, async (c) => {
      const ctx = c as unknown as { sync: () => Promise<unknown>; queue: unknown[] };
      const original = ctx.sync.bind(ctx);
      ctx.sync = async () => {
        ctx.sync = original;
        ctx.queue.splice(0);
        throw Object.assign(new Error('The object is a null object.'), { code: 'InvalidOperation' });
      };
      return (await readTables(c)).read;
    });
    expect(read.bonus.exists).toBe(false);
    expect(read.peer.rows).toEqual(plain.peer.rows);
    expect(read.roster.sheet).toBe('党员名册');
  });
});

/**
 * Filters and table growth as Excel needs them: a filtered table's filter is cleared in a sync of its own and
 * checked (autoFilter.isDataFiltered) before anything is written (one more sync, only when a filter was on; a
 * filter that stays is refused naming the sheet, nothing written); rows saved below a table grow it explicitly
 * (Table.resize or rows.add), never by auto-expansion; a read whose values come back null is a failure.
 */
import { run, type HostWorkbook } from '../../../src/host';
import { RangeProxy } from '../../../src/host/api/rangeProxy';
import { TableProxy } from '../../../src/host/api/tableProxy';
import { saveForm } from '../../../src/workbook/entry/forms';
import { readTables } from '../../../src/workbook/tables/readTables';
import { saveMemberReview } from '../../../src/workbook/entry/review';
import { fillCase, loadCase } from '../../support/fillCase';

const FULL = { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 };

async function smallBranch(): Promise<HostWorkbook> {
  return fillCase(loadCase('small-branch').input);
}

async function filterPeer(wb: HostWorkbook): Promise<void> {
  await run(wb, async (c) => {
    c.workbook.tables.getItem('kp_Peer').columns.getItem('评价人').filter.applyValuesFilter(['001']);
    await c.sync();
  });
}

/** Runs a batch recording the labels of the operations each sync sent. */
async function recorded<T>(wb: HostWorkbook, batch: (c: Excel.RequestContext) => Promise<T>): Promise<{ result: T; syncs: string[][] }> {
  const syncs: string[][] = [];
  const result = await run(wb, (c) => {
    const ctx = c as unknown as { sync: () => Promise<unknown>; queue: { label: string }[] };
    const original = ctx.sync.bind(ctx);
    ctx.sync = () => {
      syncs.push(ctx.queue.map((o) => o.label));
      return original();
    };
    return batch(c);
  });
  return { result, syncs };
}

const writes = (labels: string[]) => labels.filter((l) => /^Range\.(values|formulas|numberFormat)$|^TableRowCollection\.add|^Table\.resize/.test(l));

describe('saving into a filtered table', () => {
  it('clears the filter in a sync of its own, checks isDataFiltered, then writes (one more sync than unfiltered)', async () => {
    const plain = await smallBranch();
    const unfiltered = await recorded(plain, (c) => saveForm(c, 'peer', 'Q99', [{ memberId: '002', scores: FULL }]));
    const wb = await smallBranch();
    await filterPeer(wb);
    const { result, syncs } = await recorded(wb, (c) => saveForm(c, 'peer', 'Q99', [{ memberId: '002', scores: FULL }]));
    expect(syncs.length).toBe(unfiltered.syncs.length + 1);
    const clearAt = syncs.findIndex((s) => s.includes('Table.clearFilters'));
    expect(clearAt).toBeGreaterThanOrEqual(0);
    // Nothing is written in the sync that clears the filter, and its check is read there.
    expect(writes(syncs[clearAt])).toEqual([]);
    expect(syncs[clearAt]).toContain('AutoFilter.load');
    // The rows are written in a later sync.
    expect(syncs.slice(clearAt + 1).some((s) => writes(s).length > 0)).toBe(true);
    expect(result.added).toBe(1);
    expect(result.notes).toEqual(['已清除工作表“党员互评”中表格的筛选，以便添加新行。']);
  });

  it('a filter that stays after clearFilters is refused naming the sheet, and nothing is written', async () => {
    const wb = await smallBranch();
    await filterPeer(wb);
    const before = wb.snapshot('党员互评');
    const clear = jest.spyOn(TableProxy.prototype, 'clearFilters').mockImplementation(() => undefined);
    try {
      await expect(run(wb, (c) => saveForm(c, 'peer', 'Q99', [{ memberId: '002', scores: FULL }]))).rejects.toThrow('工作表“党员互评”中表格的筛选没能清除，考评没有写入任何内容');
    } finally {
      clear.mockRestore();
    }
    expect(wb.snapshot('党员互评')).toEqual(before);
  });
});

describe('growing a table', () => {
  it('a save of several rows into the blank rows below grows the table explicitly (auto-expansion off)', async () => {
    const wb = await smallBranch();
    // As Excel when its conditions for auto-expansion are not met: writing below the table does not grow it.
    wb.tableAutoExpand = false;
    const before = await run(wb, async (c) => (await readTables(c, ['peer'])).read.peer);
    expect(before.blankBelow ?? 0).toBeGreaterThan(30);
    const rows = ['001', '002', '003', '004'].map((memberId) => ({ memberId, scores: FULL }));
    const report = await run(wb, (c) => saveForm(c, 'peer', 'Q77', rows));
    expect(report.added).toBe(4);
    const after = await run(wb, async (c) => (await readTables(c, ['peer'])).read.peer);
    expect(after.bodyRows).toBe(before.bodyRows + 4);
    expect(after.outsideFrom).toBeUndefined();
    expect(after.rows.filter((r) => r[0] === 'Q77').map((r) => r[1])).toEqual(['001', '002', '003', '004']);
  });

  it('支部审定 rows saved below the tables grow them too', async () => {
    const wb = await smallBranch();
    wb.tableAutoExpand = false;
    const before = await run(wb, async (c) => (await readTables(c, ['bonus'])).read.bonus);
    await run(wb, (c) => saveMemberReview(c, '001', { bonus: [{ item: '抗洪', basis: '表彰', points: 2 }, { item: '献血', basis: '证书', points: 1 }], review: { veto: false, reason: '', opinion: '' } }));
    const after = await run(wb, async (c) => (await readTables(c, ['bonus'])).read.bonus);
    expect(after.outsideFrom).toBeUndefined();
    expect(after.rows.filter((r) => r.includes('抗洪') || r.includes('献血'))).toHaveLength(2);
    expect(after.bodyRows).toBeGreaterThanOrEqual(before.bodyRows);
  });
});

describe('a read that returns null', () => {
  it('is a failure naming the sheet, not an empty table', async () => {
    const wb = await smallBranch();
    const desc = Object.getOwnPropertyDescriptor(RangeProxy.prototype, 'values') as PropertyDescriptor;
    Object.defineProperty(RangeProxy.prototype, 'values', { ...desc, get: () => null });
    try {
      await expect(run(wb, (c) => readTables(c, ['peer']))).rejects.toThrow(/读取工作表“党员互评”时 Excel 没有返回单元格内容/);
    } finally {
      Object.defineProperty(RangeProxy.prototype, 'values', desc);
    }
  });
});

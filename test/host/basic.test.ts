import { createWorkbook, run } from '../../src/host';

test('values, table growth with a calculated structured SUM column, counters', async () => {
  const wb = createWorkbook();
  const out = await run(wb, async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Sheet1');
    const r = ws.getRange('A1:C3');
    r.values = [['a', 'b', 'c'], [1, 2, '=A2+B2'], [3, '4', null]];
    const t = ws.tables.add('A1:C3', true);
    t.name = 'kp_X';
    t.rows.add(undefined, [[5, 6, '=SUM(kp_X[@[a]:[b]])']]);
    r.load('values, address, valueTypes');
    const body = t.getDataBodyRange();
    body.load('address, values');
    await ctx.sync();
    return { v: r.values, a: r.address, body: body.values, ba: body.address, vt: r.valueTypes };
  });
  expect(out.a).toBe('Sheet1!A1:C3');
  expect(out.v).toEqual([['a', 'b', 'c'], [1, 2, 3], [3, 4, '']]);
  expect(out.ba).toBe('Sheet1!A2:C4');
  expect(out.body).toEqual([[1, 2, 3], [3, 4, ''], [5, 6, 11]]);
  expect(out.vt[1]).toEqual(['Double', 'Double', 'Double']);
  expect(wb.stats.syncs).toBe(1);
  expect(wb.stats.operations).toBe(9);
});

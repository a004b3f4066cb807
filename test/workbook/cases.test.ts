import { createWorkbook, loadXlsx, run, saveXlsx } from '../../src/host';
import { toJsonOutput } from '../../src/domain';
import { compute } from '../../src/workbook/results/compute';
import { col, queueReadTables } from '../../src/workbook/tables/readTables';
import { fillCase, loadCase } from '../support/fillCase';

const CASES = ['small-branch', 'small-branch-traps', 'small-categories'];

describe.each(CASES)('case %s', (name) => {
  it('computes exactly the expected members, and the saved kp_Results holds the same finals', async () => {
    const { input, expected } = loadCase(name);
    const wb = await fillCase(input, createWorkbook());
    wb.resetStats();
    const report = await run(wb, (c) => compute(c));
    expect(wb.stats.syncs).toBeLessThanOrEqual(3);
    const json = toJsonOutput(report.evaluation);
    for (const e of expected.members) {
      const m = json.members.find((x) => x.id === e.id);
      expect(m).toBeDefined();
      for (const [k, v] of Object.entries(e)) {
        if (k === 'status_any') expect(v as string[]).toContain(m!.status);
        else if (typeof v === 'number') expect((m as unknown as Record<string, number>)[k]).toBeCloseTo(v, 6);
        else expect([k, (m as unknown as Record<string, unknown>)[k]]).toEqual([k, v]);
      }
    }
    const wb2 = await loadXlsx(await saveXlsx(wb));
    const finals = await run(wb2, async (c) => {
      const pending = queueReadTables(c, ['results']);
      await c.sync();
      const t = pending().results;
      const ci = col(t, '党员编号');
      const cf = col(t, '最终得分');
      return new Map(t.rows.map((r) => [String(r[ci]), r[cf]]));
    });
    for (const m of json.members) expect([m.id, finals.get(m.id)]).toEqual([m.id, m.final === null ? '' : m.final]);
  });
});

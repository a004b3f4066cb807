import { readFileSync } from 'node:fs';
import { loadXlsx, run, saveXlsx } from '../../src/host';
import { importRoster, previewRosterImport } from '../../src/workbook/setup/rosterImport';
import { install } from '../../src/workbook/setup/install';
import { newYear } from '../../src/workbook/year/newYear';
import { queueReadTables } from '../../src/workbook/tables/readTables';
import { HANDMADE_XLSX } from '../support/paths';

const HANDMADE = HANDMADE_XLSX;
const SHEET = '2025年度考评汇总';
const expected = JSON.parse(readFileSync(HANDMADE.replace('.xlsx', '.expected.json'), 'utf8')).members as { name: string; group: string; category: string }[];

async function handmade() {
  return loadXlsx(readFileSync(HANDMADE));
}

describe('the hand-made summary workbook', () => {
  it('install leaves the secretary’s sheet exactly as it was (values, formulas, merges, formats), also after save', async () => {
    const wb = await handmade();
    const before = JSON.stringify(wb.snapshot(SHEET));
    await run(wb, (c) => install(c, { year: 2026 }));
    expect(JSON.stringify(wb.snapshot(SHEET))).toBe(before);
    const reloaded = await loadXlsx(await saveXlsx(wb));
    const a = wb.snapshot(SHEET);
    const b = reloaded.snapshot(SHEET);
    expect(b.cells.map((r) => r.map((c) => [c.value, c.formula]))).toEqual(a.cells.map((r) => r.map((c) => [c.value, c.formula])));
    expect(b.merges).toEqual(a.merges);
  });

  it('imports its members from a sheet of the same workbook: groups from heading rows, padded names, totals skipped', async () => {
    const wb = await handmade();
    await run(wb, (c) => install(c, { year: 2026 }));
    const preview = await run(wb, (c) => previewRosterImport(c, SHEET));
    expect(preview.headerRow).toBe(3);
    expect(preview.members.map(({ name, group, category }) => ({ name, group, category }))).toEqual(expected);
    expect(preview.skipped.find((s) => s.row === 20)?.reason).toBe('合计行');
    // The unknown category 离退休党员 is said before anything is scored.
    const report = await run(wb, (c) => importRoster(c, SHEET));
    expect(report.problems.some((p) => p.code === 'roster_unknown_category' && p.message.includes('离退休党员'))).toBe(true);
    expect([report.added, report.updated, report.unchanged]).toEqual([12, 0, 0]);
    const roster = await run(wb, async (c) => {
      const p = queueReadTables(c, ['roster']);
      await c.sync();
      return p().roster;
    });
    expect(roster.rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual(expected.map((m, i) => [String(i + 1).padStart(3, '0'), m.name, m.group, m.category]));
    // A second import adds nobody and drops nobody.
    const again = await run(wb, (c) => importRoster(c, SHEET));
    expect([again.added, again.unchanged]).toEqual([0, 12]);
  });

  it('new year on it installs the tables and takes the roster, within 4 syncs', async () => {
    const wb = await handmade();
    wb.resetStats();
    const report = await run(wb, (c) => newYear(c, 2026));
    expect(wb.stats.syncs).toBeLessThanOrEqual(4);
    expect(report.archivedSheet).toBeNull();
    const roster = await run(wb, async (c) => {
      const p = queueReadTables(c, ['roster', 'settings']);
      await c.sync();
      return p();
    });
    expect(roster.roster.rows.map((r) => r[1])).toEqual(expected.map((m) => m.name));
    expect(roster.settings.rows.find((r) => r[0] === '年度')?.[1]).toBe(2026);
  });
});

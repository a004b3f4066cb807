/**
 * installFromScheme (开始 → 按上级方案安装 and init --template): a workbook installed from the committee's scheme,
 * refused over a workbook installed otherwise, and after a run that stopped at any sync, 修复 (install) either
 * completes it or leaves a workbook whose 设置 names what differs from the remembered scheme — never silently.
 */
import { createWorkbook, run, type HostWorkbook } from '../../../src/host';
import { DEFAULT_RUBRIC, type Rubric } from '../../../src/domain/rubric';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain/settings';
import { installFromScheme } from '../../../src/workbook/scheme/install';
import { install } from '../../../src/workbook/setup/install';
import { getSettings } from '../../../src/workbook/setup/settings';
import { getStatus } from '../../../src/workbook/setup/status';
import { queueReadTables, ALL_KEYS } from '../../../src/workbook/tables/readTables';

const cat = DEFAULT_RUBRIC.categories[0];
const rubric: Rubric = { categories: [{ ...cat, dimensions: cat.dimensions.map((d, i) => (i === 0 ? { ...d, points: 15 } : i === 4 ? { ...d, points: 9 } : d)) }] } as Rubric;
const src: { settings: Settings; rubric: Rubric } = { settings: { ...DEFAULT_SETTINGS, year: 2026, weights: { ...DEFAULT_SETTINGS.weights, peer: 2 }, branch: '机关党委', phone: '1' }, rubric };

async function tables(wb: HostWorkbook): Promise<string> {
  return run(wb, async (c) => {
    const p = queueReadTables(c, ALL_KEYS);
    await c.sync();
    const read = p();
    return JSON.stringify(ALL_KEYS.map((k) => [k, read[k].exists, read[k].headers, read[k].rows]));
  });
}

test('installed from the scheme: its settings and rubric, the branch name, the scheme remembered', async () => {
  const wb = createWorkbook();
  const r = await run(wb, (c) => installFromScheme(c, src, { branch: '第三党支部' }));
  expect(r.refused).toBeNull();
  const s = await run(wb, (c) => getSettings(c));
  expect(s.items.find((i) => i.key === 'branch')?.value).toBe('第三党支部');
  expect(s.items.find((i) => i.key === 'phone')?.value).toBe('');
  expect(s.items.find((i) => i.key === 'weights.peer')?.value).toBe(2);
  expect(s.rubric[0].dimensions[0].points).toBe(15);
  expect(s.scheme).toEqual({ fingerprint: r.fingerprint, differs: [] });
  const status = await run(wb, (c) => getStatus(c));
  expect(status).toMatchObject({ installed: true, year: 2026, scheme: { fingerprint: r.fingerprint } });
  // Run again: nothing changes.
  const before = await tables(wb);
  expect((await run(wb, (c) => installFromScheme(c, src, { branch: '第三党支部' }))).refused).toBeNull();
  expect(await tables(wb)).toBe(before);
});

test('refused: another year, or a workbook installed without this scheme (nothing written)', async () => {
  const wb = createWorkbook();
  expect((await run(wb, (c) => installFromScheme(c, src, { branch: '', year: 2027 }))).refused).toBe('统一方案是 2026 年度的，与所填年度 2027 不一致。');
  expect(wb.sheetNames()).toEqual(['Sheet1']);
  await run(wb, (c) => install(c, { year: 2026 }));
  const before = await tables(wb);
  const r = await run(wb, (c) => installFromScheme(c, src, { branch: '' }));
  expect(r.refused).toMatch(/按上级方案应用/);
  expect(await tables(wb)).toBe(before);
});

test('stopped at any sync, then 修复: completed, or 设置 names what differs from the remembered scheme', async () => {
  const clean = createWorkbook();
  clean.resetStats();
  await run(clean, (c) => installFromScheme(c, src, { branch: '第三党支部' }));
  const syncs = clean.stats.syncs;
  const cleanTables = await tables(clean);
  for (let k = 1; k <= syncs; k++) {
    for (const applied of [0, 1, 5]) {
      const wb = createWorkbook();
      wb.failSync(k, applied);
      await run(wb, (c) => installFromScheme(c, src, { branch: '第三党支部' })).catch(() => undefined);
      await run(wb, (c) => install(c, { year: 2026, branch: '第三党支部' }));
      const s = await run(wb, (c) => getSettings(c));
      const where = `sync ${k} of ${syncs}, ${applied} applied`;
      if ((await tables(wb)) === cleanTables) expect([where, s.scheme?.differs]).toEqual([where, []]);
      // Not the scheme's workbook: either the scheme was never remembered, or 设置 says what differs.
      else expect([where, s.scheme === null || s.scheme === undefined || (s.scheme.differs.length > 0)]).toEqual([where, true]);
    }
  }
});

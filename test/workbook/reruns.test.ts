/**
 * Re-runs (issue 11): install, compute, the posting sheet and new year run twice give the same workbook as run
 * once — the saved packages compared part by part (every XML part's text), timestamps aside. Written against
 * saveXlsx only, so it holds for whichever .xlsx writer the host uses.
 */
import { createWorkbook, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { compute } from '../../src/workbook/results/compute';
import { install } from '../../src/workbook/setup/install';
import { newYear } from '../../src/workbook/year/newYear';
import { makePostingSheet } from '../../src/workbook/results/postingPack';
import { fillCase, loadCase } from '../support/fillCase';
import { diffParts, packageParts } from '../support/packageParts';

const NOW = () => new Date('2026-11-24T06:05:00Z');
type Command = (c: Excel.RequestContext) => Promise<unknown>;

async function filled(): Promise<HostWorkbook> {
  return fillCase(loadCase('small-branch').input);
}
async function computed(): Promise<HostWorkbook> {
  const wb = await filled();
  await run(wb, (c) => compute(c, NOW));
  return wb;
}
async function posted(): Promise<HostWorkbook> {
  const wb = await computed();
  await run(wb, (c) => makePostingSheet(c, { order: 'rank' }, NOW));
  return wb;
}

const CASES: [string, () => Promise<HostWorkbook>, Command][] = [
  ['install (new workbook)', async () => createWorkbook(), (c) => install(c, { year: 2026, branch: '测试党支部' })],
  ['install (installed and filled)', filled, (c) => install(c)],
  ['compute', filled, (c) => compute(c, NOW)],
  ['compute (computed before)', computed, (c) => compute(c, NOW)],
  ['posting sheet', computed, (c) => makePostingSheet(c, { order: 'rank', phone: '0535-1234567' }, NOW)],
  ['posting sheet (made before)', posted, (c) => makePostingSheet(c, { order: 'roster' }, NOW)],
  ['new year', posted, (c) => newYear(c, 2027)],
];

describe.each(CASES)('run twice = run once: %s', (_name, setup, command) => {
  it('the saved packages are the same part by part', async () => {
    const once = await setup();
    await run(once, command);
    const twice = await setup();
    await run(twice, command);
    await run(twice, command);
    const a = await packageParts(await saveXlsx(once));
    const b = await packageParts(await saveXlsx(twice));
    expect(a.size).toBeGreaterThan(10);
    expect(diffParts(a, b)).toEqual([]);
  });
});

describe('the comparison can fail', () => {
  it('a workbook changed in one cell differs in exactly the part of that sheet (and shared strings)', async () => {
    const a = await computed();
    const b = await computed();
    await run(b, async (c) => {
      c.workbook.worksheets.getItem('党员名册').getRange('F2').values = [['备注']];
      await c.sync();
    });
    const diff = diffParts(await packageParts(await saveXlsx(a)), await packageParts(await saveXlsx(b)));
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.every((d) => /^xl\/(worksheets\/sheet\d+\.xml|sharedStrings\.xml)/.test(d))).toBe(true);
  });
});

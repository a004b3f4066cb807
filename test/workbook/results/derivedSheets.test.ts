/**
 * The wall and the results never disagree silently: every derived sheet (the posting pack, the score sheets)
 * records the fingerprint of what it was made from; after a change check lists it (`stale_sheet`, a warning
 * naming the sheet), marks it on the sheet itself (【已过期】 title in red, the reason in every page's header),
 * the status names it, and 公示 refuses while the results are not current. Through the host; the command line's
 * `check --json` as well.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, saveXlsx, type HostWorkbook } from '../../../src/host';
import { check } from '../../../src/workbook/results/check';
import { compute } from '../../../src/workbook/results/compute';
import { makePostingSheet } from '../../../src/workbook/results/postingPack';
import { newYear } from '../../../src/workbook/year/newYear';
import { makeScoreSheets } from '../../../src/workbook/results/scoreSheet';
import { saveSettings } from '../../../src/workbook/setup/settings';
import { getStatus } from '../../../src/workbook/setup/status';
import { cli } from '../../support/cli';
import { vetoYear } from '../../support/yearCases';

const POSTING = '考评结果公示';
const RUBRIC = '考评细则公示';
const PLANS = '工作计划公示';
const SCORES = '个人考评明细';

function a1(wb: HostWorkbook, sheet: string): string {
  return String(wb.snapshot(sheet).cells[0][0].value ?? '');
}
function finals(wb: HostWorkbook, sheet: string): string[] {
  return wb.snapshot(sheet).cells.flat().map((c) => String(c.value ?? ''));
}
async function staleWarnings(wb: HostWorkbook) {
  const r = await run(wb, (c) => check(c));
  return r.problems.filter((p) => p.code === 'stale_sheet');
}

describe('derived sheets out of date', () => {
  let wb: HostWorkbook;
  beforeEach(async () => {
    ({ wb } = await vetoYear());
    await run(wb, (c) => compute(c));
    expect((await run(wb, (c) => makePostingSheet(c, { order: 'rank' }))).created).toBe(true);
    expect((await run(wb, (c) => makeScoreSheets(c, { members: ['002'] }))).created).toBe(true);
  });

  it('made from current results: nothing is out of date, nothing marked', async () => {
    expect(await staleWarnings(wb)).toEqual([]);
    expect(a1(wb, POSTING)).not.toContain('已过期');
    expect((await run(wb, (c) => getStatus(c))).staleSheets).toEqual([]);
  });

  it('settings changed after posting: check lists the out-of-date sheets, marks them, and 公示 refuses until computed again', async () => {
    const before = finals(wb, POSTING);
    expect((await run(wb, (c) => saveSettings(c, { 'weights.peer': 3 }))).filter((p) => p.severity === 'error')).toEqual([]);
    // The pane says which sheets are out of date before anything is run.
    const status = await run(wb, (c) => getStatus(c));
    expect(status.resultsStale).toBe(true);
    expect(status.staleSheets!.map((s) => s.sheet).sort()).toEqual([POSTING, RUBRIC, PLANS, SCORES].sort());
    const warnings = await staleWarnings(wb);
    expect(warnings.map((p) => [p.sheet, p.severity, p.cell]).sort()).toEqual([POSTING, RUBRIC, PLANS, SCORES].sort().map((s) => [s, 'warning', 'A1']));
    expect(warnings.find((p) => p.sheet === POSTING)!.message).toContain('工作表“考评结果公示”已过期');
    // The printed sheet says so: the title cell in red, and every page's header.
    for (const s of [POSTING, SCORES]) {
      expect(a1(wb, s)).toMatch(/^【已过期】/);
      expect(wb.snapshot(s).cells[0][0].fontColor).toBe('#C00000');
      expect(wb.snapshot(s).tabColor).toBe('#C00000');
    }
    const header = await run(wb, async (c) => {
      const hf = c.workbook.worksheets.getItem(POSTING).pageLayout.headersFooters.defaultForAllPages;
      hf.load('centerHeader');
      await c.sync();
      return hf.centerHeader;
    });
    expect(header).toContain('已过期，请勿打印张贴');
    // 公示 refuses while the results are stale: nothing rewritten.
    const refused = await run(wb, (c) => makePostingSheet(c, { order: 'rank' }));
    expect(refused.created).toBe(false);
    expect(refused.resultsStale).toBe(true);
    expect(refused.blockedReasons[0]).toContain('考评结果不是最新的');
    expect(finals(wb, POSTING).slice(1)).toEqual(before.slice(1));
    // Computed again, then posted: current, unmarked; the old score sheet stays marked until made again.
    await run(wb, (c) => compute(c));
    expect((await run(wb, (c) => makePostingSheet(c, { order: 'rank' }))).created).toBe(true);
    expect(a1(wb, POSTING)).not.toContain('已过期');
    expect((await staleWarnings(wb)).map((p) => p.sheet)).toEqual([SCORES]);
    await run(wb, (c) => makeScoreSheets(c, { members: ['002'] }));
    expect(await staleWarnings(wb)).toEqual([]);
    expect(a1(wb, SCORES)).not.toContain('已过期');
  });

  it('a score sheet made while the results are stale is not current, and compute marks a posting made from older inputs', async () => {
    await run(wb, (c) => saveSettings(c, { bonusCap: 0.5 }));
    await run(wb, (c) => makeScoreSheets(c, { members: ['002'] }));
    // Made from the current inputs, but 考评结果 still shows the old ones: out of date (results not current).
    expect((await run(wb, (c) => getStatus(c))).staleSheets!.find((s) => s.sheet === SCORES)!.why).toContain('考评结果不是最新的');
    await run(wb, (c) => compute(c));
    // After compute the score sheet agrees with the results; the posting (older inputs) is marked by compute itself.
    const status = await run(wb, (c) => getStatus(c));
    expect(status.staleSheets!.map((s) => s.sheet)).not.toContain(SCORES);
    expect(status.staleSheets!.map((s) => s.sheet)).toContain(POSTING);
    expect(a1(wb, POSTING)).toMatch(/^【已过期】/);
  });

  it('a score sheet is not carried into the next year as current: after new year check marks it', async () => {
    await run(wb, (c) => newYear(c, 2027));
    const warnings = await staleWarnings(wb);
    expect(warnings.map((p) => p.sheet)).toEqual([SCORES]);
    expect(warnings[0].message).toContain('2026 年度');
    expect(a1(wb, SCORES)).toMatch(/^【已过期】/);
  });

  it('kaoping check --json: each out-of-date derived sheet is a stale_sheet warning naming it', async () => {
    await run(wb, (c) => saveSettings(c, { 'weights.peer': 3 }));
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-stale-'));
    try {
      const file = join(dir, 'stale.xlsx');
      writeFileSync(file, await saveXlsx(wb));
      const out = JSON.parse((await cli('check', file, '--json')).out) as { problems: { code: string; sheet: string; severity: string }[] };
      const stale = out.problems.filter((p) => p.code === 'stale_sheet');
      expect(stale.map((p) => p.sheet).sort()).toEqual([POSTING, RUBRIC, PLANS, SCORES].sort());
      expect(stale.every((p) => p.severity === 'warning')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

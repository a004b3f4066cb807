/**
 * Excel on the web refuses a request or a response over 5 MB. At 2,000 members, with one bad score on each of
 * 10,000 forms (scattered over the dimension columns), every command keeps both under 4 MB per sync, as the
 * host measures them (JSON of the queued operations, JSON of the values loaded); the host refuses anything over
 * 4 MB here, so a command that did not split would fail.
 */
import type { RawCell } from '../../src/domain/types';
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { check } from '../../src/workbook/results/check';
import { compute } from '../../src/workbook/results/compute';
import { getEntryForm, getProgress, saveForm } from '../../src/workbook/entry/forms';
import { install } from '../../src/workbook/setup/install';
import { newYear } from '../../src/workbook/year/newYear';
import { undoNewYear } from '../../src/workbook/year/newYearUndo';
import { makePostingSheet } from '../../src/workbook/results/postingPack';
import { printBallot } from '../../src/workbook/ballots/paperBallot';
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';
import { saveRubric } from '../../src/workbook/setup/rubric';
import { saveSettings } from '../../src/workbook/setup/settings';
import { getStatus } from '../../src/workbook/setup/status';
import { fillCase, syntheticCase } from '../support/fillCase';

const LIMIT = 4 * 1024 * 1024;

/** 2,000 members; the first 10,000 forms (self, mass, then peer) get one score over its points, column by row. */
function heavyCase() {
  const c = syntheticCase(2000);
  let k = 0;
  const spoil = (rows: RawCell[][], keys: number) => {
    for (const r of rows) {
      if (k >= 10000) return;
      r[keys + (k % 8)] = 99;
      k++;
    }
  };
  spoil(c.self, 2);
  spoil(c.mass, 3);
  spoil(c.peer, 3);
  return c;
}

async function measure(wb: HostWorkbook, f: Parameters<typeof run>[1]): Promise<{ request: number; response: number; syncs: number }> {
  wb.resetStats();
  await run(wb, f);
  return { request: Math.max(...wb.stats.bytesPerSync), response: Math.max(...wb.stats.responseBytesPerSync), syncs: wb.stats.syncs };
}

describe('payload limits at 2,000 members', () => {
  it('no request or response over 4 MB in any command, with 10,000 problem cells to highlight', async () => {
    const wb = await fillCase(heavyCase(), createWorkbook());
    wb.payloadLimit = LIMIT;
    const rows = Array.from({ length: 9 }, (_, j) => ({ memberId: String(j + 2).padStart(4, '0'), scores: { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 } }));
    const sizes: Record<string, { request: number; response: number; syncs: number }> = {};
    sizes.install = await measure(wb, (c) => install(c));
    sizes.check = await measure(wb, async (c) => {
      const r = await check(c);
      expect(r.counts.error).toBeGreaterThanOrEqual(10000);
    });
    sizes.checkAgain = await measure(wb, (c) => check(c));
    sizes.compute = await measure(wb, (c) => compute(c));
    sizes.posting = await measure(wb, (c) => makePostingSheet(c, { order: 'rank' }));
    sizes.saveForm = await measure(wb, (c) => saveForm(c, 'peer', '0001', rows));
    sizes.status = await measure(wb, (c) => getStatus(c));
    sizes.entryForm = await measure(wb, (c) => getEntryForm(c, 'mass', 'Q09'));
    sizes.progress = await measure(wb, (c) => getProgress(c, 'peer'));
    sizes.massBallot = await measure(wb, (c) => printBallot(c, 'mass', 'Q09'));
    sizes.saveMassForm = await measure(wb, async (c) => {
      const form = await getEntryForm(c, 'mass', 'Q09');
      await saveForm(c, 'mass', 'Q09', form.members.map((m) => ({ memberId: m.id, scores: rows[0].scores })));
    });
    sizes.settings = await measure(wb, (c) => saveSettings(c, { phone: '0535-1234567' }));
    sizes.rubric = await measure(wb, (c) => saveRubric(c, DEFAULT_RUBRIC));
    sizes.newYear = await measure(wb, (c) => newYear(c, 2027));
    sizes.undoNewYear = await measure(wb, async (c) => expect((await undoNewYear(c)).restored).toBe(true));
    console.log('payload (bytes)', JSON.stringify(sizes));
    for (const [name, s] of Object.entries(sizes)) {
      expect([name, s.request <= LIMIT, s.response <= LIMIT]).toEqual([name, true, true]);
    }
    // The highlights were sent in more than one request (10,000 ranges, 5,000 a sync).
    expect(sizes.checkAgain.syncs).toBeGreaterThan(2);
  }, 300000);
});

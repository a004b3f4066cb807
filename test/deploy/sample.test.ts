/**
 * 示例工作簿: made with the add-in's own commands over the headless host (no binary file in the repository).
 * It must be a real, clean year: installed, 8 members imported from the hand-made list, every form entered,
 * results computed with nobody incomplete or invalid, one member under the eligible line, and the check clean.
 */
import { run, saveXlsx, loadXlsx } from '../../src/host';
import { createCommands } from '../../src/workbook/createCommands';
import {
  SAMPLE_BRANCH,
  SAMPLE_MASS_BALLOTS,
  SAMPLE_MEMBERS,
  SAMPLE_SOURCE_SHEET,
  SAMPLE_YEAR,
  makeSampleWorkbook,
  sampleScore,
} from '../../src/preview/sample';
import { fileNameFor } from '../../src/preview/downloadName';
import type { WorkbookStatus } from '../../src/workbook/commandTypes';

jest.setTimeout(120000);

describe('the sample workbook', () => {
  it('is a whole computed year of a made-up branch, built by the commands', async () => {
    const { workbook, report } = await makeSampleWorkbook();
    const commands = createCommands((batch) => run(workbook, batch));
    const status = await commands.getStatus();
    expect(status.installed).toBe(true);
    expect(status.year).toBe(SAMPLE_YEAR);
    expect(status.branch).toBe(SAMPLE_BRANCH);
    expect(status.members).toBe(SAMPLE_MEMBERS.length);
    expect(status.sheets[0]).toBe(SAMPLE_SOURCE_SHEET);
    expect(status.resultsStale).toBe(false);
    expect(report.summary.members).toBe(8);
    expect(report.summary.incomplete).toBe(0);
    expect(report.summary.invalid).toBe(0);
    expect(report.postingAllowed).toBe(true);
    // 杨明 (006) loses a quarter of every dimension: under 90, everyone else at or above.
    expect(report.summary.belowEligible).toBe(1);
    expect(report.summary.eligible).toBe(7);
    const check = await commands.check();
    expect(check.counts.error).toBe(0);
    expect(fileNameFor(status, '示例.xlsx')).toBe('考评2026-结果.xlsx');

    // Every round is there: 8 self forms, 8 peer evaluators each scoring the 3 others of their group, 3 ballots.
    const peer = await commands.getProgress('peer');
    expect(peer.evaluators.filter((e) => e.scored.length === 3)).toHaveLength(8);
    const mass = await commands.getProgress('mass');
    expect(mass.evaluators.map((e) => e.evaluator).sort()).toEqual(SAMPLE_MASS_BALLOTS);

    // A self score as typed: 001's 理想信念 (10 points) in the self round.
    const self = await commands.getEntryForm('self', '001');
    expect(self.members[0].existing['理想信念']).toBe(sampleScore('001', 0, 10, 'self', 0));

    // It survives the writer: saved and read back, the results are the same (the table's cells, and computing
    // again from the file read back gives the same evaluation).
    const resultsOf = (wb: typeof workbook) => run(wb, async (context) => {
      const range = context.workbook.tables.getItem('kp_Results').getRange();
      range.load('values');
      await context.sync();
      return range.values;
    });
    const again = await loadXlsx(await saveXlsx(workbook));
    const before = await resultsOf(workbook);
    expect(before).toHaveLength(SAMPLE_MEMBERS.length + 1);
    expect(await resultsOf(again)).toEqual(before);
    const recomputed = await createCommands((batch) => run(again, batch)).compute();
    expect(recomputed.evaluation.members).toEqual(report.evaluation.members);
  });
});

describe('the download file name', () => {
  const status = (over: Partial<WorkbookStatus>): WorkbookStatus => ({
    installed: true,
    missingTables: [],
    year: 2026,
    branch: '某党支部',
    members: 0,
    forms: { self: 0, peer: 0, mass: 0 },
    resultsStale: false,
    computedAt: null,
    language: 'zh-CN',
    sheets: [],
    ...over,
  });

  it('says the year and the step the workbook is at', () => {
    expect(fileNameFor(status({}), '旧.xlsx')).toBe('考评2026.xlsx');
    expect(fileNameFor(status({ members: 12 }), '旧.xlsx')).toBe('考评2026-名册.xlsx');
    expect(fileNameFor(status({ members: 12, forms: { self: 1, peer: 0, mass: 0 } }), '旧.xlsx')).toBe('考评2026-录入.xlsx');
    expect(fileNameFor(status({ members: 12, forms: { self: 12, peer: 60, mass: 2 }, computedAt: '2026-12-20 10:00' }), '旧.xlsx')).toBe('考评2026-结果.xlsx');
    // Entries changed after computing: the results are stale, the workbook is back at 录入.
    expect(fileNameFor(status({ members: 12, forms: { self: 12, peer: 60, mass: 3 }, computedAt: '2026-12-20 10:00', resultsStale: true }), '旧.xlsx')).toBe('考评2026-录入.xlsx');
  });

  it('keeps the opened name for a workbook without the evaluation sheets', () => {
    expect(fileNameFor(status({ installed: false, year: null }), '2025年度考评汇总.xlsx')).toBe('2025年度考评汇总.xlsx');
    expect(fileNameFor(status({ installed: false, year: null }), '汇总')).toBe('汇总.xlsx');
  });
});

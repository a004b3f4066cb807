/**
 * New year is not destructive: every table of the old year is archived in the workbook (a hidden sheet
 * "2026年考评存档"), a new year is undone while nothing of it was entered (every cell of every table back as it
 * was), the undo is refused once something was entered, and a past year's score sheets are made from the archive.
 */
import { run, type HostWorkbook } from '../../../src/host';
import { issueBallots } from '../../../src/workbook/ballots/ballotFiles';
import { check } from '../../../src/workbook/results/check';
import { compute } from '../../../src/workbook/results/compute';
import { saveForm } from '../../../src/workbook/entry/forms';
import { install } from '../../../src/workbook/setup/install';
import { newYear } from '../../../src/workbook/year/newYear';
import { undoNewYear } from '../../../src/workbook/year/newYearUndo';
import { makePostingSheet } from '../../../src/workbook/results/postingPack';
import { makeScoreSheets } from '../../../src/workbook/results/scoreSheet';
import { getStatus } from '../../../src/workbook/setup/status';
import { fillCase, loadCase } from '../../support/fillCase';
import { typePlans } from '../../support/planYear';

const NOW = () => new Date('2026-11-24T06:05:00Z');
const full = { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 };

/** A year with everything: forms (one score typed as text), plans, results, the posting pack, ballots out. */
async function fullYear(): Promise<HostWorkbook> {
  const wb = await fillCase(loadCase('small-branch').input);
  await run(wb, (c) => install(c));
  await typePlans(wb, { '001': '带头学习，全年讲党课两次。', '002': { plan: '=不是公式', attachment: '附件一.docx' } });
  await run(wb, (c) => saveForm(c, 'mass', 'Q09', [{ memberId: '003', scores: { ...full, 服务社会: '优' } }, { memberId: '004', scores: full }]));
  await run(wb, (c) => compute(c, NOW));
  await run(wb, (c) => makePostingSheet(c, { order: 'rank', phone: '0535-1234567' }, NOW));
  await run(wb, (c) => issueBallots(c, 'mass', { codes: 2 }));
  return wb;
}

/** Every sheet's cells (value, formula, number format), tables and visibility, by sheet name. */
function cells(wb: HostWorkbook): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of wb.sheetNames()) {
    const s = wb.snapshot(name);
    out[name] = {
      visibility: s.visibility,
      tables: s.tables,
      cells: s.cells.map((row) => row.map((c) => [c.value, c.formula, c.numberFormat, c.fill, c.conditional?.fill ?? null, c.bold])),
      merges: s.merges,
      validations: s.validations.map((v) => JSON.stringify(v)).sort(),
    };
  }
  return out;
}

describe('new year archives the whole year', () => {
  it('keeps every table of the old year in a hidden archive sheet, values only, text as text', async () => {
    const wb = await fullYear();
    const report = await run(wb, (c) => newYear(c, 2027));
    expect(report.yearArchive).toBe('2026年考评存档');
    const archive = wb.snapshot('2026年考评存档');
    expect(archive.visibility).toBe('Hidden');
    const flat = archive.cells.flat();
    expect(flat.every((c) => c.formula === null)).toBe(true);
    const texts = flat.map((c) => c.value);
    // A plan that looks like a formula stays text; a score typed as text is kept; the markers of every table.
    expect(texts).toContain('=不是公式');
    expect(texts).toContain('优');
    for (const t of ['kp_Settings', 'kp_Rubric', 'kp_Roster', 'kp_Plans', 'kp_Self', 'kp_Peer', 'kp_Mass', 'kp_Bonus', 'kp_Review', 'kp_Results', 'kp_State']) expect(texts).toContain(t);
    const eq = flat.find((c) => c.value === '=不是公式');
    expect(eq?.numberFormat).toBe('@');
    expect(report.messages.join('\n')).toContain('2026年考评存档');
  });

  it('new year then undo: every cell of every table as before, the archive and the sheets new year made gone', async () => {
    const wb = await fullYear();
    const before = cells(wb);
    // The year has what undo must bring back: a problem cell's fill, the threshold colours, 合计 formulas.
    expect(JSON.stringify(before)).toContain('#FFC7CE');
    expect(JSON.stringify(before)).toContain('kp_Peer[@');
    const statusBefore = await run(wb, (c) => getStatus(c));
    await run(wb, (c) => newYear(c, 2027));
    expect(wb.sheetNames()).toContain('2026年考评结果');
    const undo = await run(wb, (c) => undoNewYear(c));
    expect(undo).toMatchObject({ restored: true, year: 2026, archive: '2026年考评存档' });
    const after = cells(wb);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) {
      expect([name, after[name]]).toEqual([name, before[name]]);
    }
    const statusAfter = await run(wb, (c) => getStatus(c));
    expect(statusAfter.computedAt).toBe(statusBefore.computedAt);
    expect(statusAfter.resultsStale).toBe(statusBefore.resultsStale);
    expect(statusAfter.year).toBe(2026);
  });

  it('undo is refused, with the sheet named, once a form of the new year was saved; nothing is changed', async () => {
    const wb = await fullYear();
    await run(wb, (c) => newYear(c, 2027));
    await run(wb, (c) => saveForm(c, 'self', '001', [{ memberId: '001', scores: full }]));
    const before = cells(wb);
    const undo = await run(wb, (c) => undoNewYear(c));
    expect(undo.restored).toBe(false);
    expect(undo.messages.join('')).toContain('党员自评');
    expect(cells(wb)).toEqual(before);
  });

  it('undo is refused when there is no new year to undo', async () => {
    const wb = await fullYear();
    const undo = await run(wb, (c) => undoNewYear(c));
    expect(undo.restored).toBe(false);
    expect(undo.messages.join('')).toContain('考评存档');
  });

  it('a past year’s score sheets come from its archive: the same pages as made before the new year', async () => {
    const wb = await fullYear();
    const then = await run(wb, (c) => makeScoreSheets(c, {}, NOW));
    const page = wb.snapshot(then.sheet).cells.map((r) => r.map((c) => c.value));
    await run(wb, (c) => newYear(c, 2027));
    const past = await run(wb, (c) => makeScoreSheets(c, { year: 2026 }, NOW));
    expect(past.created).toBe(true);
    expect(past.sheet).toBe('2026年个人考评明细');
    expect(wb.snapshot(past.sheet).cells.map((r) => r.map((c) => c.value))).toEqual(page);
    const missing = await run(wb, (c) => makeScoreSheets(c, { year: 2019 }, NOW));
    expect(missing.created).toBe(false);
    expect(missing.problem).toContain('2019');
  });

  it('two new years undone one after the other: back to the first year, every cell as before', async () => {
    const wb = await fullYear();
    const before = cells(wb);
    await run(wb, (c) => newYear(c, 2027));
    const in2027 = cells(wb);
    await run(wb, (c) => newYear(c, 2028));
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(['2026年考评存档', '2027年考评存档']));
    expect(await run(wb, (c) => undoNewYear(c))).toMatchObject({ restored: true, year: 2027, archive: '2027年考评存档' });
    expect(cells(wb)).toEqual(in2027);
    expect(await run(wb, (c) => undoNewYear(c))).toMatchObject({ restored: true, year: 2026, archive: '2026年考评存档' });
    expect(cells(wb)).toEqual(before);
  });

  it('a half-written archive is reported by check and not undone; running new year again completes it', async () => {
    const wb = await fullYear();
    // The archive's second request (kp_Peer, the printable sheets, the 完成 flag) is lost.
    wb.failSync(3, 0);
    await expect(run(wb, (c) => newYear(c, 2027))).rejects.toMatchObject({ code: 'GeneralException' });
    const report = await run(wb, (c) => check(c));
    expect(report.problems.filter((p) => p.code === 'write_interrupted').map((p) => p.message).join('')).toContain('开始新年度');
    const undo = await run(wb, (c) => undoNewYear(c));
    expect(undo.restored).toBe(false);
    expect(undo.messages.join('')).toContain('开始新年度');
    await run(wb, (c) => newYear(c, 2027));
    expect((await run(wb, (c) => check(c))).problems.some((p) => p.code === 'write_interrupted')).toBe(false);
    expect((await run(wb, (c) => undoNewYear(c))).restored).toBe(true);
  });
});

/**
 * A score sheet (个人考评明细) never shows a single form: per round only the valid forms, the forms trimming
 * dropped, the forms counted, the mean (withheld when a peer or mass round counts one form: that mean is the
 * form) and the weight, with a line saying single forms are not shown. Through the host, cell by cell.
 */
import { strFromU8, unzipSync } from 'fflate';
import { run, saveXlsx, type HostWorkbook } from '../../../src/host';
import { scoreSheetRounds } from '../../../src/domain/scoreSheetRules';
import { makeScoreSheets } from '../../../src/workbook/results/scoreSheet';
import type { RawCell } from '../../../src/domain/types';
import { fillCase, type CaseJson } from '../../support/fillCase';

/** Eight dimension scores summing to `total` (within the default rubric's points). */
function dims(total: number): number[] {
  const base = [10, 10, 15, 15, 15, 15, 10, 10];
  let rest = Math.round((100 - total) * 10);
  return base.map((p) => {
    const cut = Math.min(rest, p * 10);
    rest -= cut;
    return Math.round(p * 10 - cut) / 10;
  });
}

const ROSTER: RawCell[][] = [
  ['001', '孙立新', '第一党小组', '机关党员', null, null],
  ['002', '钱文静', '第一党小组', '机关党员', null, null],
  ['003', '李卫东', '第一党小组', '机关党员', null, null],
  ['004', '周海燕', '第一党小组', '机关党员', null, null],
];
const name = (id: string) => String(ROSTER.find((r) => r[0] === id)![1]);

/** 001: one peer form (87.3, by 002) and one mass form (81.7); 004: three peer forms 72.4 / 88.6 / 95.1. */
function smallCase(): CaseJson {
  const self = ROSTER.map((r) => [r[0], r[1], ...dims(90)]);
  const peer: RawCell[][] = [
    ['002', '001', name('001'), ...dims(87.3)],
    ['001', '004', name('004'), ...dims(72.4)],
    ['002', '004', name('004'), ...dims(88.6)],
    ['003', '004', name('004'), ...dims(95.1)],
    ...['002', '003'].flatMap((m) => ['001', '002', '003', '004'].filter((e) => e !== m).map((e) => [e, m, name(m), ...dims(86)])),
  ];
  const mass: RawCell[][] = [
    ['Q01', '001', name('001'), ...dims(81.7)],
    ...['002', '003', '004'].flatMap((m) => ['Q01', 'Q02'].map((q) => [q, m, name(m), ...dims(85)])),
  ];
  return { name: 'privacy', year: 2026, branch: '测试党支部', roster: ROSTER, self, peer, mass, bonus: [], review: [] };
}

function sheetTexts(wb: HostWorkbook, sheet: string): string[] {
  return wb.snapshot(sheet).cells.flat().map((c) => String(c.value ?? '')).filter((v) => v !== '');
}

describe('score sheet: no single form', () => {
  let wb: HostWorkbook;
  beforeAll(async () => {
    wb = await fillCase(smallCase());
  });

  it('a member with one peer form and one mass form: neither total appears, the means are withheld and the sheet says why', async () => {
    const r = await run(wb, (c) => makeScoreSheets(c, { members: ['001'] }));
    expect(r.created).toBe(true);
    const texts = sheetTexts(wb, r.sheet);
    const all = texts.join('|');
    for (const single of ['87.3', '87.30', '81.7', '81.70']) expect(texts).not.toContain(single);
    expect(texts).not.toContain('最高分');
    expect(texts).not.toContain('最低分');
    expect(all).toContain('党员互评只计入 1 份测评表，其平均分就是这份表的分数，本表不列出');
    expect(all).toContain('群众参评只计入 1 份测评表');
    expect(all).toContain('本表不列单张测评表的分数');
    // The member's own self form is theirs to see.
    expect(texts).toContain('90.00');
  });

  it('three peer forms: the mean only, never the highest or the lowest', async () => {
    const r = await run(wb, (c) => makeScoreSheets(c, { members: ['004'] }));
    const texts = sheetTexts(wb, r.sheet);
    for (const single of ['72.4', '72.40', '95.1', '95.10', '88.6', '88.60']) expect(texts).not.toContain(single);
    expect(texts).toContain('85.37'); // (72.4 + 88.6 + 95.1) / 3
    expect(texts).toContain('计入表数');
  });
});

describe('the hidden bookkeeping sheet', () => {
  it('kp_State is very hidden in a saved file (the web page download, the command line output)', async () => {
    const wb = await fillCase(smallCase());
    const parts = unzipSync(await saveXlsx(wb));
    const book = strFromU8(parts['xl/workbook.xml']);
    expect(book).toMatch(/<sheet [^>]*name="kp_State"[^>]*state="veryHidden"/);
  });
});

describe('scoreSheetRounds (the rule)', () => {
  const member = {
    id: '001', name: 'x', group: '', category: '机关党员', status: 'ok' as const, self: 90, peer: 87.3, mass: 81.66666666666667,
    average: 86.32, bonus: 0, final: 86.32, rank: 1, eligible: false, admonish: false, veto: false, result: '', notes: '',
    forms: { self: 1, peer: 1, mass: 3 }, missing: [],
  };
  it('withholds the mean of a one-form peer or mass round, keeps the self round; rows have no extreme', () => {
    const rows = scoreSheetRounds(member, { self: 1, peer: 1, mass: 1 });
    expect(rows).toEqual([
      { round: 'self', valid: 1, dropped: 0, counted: 1, mean: 90, withheld: false, weight: 1 },
      { round: 'peer', valid: 1, dropped: 0, counted: 1, mean: null, withheld: true, weight: 1 },
      { round: 'mass', valid: 3, dropped: 0, counted: 3, mean: 81.67, withheld: false, weight: 1 },
    ]);
  });
  it('trimming: valid, dropped and counted from the details', () => {
    const details = { rounds: {
      self: { count: Int32Array.of(1), trimmed: Uint8Array.of(0) },
      peer: { count: Int32Array.of(3), trimmed: Uint8Array.of(1) },
      mass: { count: Int32Array.of(3), trimmed: Uint8Array.of(0) },
    } };
    const rows = scoreSheetRounds(member, { self: 1, peer: 1, mass: 1 }, details, 0);
    expect(rows[1]).toEqual({ round: 'peer', valid: 3, dropped: 2, counted: 1, mean: null, withheld: true, weight: 1 });
  });
});

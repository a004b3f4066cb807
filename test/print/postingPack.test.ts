/**
 * The posting pack (公示上墙) and the score sheets (个人考评明细) as printed: each sheet rendered by LibreOffice to
 * PDF and checked page by page — the page count (one page each), and every text that must be on the page found
 * in the page's own text (pdftotext), so nothing is cut at the bottom or the right edge.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';
import { run, type HostWorkbook } from '../../src/host';
import { compute } from '../../src/workbook/results/compute';
import { makePostingSheet } from '../../src/workbook/results/postingPack';
import { makeScoreSheets } from '../../src/workbook/results/scoreSheet';
import type { ComputeReport } from '../../src/workbook/commandTypes';
import { planYear } from '../support/planYear';
import { pagePngs, printSheets, type Printed } from '../support/render';
import { ATTACHMENT, NO_PLAN, RETIRED, VETOED, twoCategoryCase, vetoYear } from '../support/yearCases';

/** A page's text with all white space removed (a wrapped cell's lines join up again). */
const flat = (s: string) => s.replace(/\s+/g, '');
const dir = mkdtempSync(join(tmpdir(), 'kp-pack-'));
const OPTIONS = { order: 'rank' as const, periodStart: '2027-01-05', periodEnd: '2027-01-11', phone: '0535-1234567' };
const BRANCH = '龙口市科技局机关党支部';
/** KP_PRINT_PNG=DIR writes each printed page as a PNG there (to look at them; README screenshots). */
const PNG = process.env.KP_PRINT_PNG;
const png = (p: Printed, name: string) => {
  if (PNG) pagePngs(p.pdf, join(PNG, name), 80);
};

let wb: HostWorkbook;
let report: ComputeReport;
let plans: Record<string, string | { plan: string; attachment: string }>;
let sheets: string[];
const printed: Record<string, Printed> = {};

beforeAll(async () => {
  const year = await vetoYear();
  wb = year.wb;
  plans = year.plans;
  report = await run(wb, (c) => compute(c));
  const pack = await run(wb, (c) => makePostingSheet(c, OPTIONS, () => new Date(2027, 0, 4)));
  expect(pack.created).toBe(true);
  sheets = pack.sheets ?? [];
  for (const s of sheets) {
    printed[s] = await printSheets(wb, [s], s, dir);
    png(printed[s], s);
  }
}, 600000);

describe('posting pack printed by LibreOffice', () => {
  it('is three sheets, one A4 page each, each with the branch, the year and the posting period', () => {
    expect(sheets).toEqual(['考评结果公示', '考评细则公示', '工作计划公示']);
    for (const s of sheets) {
      expect([s, printed[s].pages]).toEqual([s, 1]);
      const t = flat(printed[s].texts[0]);
      expect(t).toContain(`${BRANCH}2026年度`);
      expect(t).toContain('公示期：2027年1月5日至1月11日');
      // The foot (the last row of the print area) is on the page: nothing cut at the bottom.
      expect(t).toContain(`${BRANCH}2027年1月4日`);
    }
  });

  it('results: every member with the result label; the vetoed member with the label only, no score', () => {
    const t = printed['考评结果公示'].layout[0];
    for (const m of report.evaluation.members) {
      const line = t.split('\n').find((l) => l.includes(m.name));
      expect([m.name, line]).toEqual([m.name, expect.stringContaining(m.result)]);
      if (m.id === VETOED) {
        expect(m.veto).toBe(true);
        expect(line).not.toMatch(/\d+\.\d\d/);
        expect(t).not.toContain('受党纪处分');
      } else expect(line).toContain(m.final!.toFixed(2));
    }
    // The vetoed member comes after the ranked members whose scores are posted.
    const order = report.evaluation.members.filter((m) => m.id !== VETOED).map((m) => t.indexOf(m.name));
    expect(Math.max(...order)).toBeLessThan(t.indexOf(report.evaluation.members.find((m) => m.id === VETOED)!.name));
    expect(flat(t)).toContain('监督电话：0535-1234567');
  });

  it('rubric: every dimension of the category in use with its points and its whole 目标要求 text', () => {
    const t = flat(printed['考评细则公示'].texts[0]);
    expect(t).toContain('类别：机关党员（满分100分）');
    const dims = DEFAULT_RUBRIC.categories[0].dimensions;
    // The cells beside a wrapped text (序号, 考评内容, 分值) come between its lines in the PDF's reading order.
    let texts = t.replace(/\d+\.\d|\d/g, '');
    for (const d of dims) {
      expect(t).toContain(d.name);
      expect(t).toContain(`${d.points}.0`);
      texts = texts.replace(d.name, '');
    }
    for (const d of dims) expect(texts).toContain(flat(d.text));
  });

  it('plans: every member with their whole plan (and the attachment), a member without one marked 未填写', () => {
    const t = flat(printed['工作计划公示'].texts[0]);
    for (const m of report.evaluation.members) {
      expect(t).toContain(m.name);
      const p = plans[m.id];
      if (p === undefined) expect(m.id).toBe(NO_PLAN);
      else expect(t).toContain(flat(typeof p === 'string' ? p : p.plan));
    }
    expect(t).toContain(flat(`附件：${ATTACHMENT}`));
    expect(t).toContain('（未填写）');
  });

  it('rubric of two categories in use: one page per category', async () => {
    const two = await planYear(twoCategoryCase(), {});
    // The posting shows the results: made from computed, current results only.
    await run(two, (c) => compute(c));
    const pack = await run(two, (c) => makePostingSheet(c, OPTIONS));
    expect(pack.blockedReasons).toEqual([]);
    const p = await printSheets(two, ['考评细则公示'], 'two-categories', dir);
    png(p, 'two-categories');
    expect(p.pages).toBe(2);
    const [first, second] = p.texts.map(flat);
    expect(first).toContain('类别：机关党员（满分100分）');
    expect(second).toContain('类别：离退休党员（满分100分）');
    expect(second).not.toContain('工作绩效');
    for (const [name] of RETIRED) expect(second).toContain(name);
    for (const t of [first, second]) {
      expect(t).toContain('公示期：');
      expect(t).toContain(`${BRANCH}`);
      expect(t).toContain('分类量化考评细则');
    }
  }, 300000);
});

describe('score sheets printed by LibreOffice', () => {
  let all: Printed;
  beforeAll(async () => {
    const made = await run(wb, (c) => makeScoreSheets(c, {}));
    expect(made.members.map((m) => m.id)).toEqual(report.evaluation.members.map((m) => m.id));
    all = await printSheets(wb, [made.sheet], 'score-all', dir);
    png(all, 'score-all');
  }, 300000);

  it('one A4 page per member, each page whole: name, final score, rank, result and the foot', () => {
    const ms = report.evaluation.members;
    expect(all.pages).toBe(ms.length);
    const ranked = ms.filter((m) => m.rank !== null).length;
    ms.forEach((m, i) => {
      const t = flat(all.texts[i]);
      expect(t).toContain(`党员编号：${m.id}`);
      expect(t).toContain(`姓名：${m.name}`);
      expect(t).toContain(m.final!.toFixed(2));
      expect(t).toContain(`${m.rank}/${ranked}`);
      expect(t).toContain(flat(m.result));
      expect(t).toContain('本表由党支部根据各环节有效测评表汇总');
      expect(t).toContain(BRANCH);
    });
  });

  it('no evaluator: no other member named, no ballot code, no peer evaluator 编号 beside a score', () => {
    const ms = report.evaluation.members;
    ms.forEach((m, i) => {
      const t = all.texts[i];
      for (const other of ms) if (other.id !== m.id) expect([m.id, t.includes(other.name)]).toEqual([m.id, false]);
      expect(t).not.toMatch(/Q0\d/);
    });
  });

  it('the vetoed member’s own sheet says so, with the reason; bonus items with their 依据', () => {
    const ms = report.evaluation.members;
    const i = ms.findIndex((m) => m.id === VETOED);
    expect(all.layout[i].split('\n').find((l) => l.includes('一票否决'))).toMatch(/一票否决\s+是\s+审定意见/);
    expect(flat(all.texts[i])).toContain('受党纪处分');
    const b = flat(all.texts[ms.findIndex((m) => m.id === '002')]);
    expect(b).toContain('市级先进工作者');
    expect(b).toContain('市委表彰文件');
    expect(b).toContain('加分合计1.0分');
  });

  it('one member: one page', async () => {
    const made = await run(wb, (c) => makeScoreSheets(c, { members: ['002'] }));
    expect(made.members).toEqual([{ id: '002', name: '周燕玉' }]);
    const one = await printSheets(wb, [made.sheet], 'score-one', dir);
    expect(one.pages).toBe(1);
    expect(flat(one.texts[0])).toContain('姓名：周燕玉');
  }, 300000);
});

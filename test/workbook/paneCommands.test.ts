/**
 * The commands the task pane's fourth step and new-year screen use (issue 14): saving one member's bonus items
 * and review in one batch, the new-year plan with counts and staleness, the branch name from a title row.
 */
import { readFileSync } from 'node:fs';
import { createWorkbook, loadXlsx, run, type HostWorkbook } from '../../src/host';
import { compute } from '../../src/workbook/results/compute';
import { saveForm } from '../../src/workbook/entry/forms';
import { newYear } from '../../src/workbook/year/newYear';
import { branchFromTitle, newYearPlan, suggestBranch } from '../../src/workbook/setup/paneInfo';
import { getReview, saveMemberReview } from '../../src/workbook/entry/review';
import { fillCase, syntheticCase } from '../support/fillCase';
import { HANDMADE_XLSX } from '../support/paths';

async function tableValues(wb: HostWorkbook, name: string): Promise<unknown[][]> {
  return run(wb, async (context) => {
    const r = context.workbook.tables.getItem(name).getRange();
    r.load('values');
    await context.sync();
    return r.values;
  });
}

async function tableFormulas(wb: HostWorkbook, name: string): Promise<unknown[][]> {
  return run(wb, async (context) => {
    const r = context.workbook.tables.getItem(name).getRange();
    r.load('formulas');
    await context.sync();
    return r.formulas;
  });
}

async function measure<T>(wb: HostWorkbook, f: Parameters<typeof run<T>>[1]): Promise<number> {
  wb.resetStats();
  await run(wb, f);
  return wb.stats.syncs;
}

describe('saveMemberReview', () => {
  it('writes the member\'s bonus items and review as text and numbers, and compute counts them', async () => {
    const wb = await fillCase(syntheticCase(10));
    const report = await run(wb, (c) =>
      saveMemberReview(c, '0002', {
        bonus: [
          { item: '=1+1 市级表彰', points: '2', basis: '@文件' },
          { item: '抗洪救灾', points: 1.5, basis: '' },
        ],
        review: { veto: true, reason: '-受党纪处分', opinion: '+支部审定' },
      }),
    );
    expect(report).toEqual({ bonusRows: 2, reviewWritten: true, problems: [] });
    const bonus = await tableValues(wb, 'kp_Bonus');
    expect(bonus.slice(1).filter((r) => r[0] !== '')).toEqual([
      ['0002', '党员2', '=1+1 市级表彰', 2, '@文件'],
      ['0002', '党员2', '抗洪救灾', 1.5, ''],
    ]);
    // Nothing became a formula.
    const formulas = await tableFormulas(wb, 'kp_Bonus');
    expect(formulas.flat().some((v) => typeof v === 'string' && v.startsWith('=') && v !== '=1+1 市级表彰')).toBe(false);
    const review = await tableValues(wb, 'kp_Review');
    expect(review.slice(1).filter((r) => r[0] !== '')).toEqual([['0002', '党员2', '是', '-受党纪处分', '+支部审定']]);
    const computed = await run(wb, (c) => compute(c));
    const m = computed.evaluation.members.find((x) => x.id === '0002')!;
    expect(m.bonus).toBe(3.5);
    expect(m.veto).toBe(true);
    expect(m.eligible).toBe(false);
    const data = await run(wb, (c) => getReview(c));
    expect(data.bonus.map((b) => [b.memberId, b.item, b.points])).toEqual([
      ['0002', '=1+1 市级表彰', 2],
      ['0002', '抗洪救灾', 1.5],
    ]);
    expect(data.review.map((r) => [r.memberId, r.veto, r.reason])).toEqual([['0002', '是', '-受党纪处分']]);
  });

  it('replaces only that member\'s rows: fewer items blank the extra row, other members stay', async () => {
    const wb = await fillCase(syntheticCase(10));
    await run(wb, (c) => saveMemberReview(c, '0001', { bonus: [{ item: 'A', points: 1, basis: '' }], review: { veto: false, reason: '', opinion: '' } }));
    await run(wb, (c) =>
      saveMemberReview(c, '0003', {
        bonus: [
          { item: 'B', points: 1, basis: '' },
          { item: 'C', points: 2, basis: '' },
        ],
        review: { veto: false, reason: '', opinion: '好' },
      }),
    );
    await run(wb, (c) => saveMemberReview(c, '0001', { bonus: [{ item: 'A2', points: 0.5, basis: 'x' }], review: { veto: false, reason: '', opinion: '' } }));
    await run(wb, (c) => saveMemberReview(c, '0003', { bonus: [{ item: 'C2', points: 2, basis: '' }], review: { veto: false, reason: '', opinion: '' } }));
    const rows = (await tableValues(wb, 'kp_Bonus')).slice(1);
    expect(rows.filter((r) => r[0] !== '')).toEqual([
      ['0001', '党员1', 'A2', 0.5, 'x'],
      ['0003', '党员3', 'C2', 2, ''],
    ]);
    // 0001 had no review row and nothing to say: none was written; 0003's opinion was cleared in place.
    const review = (await tableValues(wb, 'kp_Review')).slice(1).filter((r) => r[0] !== '');
    expect(review).toEqual([['0003', '党员3', '否', '', '']]);
  });

  it('refuses bad input with a message naming the sheet, and writes nothing', async () => {
    const wb = await fillCase(syntheticCase(10));
    const before = [await tableValues(wb, 'kp_Bonus'), await tableValues(wb, 'kp_Review')];
    const bad = await run(wb, (c) =>
      saveMemberReview(c, '0002', {
        bonus: [
          { item: '', points: '优', basis: '' },
          { item: '扣分', points: -1, basis: '' },
        ],
        review: { veto: true, reason: ' ', opinion: '' },
      }),
    );
    expect(bad.bonusRows).toBe(0);
    expect(bad.reviewWritten).toBe(false);
    expect(bad.problems.map((p) => p.code)).toEqual(['bonus_no_item', 'bonus_not_a_number', 'bonus_not_positive', 'veto_no_reason']);
    expect(bad.problems.every((p) => p.message.startsWith(p.sheet) && (p.sheet === '加分项' || p.sheet === '支部审定'))).toBe(true);
    const unknown = await run(wb, (c) => saveMemberReview(c, '9999', { bonus: [], review: { veto: false, reason: '', opinion: '' } }));
    expect(unknown.problems[0].message).toContain('9999');
    expect([await tableValues(wb, 'kp_Bonus'), await tableValues(wb, 'kp_Review')]).toEqual(before);
  });

  it('reads and writes in a constant number of syncs (≤ 2), the same at 10 and 2,000 members', async () => {
    const counts = async (n: number) => {
      const wb = await fillCase(syntheticCase(n));
      return {
        save: await measure(wb, (c) => saveMemberReview(c, '0002', { bonus: [{ item: 'A', points: 1, basis: '' }], review: { veto: true, reason: 'r', opinion: '' } })),
        resave: await measure(wb, (c) => saveMemberReview(c, '0002', { bonus: [], review: { veto: false, reason: '', opinion: '' } })),
        read: await measure(wb, (c) => getReview(c)),
        plan: await measure(wb, (c) => newYearPlan(c)),
      };
    };
    const small = await counts(10);
    const large = await counts(2000);
    expect(large).toEqual(small);
    expect(small.save).toBeLessThanOrEqual(2);
    expect(small.resave).toBeLessThanOrEqual(2);
    expect(small.read).toBe(1);
    expect(small.plan).toBe(1);
    console.log('pane command syncs', JSON.stringify(small));
  }, 120000);
});

describe('newYearPlan', () => {
  it('counts what new year would clear by sheet name, and says whether the results are current', async () => {
    const c = syntheticCase(20);
    const wb = await fillCase(c);
    let plan = await run(wb, (ctx) => newYearPlan(ctx));
    expect(plan.year).toBe(2026);
    expect(plan.members).toBe(20);
    // A round counts its 测评表 (one per evaluator) and its 评分 (one row per member scored) apart.
    const evaluators = (rows: unknown[][]) => new Set(rows.map((r) => String(r[0]))).size;
    expect(plan.clears).toEqual([
      { sheet: '党员自评', kind: 'forms', rows: c.self.length, ballots: c.self.length },
      { sheet: '党员互评', kind: 'forms', rows: c.peer.length, ballots: evaluators(c.peer) },
      { sheet: '群众参评', kind: 'forms', rows: c.mass.length, ballots: evaluators(c.mass) },
      { sheet: '加分项', kind: 'bonus', rows: 0 },
      { sheet: '支部审定', kind: 'review', rows: 0 },
      { sheet: '考评结果', kind: 'results', rows: 0 },
      { sheet: '年度工作计划', kind: 'plans', rows: expect.any(Number) },
    ]);
    expect(evaluators(c.peer)).toBeLessThan(c.peer.length);
    expect([plan.computed, plan.stale, plan.archiveSheet]).toEqual([false, false, null]);
    await run(wb, (ctx) => compute(ctx));
    plan = await run(wb, (ctx) => newYearPlan(ctx));
    expect([plan.computed, plan.stale, plan.archiveSheet]).toEqual([true, false, '2026年考评结果']);
    expect(plan.clears.find((x) => x.kind === 'results')?.rows).toBe(20);
    // A form changed after compute: the results are stale.
    await run(wb, (ctx) => saveForm(ctx, 'self', '0001', [{ memberId: '0001', scores: { 理想信念: 1, 宗旨意识: 1, 爱岗敬业: 1, 学习教育: 1, 工作绩效: 1, 道德品质: 1, 廉洁自律: 1, 服务社会: 1 } }]));
    plan = await run(wb, (ctx) => newYearPlan(ctx));
    expect([plan.computed, plan.stale]).toEqual([true, true]);
    // The phone and the posting dates are not inputs of the results: saving them does not make them stale.
    await run(wb, (ctx) => compute(ctx));
    const { saveSettings } = await import('../../src/workbook/setup/settings');
    await run(wb, (ctx) => saveSettings(ctx, { phone: '0535-7777777', postingStart: '2026-12-20' }));
    plan = await run(wb, (ctx) => newYearPlan(ctx));
    expect([plan.computed, plan.stale]).toEqual([true, false]);
    await run(wb, (ctx) => saveSettings(ctx, { eligibleThreshold: 85 }));
    plan = await run(wb, (ctx) => newYearPlan(ctx));
    expect([plan.computed, plan.stale]).toEqual([true, true]);
    // And new year reports the sheets it cleared by the names the user sees.
    const report = await run(wb, (ctx) => newYear(ctx, 2027));
    expect(report.clearedTables).toEqual(['党员自评', '党员互评', '群众参评', '考评结果']);
    expect(report.messages.join('\n')).not.toMatch(/kp_/);
    plan = await run(wb, (ctx) => newYearPlan(ctx));
    expect(plan.year).toBe(2027);
    expect(plan.clears.every((x) => x.rows === 0)).toBe(true);
  });

  it('on a workbook without the sheets says so', async () => {
    const plan = await run(createWorkbook(), (ctx) => newYearPlan(ctx));
    expect(plan.installed).toBe(false);
    expect(plan.clears).toEqual([]);
  });
});

describe('posting sheet (issue 14 words)', () => {
  it('gives tied members the same 序号 (their rank) and prints the period in the official style', async () => {
    const c = syntheticCase(4);
    const same = [9, 9, 14, 14, 14, 14, 9, 9];
    c.self = c.roster.map((r) => [r[0], r[1], ...same]);
    c.peer = c.roster.flatMap((e) => c.roster.filter((m) => m !== e).map((m) => [e[0], m[0], m[1], ...same]));
    c.mass = c.roster.map((m) => ['Q01', m[0], m[1], ...same]);
    c.bonus = [['0004', '党员4', '表彰', 1, '']];
    const wb = await fillCase(c);
    await run(wb, (ctx) => compute(ctx));
    const { makePostingSheet } = await import('../../src/workbook/results/postingPack');
    await run(wb, (ctx) => makePostingSheet(ctx, { order: 'rank', periodStart: '2026-12-20', periodEnd: '2027-01-05' }));
    const snap = wb.snapshot('考评结果公示');
    expect(snap.cells.slice(3, 7).map((r) => [r[0].value, r[1].value])).toEqual([
      [1, '党员4'],
      [2, '党员1'],
      [2, '党员2'],
      [2, '党员3'],
    ]);
    expect(snap.cells[1][0].value).toBe('公示期：2026年12月20日至2027年1月5日');
  });
});

describe('suggestBranch', () => {
  it('reads the branch from a hand-made summary\'s title row', async () => {
    const wb = await loadXlsx(readFileSync(HANDMADE_XLSX));
    await expect(run(wb, (c) => suggestBranch(c))).resolves.toBe('龙口市科技局机关党支部');
    await expect(run(createWorkbook(), (c) => suggestBranch(c))).resolves.toBe('');
  });

  it('takes the name up to 党支部 / 党总支 / 党委', () => {
    expect(branchFromTitle('龙口市科技局机关党支部2025年度党员分类量化考评汇总表')).toBe('龙口市科技局机关党支部');
    expect(branchFromTitle('某某街道 第二党总支 年度考评')).toBe('某某街道第二党总支');
    expect(branchFromTitle('填报单位：机关党支部（盖章）')).toBe('机关党支部');
    expect(branchFromTitle('党员分类量化考评汇总表')).toBe('');
    // A roll-up's second line is no branch name.
    expect(branchFromTitle('汇总时间：2026-12-05 00:54　统一方案：未指定　党支部 3 个，党员 18 名')).toBe('');
  });
});

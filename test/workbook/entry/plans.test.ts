/**
 * Work plans (kp_Plans) through the commands on the headless host: install and roster import give every member a
 * row, check warns about members without a plan (sheet and cell), the self form's plan, new year archives the
 * plans with the results and starts blank, and the year-over-year figures come from last year's archive.
 */
import { run, type HostWorkbook } from '../../../src/host';
import { check } from '../../../src/workbook/results/check';
import { createCommands } from '../../../src/workbook/createCommands';
import { compute } from '../../../src/workbook/results/compute';
import { importRosterGrid } from '../../../src/workbook/setup/rosterImport';
import { install } from '../../../src/workbook/setup/install';
import { newYear } from '../../../src/workbook/year/newYear';
import { makeScoreSheets } from '../../../src/workbook/results/scoreSheet';
import { col, queueReadTables, type ReadKey } from '../../../src/workbook/tables/readTables';
import { fillCase, loadCase } from '../../support/fillCase';
import { planYear, typePlans } from '../../support/planYear';
import { NO_PLAN, casePlans, vetoCase } from '../../support/yearCases';

async function table(wb: HostWorkbook, key: ReadKey) {
  return run(wb, async (c) => {
    const p = queueReadTables(c, [key]);
    await c.sync();
    return p()[key];
  });
}

async function planRows(wb: HostWorkbook): Promise<string[][]> {
  const t = await table(wb, 'plans');
  return t.rows.map((r) => [String(r[col(t, '党员编号')] ?? ''), String(r[col(t, '姓名')] ?? ''), String(r[col(t, '工作计划')] ?? '')]);
}

describe('kp_Plans rows', () => {
  it('install adds a row (编号, 姓名) for each roster member, keeps written plans, and then has nothing to do', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    // fillCase typed the roster after installing: kp_Plans has only its blank row.
    expect((await planRows(wb)).filter((r) => r[0])).toEqual([]);
    const first = await run(wb, (c) => install(c));
    expect(first.messages.join('')).toContain(`“年度工作计划” 为 ${input.roster.length} 名党员添加了填写工作计划的行`);
    expect(await planRows(wb)).toEqual(input.roster.map((r) => [r[0], r[1], '']));
    await typePlans(wb, { '002': '学习十次' });
    const again = await run(wb, (c) => install(c));
    expect(again.messages).toEqual(['考评表已完整安装，无需改动。']);
    expect((await planRows(wb))[1]).toEqual(['002', '周燕玉', '学习十次']);
  });

  it('roster import adds rows for new members only; a plan already written stays', async () => {
    const { input } = loadCase('small-branch');
    const wb = await planYear(input, { '001': '计划一' });
    const report = await run(wb, (c) =>
      importRosterGrid(c, { sheet: '名单', firstRow: 1, firstColumn: 0, values: [['编号', '姓名', '党小组'], ['001', '杜磊秀', '第一党小组'], ['008', '新党员', '第二党小组']] }),
    );
    expect(report.added).toBe(1);
    expect(report.planRows).toBe(1);
    const rows = await planRows(wb);
    expect(rows[0]).toEqual(['001', '杜磊秀', '计划一']);
    expect(rows[rows.length - 1]).toEqual(['008', '新党员', '']);
    expect(rows).toHaveLength(input.roster.length + 1);
  });
});

describe('check and the self form', () => {
  it('warns about each member to be scored without a plan, at the 工作计划 cell; other plan rows are checked too', async () => {
    const c = vetoCase();
    c.roster = c.roster.map((r) => (r[0] === '007' ? [r[0], r[1], r[2], r[3], '是', r[5]] : r));
    const wb = await planYear(c, { ...casePlans(c), '007': '' });
    const report = await run(wb, (ctx) => check(ctx));
    const plans = report.problems.filter((p) => p.code.startsWith('plan_'));
    // 006 has no plan; 007 has none either but is exempt (免评): not warned.
    expect(plans.map((p) => [p.severity, p.code, p.sheet, p.cell, p.memberId])).toEqual([['warning', 'plan_missing', '年度工作计划', 'C7', NO_PLAN]]);
    expect(plans[0].message).toBe('「年度工作计划」表 C7：党员 006 郭杰 还没有填写个人年度工作计划（自评时要对照工作计划，公示时也要上墙）。');
    expect(report.counts.error).toBe(0);
  });

  it('a plan row for an 编号 not in the roster, and a second row for a member, are warnings at their 编号 cells', async () => {
    const { input } = loadCase('small-branch');
    const wb = await planYear(input, casePlans(input));
    await run(wb, async (ctx) => {
      const p = queueReadTables(ctx, ['plans']);
      await ctx.sync();
      const t = p().plans;
      t.table.rows.add(undefined, [['099', '外人', '计划', ''], ['002', '周燕玉', '第二份', '']]);
      await ctx.sync();
    });
    const report = await run(wb, (ctx) => check(ctx));
    const plans = report.problems.filter((p) => p.code !== 'plan_missing' && p.code.startsWith('plan_'));
    expect(plans.map((p) => [p.code, p.cell])).toEqual([['plan_unknown_member', 'A9'], ['plan_duplicate', 'A10']]);
    expect(plans[1].message).toContain('第 3、10 行');
  });

  it('getPlan gives the member’s own plan and where it is typed (null for a member without a row)', async () => {
    const { input } = loadCase('small-branch');
    const wb = await planYear(input, { '003': { plan: '第一条\n第二条', attachment: '计划.docx' } });
    const commands = createCommands((batch) => run(wb, batch));
    expect(await commands.getPlan('3')).toEqual({ id: '003', plan: '第一条\n第二条', attachment: '计划.docx', cell: 'C4', sheet: '年度工作计划' });
    expect(await commands.getPlan('001')).toEqual({ id: '001', plan: '', attachment: '', cell: 'C2', sheet: '年度工作计划' });
    expect(await commands.getPlan('999')).toBeNull();
  });
});

describe('new year and year over year', () => {
  it('archives last year’s plans beside the results, starts this year’s blank, and compares with last year', async () => {
    const c = vetoCase();
    const plans = casePlans(c);
    const wb = await planYear(c, plans);
    const y1 = await run(wb, (ctx) => compute(ctx));
    const report = await run(wb, (ctx) => newYear(ctx, 2027));
    expect(report.messages).toContain('上一年度的个人年度工作计划已存档到工作表“2026年工作计划”，本年度的计划从空白开始。');
    // The archive: the title, then 党员编号 姓名 工作计划 附件 as values.
    const archived = wb.snapshot('2026年工作计划');
    expect(archived.cells[1].slice(0, 4).map((x) => x.value)).toEqual(['党员编号', '姓名', '工作计划', '附件']);
    const kept = archived.cells.slice(2).map((r) => [r[0].value, r[2].value]);
    expect(kept).toEqual(c.roster.filter((r) => plans[String(r[0])] !== undefined).map((r) => {
      const p = plans[String(r[0])];
      return [r[0], typeof p === 'string' ? p : p.plan];
    }));
    // This year's plans: the rows stay, the plans are blank.
    expect(await planRows(wb)).toEqual(c.roster.map((r) => [r[0], r[1], '']));
    // kp_Results got 上年得分 and 增减.
    expect((await table(wb, 'results')).headers.slice(-2)).toEqual(['上年得分', '增减']);
    // Year two: the same forms, and one more bonus point for 004.
    await fillCase({ ...c, year: 2027, roster: [], bonus: [...c.bonus, ['004', '谭华敏', '优秀党员', 1, '表彰文件']] }, wb);
    wb.resetStats();
    const y2 = await run(wb, (ctx) => compute(ctx));
    expect(wb.stats.syncs).toBeLessThanOrEqual(3);
    const results = await table(wb, 'results');
    const at = (h: string) => col(results, h);
    for (const m of y2.evaluation.members) {
      const row = results.rows.find((r) => r[at('党员编号')] === m.id)!;
      const last = y1.evaluation.members.find((x) => x.id === m.id)!.final!;
      expect([m.id, row[at('上年得分')], row[at('增减')]]).toEqual([m.id, last, Math.round((m.final! - last) * 100) / 100]);
      expect(row[at('增减')]).toBe(m.id === '004' ? 1 : 0);
    }
    // The score sheet shows the same.
    const sheet = await run(wb, (ctx) => makeScoreSheets(ctx, { members: ['004'] }));
    expect(sheet.lastYearSheet).toBe('2026年考评结果');
    const texts = wb.snapshot(sheet.sheet).cells.flat().map((x) => String(x.value ?? ''));
    const last4 = y1.evaluation.members.find((x) => x.id === '004')!.final!;
    expect(texts).toContain('上年最终得分');
    expect(texts).toContain(last4.toFixed(2));
    expect(texts).toContain('+1.00');
  });
});

import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { createCommands } from '../../src/workbook/createCommands';
import { check } from '../../src/workbook/results/check';
import { compute } from '../../src/workbook/results/compute';
import { getEntryForm, getProgress, saveForm } from '../../src/workbook/entry/forms';
import { newYear } from '../../src/workbook/year/newYear';
import { makePostingSheet } from '../../src/workbook/results/postingPack';
import { printBallot } from '../../src/workbook/ballots/paperBallot';
import { queueReadTables } from '../../src/workbook/tables/readTables';
import { getStatus } from '../../src/workbook/setup/status';
import { fillCase, loadCase } from '../support/fillCase';

const full = { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 };

async function rowsOf(wb: HostWorkbook, key: 'peer' | 'mass' | 'self' | 'results' | 'roster') {
  return run(wb, async (c) => {
    const p = queueReadTables(c, [key]);
    await c.sync();
    return p()[key];
  });
}

describe('entry forms and save', () => {
  it('lists the members an evaluator scores', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    const peer = await run(wb, (c) => getEntryForm(c, 'peer', '001'));
    expect(peer.members.map((m) => m.id)).toEqual(['002', '003', '004']);
    expect(peer.members[0].existing.理想信念).toBe(8.6);
    const self = await run(wb, (c) => getEntryForm(c, 'self', '005'));
    expect(self.members.map((m) => m.id)).toEqual(['005']);
    const mass = await run(wb, (c) => getEntryForm(c, 'mass', 'Q09'));
    expect(mass.members).toHaveLength(7);
    expect(mass.members[0].dimensions).toHaveLength(8);
    const ballot = await run(wb, (c) => getEntryForm(c, 'peer', 'P01', '第二党小组'));
    expect(ballot.members.map((m) => m.id)).toEqual(['005', '006', '007']);
    const progress = await run(wb, (c) => getProgress(c, 'mass'));
    expect(progress.nextBallotCode).toBe('Q04');
  });

  it('upserts one evaluator: updates in place, appends new rows once, leaves others untouched, ≤ 2 syncs', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    const before = await rowsOf(wb, 'peer');
    wb.resetStats();
    const r1 = await run(wb, (c) =>
      saveForm(c, 'peer', '001', [
        { memberId: '002', scores: { ...full, 理想信念: 7.5 } },
        { memberId: '3', scores: full },
      ]),
    );
    expect(wb.stats.syncs).toBeLessThanOrEqual(2);
    expect([r1.updated, r1.added]).toEqual([2, 0]);
    const after = await rowsOf(wb, 'peer');
    expect(after.rows).toHaveLength(before.rows.length);
    expect(after.rows[0].slice(0, 4)).toEqual(['001', '002', '周燕玉', 7.5]);
    expect(after.rows[1].slice(0, 4)).toEqual(['001', '003', '赵强敏', 9]);
    after.rows.slice(3).forEach((r, i) => expect(r).toEqual(before.rows[i + 3]));
    // A new anonymous ballot: appended once; saving it again updates, never duplicates.
    const r2 = await run(wb, (c) => saveForm(c, 'mass', 'Q04', [{ memberId: '001', scores: full }, { memberId: '002', scores: { ...full, 服务社会: '优' } }]));
    expect([r2.updated, r2.added]).toEqual([0, 2]);
    expect(r2.problems.map((p) => p.code)).toEqual(['not_a_number']);
    const r3 = await run(wb, (c) => saveForm(c, 'mass', 'Q04', [{ memberId: '002', scores: full }]));
    expect([r3.updated, r3.added, r3.problems]).toEqual([1, 0, []]);
    const mass = await rowsOf(wb, 'mass');
    expect(mass.rows.filter((r) => r[0] === 'Q04')).toHaveLength(2);
    expect(mass.rows[mass.rows.length - 1][10]).toBe(9);
    expect(mass.rows[mass.rows.length - 1][11]).toBe(92); // the 合计 formula
  });

  it('writes user text as text: an evaluator "=1+1" stays text', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    await run(wb, (c) => saveForm(c, 'mass', '=1+1', [{ memberId: '001', scores: full }]));
    const mass = wb.snapshot('群众参评');
    const last = mass.cells[mass.cells.length - 1];
    expect([last[0].value, last[0].formula]).toEqual(['=1+1', null]);
  });
});

describe('printBallot', () => {
  it('makes a print-ready blank ballot for one evaluator, rebuilt on the next print', async () => {
    const { input } = loadCase('small-categories');
    const wb = await fillCase(input);
    const name = await run(wb, (c) => printBallot(c, 'peer', '006'));
    expect(name).toBe('测评表');
    const snap = wb.snapshot('测评表');
    expect(String(snap.cells[0][0].value)).toContain('2026年度党员分类量化考评测评表（党员互评）');
    expect(snap.cells[1][0].value).toBe('评价人：006');
    expect(snap.cells[2].map((c) => c.value)).toEqual(['序号', '党员编号', '姓名', '理想信念\n(10/15分)', '宗旨意识\n(10/15分)', '爱岗敬业\n(10/15分)', '学习教育\n(15/20分)', '工作绩效\n(15分)', '道德品质\n(15分)', '廉洁自律\n(10/15分)', '服务社会\n(10分)', '合计']);
    // 006 scores the others of 第二党小组 (not themself; not 010, whose 类别 流动党员 the rubric lacks);
    // 008 is 离退休党员: no 工作绩效.
    expect(snap.cells.slice(3, 7).map((r) => r[1].value)).toEqual(['007', '008', '009', null]);
    expect(snap.cells[4][7].value).toBe('／');
    expect(snap.cells[4][3].value).toBeNull();
    const page = await run(wb, async (c) => {
      const layout = c.workbook.worksheets.getItem('测评表').pageLayout;
      layout.load('orientation,paperSize');
      await c.sync();
      return [layout.orientation, layout.paperSize];
    });
    expect(page).toEqual(['Landscape', 'A4']);
    await run(wb, (c) => printBallot(c, 'mass', 'Q07'));
    expect(wb.sheetNames().filter((s) => s.startsWith('测评表'))).toEqual(['测评表']);
    expect(wb.snapshot('测评表').cells[1][0].value).toBe('评价人：Q07');
  });
});

describe('total-only entry', () => {
  it('offers one 合计 per member, saves it into 合计, and install sets its validation to 0..100', async () => {
    const roster = [['001', '张三', '一组', '机关党员', null, null], ['002', '李四', '一组', '机关党员', null, null]];
    const wb = await fillCase({ name: 't', year: 2026, branch: '支部', roster, self: [], peer: [], mass: [], bonus: [], review: [] });
    const commands = createCommands((batch) => run(wb, batch));
    expect(await commands.saveSettings({ 'entryMode.mass': '合计' })).toEqual([]);
    const repaired = await commands.install();
    expect(repaired.repaired.some((r) => r.includes('kp_Mass') && r.includes('合计') && r.includes('100'))).toBe(true);
    const form = await commands.getEntryForm('mass', 'Q01');
    expect(form.mode).toBe('total');
    expect(form.members[0].dimensions).toEqual([{ name: '合计', points: 100 }]);
    const saved = await commands.saveForm('mass', 'Q01', [{ memberId: '001', scores: { 合计: '95.5' } }, { memberId: '002', scores: { 合计: 101 } }]);
    expect(saved.problems.map((p) => [p.code, p.cell])).toEqual([['out_of_range', 'L3']]);
    const mass = await rowsOf(wb, 'mass');
    expect(mass.rows.map((r) => [r[0], r[1], r[11]])).toEqual([['Q01', '001', 95.5], ['Q01', '002', 101]]);
    expect((await commands.getEntryForm('mass', 'Q01')).members[0].existing).toEqual({ 合计: 95.5 });
  });
});

describe('check', () => {
  it('lists problems with cells, highlights them, and the next check clears exactly those; nothing typed changes', async () => {
    const { input } = loadCase('small-branch-traps');
    const wb = await fillCase(input);
    // A user's own fill on a cell that is fine.
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('党员互评').getRange('A3').format.fill.color = '#00B050';
      await c.sync();
    });
    const valuesBefore = JSON.stringify(wb.snapshot('党员互评').cells.map((r) => r.map((x) => [x.value, x.formula])));
    wb.resetStats();
    const report = await run(wb, (c) => check(c));
    expect(wb.stats.syncs).toBeLessThanOrEqual(2);
    expect(report.counts.error).toBeGreaterThan(0);
    const ooRange = report.problems.find((p) => p.code === 'out_of_range' && p.sheet === '党员互评');
    expect(ooRange?.cell).toBe('E7');
    const peer = wb.snapshot('党员互评');
    expect(peer.cells[6][4].fill).toBe('#FFC7CE');
    expect(JSON.stringify(peer.cells.map((r) => r.map((x) => [x.value, x.formula])))).toBe(valuesBefore);
    // Fix the cell, check again: its highlight goes, the user's fill stays.
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('党员互评').getRange('E7').values = [[9.6]];
      await c.sync();
    });
    const again = await run(wb, (c) => check(c));
    expect(again.problems.some((p) => p.cell === 'E7' && p.sheet === '党员互评')).toBe(false);
    const peer2 = wb.snapshot('党员互评');
    expect(peer2.cells[6][4].fill).toBeNull();
    expect(peer2.cells[2][0].fill).toBe('#00B050');
    expect(peer2.cells[11][5].fill).toBe('#FFC7CE'); // "优" at F12 still highlighted
  });
});

describe('compute, status and posting', () => {
  it('refuses the posting sheet naming who and why when members are invalid or incomplete', async () => {
    const { input } = loadCase('small-branch-traps');
    const wb = await fillCase(input);
    const computed = await run(wb, (c) => compute(c));
    expect(computed.postingAllowed).toBe(false);
    const report = await run(wb, (c) => makePostingSheet(c, { order: 'rank' }));
    expect(report.created).toBe(false);
    expect(report.blockedReasons.join('\n')).toContain('曹刚');
    expect(wb.sheetNames()).not.toContain('考评结果公示');
  });

  it('writes results with rank, thresholds as conditional formats, a chart and a stamp; edits make them stale', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    const computed = await run(wb, (c) => compute(c));
    expect(computed.postingAllowed).toBe(true);
    const results = await rowsOf(wb, 'results');
    expect(results.headers).toEqual(['排名', '党员编号', '姓名', '党小组', '类别', '自评', '互评', '群众参评', '平均分', '加分', '最终得分', '评定结果', '说明']);
    expect(results.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results.rows[0].slice(1, 3)).toEqual(['003', '赵强敏']);
    const snap = wb.snapshot('考评结果');
    expect(snap.charts.length).toBe(1);
    const final6 = snap.cells.find((r) => r[1].value === '006')!;
    expect(final6[10].conditional?.fill).toBe('#FFEB9C');
    const status = await run(wb, (c) => getStatus(c));
    expect(status.resultsStale).toBe(false);
    expect(status.computedAt).toBe(computed.computedAt);
    await run(wb, (c) => saveForm(c, 'mass', 'Q01', [{ memberId: '001', scores: full }]));
    expect((await run(wb, (c) => getStatus(c))).resultsStale).toBe(true);
  });

  it('makes a print-ready posting sheet: A4 portrait, title row repeated, fit to width, no evaluator data', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    // The posting shows the results: it is made from computed, current results only.
    await run(wb, (c) => compute(c));
    wb.resetStats();
    const report = await run(wb, (c) => makePostingSheet(c, { order: 'rank', periodStart: '2026-12-20', periodEnd: '2026-12-26', phone: '0535-1234567' }));
    expect(wb.stats.syncs).toBeLessThanOrEqual(3);
    expect(report).toMatchObject({ created: true, sheet: '考评结果公示', rows: 7 });
    const snap = wb.snapshot('考评结果公示');
    expect(snap.cells[0][0].value).toBe('龙口市科技局机关党支部2026年度党员分类量化考评结果公示');
    expect(snap.cells[2].map((c) => c.value)).toEqual(['序号', '姓名', '党小组', '最终得分', '评定结果']);
    expect(snap.cells[3].slice(0, 4).map((c) => c.value)).toEqual([1, '赵强敏', '第一党小组', 97.44]);
    expect(snap.cells[3][3].text).toBe('97.44');
    const texts = snap.cells.flat().map((c) => String(c.value ?? ''));
    expect(texts.some((t) => t.includes('0535-1234567'))).toBe(true);
    expect(texts.some((t) => t.includes('公示期：2026年12月20日至12月26日'))).toBe(true);
    // No ballot data: no evaluator codes or ids anywhere.
    expect(texts.some((t) => /^Q\d\d$/.test(t) || t === '评价人')).toBe(false);
    const page = await run(wb, async (c) => {
      const layout = c.workbook.worksheets.getItem('考评结果公示').pageLayout;
      layout.load('orientation,paperSize,zoom');
      const titles = layout.getPrintTitleRowsOrNullObject();
      titles.load('address');
      await c.sync();
      return { orientation: layout.orientation, paper: layout.paperSize, zoom: layout.zoom, titles: titles.isNullObject ? null : titles.address };
    });
    expect(page.orientation).toBe('Portrait');
    expect(page.paper).toBe('A4');
    // Fit to one page wide, with a print scale that fits the columns (484 pt) on A4's printable width
    // (595.3 - 2 × 50.4 pt) as the fallback where an Excel build does not apply the fit.
    expect(page.zoom).toMatchObject({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(page.zoom.scale).toBeGreaterThanOrEqual(90);
    expect((484 * (page.zoom.scale ?? 100)) / 100).toBeLessThanOrEqual(595.3 - 100.8);
    expect(page.titles).toMatch(/\$?3:\$?3$/);
    // Made again: rebuilt in place, not a second sheet.
    await run(wb, (c) => makePostingSheet(c, { order: 'roster' }));
    expect(wb.sheetNames().filter((s) => s.startsWith('考评结果公示'))).toHaveLength(1);
  });
});

describe('own sheets only', () => {
  it('compute recreates a deleted results table; posting keeps off a user sheet named 考评结果公示', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('考评结果').delete();
      const mine = c.workbook.worksheets.add('考评结果公示');
      mine.getRange('A1').values = [['我自己的公示草稿']];
      await c.sync();
    });
    const mineBefore = JSON.stringify(wb.snapshot('考评结果公示'));
    const computed = await run(wb, (c) => compute(c));
    expect(computed.postingAllowed).toBe(true);
    expect((await rowsOf(wb, 'results')).rows).toHaveLength(7);
    const report = await run(wb, (c) => makePostingSheet(c, { order: 'rank' }));
    expect(report.sheet).toBe('考评结果公示 (2)');
    expect(JSON.stringify(wb.snapshot('考评结果公示'))).toBe(mineBefore);
    // Made again: our (2) sheet is rebuilt, the user's stays.
    const again = await run(wb, (c) => makePostingSheet(c, { order: 'rank' }));
    expect(again.sheet).toBe('考评结果公示 (2)');
    expect(wb.sheetNames().filter((s) => s.startsWith('考评结果公示'))).toEqual(['考评结果公示', '考评结果公示 (2)']);
    expect(JSON.stringify(wb.snapshot('考评结果公示'))).toBe(mineBefore);
  });
});

describe('new year', () => {
  it('keeps settings, rubric and roster, archives results as values, clears entries, sets the year', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    await run(wb, (c) => compute(c));
    const resultsBefore = await rowsOf(wb, 'results');
    const rosterBefore = await rowsOf(wb, 'roster');
    const rubricBefore = JSON.stringify(wb.snapshot('考评细则').cells.map((r) => r.map((c) => c.value)));
    wb.resetStats();
    const report = await run(wb, (c) => newYear(c, 2027));
    expect(wb.stats.syncs).toBeLessThanOrEqual(4);
    expect(report.archivedSheet).toBe('2026年考评结果');
    const archive = wb.snapshot('2026年考评结果');
    expect(archive.tables).toEqual([]);
    expect(archive.cells.slice(1).map((r) => r.map((c) => c.value))).toEqual(resultsBefore.rows.map((r) => r.map((v) => (v === '' ? null : v))));
    expect(archive.cells.flat().every((c) => c.formula === null)).toBe(true);
    for (const key of ['self', 'peer', 'mass', 'results'] as const) {
      const t = await rowsOf(wb, key);
      expect(t.rows.every((r) => r.every((v) => v === '' || v === null))).toBe(true);
    }
    expect((await rowsOf(wb, 'roster')).rows).toEqual(rosterBefore.rows);
    expect(JSON.stringify(wb.snapshot('考评细则').cells.map((r) => r.map((c) => c.value)))).toBe(rubricBefore);
    const status = await run(wb, (c) => getStatus(c));
    expect([status.year, status.members, status.forms]).toEqual([2027, 7, { self: 0, peer: 0, mass: 0 }]);
    // The entry form works in the new year: saved rows go into the emptied table.
    await run(wb, (c) => saveForm(c, 'self', '001', [{ memberId: '001', scores: full }]));
    expect((await rowsOf(wb, 'self')).rows.filter((r) => r[0] === '001')).toHaveLength(1);
  });
});

describe('createCommands', () => {
  it('wraps the commands over a batch runner', async () => {
    const wb = createWorkbook();
    const commands = createCommands((batch) => run(wb, batch));
    await commands.install({ year: 2026, branch: '支部' });
    const status = await commands.getStatus();
    expect(status).toMatchObject({ installed: true, year: 2026, branch: '支部', members: 0 });
    const settings = await commands.getSettings();
    expect(settings.items.find((i) => i.key === 'year')?.value).toBe(2026);
    const problems = await commands.saveSettings({ phone: '12345', eligibleThreshold: 85 });
    expect(problems).toEqual([]);
    expect((await commands.getSettings()).items.find((i) => i.key === 'eligibleThreshold')?.value).toBe(85);
    const bad = await commands.saveSettings({ year: 'abc' });
    expect(bad.some((p) => p.severity === 'error')).toBe(true);
    expect((await commands.getStatus()).year).toBe(2026);
  });

  it('selects a problem cell; the status lists the roster; progress says who is missing', async () => {
    const { input } = loadCase('small-branch');
    const wb = await fillCase(input);
    const commands = createCommands((batch) => run(wb, batch));
    await commands.selectCell('党员互评', 'E7');
    const selected = await run(wb, async (c) => {
      const r = c.workbook.getSelectedRange().load('address');
      await c.sync();
      return r.address;
    });
    expect(selected).toMatch(/党员互评'?!E7$/);
    const status = await commands.getStatus();
    expect(status.roster?.map((m) => m.id)).toEqual(['001', '002', '003', '004', '005', '006', '007']);
    expect(status.forms).toEqual({ self: 7, peer: 18, mass: 21 });
    await run(wb, async (c) => {
      // 003 has not handed in their peer forms yet.
      const p = queueReadTables(c, ['peer']);
      await c.sync();
      const t = p().peer;
      const sheet = c.workbook.worksheets.getItem(t.sheet);
      t.rows.forEach((r, i) => {
        if (r[0] === '003') sheet.getRange(`A${t.firstRow + i}:K${t.firstRow + i}`).values = [Array.from({ length: 11 }, () => '')];
      });
      await c.sync();
    });
    const progress = await commands.getProgress('peer');
    expect(progress.evaluators.find((e) => e.evaluator === '003')).toMatchObject({ scored: [], missing: ['001', '002', '004'] });
    expect(progress.evaluators.find((e) => e.evaluator === '001')).toMatchObject({ scored: ['002', '003', '004'], missing: [] });
    expect(progress.membersWithoutForms).toEqual([]);
  });
});

describe('the language row of 考评参数', () => {
  it('shows 中文 or English on the sheet, not a code, and reads back as the language', async () => {
    const wb = createWorkbook();
    const commands = createCommands((batch) => run(wb, batch));
    await commands.install();
    const cellOfLanguage = () => {
      const snap = wb.snapshot('考评参数');
      const row = snap.cells.find((r) => r[0]?.value === '界面语言');
      return row?.[1]?.value;
    };
    expect(cellOfLanguage()).toBe('中文');
    expect(await commands.saveSettings({ language: 'en-US' })).toEqual([]);
    expect(cellOfLanguage()).toBe('English');
    expect((await commands.getSettings()).items.find((i) => i.key === 'language')?.value).toBe('English');
    expect((await commands.getStatus()).language).toBe('en-US');
  });
});

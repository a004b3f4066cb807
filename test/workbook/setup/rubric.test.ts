/** saveRubric (保存细则): a category of its own, validation limits, refusal of an invalid rubric, scoring after. */
import { toJsonOutput } from '../../../src/domain';
import { DEFAULT_RUBRIC, type Rubric } from '../../../src/domain/rubric';
import { createWorkbook, run, type HostWorkbook } from '../../../src/host';
import { createCommands } from '../../../src/workbook/createCommands';
import { compute } from '../../../src/workbook/results/compute';
import { col, queueReadTables } from '../../../src/workbook/tables/readTables';
import { saveRubric } from '../../../src/workbook/setup/rubric';
import { caseRubric } from '../../support/caseInput';
import { fillCase, loadCase } from '../../support/fillCase';

const RETIRED = '离退休党员';
const DIMS = ['理想信念', '宗旨意识', '爱岗敬业', '学习教育', '工作绩效', '道德品质', '廉洁自律', '服务社会'];

function snapshots(wb: HostWorkbook) {
  return wb.sheetNames().map((s) => wb.snapshot(s));
}

/** The small-categories case typed into a workbook whose rubric has only the default category. */
async function withoutCategories() {
  const { input, expected } = loadCase('small-categories');
  const wb = await fillCase({ ...input, categories: {} }, createWorkbook());
  return { wb, input, expected, rubric: caseRubric(input) };
}

async function rubricRows(wb: HostWorkbook) {
  return run(wb, async (c) => {
    const p = queueReadTables(c, ['rubric']);
    await c.sync();
    const t = p().rubric;
    return { rows: t.rows.map((r) => [r[col(t, '类别')], r[col(t, '序号')], r[col(t, '维度')], r[col(t, '分值')]]), bodyRows: t.bodyRows, outside: t.outsideFrom };
  });
}

/** The score limit in each entry table's validation formula, by header (row 2 of each table). */
async function limits(wb: HostWorkbook): Promise<Record<string, Record<string, number>>> {
  return run(wb, async (c) => {
    const p = queueReadTables(c, ['self', 'peer', 'mass']);
    await c.sync();
    const read = p();
    const rules: { table: string; header: string; v: Excel.DataValidation }[] = [];
    for (const key of ['self', 'peer', 'mass'] as const) {
      const t = read[key];
      const sheet = c.workbook.worksheets.getItem(t.sheet);
      t.headers.forEach((h, i) => {
        if (!DIMS.includes(h) && h !== '志愿服务') return;
        const letter = String.fromCharCode(65 + t.firstColumn + i);
        const v = sheet.getRange(`${letter}${t.firstRow}`).dataValidation;
        v.load('rule');
        rules.push({ table: t.name, header: h, v });
      });
    }
    await c.sync();
    const out: Record<string, Record<string, number>> = {};
    for (const r of rules) {
      const m = /<=([\d.]+)/.exec(r.v.rule.custom?.formula ?? '');
      (out[r.table] ??= {})[r.header] = m ? Number(m[1]) : NaN;
    }
    return out;
  });
}

describe('saveRubric', () => {
  it(`adds ${RETIRED} without 工作绩效, keeps the default category, sets limits to the max, then scores its members`, async () => {
    const { wb, input, expected, rubric } = await withoutCategories();
    expect(rubric.categories.map((c) => c.category)).toEqual(['机关党员', RETIRED]);
    expect(rubric.categories[1].dimensions.map((d) => d.points)).toEqual([15, 15, 10, 20, 15, 15, 10]);
    // Before: the retired members' category is unknown, so they are not scored.
    const before = await run(wb, (c) => compute(c));
    expect(before.evaluation.members.some((m) => m.id === '004')).toBe(false);

    wb.resetStats();
    const result = await run(wb, (c) => saveRubric(c, rubric));
    expect(wb.stats.syncs).toBeLessThanOrEqual(4);
    expect(result).toEqual({ problems: [], written: true });

    const { rows, bodyRows, outside } = await rubricRows(wb);
    expect(bodyRows).toBe(15);
    expect(outside).toBeUndefined();
    expect(rows.slice(0, 8).map((r) => [r[0], r[2], r[3]])).toEqual(DEFAULT_RUBRIC.categories[0].dimensions.map((d) => ['机关党员', d.name, d.points]));
    expect(rows.slice(8)).toEqual(input.categories![RETIRED].map(([name, points], i) => [RETIRED, String(i + 1), name, points]));
    // 目标要求 of the default category kept verbatim.
    expect(String(wb.snapshot('考评细则').cells[7][4].value)).toContain('增强法制观念');
    expect(wb.snapshot('考评细则').cells[9][1].numberFormat).toBe('@');

    const expectLimits = { 理想信念: 15, 宗旨意识: 15, 爱岗敬业: 15, 学习教育: 20, 工作绩效: 15, 道德品质: 15, 廉洁自律: 15, 服务社会: 10 };
    expect(await limits(wb)).toEqual({ kp_Self: expectLimits, kp_Peer: expectLimits, kp_Mass: expectLimits });

    // After: the whole case computes exactly as its fixture expects (the retired members by their own rubric).
    const after = await run(wb, (c) => compute(c));
    const json = toJsonOutput(after.evaluation);
    for (const e of expected.members) {
      const m = json.members.find((x) => x.id === e.id) as unknown as Record<string, unknown> | undefined;
      expect(m).toBeDefined();
      for (const [k, v] of Object.entries(e)) {
        if (k === 'status_any') expect(v as string[]).toContain(m!.status);
        else if (typeof v === 'number') expect(m![k] as number).toBeCloseTo(v, 6);
        else expect([e.id, k, m![k]]).toEqual([e.id, k, v]);
      }
    }
    expect(json.members.find((m) => m.id === '008')?.final).not.toBeNull();

    // Saving the same rubric again changes nothing, cell by cell.
    const once = snapshots(wb);
    const again = await run(wb, (c) => saveRubric(c, rubric));
    expect(again.written).toBe(true);
    expect(snapshots(wb)).toEqual(once);
  });

  it('refuses a category summing to 95 with a problem and writes nothing', async () => {
    const { wb, rubric } = await withoutCategories();
    const bad: Rubric = {
      categories: [rubric.categories[0], { ...rubric.categories[1], dimensions: rubric.categories[1].dimensions.map((d, i) => (i === 0 ? { ...d, points: 10 } : d)) }],
    };
    const before = snapshots(wb);
    const result = await run(wb, (c) => saveRubric(c, bad));
    expect(result.written).toBe(false);
    expect(result.problems.map((p) => [p.severity, p.code])).toEqual([['error', 'rubric_invalid']]);
    expect(result.problems[0].message).toContain(RETIRED);
    expect(result.problems[0].message).toContain('95');
    expect(snapshots(wb)).toEqual(before);
  });

  it('adds a new dimension column before 合计; removing the dimension later keeps the column and its data', async () => {
    const { wb, rubric } = await withoutCategories();
    const commands = createCommands((batch) => run(wb, batch));
    const retired = rubric.categories[1];
    const withNew: Rubric = {
      categories: [rubric.categories[0], { ...retired, dimensions: [...retired.dimensions.map((d) => (d.name === '学习教育' ? { ...d, points: 15 } : d)), { name: '志愿服务', points: 5, text: '' }] }],
    };
    expect(await commands.saveRubric(withNew)).toEqual({ problems: [], written: true });
    const peer = wb.snapshot('党员互评');
    expect(peer.tables[0].columns.slice(-2)).toEqual(['志愿服务', '合计']);
    expect((await limits(wb)).kp_Peer.志愿服务).toBe(5);
    // Type a score into the new column, then save the rubric without it: the column and the score stay.
    const c志愿 = peer.tables[0].columns.indexOf('志愿服务');
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('党员互评').getRange(`${String.fromCharCode(65 + c志愿)}2`).values = [[4]];
      await c.sync();
    });
    // The rows' 合计 formulas were widened over the new column, so the typed 4 is in the total.
    const typed = wb.snapshot('党员互评');
    const cTotal = typed.tables[0].columns.indexOf('合计');
    expect(typed.cells[1][cTotal].formula).toContain(':[志愿服务]]');
    const rowSum = typed.cells[1].slice(3, cTotal).reduce((a, cell) => a + (typeof cell.value === 'number' ? cell.value : 0), 0);
    expect(typed.cells[1][cTotal].value).toBeCloseTo(rowSum, 6);
    expect(await commands.saveRubric(rubric)).toEqual({ problems: [], written: true });
    const kept = wb.snapshot('党员互评');
    expect(kept.tables[0].columns).toContain('志愿服务');
    expect(kept.cells[1][c志愿].value).toBe(4);
    // Back to the default rubric alone: the table shrinks to 8 rows and nothing is left under it.
    expect(await commands.saveRubric(DEFAULT_RUBRIC)).toEqual({ problems: [], written: true });
    const { rows, bodyRows, outside } = await rubricRows(wb);
    expect([bodyRows, rows.length, outside]).toEqual([8, 8, undefined]);
    expect(wb.snapshot('考评细则').cells.slice(9).every((r) => r.every((cell) => cell.value === '' || cell.value === null))).toBe(true);
  });

  it('keeps the sub-items (细则) of a dimension sent without items', async () => {
    const wb = createWorkbook();
    const commands = createCommands((batch) => run(wb, batch));
    await commands.install();
    const withItems: Rubric = {
      categories: [{
        ...DEFAULT_RUBRIC.categories[0],
        dimensions: DEFAULT_RUBRIC.categories[0].dimensions.map((d, i) => (i === 0 ? { ...d, items: [{ name: '学习党章', points: 4, text: '' }, { name: '学习党史', points: 6, text: '' }] } : d)),
      }],
    };
    expect((await commands.saveRubric(withItems)).written).toBe(true);
    expect((await commands.saveRubric(DEFAULT_RUBRIC)).written).toBe(true);
    const { rows } = await rubricRows(wb);
    expect(rows.slice(0, 3).map((r) => [r[1], r[2], r[3]])).toEqual([['1', '理想信念', 10], ['1.1', '学习党章', 4], ['1.2', '学习党史', 6]]);
    const settings = await commands.getSettings();
    expect(settings.rubric[0].dimensions).toHaveLength(8);
  });
});

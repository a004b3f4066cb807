/**
 * What only real Excel shows (issue 13): behaviours the headless host used to hide, now modelled after
 * Microsoft's documentation (or pinned as choices in the 自检 conformance suite), and the commands' answers.
 */
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { check } from '../../src/workbook/results/check';
import { compute } from '../../src/workbook/results/compute';
import { saveForm } from '../../src/workbook/entry/forms';
import { importRoster } from '../../src/workbook/setup/rosterImport';
import { install } from '../../src/workbook/setup/install';
import { A4, DEFAULT_SIDE_MARGINS } from '../../src/workbook/tables/layout';
import { newYear } from '../../src/workbook/year/newYear';
import { col, queueReadTables, readTables } from '../../src/workbook/tables/readTables';
import { saveRubric } from '../../src/workbook/setup/rubric';
import { saveSettings } from '../../src/workbook/setup/settings';
import { getStatus } from '../../src/workbook/setup/status';
import { fillCase, loadCase, syntheticCase } from '../support/fillCase';

const FULL = { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 };

async function smallBranch(): Promise<HostWorkbook> {
  return fillCase(loadCase('small-branch').input);
}

function snapshots(wb: HostWorkbook) {
  return wb.sheetNames().map((s) => wb.snapshot(s));
}

async function protect(wb: HostWorkbook, sheet: string): Promise<void> {
  await run(wb, async (c) => {
    c.workbook.worksheets.getItem(sheet).protection.protect();
    await c.sync();
  });
}

/** Makes the n-th sync of the context fail as Excel does when a write is refused (the queue is dropped). */
function failSync(context: Excel.RequestContext, n: number, code: string): void {
  const ctx = context as unknown as { sync: () => Promise<unknown>; queue: unknown[] };
  const original = ctx.sync.bind(ctx);
  let k = 0;
  ctx.sync = async () => {
    k++;
    if (k !== n) return original();
    ctx.queue.splice(0);
    throw Object.assign(new Error('The request could not be completed.'), { code });
  };
}

/** As older builds of Excel on the web: a payload over the limit is reported as GeneralException. */
function olderWebBuild(context: Excel.RequestContext): void {
  const ctx = context as unknown as { sync: () => Promise<unknown> };
  const original = ctx.sync.bind(ctx);
  ctx.sync = async () => {
    try {
      return await original();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') {
        throw Object.assign(new Error('An internal error has occurred.'), { code: 'GeneralException' });
      }
      throw e;
    }
  };
}

describe('1. saving the rubric never reports success when the write failed', () => {
  it('a refused rubric write is an error, not written: true', async () => {
    const wb = await smallBranch();
    const before = snapshots(wb);
    // Sync 1 reads, sync 2 is the rubric write: refused (a co-authoring conflict, a filter, …).
    await expect(run(wb, (c) => {
      failSync(c, 2, 'InvalidOperation');
      return saveRubric(c, DEFAULT_RUBRIC);
    })).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(snapshots(wb)).toEqual(before);
  });

  it('a protected 考评细则 is refused with a message naming the sheet; the rubric is unchanged', async () => {
    const wb = await smallBranch();
    await protect(wb, '考评细则');
    const before = snapshots(wb);
    const changed = { categories: [{ ...DEFAULT_RUBRIC.categories[0], dimensions: DEFAULT_RUBRIC.categories[0].dimensions.map((d, i) => (i === 0 ? { ...d, points: 15 } : i === 1 ? { ...d, points: 5 } : d)) }] };
    await expect(run(wb, (c) => saveRubric(c, changed))).rejects.toThrow('工作表“考评细则”受保护');
    expect(snapshots(wb)).toEqual(before);
  });
});

describe('2. a corrected score can be typed into a cell that held a text score', () => {
  it('the kept text stays text, the cell is General, a typed 9 is a number the validation accepts', async () => {
    const wb = await smallBranch();
    const report = await run(wb, (c) => saveForm(c, 'peer', '001', [{ memberId: '002', scores: { ...FULL, 理想信念: '优' } }]));
    expect(report.problems.map((p) => p.code)).toContain('not_a_number');
    const read = await run(wb, async (c) => (await readTables(c, ['peer'])).read.peer);
    const rowIndex = read.rows.findIndex((r) => r[col(read, '评价人')] === '001' && r[col(read, '党员编号')] === '002');
    const cell = `${String.fromCharCode(65 + read.firstColumn + col(read, '理想信念'))}${read.firstRow + rowIndex}`;
    const snap = () => {
      const s = wb.snapshot('党员互评');
      const m = /^([A-Z])(\d+)$/.exec(cell)!;
      return s.cells[Number(m[2]) - 1][m[1].charCodeAt(0) - 65];
    };
    expect([snap().value, snap().numberFormat]).toEqual(['优', 'General']);
    // The secretary corrects it in Excel.
    expect(wb.type('党员互评', cell, '9')).toEqual({ accepted: true });
    expect(snap().value).toBe(9);
    // A wrong score typed there is still refused by the column's validation.
    expect(wb.type('党员互评', cell, '12').accepted).toBe(false);
    const after = await run(wb, (c) => check(c));
    expect(after.problems.filter((p) => p.sheet === '党员互评' && p.cell === cell)).toEqual([]);
  });
});

describe('3. a protected sheet: commands refuse before writing anything, naming the sheet', () => {
  it('saveForm, saveSettings, importRoster, compute, new year refuse; check lists problems and says what it did not highlight', async () => {
    const wb = await smallBranch();
    await protect(wb, '党员互评');
    await protect(wb, '考评参数');
    await protect(wb, '党员名册');
    await protect(wb, '考评结果');
    await run(wb, async (c) => {
      c.workbook.worksheets.add('新名册').getRange('A1:B2').values = [['姓名', '党小组'], ['新党员', '第一党小组']];
      await c.sync();
    });
    const before = snapshots(wb);
    await expect(run(wb, (c) => saveForm(c, 'peer', '001', [{ memberId: '002', scores: FULL }]))).rejects.toThrow('工作表“党员互评”受保护');
    await expect(run(wb, (c) => saveSettings(c, { phone: '123' }))).rejects.toThrow('工作表“考评参数”受保护');
    await expect(run(wb, (c) => importRoster(c, '新名册'))).rejects.toThrow('工作表“党员名册”受保护');
    await expect(run(wb, (c) => compute(c))).rejects.toThrow('工作表“考评结果”受保护');
    await expect(run(wb, (c) => newYear(c, 2027))).rejects.toThrow('受保护');
    expect(snapshots(wb)).toEqual(before);
    // A bad score on the protected sheet: check reports it and says the sheet was not highlighted.
    await run(wb, async (c) => {
      const s = c.workbook.worksheets.getItem('党员互评');
      s.protection.unprotect();
      s.getRange('D2').values = [[99]];
      s.protection.protect();
      await c.sync();
    });
    const report = await run(wb, (c) => check(c));
    expect(report.problems.some((p) => p.sheet === '党员互评' && p.cell === 'D2')).toBe(true);
    // (The roster is protected too: its cells named by the work-plan warnings are not highlighted either.)
    expect(report.notes).toContain('工作表“党员互评”受保护，其中的问题单元格未标色（问题仍列在上面）。');
    expect(wb.snapshot('党员互评').cells[1][3].fill).toBeNull();
  });
});

describe('4. kp_State is bookkeeping only: losing or damaging it loses no data', () => {
  it('a deleted kp_State is made again by compute (the stamp is kept), the entries are untouched', async () => {
    const wb = await smallBranch();
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('kp_State').delete();
      await c.sync();
    });
    const entries = ['党员自评', '党员互评', '群众参评'].map((s) => wb.snapshot(s));
    const report = await run(wb, (c) => compute(c));
    const status = await run(wb, (c) => getStatus(c));
    expect(status.computedAt).toBe(report.computedAt);
    expect(wb.snapshot('kp_State').visibility).toBe('VeryHidden');
    expect(['党员自评', '党员互评', '群众参评'].map((s) => wb.snapshot(s))).toEqual(entries);
  });

  it('a damaged highlight list in kp_State does not stop a check', async () => {
    const wb = await smallBranch();
    await run(wb, async (c) => {
      const p = queueReadTables(c, ['state']);
      await c.sync();
      const t = p().state;
      const sheet = c.workbook.worksheets.getItem(t.sheet);
      sheet.getRange(`A${t.firstRow}:B${t.firstRow}`).values = [['highlights', 'kp_Peer!这不是地址,D2;乱码']];
      await c.sync();
    });
    const report = await run(wb, (c) => check(c));
    expect(report.counts.error).toBe(0);
  });
});

describe('5. print scaling: fit to one page wide, with a zoom scale that fits as the fallback', () => {
  it('the results sheet is set to fit one page wide and keeps a scale that fits where the fit is not applied', async () => {
    const wb = await smallBranch();
    await run(wb, (c) => compute(c));
    const page = await run(wb, async (c) => {
      const sheet = c.workbook.worksheets.getItem('考评结果');
      sheet.pageLayout.load('zoom, orientation');
      const header = c.workbook.tables.getItem('kp_Results').getHeaderRowRange();
      header.load('columnCount, columnIndex');
      await c.sync();
      const cols = Array.from({ length: header.columnCount }, (_, i) => sheet.getCell(0, header.columnIndex + i).format.load('columnWidth'));
      await c.sync();
      return { zoom: sheet.pageLayout.zoom, orientation: sheet.pageLayout.orientation, width: cols.reduce((a, f) => a + f.columnWidth, 0) };
    });
    expect([page.zoom.horizontalFitToPages, page.zoom.verticalFitToPages]).toEqual([1, 0]);
    expect(page.zoom.scale).toBeGreaterThanOrEqual(10);
    expect(page.zoom.scale).toBeLessThan(100);
    expect((page.width * (page.zoom.scale ?? 100)) / 100).toBeLessThanOrEqual(A4.height - DEFAULT_SIDE_MARGINS);
  });
});

describe('6. appending a table column uses null', () => {
  it('the host refuses columns.add at index = column count; install adds a missing last column', async () => {
    const wb = createWorkbook();
    await run(wb, (c) => install(c));
    await expect(run(wb, async (c) => {
      const t = c.workbook.tables.getItem('kp_Roster');
      t.columns.load('count');
      await c.sync();
      t.columns.add(t.columns.count, undefined, '新列');
      await c.sync();
    })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await run(wb, async (c) => {
      c.workbook.tables.getItem('kp_Roster').columns.getItem('备注').delete();
      await c.sync();
    });
    const report = await run(wb, (c) => install(c));
    expect(report.repaired.join()).toContain('备注');
    expect(wb.snapshot('党员名册').tables[0].columns.slice(-1)).toEqual(['备注']);
  });
});

describe('8. payload errors reported as GeneralException (older Excel on the web)', () => {
  it('a read too large for one response is read in blocks even when reported as GeneralException', async () => {
    const wb = await fillCase(syntheticCase(300), createWorkbook());
    // The response of the whole read and of the largest table alone; the limit lies between them.
    const size = async (keys?: Parameters<typeof readTables>[1]) => {
      wb.resetStats();
      await run(wb, (c) => readTables(c, keys));
      return Math.max(...wb.stats.responseBytesPerSync);
    };
    const all = await size();
    const peer = await size(['peer']);
    expect(peer).toBeLessThan(all);
    wb.payloadLimit = Math.floor((all + peer) / 2);
    const report = await run(wb, (c) => {
      olderWebBuild(c);
      return compute(c);
    });
    expect(report.summary.members).toBe(300);
  });

  it('new year from a hand-made workbook reads the sheets again in blocks after a payload error', async () => {
    const wb = createWorkbook();
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('Sheet1').getRange('A1:C4').values = [['序号', '姓名', '党小组'], [1, '张三', '一组'], [2, '李四', '一组'], [3, '王五', '二组']];
      await c.sync();
    });
    const report = await run(wb, (c) => {
      failSync(c, 2, 'ResponsePayloadSizeLimitExceeded');
      return newYear(c, 2027);
    });
    expect(report.messages.join()).toContain('导入党员 3 名');
  });
});

describe('10. writing just below a table extends it (documented)', () => {
  it('values written in the row under a table make it one row longer; formats alone do not', async () => {
    const wb = createWorkbook();
    const address = await run(wb, async (c) => {
      const s = c.workbook.worksheets.getItem('Sheet1');
      s.getRange('A1:B2').values = [['编号', '分数'], ['001', 1]];
      const t = s.tables.add('A1:B2', true);
      s.getRange('A3:B3').numberFormat = [['@', 'General']];
      const r1 = t.getRange().load('address');
      await c.sync();
      const first = r1.address;
      s.getRange('A3:B3').values = [['002', 2]];
      const r2 = t.getRange().load('address');
      await c.sync();
      return [first, r2.address];
    });
    expect(address).toEqual(['Sheet1!A1:B2', 'Sheet1!A1:B3']);
  });
});

describe('11. saving into a filtered table', () => {
  it('the host refuses rows.add while filtered; saveForm clears the filter, saves and says so', async () => {
    const wb = await smallBranch();
    await run(wb, async (c) => {
      c.workbook.tables.getItem('kp_Peer').columns.getItem('评价人').filter.applyValuesFilter(['001']);
      await c.sync();
    });
    await expect(run(wb, async (c) => {
      c.workbook.tables.getItem('kp_Peer').rows.add(undefined, [Array.from({ length: 12 }, () => '')]);
      await c.sync();
    })).rejects.toMatchObject({ code: 'InvalidOperation' });
    const report = await run(wb, (c) => saveForm(c, 'peer', 'Q99', [{ memberId: '002', scores: FULL }]));
    expect(report.added).toBe(1);
    expect(report.notes).toEqual(['已清除工作表“党员互评”中表格的筛选，以便添加新行。']);
    const read = await run(wb, async (c) => (await readTables(c, ['peer'])).read.peer);
    expect(read.outsideFrom).toBeUndefined();
    expect(read.rows.some((r) => r[0] === 'Q99' && r[1] === '002')).toBe(true);
  });
});

describe('9. calculated 合计 column: a total typed in total-only mode is never overwritten by a formula we write', () => {
  it('saving forms and widening the 合计 formulas over a new dimension leave a typed total alone', async () => {
    const wb = await smallBranch();
    await run(wb, (c) => saveSettings(c, { 'entryMode.peer': '合计' }));
    await run(wb, (c) => saveForm(c, 'peer', 'Q05', [{ memberId: '001', scores: { 合计: 88 } }]));
    await run(wb, (c) => saveSettings(c, { 'entryMode.peer': '分项' }));
    await run(wb, (c) => saveForm(c, 'peer', 'Q06', [{ memberId: '002', scores: FULL }]));
    const dims = DEFAULT_RUBRIC.categories[0].dimensions;
    const withNew = { categories: [{ ...DEFAULT_RUBRIC.categories[0], dimensions: [...dims.map((d, i) => (i === 0 ? { ...d, points: 5 } : d)), { name: '志愿服务', points: 5, text: '' }] }] };
    expect((await run(wb, (c) => saveRubric(c, withNew))).written).toBe(true);
    const t = await run(wb, async (c) => (await readTables(c, ['peer'])).read.peer);
    const total = col(t, '合计');
    const typed = t.rows.find((r) => r[0] === 'Q05');
    const summed = t.rows.find((r) => r[0] === 'Q06');
    expect(typed?.[total]).toBe(88);
    expect(summed?.[total]).toBe(92);
    const snap = wb.snapshot('党员互评');
    const rowOf = (code: string) => snap.cells.findIndex((r) => r[0].value === code);
    expect(snap.cells[rowOf('Q05')][total].formula).toBeNull();
    expect(snap.cells[rowOf('Q06')][total].formula).toContain('志愿服务');
  });
});

import { createWorkbook, HostError, run, type HostWorkbook } from '../../src/host';

async function expectCode(p: Promise<unknown>, code: string): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HostError);
    expect((e as HostError).code).toBe(code);
    expect((e as HostError).debugInfo.code).toBe(code);
    return e as HostError;
  }
  throw new Error(`expected ${code}`);
}

function sheet1(ctx: Excel.RequestContext): Excel.Worksheet {
  return ctx.workbook.worksheets.getItem('Sheet1');
}

async function values(wb: HostWorkbook, address: string, prop: 'values' | 'formulas' | 'text' | 'valueTypes' | 'numberFormat' = 'values'): Promise<unknown[][]> {
  return run(wb, async (ctx) => {
    const r = sheet1(ctx).getRange(address).load(prop);
    await ctx.sync();
    return r[prop] as unknown[][];
  });
}

describe('counters', () => {
  test('each sync counts its operations and a request size that grows with the values written', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = sheet1(ctx); // 1 op
      ws.getRange('A1:B1').values = [[1, 2]]; // getRange + set = 2
      await ctx.sync();
      const r = ws.getRange('A1:B1').load('values'); // 2
      await ctx.sync();
      void r.values;
    });
    expect(wb.stats.syncs).toBe(2);
    expect(wb.stats.operations).toBe(5);
    expect(wb.stats.bytesPerSync).toHaveLength(2);
    const small = wb.stats.bytesPerSync[0];
    wb.resetStats();
    expect(wb.stats).toEqual({ syncs: 0, operations: 0, bytesPerSync: [], responseBytesPerSync: [] });
    await run(wb, async (ctx) => {
      sheet1(ctx).getRange('A1:B100').values = Array.from({ length: 100 }, (_, i) => ['名字' + i, i]);
    });
    expect(wb.stats.syncs).toBe(1); // run syncs what is left
    expect(wb.stats.bytesPerSync[0]).toBeGreaterThan(small * 10);
  });

  test('run does not sync when the batch throws, and an empty batch costs no sync', async () => {
    const wb = createWorkbook();
    await expect(run(wb, async (ctx) => { sheet1(ctx).getRange('A1').values = [[1]]; throw new Error('boom'); })).rejects.toThrow('boom');
    await run(wb, async () => undefined);
    expect(wb.stats.syncs).toBe(0);
    expect(await values(wb, 'A1')).toEqual([['']]);
  });
});

describe('load/sync semantics', () => {
  test('a set property reads back locally before sync; errors carry the failing statement', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const r = sheet1(ctx).getRange('A1');
      r.values = [['x']];
      expect(r.values).toEqual([['x']]);
      r.values = [[1, 2]];
      const e = await expectCode(ctx.sync(), 'InvalidArgument');
      expect(e.debugInfo.errorLocation).toBe('Range.values');
    });
  });

  test('operations on a null object fail with InvalidOperation; loads on it are fine', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const t = ctx.workbook.tables.getItemOrNullObject('nope');
      const body = t.getDataBodyRange();
      body.load('values');
      t.load('name');
      await ctx.sync();
      expect(t.isNullObject).toBe(true);
      expect(body.isNullObject).toBe(true);
      expect(t.name).toBeUndefined();
      t.name = 'x';
      await expectCode(ctx.sync(), 'InvalidOperation');
    });
  });

  test('collections load items/name; a bare load() loads scalar properties; toJSON shows loaded data', async () => {
    const wb = createWorkbook();
    const out = await run(wb, async (ctx) => {
      ctx.workbook.worksheets.add('党员名册');
      const sheets = ctx.workbook.worksheets.load('items/name');
      const ws = sheet1(ctx).load();
      await ctx.sync();
      return { names: sheets.items.map((s) => s.name), ws: ws.toJSON() };
    });
    expect(out.names).toEqual(['Sheet1', '党员名册']);
    expect(out.ws).toMatchObject({ name: 'Sheet1', position: 0, visibility: 'Visible' });
  });

  test('reads in the same batch see formulas already recalculated', async () => {
    const wb = createWorkbook();
    const v = await run(wb, async (ctx) => {
      const r = sheet1(ctx).getRange('A1:B1');
      r.values = [[2, '=A1*3']];
      r.load('values');
      await ctx.sync();
      return r.values;
    });
    expect(v).toEqual([[2, 6]]);
  });
});

describe('values', () => {
  test('a scalar is applied to every cell; +/- formulas; percent and ISO dates in General cells', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:B2').values = 7 as never;
      ws.getRange('C1:F1').values = [['+A1*2', '-A1', '50%', '2025-01-01']];
    });
    expect(await values(wb, 'A1:F2')).toEqual([[7, 7, 14, -7, 0.5, 45658], [7, 7, '', '', '', '']]);
    expect(await values(wb, 'E1:F1', 'text')).toEqual([['50%', '2025-01-01']]);
    expect(await values(wb, 'C1', 'formulas')).toEqual([['=+A1*2']]);
  });

  test('unsupported functions give #NAME? (valueType Error), never a wrong value; errors propagate', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      sheet1(ctx).getRange('A1:D1').formulas = [['=VLOOKUP(1,B1:C2,2,FALSE)', '=1/0', '=A1+1', '=SUM(B1)']];
    });
    expect(await values(wb, 'A1:D1')).toEqual([['#NAME?', '#DIV/0!', '#NAME?', '#DIV/0!']]);
    expect(await values(wb, 'A1:D1', 'valueTypes')).toEqual([['Error', 'Error', 'Error', 'Error']]);
  });

  test('sums of tenths are exact and ROUND is half away from zero', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      sheet1(ctx).getRange('A1:E1').values = [[0.1, 0.2, '=SUM(A1:B1)', '=ROUND(2.675,2)', '=ROUND(-2.5,0)']];
    });
    expect(await values(wb, 'C1:E1')).toEqual([[0.3, 2.68, -3]]);
  });

  test('text of General numbers and of number formats with literals', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const r = sheet1(ctx).getRange('A1:E1');
      r.values = [[1 / 3, 1234567.5, 93.833, 45658, true]];
      r.numberFormat = [['General', '#,##0.0', '0.00"分"', 'yyyy"年"m"月"d"日"', 'General']];
    });
    expect(await values(wb, 'A1:E1', 'text')).toEqual([['0.333333333', '1,234,567.5', '93.83分', '2025年1月1日', 'TRUE']]);
  });
});

describe('tables', () => {
  test('hasHeaders=false inserts a header row; header writes rename columns; columns.add; resize', async () => {
    const wb = createWorkbook();
    const out = await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:B2').values = [[1, 2], [3, 4]];
      const t = ws.tables.add('A1:B2', false);
      ws.getRange('A1').values = [[2025]];
      t.columns.add(undefined, undefined, '备注');
      t.columns.add(0, [['序号'], [1], [2]]);
      const cols = t.columns.load('items/name');
      const r = t.getRange().load('address, values');
      t.load('name');
      await ctx.sync();
      t.resize('A1:D4');
      const r2 = t.getRange().load('address');
      await ctx.sync();
      return { name: t.name, cols: cols.items.map((c) => c.name), address: r.address, values: r.values, resized: r2.address };
    });
    expect(out.name).toBe('Table1');
    expect(out.cols).toEqual(['序号', '2025', 'Column2', '备注']);
    expect(out.address).toBe('Sheet1!A1:D3');
    expect(out.values).toEqual([['序号', '2025', 'Column2', '备注'], [1, 1, 2, ''], [2, 3, 4, '']]);
    expect(out.resized).toBe('Sheet1!A1:D4');
  });

  test('rows.add at an index; a table straddling the moved columns blocks it; protected sheets deny it', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:B3').values = [['k', 'v'], ['a', 1], ['c', 3]];
      const t = ws.tables.add('A1:B3', true);
      t.rows.add(1, [['b', 2]]);
      await ctx.sync();
      ws.getRange('B6:C7').values = [['x', 'y'], [1, 2]];
      ws.tables.add('B6:C7', true);
      await ctx.sync();
      t.rows.add(undefined, [['d', 4]]);
      await expectCode(ctx.sync(), 'InvalidOperation');
      ws.protection.protect();
      t.rows.add(undefined, [['d', 4]]);
      await expectCode(ctx.sync(), 'AccessDenied');
    });
    expect(await values(wb, 'A1:B4')).toEqual([['k', 'v'], ['a', 1], ['b', 2], ['c', 3]]);
  });

  test('validation and conditional formats on a body column grow with rows.add; the snapshot shows the CF fill', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:B3').values = [['k', 'v'], ['a', 95], ['b', 50]];
      const t = ws.tables.add('A1:B3', true);
      const body = ws.getRange('B2:B3');
      body.dataValidation.rule = { wholeNumber: { formula1: 0, formula2: 100, operator: 'Between' } };
      const cf = body.conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=B2<60';
      cf.custom.format.fill.color = '#FFC7CE';
      await ctx.sync();
      t.rows.add(undefined, [['c', 40], ['d', 101]]);
      const invalid = ws.getRange('B2:B5').dataValidation.getInvalidCellsOrNullObject().load('address');
      await ctx.sync();
      expect(invalid.address).toBe('Sheet1!B5');
    });
    const snap = wb.snapshot('Sheet1');
    expect(snap.cells.slice(1).map((r) => r[1].conditional?.fill ?? null)).toEqual([null, '#FFC7CE', '#FFC7CE', null]);
    expect(snap.validations).toEqual([{ address: 'B2:B5', type: 'wholeNumber' }]);
  });
});

describe('worksheets, formats and protection', () => {
  test('rename, position, visibility, tab colour, last visible sheet, delete', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const a = ctx.workbook.worksheets.add('甲');
      ctx.workbook.worksheets.add();
      a.position = 0;
      a.tabColor = '#c00000';
      sheet1(ctx).name = '总表';
      await ctx.sync();
      a.load('tabColor');
      await ctx.sync();
      expect(a.tabColor).toBe('#C00000');
      ctx.workbook.worksheets.getItem('总表').visibility = 'Hidden';
      ctx.workbook.worksheets.getItem('Sheet3').delete();
      await ctx.sync();
      a.visibility = 'Hidden';
      await expectCode(ctx.sync(), 'InvalidOperation');
      a.delete();
      await expectCode(ctx.sync(), 'InvalidOperation');
    });
    expect(wb.sheetNames()).toEqual(['甲', '总表']);
    expect(wb.snapshot('总表').visibility).toBe('Hidden');
  });

  test('formatting a protected sheet is AccessDenied unless allowed; locked cannot change while protected', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      ws.protection.protect();
      ws.getRange('A1').format.fill.color = '#FFFF00';
      await expectCode(ctx.sync(), 'AccessDenied');
      ws.getRange('A1').format.protection.locked = false;
      await expectCode(ctx.sync(), 'AccessDenied');
      ws.protection.unprotect();
      ws.protection.unprotect();
      await expectCode(ctx.sync(), 'InvalidOperation');
      ws.protection.protect({ allowFormatCells: true, allowFormatColumns: true });
      ws.getRange('A1').format.fill.color = '#FFFF00';
      ws.getRange('A:A').format.columnWidth = 80;
      await ctx.sync();
    });
    const s = wb.snapshot('Sheet1');
    expect(s.protected).toBe(true);
    expect(s.columnWidths[0]).toBe(80);
  });

  test('borders, mixed formats read null, whole-column formats apply to new cells, autofit widens for Chinese text', async () => {
    const wb = createWorkbook();
    const out = await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      const r = ws.getRange('A1:C3');
      for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const) {
        r.format.borders.getItem(side).style = 'Continuous';
      }
      ws.getRange('A1').format.font.bold = true;
      ws.getRange('E:E').format.font.color = '#0000FF';
      ws.getRange('E5').values = [['新']];
      ws.getRange('G1').values = [['中华人民共和国党员分类量化考评']];
      ws.getRange('G:G').format.autofitColumns();
      const bold = ws.getRange('A1:B1').format.font.load('bold');
      const inside = r.format.borders.getItem('InsideHorizontal').load('style, weight');
      const blue = ws.getRange('E5').format.font.load('color');
      const width = ws.getRange('G1').format.load('columnWidth');
      await ctx.sync();
      return { bold: bold.bold, inside: [inside.style, inside.weight], blue: blue.color, width: width.columnWidth };
    });
    expect(out.bold).toBeNull();
    expect(out.inside).toEqual(['Continuous', 'Thin']);
    expect(out.blue).toBe('#0000FF');
    expect(out.width).toBeGreaterThan(150);
  });

  test('charts and names live in memory and in the snapshot', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:B3').values = [['段', '人数'], ['90+', 3], ['<60', 1]];
      const chart = ws.charts.add('ColumnClustered', ws.getRange('A1:B3'), 'Columns');
      chart.title.text = '得分分布';
      chart.setPosition('D2', 'J15');
      ctx.workbook.names.add('kp_Data', ws.getRange('A1:B3'));
      const named = ctx.workbook.names.getItem('kp_Data').getRange().load('address');
      await ctx.sync();
      expect(named.address).toBe('Sheet1!A1:B3');
    });
    expect(wb.snapshot('Sheet1').charts).toEqual([{ name: 'Chart 1', type: 'ColumnClustered', title: '得分分布', source: 'A1:B3' }]);
  });
});

describe('renames rewrite formulas, as in Excel', () => {
  test('sheet, table and column renames', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:D3').values = [['编号', '甲', '乙', '合计'], ['001', 1, 2, null], ['002', 3, 4, null]];
      const t = ws.tables.add('A1:D3', true);
      t.name = 'kp_Old';
      const other = ctx.workbook.worksheets.add('汇总');
      other.getRange('A1:C1').formulas = [['=SUM(kp_Old[甲])', "=Sheet1!B2+'Sheet1'!C2", '=SUM(kp_Old[@[甲]:[乙]])']];
      ws.getRange('D2').formulas = [['=[@甲]*10']];
      await ctx.sync();
      ws.name = '党员 自评';
      t.name = 'kp_New';
      t.columns.getItem('甲').name = '理想信念';
    });
    const out = await run(wb, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('汇总').getRange('A1:C1').load('formulas, values');
      const d = ctx.workbook.worksheets.getItem('党员 自评').getRange('D2').load('formulas, values');
      await ctx.sync();
      return { f: r.formulas, v: r.values, d: [d.formulas, d.values] };
    });
    expect(out.f).toEqual([['=SUM(kp_New[理想信念])', "='党员 自评'!B2+'党员 自评'!C2", '=SUM(kp_New[@[理想信念]:[乙]])']]);
    expect(out.v).toEqual([[4, 3, '#VALUE!']]);
    expect(out.d).toEqual([[['=[@理想信念]*10']], [[10]]]);
  });
});

describe('criteria of COUNTIF/SUMIFS', () => {
  test('wildcards, escaped wildcards, comparisons and numeric-looking text', async () => {
    const wb = createWorkbook();
    await run(wb, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A:A').numberFormat = '@' as never;
      ws.getRange('A1:B5').values = [['张三', 90], ['张三丰', 80], ['李*', 70], ['004', 60], ['王五', '']];
      ws.getRange('D1:I1').formulas = [['=COUNTIF(A1:A5,"张*")', '=COUNTIF(A1:A5,"张?")', '=COUNTIF(A1:A5,"李~*")', '=SUMIFS(B1:B5,A1:A5,"<>004")', '=COUNTIF(B1:B5,">=80")', '=COUNTIF(A1:A5,4)']];
    });
    expect(await values(wb, 'D1:I1')).toEqual([[2, 1, 1, 240, 2, 1]]);
  });
});

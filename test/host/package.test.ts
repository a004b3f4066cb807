/**
 * The package reader follows ECMA-376, not one writer's habits; the writer changes only what a command changed.
 * Files from ../shared/corpus (written by Excel, LibreOffice, openpyxl, …).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createWorkbook, loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { compute, install } from '../../src/workbook';
import { SHARED } from '../support/paths';

const corpus = (name: string) => new Uint8Array(readFileSync(join(SHARED, 'corpus', 'calamine', name)));
const tools = (name: string) => new Uint8Array(readFileSync(join(SHARED, 'corpus', 'tools', name)));

async function read(wb: HostWorkbook, sheet: string, address: string): Promise<{ values: unknown[][]; formulas: unknown[][] }> {
  return run(wb, async (context) => {
    const r = context.workbook.worksheets.getItem(sheet).getRange(address).load('values, formulas');
    await context.sync();
    return { values: r.values, formulas: r.formulas };
  });
}

describe('reading', () => {
  it('shared formulas: whole-column references move along columns only, whole rows along rows only', async () => {
    const wb = await loadXlsx(corpus('column_row_ranges.xlsx'));
    const name = wb.sheetNames()[0];
    const { formulas } = await read(wb, name, 'A1:C3');
    // B1 is the master "SUM(F:G)"; C1 is one column right of it. A2 is the master "SUM(E:F)"; A3 one row below.
    expect(formulas[0][2]).toBe('=SUM(G:H)');
    expect(formulas[2][0]).toBe('=SUM(E:F)');
    expect(formulas[2][2]).toBe('=SUM(G:H)');
  });

  it('ISO dates (t="d") become serial numbers; a time alone is a fraction of a day', async () => {
    const wb = await loadXlsx(corpus('date_iso.xlsx'));
    const { values } = await read(wb, wb.sheetNames()[0], 'A1:A3');
    expect(values[0][0]).toBe(44197); // 2021-01-01
    expect(values[1][0]).toBeCloseTo(44197 + (10 * 3600 + 10 * 60 + 10) / 86400, 9);
    expect(values[2][0]).toBeCloseTo((10 * 3600 + 10 * 60 + 10) / 86400, 9);
  });

  it('inline strings written as CDATA, and _xHHHH_ escapes', async () => {
    const wb = await loadXlsx(corpus('inlineStr_cdata.xlsx'));
    const { values } = await read(wb, wb.sheetNames()[0], 'A1:B2');
    expect(values).toEqual([['Hello CDATA', 'World'], ['12345', 'NormalText']]);
    const x = await loadXlsx(corpus('has_x000D_.xlsx'));
    const all = await run(x, async (context) => {
      const r = context.workbook.worksheets.getItem(x.sheetNames()[0]).getUsedRange().load('values');
      await context.sync();
      return r.values.flat().filter((v): v is string => typeof v === 'string');
    });
    expect(all.some((v) => v.includes('\r'))).toBe(true);
    expect(all.some((v) => v.includes('_x000D_'))).toBe(false);
  });

  it('a 1904-date workbook keeps its serial numbers and its date system through install + save', async () => {
    const bytes = corpus('date_1904.xlsx');
    const wb = await loadXlsx(bytes);
    const sheet = wb.sheetNames()[0];
    const before = await read(wb, sheet, 'A1:B3');
    await run(wb, async (context) => { await install(context); });
    const out = await saveXlsx(wb);
    expect(strFromU8(unzipSync(out)['xl/workbook.xml'])).toMatch(/date1904="(true|1)"/);
    expect((await read(await loadXlsx(out), sheet, 'A1:B3')).values).toEqual(before.values);
  });

  it('rich text and phonetic runs read as the plain text a user sees', async () => {
    const wb = await loadXlsx(corpus('rph.xlsx'));
    const values = await run(wb, async (context) => {
      const r = context.workbook.worksheets.getItem(wb.sheetNames()[0]).getUsedRange().load('values');
      await context.sync();
      return r.values.flat();
    });
    expect(values.join('|')).not.toMatch(/<|&[a-z]+;/);
    expect(values.filter((v) => v !== '').length).toBeGreaterThan(0);
  });
});

describe('formulas the host cannot compute keep the results Excel cached', () => {
  it('VLOOKUP, TEXT, STDEV.S results survive install + compute (never #NAME?)', async () => {
    const wb = await loadXlsx(tools('secretary-own-2025.libreoffice.xlsx'));
    const grab = async (w: HostWorkbook) => run(w, async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      const ranges = sheets.items.map((s) => s.getUsedRange().load('values, formulas'));
      await context.sync();
      return ranges.map((r) => ({ values: r.values, formulas: r.formulas }));
    });
    const before = await grab(wb);
    const lookups = before.flatMap((s) => s.formulas.flat()).filter((f) => typeof f === 'string' && /VLOOKUP|TEXT\(|STDEV/i.test(f));
    expect(lookups.length).toBeGreaterThan(0);
    expect(before.flatMap((s) => s.values.flat())).not.toContain('#NAME?');
    await run(wb, async (context) => { await install(context); });
    await run(wb, async (context) => { await compute(context); });
    const back = await loadXlsx(await saveXlsx(wb));
    const after = await grab(back);
    expect(after.slice(0, before.length)).toEqual(before);
  });

  it('a formula set through the API with a function the host lacks reads #NAME? (no cached result to keep)', async () => {
    const wb = createWorkbook();
    const v = await run(wb, async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      r.formulas = [['=VLOOKUP(1,B1:C2,2,FALSE)']];
      r.load('values');
      await context.sync();
      return r.values[0][0];
    });
    expect(v).toBe('#NAME?');
  });
});

describe('writing', () => {
  it('a workbook saved without changes is the same package, part for part', async () => {
    for (const name of ['picture.xlsx', 'pivots.xlsx', 'issue_553.xlsx', 'nonstandard-xml-ns-prefix.xlsx', 'table_with_absolute_paths.xlsx']) {
      const bytes = corpus(name);
      const out = await saveXlsx(await loadXlsx(bytes));
      const a = unzipSync(bytes), b = unzipSync(out);
      expect({ name, parts: Object.keys(b).sort() }).toEqual({ name, parts: Object.keys(a).filter((k) => !k.endsWith('/')).sort() });
      for (const k of Object.keys(b)) expect({ name, k, same: Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) === 0 }).toEqual({ name, k, same: true });
    }
  });

  it('an add-in sheet that is rewritten keeps what the host does not model (ignoredErrors, extLst)', async () => {
    const init = createWorkbook();
    await run(init, async (context) => { await install(context); });
    const files = unzipSync(await saveXlsx(init));
    // Find the results sheet's part and plant elements this host does not model.
    const wbXml = strFromU8(files['xl/workbook.xml']);
    const rid = new RegExp('<sheet name="考评结果" sheetId="\\d+" r:id="(rId\\d+)"').exec(wbXml)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(strFromU8(files['xl/_rels/workbook.xml.rels']))!;
    const part = `xl/${target[1] ?? target[2]}`;
    let sheetXml = strFromU8(files[part]);
    const planted = '<ignoredErrors><ignoredError sqref="A1:Z9" numberStoredAsText="1"/></ignoredErrors>';
    const ext = '<extLst><ext uri="{kaoping-test}" xmlns:k="urn:kaoping-test"><k:keep>1</k:keep></ext></extLst>';
    sheetXml = sheetXml.replace('</worksheet>', `${planted}${ext}</worksheet>`);
    files[part] = strToU8(sheetXml);
    const wb = await loadXlsx(zipSync(files));
    await run(wb, async (context) => {
      const r = context.workbook.worksheets.getItem('考评结果').getRange('O1');
      r.values = [['备注']];
      await context.sync();
    });
    const out = strFromU8(unzipSync(await saveXlsx(wb))[part]);
    expect(out).toContain(planted);
    expect(out).toContain(ext);
    expect(out.indexOf(planted)).toBeLessThan(out.indexOf(ext));
    expect(out).not.toBe(sheetXml);
  });
});

/**
 * Packages with properties real-world workbooks have and our own writer never produces: a document element written
 * self-closed, Strict Open XML, two parts whose names differ only in case, a shared-strings part nobody references,
 * an empty inline-string cell. Every workbook here is made by the test, part by part.
 */
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { compute, install } from '../../src/workbook';
import { SHEETS } from '../../src/domain/contract';

import { HEAD, MAIN, R, cellsXml, makePackage, sheetXml } from './makePackage';

async function installAndCompute(bytes: Uint8Array): Promise<{ wb: HostWorkbook; out: Uint8Array; parts: Record<string, Uint8Array> }> {
  const wb = await loadXlsx(bytes);
  await run(wb, async (context) => { await install(context); });
  await run(wb, async (context) => { await compute(context); });
  const out = await saveXlsx(wb);
  return { wb, out, parts: unzipSync(out) };
}

/** Parses a part as a strict XML reader does; throws on what no reader accepts. */
function parseStrictly(name: string, text: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(text, 'text/xml');
  if (errors.length) throw new Error(`${name}: ${errors[0]}`);
  return doc as unknown as Document;
}

async function values(wb: HostWorkbook, sheet: string, address: string): Promise<unknown[][]> {
  return run(wb, async (context) => {
    const r = context.workbook.worksheets.getItem(sheet).getRange(address).load('values');
    await context.sync();
    return r.values;
  });
}

describe('an empty document element written self-closed', () => {
  it('a self-closed <styleSheet/> is extended inside, and every part stays well-formed', async () => {
    const bytes = makePackage({ styles: `${HEAD}<styleSheet xmlns="${MAIN}" />` });
    const { out, parts } = await installAndCompute(bytes);
    for (const [name, data] of Object.entries(parts)) if (/\.(xml|rels)$/.test(name)) parseStrictly(name, strFromU8(data));
    const styles = parseStrictly('styles', strFromU8(parts['xl/styles.xml'])).documentElement;
    expect(styles.localName).toBe('styleSheet');
    expect(styles.getElementsByTagNameNS(MAIN, 'cellXfs').length).toBe(1);
    expect(styles.getElementsByTagNameNS(MAIN, 'fonts').length).toBe(1);
    const back = await loadXlsx(out);
    expect(back.sheetNames()).toContain(SHEETS.results);
    expect(await values(back, '名单', 'A1:B2')).toEqual([['姓名', '党小组'], ['张三', '第一党小组']]);
  });

  it('an empty sheet written as <worksheet …/> is read, kept byte for byte, and its relationships can be extended', async () => {
    const empty = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${R}"/>`;
    const bytes = makePackage({ sheets: [
      { name: '名单', part: 'xl/worksheets/sheet1.xml', xml: sheetXml(cellsXml([['姓名'], ['张三']])) },
      { name: '空表', part: 'xl/worksheets/sheet2.xml', xml: empty },
    ] });
    const wb = await loadXlsx(bytes);
    expect(wb.sheetNames()).toEqual(['名单', '空表']);
    await run(wb, async (context) => {
      context.workbook.worksheets.getItem('空表').getRange('A1:B2').values = [['a', 'b'], [1, 2]];
      context.workbook.worksheets.getItem('空表').tables.add('A1:B2', true);
    });
    const parts = unzipSync(await saveXlsx(wb));
    const sheet = parseStrictly('sheet2', strFromU8(parts['xl/worksheets/sheet2.xml'])).documentElement;
    expect(sheet.getElementsByTagNameNS(MAIN, 'c').length).toBe(4);
    expect(sheet.getElementsByTagNameNS(MAIN, 'tablePart').length).toBe(1);
    const back = await loadXlsx(zipSync(parts));
    expect(await values(back, '空表', 'A1:B2')).toEqual([['a', 'b'], [1, 2]]);
    // Unchanged, it is saved as it was written.
    const again = unzipSync(await saveXlsx(await loadXlsx(bytes)));
    expect(strFromU8(again['xl/worksheets/sheet2.xml'])).toBe(empty);
  });
});

describe('Strict Open XML', () => {
  const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
  const STRICT_R = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
  /** Our own package with every transitional name replaced by its Strict form, as Excel's "Strict Open XML" save does. */
  function strictPackage(): Uint8Array {
    const parts = unzipSync(makePackage({}));
    for (const k of Object.keys(parts)) {
      let t = strFromU8(parts[k]).split(MAIN).join(STRICT_MAIN).split(R).join(STRICT_R);
      if (k === 'xl/workbook.xml') t = t.replace('<workbook ', '<workbook conformance="strict" ');
      parts[k] = strToU8(t);
    }
    return zipSync(parts);
  }

  it('new sheets, tables, styles and relationships are written in the Strict namespaces', async () => {
    const { out, parts } = await installAndCompute(strictPackage());
    const all = Object.entries(parts).filter(([n]) => /\.(xml|rels)$/.test(n)).map(([n, d]) => [n, strFromU8(d)] as const);
    const transitional = all.filter(([, t]) => t.includes('schemas.openxmlformats.org/spreadsheetml/2006/main') || t.includes('schemas.openxmlformats.org/officeDocument/2006/relationships'));
    expect(transitional.map(([n]) => n)).toEqual([]);
    const wbRels = parseStrictly('rels', strFromU8(parts['xl/_rels/workbook.xml.rels'])).documentElement.getElementsByTagName('Relationship');
    const types = Array.from({ length: wbRels.length }, (_, i) => wbRels.item(i)!.getAttribute('Type'));
    expect(types.filter((t) => t === `${STRICT_R}/worksheet`).length).toBeGreaterThan(3);
    const tables = Object.keys(parts).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n));
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) expect(parseStrictly(t, strFromU8(parts[t])).documentElement.namespaceURI).toBe(STRICT_MAIN);
    const back = await loadXlsx(out);
    expect(back.sheetNames()).toContain(SHEETS.results);
  });
});

describe('part names that differ only in case, and parts nobody references', () => {
  it('the sheet the workbook references is read and rewritten; its case twin stays byte for byte', async () => {
    const twin = sheetXml(cellsXml([['别的', '内容']]));
    const bytes = makePackage({
      sheets: [{ name: '名单', part: 'xl/worksheets/sheet1.xml', xml: sheetXml(cellsXml([['姓名', '党小组'], ['张三', '第一党小组']])) }],
      extra: { 'xl/worksheets/Sheet1.xml': twin },
    });
    // The twin is the later entry in the zip as well as the earlier: both orders.
    for (const order of [bytes, reorder(bytes, 'xl/worksheets/Sheet1.xml')]) {
      const wb = await loadXlsx(order);
      expect(await values(wb, '名单', 'A1:B2')).toEqual([['姓名', '党小组'], ['张三', '第一党小组']]);
      await run(wb, async (context) => { context.workbook.worksheets.getItem('名单').getRange('C1').values = [['备注']]; });
      const out = await saveXlsx(wb);
      const parts = unzipSync(out);
      expect(strFromU8(parts['xl/worksheets/Sheet1.xml'])).toBe(twin);
      expect(strFromU8(parts['xl/worksheets/sheet1.xml'])).not.toBe(strFromU8(unzipSync(order)['xl/worksheets/sheet1.xml']));
      expect(await values(await loadXlsx(out), '名单', 'A1:C2')).toEqual([['姓名', '党小组', '备注'], ['张三', '第一党小组', '']]);
    }
  });

  it('a shared-strings part the workbook does not reference is neither read nor written', async () => {
    const orphan = `${HEAD}<sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><t>不是这个</t></si><si><t>也不是</t></si></sst>`;
    for (const part of ['xl/sharedStrings.xml', 'xl/SharedStrings.xml']) {
      const bytes = makePackage({
        sheets: [{ name: '名单', part: 'xl/worksheets/sheet1.xml', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1"><v>7</v></c></row>') }],
        sharedStrings: { part, xml: orphan, referenced: false },
      });
      const { out, parts } = await installAndCompute(bytes);
      expect(strFromU8(parts[part])).toBe(orphan);
      const back = await loadXlsx(out);
      expect(await values(back, '名单', 'A1:B1')).toEqual([['姓名', 7]]);
      const settings = await run(back, async (context) => {
        const r = context.workbook.worksheets.getItem(SHEETS.results).getUsedRange().load('values');
        await context.sync();
        return r.values.flat().filter((v) => v === '不是这个' || v === '也不是');
      });
      expect(settings).toEqual([]);
    }
  });
});

describe('shared strings beside their case twin', () => {
  it('the referenced shared-strings part is read and appended to; the unreferenced twin is left as it was', async () => {
    const used = `${HEAD}<sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><t>姓名</t></si><si><t>张三</t></si></sst>`;
    const twin = `${HEAD}<sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><t>不是这个</t></si><si><t>也不是</t></si></sst>`;
    const bytes = makePackage({
      sheets: [{ name: '名单', part: 'xl/worksheets/sheet1.xml', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>') }],
      sharedStrings: { part: 'xl/sharedStrings.xml', xml: used, referenced: true },
      extra: { 'xl/SharedStrings.xml': twin },
    });
    const { out, parts } = await installAndCompute(bytes);
    expect(strFromU8(parts['xl/SharedStrings.xml'])).toBe(twin);
    const sst = strFromU8(parts['xl/sharedStrings.xml']);
    expect(sst.indexOf('<si><t>姓名</t></si><si><t>张三</t></si>')).toBeGreaterThan(0);
    expect(sst).not.toContain('不是这个');
    const back = await loadXlsx(out);
    expect(await values(back, '名单', 'A1:A2')).toEqual([['姓名'], ['张三']]);
    expect(back.sheetNames()).toContain(SHEETS.results);
  });
});

describe('an empty inline-string cell', () => {
  it('comes back as it was written when its sheet is rewritten', async () => {
    const body = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"></c><c r="C1" t="inlineStr"/></row>';
    const bytes = makePackage({ sheets: [{ name: '名单', part: 'xl/worksheets/sheet1.xml', xml: sheetXml(body) }] });
    const wb = await loadXlsx(bytes);
    // What a command that rewrites a sheet does: read a whole range, write it back with a change.
    await run(wb, async (context) => {
      const r = context.workbook.worksheets.getItem('名单').getRange('A1:D2').load('values, valueTypes');
      await context.sync();
      expect(r.valueTypes[0]).toEqual(['String', 'Empty', 'Empty', 'Empty']);
      const next = r.values.map((row) => [...row]);
      next[1][3] = '新';
      r.values = next;
    });
    const out = await saveXlsx(wb);
    const xml = strFromU8(unzipSync(out)['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('<c r="B1" t="inlineStr"></c>');
    expect(xml).toContain('<c r="C1" t="inlineStr"/>');
    expect(await values(await loadXlsx(out), '名单', 'A1:D2')).toEqual([['姓名', '', '', ''], ['', '', '', '新']]);
  });
});

/** The same zip with one entry moved to the front. */
function reorder(bytes: Uint8Array, first: string): Uint8Array {
  const parts = unzipSync(bytes);
  const out: Record<string, Uint8Array> = { [first]: parts[first] };
  for (const [k, v] of Object.entries(parts)) if (k !== first) out[k] = v;
  return zipSync(out);
}

/**
 * Sheet parts are read as binary strings (one character per byte of their UTF-8) and their pieces decoded when
 * taken out: whatever the sheet says in Chinese (or beyond, 👍) must read, and come back as written, the same.
 */
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { binaryToText, bytesToBinary, portableBinaryToText, portableBytesToBinary } from '../../src/host/xlsx/binaryText';
import { loadXlsx, saveXlsx } from '../../src/host';
import { ErrorValue } from '../../src/host/model/model';
import { HEAD, MAIN, R, makePackage } from './makePackage';

describe('binary strings', () => {
  const text = '党员 A&B <名单> 👍 é \u0080\u009f end';
  const bytes = new TextEncoder().encode(text);

  it('hold one character per byte, in Node and without it alike (bytes 0x80–0x9F included)', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const b = bytesToBinary(all);
    expect(b.length).toBe(256);
    expect([...b].map((ch) => ch.charCodeAt(0))).toEqual([...all]);
    expect(portableBytesToBinary(all)).toBe(b);
    const big = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 31) % 256);
    expect(portableBytesToBinary(big)).toBe(bytesToBinary(big));
  });

  it('decode back to the text, and leave ASCII as it is', () => {
    const bin = bytesToBinary(bytes);
    expect(bin.length).toBe(bytes.length);
    expect(binaryToText(bin)).toBe(text);
    expect(portableBinaryToText(bin)).toBe(text);
    const ascii = '<c r="A1"><v>9.7</v></c>';
    expect(binaryToText(ascii)).toBe(ascii);
  });
});

const SHEET = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${R}">`
  + '<sheetPr><tabColor rgb="FFFF0000"/></sheetPr>'
  + '<sheetData>'
  + '<row r="1" spans="1:5" ht="20" customHeight="1" thickBot="1"><c r="A1" t="inlineStr"><is><t>党员名单（第一支部）</t></is></c>'
  + '<c r="B1" t="str"><f>"合计："&amp;C1</f><v>合计：5</v></c>'
  + '<c r="C1"><v>5</v></c>'
  + '<c r="D1"><f>\'名单\'!C1*2</f><v>10</v></c>'
  + '<c r="E1" t="e"><v>#DIV/0!</v></c></row>'
  + '<row r="2"><c r="A2" t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r></is></c>'
  + '<c r="B2" t="inlineStr"><is><t>好 👍</t></is></c></row>'
  + '</sheetData>'
  + '<mergeCells count="1"><mergeCell ref="F1:G1"/></mergeCells>'
  + '<conditionalFormatting sqref="A1:A9"><cfRule type="containsText" priority="1" operator="containsText" text="不合格"><formula>NOT(ISERROR(SEARCH("不合格",A1)))</formula></cfRule></conditionalFormatting>'
  + '<dataValidations count="1"><dataValidation type="decimal" allowBlank="1" showInputMessage="1" promptTitle="提示" prompt="请输入分数" sqref="C1:C9"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations>'
  + '<headerFooter><oddFooter>&amp;C第 &amp;P 页</oddFooter></headerFooter>'
  + '<extLst><ext uri="{00000000-0000-0000-0000-000000000001}"><x:note xmlns:x="urn:example">备注：原样保留</x:note></ext></extLst>'
  + '</worksheet>';

describe('a sheet that says things in Chinese, read as a binary string', () => {
  const file = makePackage({ sheets: [{ name: '名单', part: 'xl/worksheets/sheet1.xml', xml: SHEET }] });

  it('reads every text as written', async () => {
    const wb = await loadXlsx(file);
    const s = wb.model.sheets[0];
    expect(s.cell(0, 0)?.value).toBe('党员名单（第一支部）');
    expect(s.cell(0, 1)?.formula).toBe('="合计："&C1');
    expect(s.cell(0, 1)?.value).toBe('合计：5');
    expect(s.cell(0, 3)?.formula).toBe("='名单'!C1*2");
    expect(s.cell(0, 4)?.value).toEqual(new ErrorValue('#DIV/0!'));
    expect(s.cell(1, 0)?.value).toBe('张三');
    expect(s.cell(1, 1)?.value).toBe('好 👍');
    expect(s.pageLayout.footer.center).toBe('第 &P 页');
    expect(s.validations[0].dv.prompt).toMatchObject({ title: '提示', message: '请输入分数' });
  });

  it('writes the unchanged pieces back as they were when another cell changes', async () => {
    const wb = await loadXlsx(file);
    wb.model.sheets[0].ensure(0, 2).value = 6;
    const out = unzipSync(await saveXlsx(wb));
    const xml = strFromU8(out['xl/worksheets/sheet1.xml']);
    for (const piece of [
      '<c r="A1" t="inlineStr"><is><t>党员名单（第一支部）</t></is></c>',
      '<c r="A2" t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r></is></c>',
      '<c r="B2" t="inlineStr"><is><t>好 👍</t></is></c>',
      '<cfRule type="containsText" priority="1" operator="containsText" text="不合格"><formula>NOT(ISERROR(SEARCH("不合格",A1)))</formula></cfRule>',
      '<x:note xmlns:x="urn:example">备注：原样保留</x:note>',
      '<f>"合计："&amp;C1</f>',
    ]) expect(xml).toContain(piece);
    // The row's own attributes, kept from its start tag (spans is recomputed by readers: left out).
    expect(xml).toContain('<row r="1" ht="20" customHeight="1" thickBot="1">');
    // Nothing encoded twice (UTF-8 bytes read as Latin-1 and encoded again would show as "å…š").
    expect(xml).not.toMatch(/[\u0080-\u00ff]/);
    const again = await loadXlsx(await saveXlsx(wb));
    const s = again.model.sheets[0];
    expect([s.cell(0, 0)?.value, s.cell(0, 2)?.value, s.cell(1, 0)?.value, s.cell(1, 1)?.value]).toEqual(['党员名单（第一支部）', 6, '张三', '好 👍']);
    expect(s.pageLayout.footer.center).toBe('第 &P 页');
    expect(s.validations[0].dv.prompt).toMatchObject({ title: '提示', message: '请输入分数' });
  });
});

describe('a sheet part with a byte-order mark', () => {
  const xml = SHEET.replace(HEAD, '');
  const withPart = (bytes: Uint8Array): Uint8Array => {
    const files: Record<string, Uint8Array> = unzipSync(makePackage({ sheets: [{ name: '名单', part: 'xl/worksheets/sheet1.xml', xml: SHEET }] }));
    files['xl/worksheets/sheet1.xml'] = bytes;
    return zipSync(files);
  };
  const utf16le = (t: string): Uint8Array => {
    const b = new Uint8Array(2 + 2 * t.length);
    b[0] = 0xff; b[1] = 0xfe;
    for (let i = 0; i < t.length; i++) { b[2 + 2 * i] = t.charCodeAt(i) & 0xff; b[3 + 2 * i] = t.charCodeAt(i) >> 8; }
    return b;
  };

  it.each([
    ['UTF-8 with a BOM', () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SHEET)])],
    ['UTF-16 (little-endian, with its BOM)', () => utf16le(`<?xml version="1.0" encoding="UTF-16"?>${xml}`)],
  ])('reads the same texts in %s, and writes them back', async (_name, bytes) => {
    const wb = await loadXlsx(withPart(bytes()));
    const s = wb.model.sheets[0];
    expect([s.cell(0, 0)?.value, s.cell(1, 1)?.value, s.cell(0, 3)?.formula]).toEqual(['党员名单（第一支部）', '好 👍', "='名单'!C1*2"]);
    s.ensure(0, 2).value = 6;
    const saved = await saveXlsx(wb);
    // Rewritten as UTF-8, and declared so.
    const head = strFromU8(unzipSync(saved)['xl/worksheets/sheet1.xml']).slice(0, 60);
    expect(head).not.toMatch(/UTF-16/i);
    expect(head).toMatch(/^<\?xml version="1.0" encoding="UTF-8"/);
    const again = (await loadXlsx(saved)).model.sheets[0];
    expect([again.cell(0, 0)?.value, again.cell(0, 2)?.value, again.cell(1, 1)?.value]).toEqual(['党员名单（第一支部）', 6, '好 👍']);
  });
});

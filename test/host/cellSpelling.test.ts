/** A cell's start tag read the same however it is spelled (the reader has a fast path for the usual spelling). */
import { loadXlsx } from '../../src/host';
import { makePackage, sheetXml } from './makePackage';

// Every other column (A, C, E …): a cell whose r were missed would land next to the one before.
const CELLS: [string, string, unknown][] = [
  ['usual', '<c r="A1" t="inlineStr"><is><t>甲</t></is></c>', '甲'],
  ['two spaces', '<c  r="C1"  t="inlineStr"><is><t>乙</t></is></c>', '乙'],
  ['spaces around =', '<c r = "E1" t = "inlineStr"><is><t>丙</t></is></c>', '丙'],
  ['single quotes', "<c r='G1' t='inlineStr'><is><t>丁</t></is></c>", '丁'],
  ['new lines and tabs', '<c\n r="I1"\tt="inlineStr"><is><t>戊</t></is></c>', '戊'],
  ['other attributes first', '<c cm="1" x14ac:ph="1" r="K1" vm="2" t="b"><v>1</v></c>', true],
  ['a quoted ">" in another attribute', '<c foo="a>b" r="M1" t="inlineStr"><is><t>庚</t></is></c>', '庚'],
  ['an entity in a value', '<c r="O&#49;" t="inlineStr"><is><t>辛</t></is></c>', '辛'],
  ['a style and a type', '<c r="Q1" s="0" t="inlineStr"><is><t>壬</t></is></c>', '壬'],
];

describe('cell start tags', () => {
  it('are read whatever their spelling', async () => {
    const xml = sheetXml(`<row r="1">${CELLS.map(([, c]) => c).join('')}</row>`);
    const wb = await loadXlsx(makePackage({ sheets: [{ name: 'S', part: 'xl/worksheets/sheet1.xml', xml }] }));
    const s = wb.model.sheets[0];
    expect(CELLS.map(([name], k) => [name, s.cell(0, 2 * k)?.value])).toEqual(CELLS.map(([name, , v]) => [name, v]));
    expect(CELLS.every((_, k) => s.cell(0, 2 * k + 1) === undefined)).toBe(true);
  });
});

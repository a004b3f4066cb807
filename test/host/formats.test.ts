/**
 * Reading the formats a secretary has (read-only): .xls and .ods made by LibreOffice from an .xlsx this test writes,
 * an .et (WPS saves it as BIFF, like .xls, or as .xlsx: detected by content), .csv in UTF-8 (with and without a
 * byte-order mark) and GBK, written by the test; and the files that are not workbooks, named in one line.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CFB } from '@e965/xlsx';
import { createWorkbook, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { FormatError, openWorkbookFile } from '../../src/host/formats';
import { queueReadTables } from '../../src/workbook/tables/readTables';
import { cli } from '../support/cli';
import { profileDir, soffice } from './soffice';

const ROSTER: (string | number)[][] = [
  ['编号', '姓名', '党小组', '类别', '备注'],
  ['001', '张三', '第一党小组', '在职党员', ''],
  ['002', '李四', '第一党小组', '离退休党员', '长期外出'],
  ['010', '欧阳 娜娜', '第二党小组', '在职党员', '=1+1'],
];

let dir: string;
const file = (name: string): string => join(dir, name);

async function values(wb: HostWorkbook): Promise<{ name: string; values: unknown[][] }[]> {
  return run(wb, async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const ranges = sheets.items.map((s) => s.getUsedRange(true).load('values'));
    await context.sync();
    return sheets.items.map((s, i) => ({ name: s.name, values: ranges[i].values }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-formats-'));
  const wb = createWorkbook();
  await run(wb, async (context) => {
    const ws = context.workbook.worksheets.getItem('Sheet1');
    ws.name = '名册';
    const r = ws.getRange('A1:E4');
    r.numberFormat = ROSTER.map((row) => row.map(() => '@'));
    r.values = ROSTER;
    context.workbook.worksheets.add('得分').getRange('A1:B2').values = [['姓名', '总分'], ['张三', 95.5]];
  });
  writeFileSync(file('roster.xlsx'), await saveXlsx(wb));
  const env = { ...process.env, HOME: dir };
  for (const to of ['xls', 'ods']) {
    execFileSync(soffice(), [`-env:UserInstallation=${profileDir(dir)}`, '--headless', '--convert-to', to, '--outdir', dir, file('roster.xlsx')], { env, stdio: 'ignore', timeout: 120_000 });
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXPECTED = [
  { name: '名册', values: ROSTER.map((r) => r.map((v) => v)) },
  { name: '得分', values: [['姓名', '总分'], ['张三', 95.5]] },
];

describe('binary and other spreadsheet formats', () => {
  it.each([
    ['.xls made by LibreOffice', 'roster.xls', /97-2003/],
    ['.ods made by LibreOffice', 'roster.ods', /OpenDocument/],
  ])('%s: every sheet\'s values, texts kept as texts', async (_name, name, format) => {
    const { wb, converted } = await openWorkbookFile(new Uint8Array(readFileSync(file(name))), name);
    expect(converted).toMatch(format);
    expect(await values(wb)).toEqual(EXPECTED);
  });

  it('an .et is read by what it holds: BIFF as an .xls, an .xlsx package as an .xlsx', async () => {
    copyFileSync(file('roster.xls'), file('biff.et'));
    copyFileSync(file('roster.xlsx'), file('ooxml.et'));
    const biff = await openWorkbookFile(new Uint8Array(readFileSync(file('biff.et'))), 'biff.et');
    expect(biff.converted).toMatch(/\.et/);
    expect(await values(biff.wb)).toEqual(EXPECTED);
    const ooxml = await openWorkbookFile(new Uint8Array(readFileSync(file('ooxml.et'))), 'ooxml.et');
    expect(ooxml.converted).toBeNull();
    expect(await values(ooxml.wb)).toEqual(EXPECTED);
  });
});

/** GBK bytes of a text, from the decoder's own table (Node has no GBK encoder). */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else { const bytes = table.get(ch); if (!bytes) throw new Error(`not in GBK: ${ch}`); out.push(...bytes); }
  }
  return new Uint8Array(out);
}

describe('delimited text', () => {
  const rows = ROSTER.map((r) => r.map(String));
  const csv = (sep: string): string => rows.map((r) => r.map((v) => (/[",;\t\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(sep)).join('\r\n') + '\r\n';

  it.each([
    ['UTF-8 with a byte-order mark, commas', () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv(','))]), /UTF-8.*逗号/],
    ['UTF-8 without one, tabs', () => new TextEncoder().encode(csv('\t')), /UTF-8.*制表符/],
    ['GBK, semicolons', () => gbk(csv(';')), /GB18030.*分号/],
    ['GBK, commas, a quoted field with a comma and a line break', () => gbk('姓名,备注\n张三,"一,二\n三"\n'), /GB18030.*逗号/],
  ])('%s', async (_name, make, format) => {
    const { wb, converted } = await openWorkbookFile(make(), '2025年名册.csv');
    expect(converted).toMatch(format);
    const got = await values(wb);
    expect(got.map((s) => s.name)).toEqual(['2025年名册']);
    if (_name.includes('quoted')) expect(got[0].values).toEqual([['姓名', '备注'], ['张三', '一,二\n三']]);
    else expect(got[0].values).toEqual(rows);
  });
});

describe('files that are not workbooks', () => {
  function compound(stream: string): Uint8Array {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, `/${stream}`, new Uint8Array(600).fill(7));
    return new Uint8Array(CFB.write(cfb, { type: 'array' }) as ArrayLike<number>);
  }
  it.each([
    ['an encrypted workbook', () => compound('EncryptedPackage'), /加密/],
    ['a Word .doc renamed .xls', () => compound('WordDocument'), /Word/],
    ['a PDF renamed .xls', () => new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj'), /PDF/],
    ['random bytes', () => new Uint8Array(4096).map((_, i) => (i * 7919) % 251), /不认识/],
  ])('%s: one line naming what it is', async (_name, make, message) => {
    const e = await openWorkbookFile(make(), 'x.xls').then(() => null, (err: unknown) => err as Error);
    expect(e).toBeInstanceOf(FormatError);
    expect(e!.message).toMatch(message);
    expect(e!.message).not.toContain('\n');
  });
});

describe('the command line', () => {
  it('import-roster --from an .xls, a GBK .csv; new-year --from an .et; a .doc is refused in one line', async () => {
    const init = await cli('init', '-o', file('kp.xlsx'), '--year', '2025');
    expect(init.code).toBe(0);
    const r = await cli('import-roster', file('kp.xlsx'), '--from', file('roster.xls'), '-o', file('kp1.xlsx'));
    expect(r.err).toBe('');
    expect(r.out).toMatch(/roster\.xls”是Excel 97-2003.*原文件不会被改动/);
    expect(r.out).toMatch(/导入党员 3 名/);
    const roster = await readRoster(file('kp1.xlsx'));
    expect(roster.map((m) => [m[0], m[1]])).toEqual([['001', '张三'], ['002', '李四'], ['010', '欧阳娜娜']]);

    writeFileSync(file('roster-gbk.csv'), gbk('姓名,党小组\n王五,第三党小组\n'));
    const c = await cli('import-roster', file('kp.xlsx'), '--from', file('roster-gbk.csv'), '-o', file('kp2.xlsx'));
    expect(c.out).toMatch(/GB18030/);
    expect((await readRoster(file('kp2.xlsx'))).map((m) => m[1])).toEqual(['王五']);

    copyFileSync(file('roster.xls'), file('2026.et'));
    const y = await cli('new-year', file('kp1.xlsx'), '--year', '2026', '--from', file('2026.et'), '-o', file('kp3.xlsx'));
    expect(y.err).toBe('');
    expect(y.out).toMatch(/导入党员 3 名/);

    writeFileSync(file('renamed.xls'), new Uint8Array(CFB.write((() => { const f = CFB.utils.cfb_new(); CFB.utils.cfb_add(f, '/WordDocument', new Uint8Array(600)); return f; })(), { type: 'array' }) as ArrayLike<number>));
    const bad = await cli('import-roster', file('kp.xlsx'), '--from', file('renamed.xls'), '-o', file('kp4.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toMatch(/Word/);
    expect(bad.err.trim()).not.toContain('\n');
  }, 60_000);
});

async function readRoster(path: string): Promise<unknown[][]> {
  const { loadXlsx } = await import('../../src/host');
  const wb = await loadXlsx(readFileSync(path));
  return run(wb, async (c) => {
    const get = queueReadTables(c, ['roster']);
    await c.sync();
    const t = get().roster;
    return t.rows.map((row) => [row[t.headers.indexOf('编号')], row[t.headers.indexOf('姓名')]]);
  });
}

/**
 * Workbooks written by other programs (../shared/corpus: Excel, LibreOffice, openpyxl, XlsxWriter, …, and our own
 * openpyxl / LibreOffice / ExcelJS files): install then compute then save must leave every part of the user's own
 * workbook as it was — byte for byte — and every original sheet must read the same, cell by cell. LibreOffice must
 * open each result. Files that are not readable workbooks get one clear line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadXlsx } from '../../src/host';
import { PackageError } from '../../src/host/xlsx';
import { SHARED } from '../support/paths';
import { expectLossless } from './lossless';
import { profileDir, soffice } from './soffice';

const CORPUS = join(SHARED, 'corpus');
const files = [
  ...readdirSync(join(CORPUS, 'calamine')).filter((f) => f.endsWith('.xlsx')).map((f) => join(CORPUS, 'calamine', f)),
  ...readdirSync(join(CORPUS, 'tools')).filter((f) => f.endsWith('.xlsx')).map((f) => join(CORPUS, 'tools', f)),
];
/** Not workbooks one can read: what the reader must say about them. */
const UNREADABLE: Record<string, RegExp> = {
  'pass_protected.xlsx': /加密/,
  'issue252.xlsx': /损坏|没有可读取的工作表/,
};
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'kaoping-corpus-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outputs: string[] = [];
/** LibreOffice cannot open these inputs either (zip entry names with "\\"), so their outputs are not asked of it. */
const LIBREOFFICE_CANNOT_READ_INPUT = new Set(['issue_530.xlsx']);

describe.each(files.map((f) => [basename(f), f]))('%s', (name, path) => {
  it(UNREADABLE[name] ? 'is refused with one clear line' : 'install + compute + save keeps everything of the user as it was', async () => {
    const bytes = new Uint8Array(readFileSync(path));
    if (UNREADABLE[name]) {
      const e = await loadXlsx(bytes).then(() => null, (err: unknown) => err);
      expect(e).toBeInstanceOf(PackageError);
      expect((e as Error).message).toMatch(UNREADABLE[name]);
      expect((e as Error).message).not.toContain('\n');
      return;
    }
    const out = await expectLossless(bytes);
    const file = join(dir, `${outputs.length}-${name}`);
    writeFileSync(file, out);
    if (!LIBREOFFICE_CANNOT_READ_INPUT.has(name)) outputs.push(file);
  });
});

describe('malformed files', () => {
  const base = readFileSync(join(CORPUS, 'tools', 'secretary-own-2025.openpyxl.xlsx'));
  const cases: [string, Uint8Array, RegExp][] = [
    ['truncated zip', base.subarray(0, Math.floor(base.length / 2)), /损坏|不完整/],
    ['a renamed .csv', new TextEncoder().encode('姓名,党小组\n张三,第一党小组\n'), /CSV/],
    ['an empty file', new Uint8Array(0), /空/],
    ['random bytes', new Uint8Array(4096).map((_, i) => (i * 7919) % 251), /不是 \.xlsx/],
    ['a zip that is not a workbook', zipOf({ 'hello.txt': 'hi' }), /不是 \.xlsx/],
    ['corrupt XML inside', corrupt(base), /损坏/],
  ];
  it.each(cases)('%s: one line, no stack, fast', async (_label, bytes, re) => {
    const t0 = Date.now();
    const e = await loadXlsx(bytes).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(PackageError);
    expect((e as Error).message).toMatch(re);
    expect((e as Error).message).not.toContain('\n');
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

function zipOf(files: Record<string, string>): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- fflate's sync zip, test-only
  const { zipSync, strToU8 } = require('fflate') as typeof import('fflate');
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

function corrupt(bytes: Uint8Array): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- fflate's sync zip, test-only
  const { zipSync, unzipSync: unzip, strToU8 } = require('fflate') as typeof import('fflate');
  const files = unzip(bytes);
  files['xl/workbook.xml'] = strToU8('<?xml version="1.0"?><workbook><sheets><sheet name="x" sheetId="1" r:id="rId1"></workbook>');
  return zipSync(files);
}

describe('LibreOffice opens every result', () => {
  it('converts each saved workbook to csv without error', () => {
    const bin = soffice();
    expect(outputs.length).toBeGreaterThan(50);
    const outDir = join(dir, 'csv');
    mkdirSync(outDir, { recursive: true });
    // One LibreOffice process for all files (starting it is the slow part).
    execFileSync(bin, [`-env:UserInstallation=${profileDir(dir)}`, '--headless', '--convert-to', 'csv', '--outdir', outDir, ...outputs], { timeout: 300000, stdio: 'pipe' });
    const missing = outputs.filter((f) => !existsSync(join(outDir, basename(f).replace(/\.xlsx$/, '.csv'))));
    expect(missing).toEqual([]);
  });
});

/**
 * Files that would make the host hold or examine far more than their size: refused in seconds with one line
 * (too large once inflated, too many cells, a text longer than Excel holds), or read with bounded work per cell
 * (one long shared string repeated in every cell). The files are made by the test.
 */
import { deflateRawSync } from 'node:zlib';
import { inflateSync, strToU8, unzipSync } from 'fflate';
import { loadXlsx, run, createWorkbook, setCodec, PackageError } from '../../src/host';
import { type ZipEntry, writeZip } from '../../src/host/xlsx/zip';
import { LIMITS } from '../../src/host/xlsx/limits';
import { install } from '../../src/workbook/setup/install';
import { importRosterGrid, readRosterGrid } from '../../src/workbook/setup/rosterImport';
import { CELL_TEXT_CAP, NAME_CAP, parseRosterGrid } from '../../src/domain/rosterGrid';
import { NODE_CODEC, readWorkbook } from '../../src/cli/io';
import { HEAD, MAIN, makePackage, sheetXml } from './makePackage';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One shared string of `length` characters in three columns of every row (备注 and two unnamed ones), under a
 * 姓名 / 党小组 / 备注 header; the names are short inline strings.
 */
function amplified(length: number, rows: number): Uint8Array {
  const long = '党'.repeat(length);
  const sst = `${HEAD}<sst xmlns="${MAIN}" uniqueCount="6"><si><t>${long}</t></si><si><t>姓名</t></si><si><t>党小组</t></si><si><t>备注</t></si><si><t>其他</t></si><si><t>第一党小组</t></si></sst>`;
  const body = ['<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v>4</v></c></row>'];
  for (let r = 2; r <= rows + 1; r++) {
    body.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>党员${r}</t></is></c><c r="B${r}" t="s"><v>5</v></c>${['C', 'D', 'E'].map((c) => `<c r="${c}${r}" t="s"><v>0</v></c>`).join('')}</row>`);
  }
  return makePackage({ sheets: [{ name: '名单', part: 'xl/worksheets/sheet1.xml', xml: sheetXml(body.join('')) }], sharedStrings: { part: 'xl/sharedStrings.xml', xml: sst, referenced: true } });
}

/** The same package with its sheet part replaced by `bytes` of spaces inside <sheetData>, declaring `declared` bytes. */
function bomb(size: number, declared: number): Uint8Array {
  const parts = unzipSync(makePackage({}));
  const head = strToU8(`${HEAD}<worksheet xmlns="${MAIN}"><sheetData>`);
  const tail = strToU8('</sheetData></worksheet>');
  const data = Buffer.alloc(size, 0x20);
  data.set(head, 0);
  data.set(tail, size - tail.length);
  const entries: ZipEntry[] = Object.entries(parts).map(([name, d]) => (name === 'xl/worksheets/sheet1.xml'
    ? { name, raw: { method: 8, crc: 0, compressed: new Uint8Array(deflateRawSync(data, { level: 9 })), size: declared } }
    : { name, data: d }));
  return writeZip(entries);
}

async function refusal(bytes: Uint8Array): Promise<{ error: unknown; ms: number }> {
  const t0 = Date.now();
  const error = await loadXlsx(bytes).then(() => null, (e: unknown) => e);
  return { error, ms: Date.now() - t0 };
}

describe('limits: refused in seconds with one line', () => {
  const big = LIMITS.partBytes + 20 * 1024 * 1024;
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'kaoping-limits-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a sheet part that declares its real, too large size', () => bomb(big, big), /上限/],
    ['a sheet part that declares 1 KB and inflates far beyond', () => bomb(big, 1024), /比声明的大/],
    ['a shared string longer than any cell can hold', () => amplified(LIMITS.textLength + 1, 3), /32,767/],
  ])('%s', async (_name, make, message) => {
    const bytes = make();
    // The web page's codec (fflate, pure JS) …
    setCodec({ inflate: (d, max) => inflateSync(d, { out: new Uint8Array(max) }), deflate: NODE_CODEC.deflate });
    const before = process.memoryUsage().rss;
    const { error, ms } = await refusal(bytes);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect(ms).toBeLessThan(5000);
    // Never inflated in full: memory grows by far less than the inflated size.
    expect(process.memoryUsage().rss - before).toBeLessThan(big / 2);
    // … and the command line's (Node's zlib), which says the same in one line.
    setCodec(NODE_CODEC);
    const file = join(dir, 'bomb.xlsx');
    writeFileSync(file, bytes);
    const cli = await readWorkbook(file).then(() => null, (e: unknown) => e as Error);
    expect(cli?.message).toMatch(message);
    expect(cli?.message).not.toContain('\n');
  });
});

describe('one long shared string in every cell', () => {
  it('importing a roster from it costs what the file size suggests, not what its text adds up to', async () => {
    const rows = 4000;
    const bytes = amplified(50_000, rows);
    expect(bytes.length).toBeLessThan(300_000);
    const source = await loadXlsx(bytes);
    source.payloadLimit = null; // as the command line reads a source file
    const t0 = Date.now();
    const grid = await run(source, (c) => readRosterGrid(c));
    const wb = createWorkbook();
    await run(wb, (c) => install(c));
    const report = await run(wb, (c) => importRosterGrid(c, grid));
    const ms = Date.now() - t0;
    expect(report.members).toHaveLength(rows);
    expect(report.members[0]).toMatchObject({ name: '党员2', group: '第一党小组' });
    expect(report.members[0].note).toHaveLength(CELL_TEXT_CAP);
    expect(report.problems.find((p) => p.code === 'text_clipped')?.message).toMatch(/12000 个单元格的文字超过 1000 个字/);
    // Uncapped, this took about a minute on the same machine (600 million characters examined and written).
    expect(ms).toBeLessThan(10_000);
  });

  it('a name longer than any name is skipped, said so', () => {
    const long = '张'.repeat(CELL_TEXT_CAP * 3);
    const parsed = parseRosterGrid({ sheet: '名单', values: [['姓名', '党小组'], [long, '一组'], ['李四', '一组']], firstRow: 1, firstColumn: 0 });
    expect(parsed.members.map((m) => m.name)).toEqual(['李四']);
    expect(parsed.skipped).toEqual([{ row: 2, reason: `姓名超过 ${NAME_CAP} 个字` }]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { NODE_CODEC, readWorkbook } from '../../src/cli/io';
import { HostWorkbook, run, saveXlsx } from '../../src/host';

describe('the command line reading a workbook', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'kaoping-io-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file in this process, without Excel on the web\'s 5 MB limit on one sync', async () => {
    const wb = new HostWorkbook();
    wb.model.addSheet('名单').ensure(0, 0).value = '张三';
    const file = join(dir, 'small.xlsx');
    writeFileSync(file, await saveXlsx(wb));
    expect(new HostWorkbook().payloadLimit).toBe(5 * 1024 * 1024);
    const read = await readWorkbook(file);
    expect(read.payloadLimit).toBeNull();
    expect(read.countBytes).toBe(false);
    expect(read.model.sheets[0].cell(0, 0)?.value).toBe('张三');
  });

  it('inflates an entry into one buffer of its declared size, and stops at the bound', () => {
    const data = new Uint8Array(200_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
    const packed = new Uint8Array(deflateRawSync(data));
    const out = NODE_CODEC.inflate(packed, data.length + 1);
    expect(out.length).toBe(data.length);
    expect(Buffer.compare(Buffer.from(out), Buffer.from(data))).toBe(0);
    // Declared smaller than it is: refused, never inflated past the bound.
    expect(() => NODE_CODEC.inflate(packed, 1000)).toThrow();
    // A tiny entry (the smallest output piece zlib allows is 64 bytes).
    const tiny = new Uint8Array(deflateRawSync(Buffer.from('ab')));
    expect(Buffer.from(NODE_CODEC.inflate(tiny, 3)).toString()).toBe('ab');
  });

  it('measures request and response sizes only where they are needed: always under a limit', async () => {
    const wb = new HostWorkbook();
    wb.model.addSheet('S').ensure(0, 0).value = 'x'.repeat(1000);
    const readA1 = () => run(wb, async (c) => { const r = c.workbook.worksheets.getItem('S').getRange('A1'); r.load('values'); await c.sync(); return r.values; });
    await readA1();
    expect(Math.max(...wb.stats.responseBytesPerSync)).toBeGreaterThan(1000);
    wb.resetStats();
    wb.payloadLimit = null;
    wb.countBytes = false;
    expect(await readA1()).toEqual([['x'.repeat(1000)]]);
    expect(wb.stats.responseBytesPerSync).toEqual([]);
    expect(wb.stats.bytesPerSync).toEqual([]);
    // A limit is enforced whatever countBytes says.
    wb.payloadLimit = 500;
    await expect(readA1()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });
});

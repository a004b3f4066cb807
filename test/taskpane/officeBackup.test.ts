/** @jest-environment jsdom */
/**
 * The Excel backup (officeBackup.ts) over a stand-in for Office.context.document: the compressed file is read
 * slice by slice in order, closed, checked to be an .xlsx (zip) and offered as a download under the name given;
 * any failure rejects, so the new year does not start.
 */
import { backupFileName } from '../../src/taskpane/backup';
import { officeBackup, readCompressedFile, type Requirements } from '../../src/taskpane/officeBackup';
import { officeFiles } from '../../src/taskpane/officeFiles';

/** Office.context.requirements of an Excel that has every set but those listed. */
const requirements = (...missing: string[]): (() => Requirements) => () => ({ isSetSupported: (name: string) => !missing.includes(name) });
const all = { requirements: requirements() };

type Callback<T> = (r: { status: string; value: T; error?: { message: string } }) => void;

function fakeDocument(bytes: number[], sliceSize: number, failSlice = -1, size = bytes.length) {
  const log: string[] = [];
  const slices: number[][] = [];
  for (let i = 0; i < bytes.length; i += sliceSize) slices.push(bytes.slice(i, i + sliceSize));
  const file = {
    size,
    sliceCount: slices.length,
    getSliceAsync(index: number, cb: Callback<{ index: number; data: number[]; size: number }>) {
      log.push(`slice ${index}`);
      // Asynchronous, like Office.
      setTimeout(() =>
        index === failSlice
          ? cb({ status: 'failed', value: undefined as never, error: { message: 'slice lost' } })
          : cb({ status: 'succeeded', value: { index, data: slices[index], size: slices[index].length } }),
      );
    },
    closeAsync(cb: () => void) {
      log.push('close');
      setTimeout(cb);
    },
  };
  const document = {
    getFileAsync(type: string, options: { sliceSize: number }, cb: Callback<typeof file>) {
      log.push(`getFileAsync ${type} ${options.sliceSize}`);
      setTimeout(() => cb({ status: 'succeeded', value: file }));
    },
  };
  return { document: document as unknown as Office.Document, log };
}

describe('officeBackup', () => {
  const zip = [0x50, 0x4b, 3, 4, ...Array.from({ length: 20 }, (_, i) => i)];
  let clicked: { download: string; href: string }[] = [];
  let blobs: Blob[] = [];
  beforeEach(() => {
    clicked = [];
    blobs = [];
    (URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = (b: Blob) => {
      blobs.push(b);
      return `blob:${blobs.length}`;
    };
    (URL as unknown as { revokeObjectURL: () => void }).revokeObjectURL = () => undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    };
  });

  it('reads every slice in order, closes the file and offers the bytes as 考评2026-年度备份.xlsx', async () => {
    const { document, log } = fakeDocument(zip, 5);
    const bytes = await readCompressedFile(document);
    expect(Array.from(bytes)).toEqual(zip);
    expect(log).toEqual(['getFileAsync compressed 4194304', 'slice 0', 'slice 1', 'slice 2', 'slice 3', 'slice 4', 'close']);
    const result = await officeBackup(() => fakeDocument(zip, 7).document, all).save(backupFileName(2026));
    expect(result).toEqual({ fileName: '考评2026-年度备份.xlsx', bytes: zip.length, how: 'download' });
    expect(clicked).toEqual([{ download: '考评2026-年度备份.xlsx', href: 'blob:1' }]);
    const read = await new Promise<ArrayBuffer>((ok) => {
      const reader = new FileReader();
      reader.onload = () => ok(reader.result as ArrayBuffer);
      reader.readAsArrayBuffer(blobs[0]);
    });
    expect(Array.from(new Uint8Array(read))).toEqual(zip);
  });

  it('rejects (and closes the file) when a slice fails, and offers nothing', async () => {
    const { document, log } = fakeDocument(zip, 5, 2);
    await expect(officeBackup(() => document, all).save('x.xlsx')).rejects.toThrow('slice lost');
    expect(log.at(-1)).toBe('close');
    expect(clicked).toEqual([]);
  });

  it('rejects what is not an .xlsx package', async () => {
    const { document } = fakeDocument([1, 2, 3, 4, 5], 5);
    await expect(officeBackup(() => document, all).save('x.xlsx')).rejects.toThrow(/not an .xlsx/);
    expect(clicked).toEqual([]);
  });

  it('rejects a copy whose bytes do not add up to file.size, and offers nothing', async () => {
    const { document, log } = fakeDocument(zip, 5, -1, zip.length + 4096);
    await expect(officeBackup(() => document, all).save('x.xlsx')).rejects.toThrow(`收到 ${zip.length} 字节，应为 ${zip.length + 4096} 字节`);
    expect(log.at(-1)).toBe('close');
    expect(clicked).toEqual([]);
  });

  it('does not touch the File API where Excel lacks it (no CompressedFile, as on iPad)', async () => {
    const { document, log } = fakeDocument(zip, 5);
    await expect(officeBackup(() => document, { requirements: requirements('CompressedFile') }).save('x.xlsx')).rejects.toThrow('不能从任务窗格取得工作簿的副本');
    expect(log).toEqual([]);
    expect(clicked).toEqual([]);
  });

  it('on Excel for Mac opens the copy as a new Excel window (Excel.createWorkbook) instead of a download that does nothing', async () => {
    const opened: string[] = [];
    const mac = { context: { diagnostics: { platform: 'Mac' }, requirements: requirements()() } };
    const files = officeFiles(mac, async (b) => void opened.push(b));
    expect(files.mode).toBe('open');
    const result = await officeBackup(() => fakeDocument(zip, 7).document, { ...all, files }).save('x.xlsx');
    expect(result).toEqual({ fileName: 'x.xlsx', bytes: zip.length, how: 'open' });
    expect(opened).toEqual([Buffer.from(zip).toString('base64')]);
    expect(clicked).toEqual([]);
  });

  it('on an iPad without ExcelApi 1.8 nothing can leave the pane: the backup is refused with a sentence', async () => {
    const ipad = { context: { diagnostics: { platform: 'iOS' }, requirements: requirements('ExcelApi')() } };
    const files = officeFiles(ipad, async () => undefined);
    expect(files.mode).toBe('none');
    const { document, log } = fakeDocument(zip, 5);
    await expect(officeBackup(() => document, { ...all, files }).save('x.xlsx')).rejects.toThrow('不能从任务窗格下载或打开文件');
    expect(log).toEqual([]);
    expect(clicked).toEqual([]);
  });

  it('on Windows and the web the outlet is a download', () => {
    const pc = { context: { diagnostics: { platform: 'PC' }, requirements: requirements()() } };
    expect(officeFiles(pc, async () => undefined).mode).toBe('download');
  });
});

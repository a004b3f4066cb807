/** @jest-environment jsdom */
/**
 * The Excel backup (officeBackup.ts) over a stand-in for Office.context.document: the compressed file is read
 * slice by slice in order, closed, checked to be an .xlsx (zip) and offered as a download under the name given;
 * any failure rejects, so the new year does not start.
 */
import { backupFileName } from '../../src/taskpane/backup';
import { officeBackup, readCompressedFile } from '../../src/taskpane/officeBackup';

type Callback<T> = (r: { status: string; value: T; error?: { message: string } }) => void;

function fakeDocument(bytes: number[], sliceSize: number, failSlice = -1) {
  const log: string[] = [];
  const slices: number[][] = [];
  for (let i = 0; i < bytes.length; i += sliceSize) slices.push(bytes.slice(i, i + sliceSize));
  const file = {
    size: bytes.length,
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
    const result = await officeBackup(() => fakeDocument(zip, 7).document).save(backupFileName(2026));
    expect(result).toEqual({ fileName: '考评2026-年度备份.xlsx', bytes: zip.length });
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
    await expect(officeBackup(() => document).save('x.xlsx')).rejects.toThrow('slice lost');
    expect(log.at(-1)).toBe('close');
    expect(clicked).toEqual([]);
  });

  it('rejects what is not an .xlsx package', async () => {
    const { document } = fakeDocument([1, 2, 3, 4, 5], 5);
    await expect(officeBackup(() => document).save('x.xlsx')).rejects.toThrow(/not an .xlsx/);
    expect(clicked).toEqual([]);
  });
});

/**
 * The Excel implementation of WorkbookBackup: Office.context.document.getFileAsync(Compressed) gives the
 * workbook as it is now (the .xlsx package), read slice by slice (getSliceAsync, in order), the file closed
 * (closeAsync: Office allows only a few open files), checked (as many bytes as file.size says, a zip), then
 * offered through the pane's FileOutlet (a download, or a new Excel window on Mac / iPad). The File API is used
 * only where Office.context.requirements says it is there (no CompressedFile on iPad). Only taskpane/index.tsx
 * imports this file; components get the interface.
 */
import type { BackupResult, WorkbookBackup } from './backup';
import { browserDownloads, type FileOutlet } from './files';

const SLICE = 4 * 1024 * 1024; // the largest slice Office allows

/** Office's enum values are these strings (Office.FileType.Compressed, Office.AsyncResultStatus.Succeeded). */
const COMPRESSED = 'compressed' as unknown as Office.FileType;
const ok = (r: { status: unknown }) => String(r.status) === 'succeeded';

/** Office.context.requirements (a stand-in in tests). */
export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** Reads the whole compressed file from a Document (injected for tests); the bytes must add up to file.size. */
export function readCompressedFile(document: Office.Document): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    document.getFileAsync(COMPRESSED, { sliceSize: SLICE }, (result) => {
      if (!ok(result)) {
        reject(new Error(result.error?.message ?? 'getFileAsync failed'));
        return;
      }
      const file = result.value;
      const count = file.sliceCount;
      const parts: Uint8Array[] = new Array(count);
      let received = 0;
      const fail = (message: string) => file.closeAsync(() => reject(new Error(message)));
      const next = (index: number) => {
        file.getSliceAsync(index, (slice) => {
          if (!ok(slice)) {
            fail(slice.error?.message ?? `slice ${index} failed`);
            return;
          }
          parts[slice.value.index] = new Uint8Array(slice.value.data as ArrayLike<number>);
          received++;
          if (received < count) next(index + 1);
          else
            file.closeAsync(() => {
              if (parts.some((p) => p === undefined)) {
                reject(new Error(`Excel 给出的工作簿副本缺少部分内容（${count} 段中只收到 ${parts.filter(Boolean).length} 段），备份没有完成。`));
                return;
              }
              const total = parts.reduce((n, p) => n + p.length, 0);
              if (typeof file.size === 'number' && total !== file.size) {
                reject(new Error(`Excel 给出的工作簿副本不完整（收到 ${total} 字节，应为 ${file.size} 字节），备份没有完成。`));
                return;
              }
              const out = new Uint8Array(total);
              let at = 0;
              for (const p of parts) {
                out.set(p, at);
                at += p.length;
              }
              resolve(out);
            });
        });
      };
      if (count === 0) fail('the workbook file is empty');
      else next(0);
    });
  });
}

/** Whether this Excel can give the pane the workbook's file (Office's File and CompressedFile requirement sets). */
export function canReadFile(requirements: Requirements): boolean {
  return requirements.isSetSupported('File', '1.1') && requirements.isSetSupported('CompressedFile', '1.1');
}

export function officeBackup(
  getDocument: () => Office.Document = () => Office.context.document,
  options: { requirements?: () => Requirements; files?: FileOutlet } = {},
): WorkbookBackup {
  const requirements = options.requirements ?? (() => Office.context.requirements);
  const files = options.files ?? browserDownloads;
  return {
    async save(fileName: string): Promise<BackupResult> {
      if (!canReadFile(requirements())) {
        throw new Error('这个版本的 Excel 不能从任务窗格取得工作簿的副本。请先用“文件 → 另存为”保存一份副本。');
      }
      if (files.mode === 'none') {
        throw new Error('这个版本的 Excel 不能从任务窗格下载或打开文件。请先用“文件 → 另存为”保存一份副本。');
      }
      const bytes = await readCompressedFile(getDocument());
      // An .xlsx is a zip: it starts with "PK". Anything else is not a copy we can trust.
      if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error('the copy Excel gave is not an .xlsx file');
      await files.offer(bytes, fileName);
      return { fileName, bytes: bytes.length, how: files.mode };
    },
  };
}

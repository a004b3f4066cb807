/**
 * The Excel implementation of WorkbookBackup: Office.context.document.getFileAsync(Compressed) gives the
 * workbook as it is now (the .xlsx package), read slice by slice (getSliceAsync, in order), the file closed
 * (closeAsync: Office allows only a few open files), then offered as a download. Only taskpane/index.tsx
 * imports this file; components get the interface.
 */
import { downloadBytes, type BackupResult, type WorkbookBackup } from './backup';

const SLICE = 4 * 1024 * 1024; // the largest slice Office allows

/** Office's enum values are these strings (Office.FileType.Compressed, Office.AsyncResultStatus.Succeeded). */
const COMPRESSED = 'compressed' as unknown as Office.FileType;
const ok = (r: { status: unknown }) => String(r.status) === 'succeeded';

/** Reads the whole compressed file from a Document (injected for tests). */
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
              const total = parts.reduce((n, p) => n + p.length, 0);
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

export function officeBackup(getDocument: () => Office.Document = () => Office.context.document): WorkbookBackup {
  return {
    async save(fileName: string): Promise<BackupResult> {
      const bytes = await readCompressedFile(getDocument());
      // An .xlsx is a zip: it starts with "PK". Anything else is not a copy we can trust.
      if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error('the copy Excel gave is not an .xlsx file');
      downloadBytes(bytes, fileName);
      return { fileName, bytes: bytes.length };
    },
  };
}

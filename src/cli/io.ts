/** Workbook files: read into the headless host, write atomically (temp file in the same folder, then rename). */
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { loadXlsx, saveXlsx, setCodec, PackageError, type Codec, type HostWorkbook } from '../host';
import { ExpectedError } from './errors';
import { FormatError, convertedNote, openWorkbookFile } from '../host/formats';
import { cliText as T } from '../domain/texts/cli';

// Node's zlib is several times faster than the portable codec the browser uses; it stops at `max` bytes. Its output
// goes into one buffer of the declared size (max is that plus one): in 16 KB pieces joined at the end, an 80 MB sheet
// was held twice while it was inflated.
export const NODE_CODEC: Codec = {
  inflate: (d, max) => inflateRawSync(d, { maxOutputLength: max, chunkSize: Math.max(64, Math.min(max, 1 << 30)) }),
  deflate: (d) => deflateRawSync(d, { level: 6 }),
};
setCodec(NODE_CODEC);

export async function readWorkbook(path: string): Promise<HostWorkbook> {
  let data: Buffer;
  try {
    data = await fs.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ExpectedError(code === 'ENOENT' ? T.fileNotFound(path) : T.fileUnreadable(path, (e as Error).message));
  }
  let wb: HostWorkbook;
  try {
    wb = await loadXlsx(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  } catch (e) {
    if (e instanceof PackageError) throw new ExpectedError(T.workbookUnreadable(path, firstLine(e.message)));
    throw new ExpectedError(T.workbookInvalid(path, firstLine((e as Error).message)));
  }
  // The command line reads the workbook in this process: no Excel on the web between, so no 5 MB limit on what
  // one sync hands back (with it, 2,000 members' forms were read whole, refused, then read again in blocks).
  wb.payloadLimit = null;
  wb.countBytes = false;
  return wb;
}

/**
 * A source file of any format a secretary has (--from): .xlsx/.xlsm as they are, .xls/.et/.ods/.csv/.txt read into a
 * new workbook (read-only: the file itself is never written). `converted` is the one line saying so, or null.
 */
export async function readSourceWorkbook(path: string): Promise<{ wb: HostWorkbook; converted: string | null }> {
  let data: Buffer;
  try {
    data = await fs.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ExpectedError(code === 'ENOENT' ? T.fileNotFound(path) : T.fileUnreadable(path, (e as Error).message));
  }
  try {
    const { wb, converted } = await openWorkbookFile(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), basename(path));
    return { wb, converted: converted ? convertedNote(basename(path), converted) : null };
  } catch (e) {
    if (e instanceof PackageError || e instanceof FormatError) throw new ExpectedError(T.sourceUnreadable(path, firstLine(e.message)));
    throw new ExpectedError(T.sourceUnreadable(path, firstLine((e as Error).message)));
  }
}

function firstLine(s: string): string {
  return String(s).split('\n')[0].slice(0, 200);
}

/** Writes the workbook to `path` so that it is either the old file or the complete new one, never half-written. */
export async function writeWorkbook(wb: HostWorkbook, path: string): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await saveXlsx(wb);
  } catch (e) {
    throw new ExpectedError(T.workbookNotMade(firstLine((e as Error).message)));
  }
  await writeBytes(bytes, path);
}

/** Writes bytes to `path` atomically (temp file in the same folder, then rename). */
export async function writeBytes(bytes: Uint8Array, path: string): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new ExpectedError(T.notWritable(path, firstLine((e as Error).message)));
  }
}

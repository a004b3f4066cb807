/**
 * How a file made in the pane reaches the secretary. Components receive a FileOutlet as a prop (no Office.*
 * here): in a browser (the web page, Excel on the web, Excel on Windows) it is a download, which may land in the
 * pane's own download bar or not start at all, so the pane never reports a download as done; in Excel for Mac
 * and iPad, where `<a download>` on a blob URL silently does nothing, each .xlsx opens as a new Excel window the
 * user saves (Excel.createWorkbook, officeFiles.ts); where neither works, the pane says to use the web page.
 */
import { downloadBytes } from './backup';

export type FileMode = 'download' | 'open' | 'none';

export interface FileOutlet {
  mode: FileMode;
  /** Offers one file: starts a download ('download') or opens an .xlsx as a new Excel window ('open'). */
  offer(bytes: Uint8Array, name: string): Promise<void>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function mimeOf(name: string): string {
  return /\.zip$/i.test(name) ? 'application/zip' : XLSX;
}

/** Browser downloads (an object URL on a temporary link). */
export const browserDownloads: FileOutlet = {
  mode: 'download',
  async offer(bytes, name) {
    downloadBytes(bytes, name, mimeOf(name));
  },
};

/** Standard base64 of bytes (in chunks: String.fromCharCode takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * Handing a file the add-in made (a score sheet) to the secretary. Like the backup, the pane receives an
 * implementation as a prop, so no component touches Office globals: the web page downloads the bytes; in Excel
 * (officeFileOut.ts) the file opens as a new Excel window through Excel.createWorkbook where the API is there
 * (the pane's own downloads do nothing in Excel for Mac), else it is offered as a download that may not happen —
 * and the pane says so instead of calling it done.
 */
import { downloadBytes } from './backup';

/** What happened: opened in a new Excel window; downloaded (the browser's own download); or offered only. */
export type FileOutcome = 'opened' | 'downloaded' | 'offered';

export interface FileOut {
  give(bytes: Uint8Array, fileName: string): Promise<FileOutcome>;
}

/** The web page: a browser download (the browser shows it in its download bar). */
export const browserFileOut: FileOut = {
  async give(bytes, fileName) {
    downloadBytes(bytes, fileName);
    return 'downloaded';
  },
};

/** Base64 of bytes for Excel.createWorkbook: the one in files.ts. */
export { toBase64 } from './files';

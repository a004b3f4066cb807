/**
 * A complete copy of the workbook, saved before anything destructive (new year). The task pane receives an
 * implementation as a prop, like the commands, so no component touches Office globals: in Excel it is
 * officeBackup.ts (Office.context.document.getFileAsync, compressed, read slice by slice); in the preview and
 * the web page it is the host's saveXlsx bytes. Either way the copy is offered as a download.
 */
export interface BackupResult {
  fileName: string;
  /** Size of the saved copy in bytes. */
  bytes: number;
  /**
   * How it was offered: a download was started (it may still be waiting in a download bar: the pane says
   * "started", never "saved"), or it opened as a new Excel window the user saves (Excel for Mac / iPad).
   */
  how?: 'download' | 'open';
}

export interface WorkbookBackup {
  /** Saves the whole workbook as a download named `fileName`; rejects (with a sentence) when it could not. */
  save(fileName: string): Promise<BackupResult>;
}

/** 考评2026-年度备份.xlsx: the year being closed. */
export function backupFileName(year: number | null): string {
  return `考评${year ?? ''}-年度备份.xlsx`;
}

/** Offers bytes as a download (an object URL on a temporary link). */
export function downloadBytes(bytes: Uint8Array, fileName: string, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Let the browser start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** "1.2 MB" / "356 KB". */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

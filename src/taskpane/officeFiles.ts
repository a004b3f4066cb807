/**
 * The Excel implementation of FileOutlet (files.ts). Only taskpane/index.tsx imports this file.
 * Excel for Mac and iPad (Office.context.diagnostics.platform 'Mac' / 'iOS') run the pane in a WKWebView where a
 * download does nothing (office-js issues 2700, 3385, 4681): there an .xlsx is opened with
 * Excel.createWorkbook(base64) (ExcelApi 1.8) as a new Excel window the user saves; without it, nothing can leave
 * the pane ('none'). Elsewhere a browser download.
 */
import { browserDownloads, toBase64, type FileOutlet } from './files';

/** The part of Office.js this file reads (a stand-in in tests). */
export interface OfficePlatform {
  context: {
    diagnostics?: { platform?: unknown } | null;
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
  };
}

export function isWebKitPane(office: OfficePlatform): boolean {
  const platform = String(office.context.diagnostics?.platform ?? '');
  return platform === 'Mac' || platform === 'iOS';
}

export function officeFiles(
  office: OfficePlatform = Office as unknown as OfficePlatform,
  createWorkbook: (base64: string) => Promise<void> = (b) => Excel.createWorkbook(b),
): FileOutlet {
  if (!isWebKitPane(office)) return browserDownloads;
  if (!office.context.requirements.isSetSupported('ExcelApi', '1.8')) {
    return {
      mode: 'none',
      async offer() {
        throw new Error('这个版本的 Excel 不能从任务窗格下载或打开文件。请在网页版考评中操作，或用“文件 → 另存为”保存。');
      },
    };
  }
  return {
    mode: 'open',
    async offer(bytes, name) {
      if (!/\.xlsx$/i.test(name)) throw new Error(`“${name}”不是 .xlsx 文件，不能在 Excel 中打开。`);
      await createWorkbook(toBase64(bytes));
    },
  };
}

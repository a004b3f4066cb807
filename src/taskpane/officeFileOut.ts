/**
 * FileOut in Excel (used only by index.tsx): Excel.createWorkbook(base64) opens the file as a new workbook window
 * the secretary saves or prints (ExcelApi 1.8, checked first); where it is missing the bytes are offered as a
 * download, reported as 'offered' (in Excel for Mac a pane's download silently does nothing).
 */
import { downloadBytes } from './backup';
import { toBase64, type FileOut } from './fileOut';

export function officeFileOut(): FileOut {
  return {
    async give(bytes, fileName) {
      const canOpen = typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', '1.8') && typeof Excel !== 'undefined' && typeof Excel.createWorkbook === 'function';
      if (canOpen) {
        await Excel.createWorkbook(toBase64(bytes));
        return 'opened';
      }
      downloadBytes(bytes, fileName);
      return 'offered';
    },
  };
}

/**
 * A roster file picked in the task pane (开始 → 从文件导入名册): any format the host reads (.xlsx, .xlsm, .xls, .et,
 * .ods, .csv, .txt), read into a headless workbook and its roster grid found there, as the command line does for
 * --from. Loaded on demand (the host is not in the pane's first load).
 */
import { openWorkbookFile, convertedNote } from '../../host/formats';
import { run } from '../../host';
import { readRosterGrid } from './rosterImport';
import type { GridSource } from '../../domain/rosterGrid';

export async function readRosterFile(bytes: Uint8Array, fileName: string): Promise<{ grid: GridSource; note: string | null }> {
  const { wb, converted } = await openWorkbookFile(bytes, fileName);
  wb.payloadLimit = null; // read here, not through Excel on the web
  const grid = await run(wb, (c) => readRosterGrid(c));
  return { grid, note: converted ? convertedNote(fileName, converted) : null };
}

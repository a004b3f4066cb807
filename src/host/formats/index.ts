/**
 * Opening a workbook file of any format a secretary has. An .xlsx/.xlsm (also a WPS .et saved as .xlsx) is loaded
 * as it is (editable, saved losslessly); any other format is read-only: its sheets' values are put into a new
 * workbook, and `converted` says what the file was — the original is never written.
 */
import { createWorkbook, loadXlsx, run, type HostWorkbook } from '../index';
import { detect } from './detect';
import { readDelimited } from './text';
import { FormatError, type SheetValues } from './types';

export { FormatError, type SheetValues };

export interface OpenedWorkbook {
  wb: HostWorkbook;
  /** null: an .xlsx package, loaded as it is; else what the file was (e.g. "Excel 97-2003 / WPS 表格（.xls/.et）"). */
  converted: string | null;
}

/** Reads a workbook file of any supported format; FormatError or PackageError (one line) when it cannot. */
export async function openWorkbookFile(bytes: Uint8Array, fileName = ''): Promise<OpenedWorkbook> {
  const d = detect(bytes);
  switch (d.kind) {
    case 'xlsx': return { wb: await loadXlsx(bytes), converted: null };
    case 'unknown': throw new FormatError(`这是一个${d.what}，不是工作簿，也不是 CSV 文本`);
    case 'text': {
      const { rows, encoding, delimiter } = readDelimited(bytes);
      const name = baseName(fileName) || 'Sheet1';
      const sep = delimiter === '\t' ? '制表符' : delimiter === ';' ? '分号' : '逗号';
      return { wb: await workbookOf([{ name, rows }]), converted: `文本文件（${encoding} 编码，${sep}分隔）` };
    }
    default: {
      // SheetJS only now, in its own chunk.
      const { readLegacy } = await import(/* webpackChunkName: "formats" */ './legacy');
      const { sheets, format } = readLegacy(bytes, d.kind);
      if (!sheets.length) throw new FormatError(`这个${format}文件中没有可读取的工作表`);
      return { wb: await workbookOf(sheets), converted: format };
    }
  }
}

/** The one line that says a file was opened as a new workbook. */
export function convertedNote(fileName: string, converted: string): string {
  return `“${fileName}”是${converted}，已把其中各工作表的数据读入一个新的 .xlsx 工作簿（原文件不会被改动）。`;
}

function baseName(fileName: string): string {
  const b = fileName.split(/[\\/]/).pop() ?? '';
  return b.replace(/\.[^.]*$/, '');
}

/** A sheet name Excel accepts: no : \ / ? * [ ], at most 31 characters, unique ignoring case. */
function sheetName(raw: string, used: Set<string>): string {
  let base = raw.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31).trim() || 'Sheet';
  if (base.toLowerCase() === 'history') base = 'History_';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** A new workbook holding these values; texts are written as text (a "=1+1" or "001" stays what it was). */
export async function workbookOf(sheets: SheetValues[]): Promise<HostWorkbook> {
  const wb = createWorkbook();
  const limit = wb.payloadLimit;
  wb.payloadLimit = null;
  const used = new Set<string>();
  await run(wb, async (context) => {
    const all = context.workbook.worksheets;
    sheets.forEach((s, i) => {
      const name = sheetName(s.name, used);
      const ws = i === 0 ? all.getItem('Sheet1') : all.add(name);
      if (i === 0) ws.name = name;
      const width = Math.max(0, ...s.rows.map((r) => r.length));
      let height = s.rows.length;
      while (height > 0 && s.rows[height - 1].every((v) => v === null || v === '')) height--;
      if (!width || !height) return;
      const values = s.rows.slice(0, height).map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
      const range = ws.getRangeByIndexes(0, 0, height, width);
      range.numberFormat = values.map((r) => r.map((v) => (typeof v === 'string' ? '@' : 'General')));
      range.values = values;
    });
    await context.sync();
  });
  wb.payloadLimit = limit;
  return wb;
}

/**
 * The binary and foreign formats, read with SheetJS (`@e965/xlsx` 0.20.3, the SheetJS release published to npm;
 * see src/host/README.md): .xls / .et (BIFF in a compound file), .ods, HTML tables and Excel 2003 XML. Values
 * only, read-only. Loaded on demand (its own webpack chunk): nobody pays for it who opens an .xlsx.
 */
import { CFB, read, utils, type WorkBook } from '@e965/xlsx';
import { LIMITS } from '../xlsx/limits';
import type { SheetValues } from './types';
import { FormatError } from './types';

/** What a compound file holds, by its streams. */
function compoundKind(bytes: Uint8Array): string {
  let names: string[];
  try {
    names = CFB.read(bytes, { type: 'array' }).FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop()!.toLowerCase());
  } catch {
    throw new FormatError('这是一个已损坏的 Office 旧格式（复合文档）文件，无法读取');
  }
  const has = (n: string): boolean => names.includes(n.toLowerCase());
  if (has('EncryptedPackage') || has('EncryptionInfo')) throw new FormatError('这是一个加密（设置了打开密码）的工作簿：请在 Excel 或 WPS 中取消密码后再试');
  if (has('WordDocument')) throw new FormatError('这是一个 Word 文档（.doc），不是工作簿');
  if (has('PowerPoint Document')) throw new FormatError('这是一个 PowerPoint 演示文稿（.ppt），不是工作簿');
  if (has('Workbook') || has('Book')) return 'Excel 97-2003 / WPS 表格（.xls/.et）';
  throw new FormatError('这是一个 Office 旧格式（复合文档）文件，但其中没有工作簿');
}

/** SheetJS reports number formats it only approximates on console.error; values are what is read here. */
function quietly<T>(f: () => T): T {
  const error = console.error;
  console.error = (...args: unknown[]) => { if (!/number format may be incorrect/i.test(String(args[0]))) error(...args); };
  try { return f(); } finally { console.error = error; }
}

export function readLegacy(bytes: Uint8Array, kind: 'compound' | 'ods' | 'markup'): { sheets: SheetValues[]; format: string } {
  const format = kind === 'compound' ? compoundKind(bytes) : kind === 'ods' ? 'OpenDocument 表格（.ods）' : '网页/XML 表格';
  let book: WorkBook;
  try {
    book = quietly(() => read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false, cellText: false, cellDates: false, bookVBA: false, WTF: false }));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw new FormatError('这是一个加密（设置了打开密码）的工作簿：请在 Excel 或 WPS 中取消密码后再试');
    throw new FormatError(`这个${format}文件无法读取（${msg.split('\n')[0].slice(0, 120)}）`);
  }
  const sheets: SheetValues[] = [];
  let cells = 0;
  for (const name of book.SheetNames) {
    const ws = book.Sheets[name];
    if (!ws) continue; // chart sheets and the like
    const rows = utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    const clean = rows.map((r) => r.map((v): string | number | boolean | null => {
      if (typeof v === 'string') {
        if (v.length > LIMITS.textLength) throw new FormatError(`这个${format}文件的工作表“${name}”有一段文字长 ${v.length} 个字符，远超 Excel 单元格的上限，已拒绝读取`);
        return v;
      }
      return typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v);
    }));
    for (const r of clean) cells += r.length;
    if (cells > LIMITS.cells) throw new FormatError(`这个${format}文件的单元格超过 ${LIMITS.cells} 个，已拒绝读取`);
    sheets.push({ name, rows: clean });
  }
  return { sheets, format };
}

/**
 * What a file is, by its content (never by its name: WPS saves .et as BIFF or as .xlsx, systems export HTML as .xls).
 * Compound files (.xls, .et, encrypted .xlsx, .doc) are told apart by their streams in `legacy.ts`, loaded on demand.
 */
import { strFromU8 } from 'fflate';
import { readZip } from '../xlsx/zip';

export type Detected =
  | { kind: 'xlsx' }
  | { kind: 'ods' }
  | { kind: 'compound' }
  | { kind: 'markup' }
  | { kind: 'text' }
  | { kind: 'unknown'; what: string };

const has = (b: Uint8Array, sig: number[]): boolean => sig.every((x, i) => b[i] === x);

export function detect(bytes: Uint8Array): Detected {
  if (bytes.length === 0) return { kind: 'unknown', what: '空文件（0 字节）' };
  if (has(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'compound' };
  if (has(bytes, [0x50, 0x4b, 0x03, 0x04]) || has(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    let names: string[] = [];
    try { names = readZip(bytes).map((e) => e.name); } catch { return { kind: 'xlsx' }; /* the package reader says what is wrong */ }
    if (names.includes('[Content_Types].xml')) return { kind: 'xlsx' };
    if (names.includes('mimetype') || names.includes('content.xml')) return { kind: 'ods' };
    return { kind: 'xlsx' };
  }
  if (has(bytes, [0x25, 0x50, 0x44, 0x46])) return { kind: 'unknown', what: 'PDF 文件' };
  if (has(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return { kind: 'unknown', what: 'RTF 文档' };
  if (has(bytes, [0x89, 0x50, 0x4e, 0x47]) || has(bytes, [0xff, 0xd8, 0xff])) return { kind: 'unknown', what: '图片' };
  if (has(bytes, [0x52, 0x61, 0x72, 0x21]) || has(bytes, [0x37, 0x7a, 0xbc, 0xaf])) return { kind: 'unknown', what: 'RAR/7z 压缩包' };
  const head = strFromU8(bytes.subarray(0, Math.min(bytes.length, 2048)), true).replace(/^\ufeff/, '').trimStart().toLowerCase();
  // HTML tables and the Excel 2003 XML format (what many systems export as ".xls").
  if (/^<(\?xml|!doctype html|html|table|meta)/.test(head)) return { kind: 'markup' };
  // Text: few control characters other than tab, CR, LF (UTF-16 text has NULs but starts with a byte-order mark).
  if (has(bytes, [0xff, 0xfe]) || has(bytes, [0xfe, 0xff])) return { kind: 'text' };
  let control = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) { const c = bytes[i]; if (c < 9 || (c > 13 && c < 32)) control++; }
  if (control <= n / 100) return { kind: 'text' };
  return { kind: 'unknown', what: '不认识的二进制文件' };
}

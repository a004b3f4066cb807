/**
 * Prints sheets of a host workbook the way a secretary would with LibreOffice: a copy with only those sheets,
 * converted to PDF (`soffice --headless --convert-to pdf`), then `pdfinfo` for the page count and
 * `pdftotext` per page. Fails loudly when the tools are missing (apt-get install libreoffice-calc-nogui
 * poppler-utils): these checks never skip.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';

export interface Printed {
  pdf: string;
  pages: number;
  /** Text of each page in reading order (pdftotext: cell by cell, a wrapped cell's lines together), index 0 = page 1. */
  texts: string[];
  /** Text of each page as laid out (pdftotext -layout: one printed line per line). */
  layout: string[];
}

function tool(name: string): string {
  try {
    return execFileSync('which', [name]).toString().trim();
  } catch {
    throw new Error(`${name} is not installed (apt-get install libreoffice-calc-nogui poppler-utils). This test does not skip.`);
  }
}

/** PDF of the given sheets of `wb` (a copy: `wb` is not changed), rendered by LibreOffice. */
export async function printSheets(wb: HostWorkbook, sheets: string[], label: string, dir = mkdtempSync(join(tmpdir(), 'kp-print-'))): Promise<Printed> {
  const soffice = tool('soffice');
  const copy = await loadXlsx(await saveXlsx(wb));
  await run(copy, async (c) => {
    const all = c.workbook.worksheets;
    all.load('items/name');
    await c.sync();
    // Only the sheets to print are kept (LibreOffice prints hidden sheets too).
    c.workbook.worksheets.getItem(sheets[0]).activate();
    for (const s of all.items) if (!sheets.includes(s.name)) s.delete();
    await c.sync();
  });
  mkdirSync(dir, { recursive: true });
  const xlsx = join(dir, `${label}.xlsx`);
  writeFileSync(xlsx, await saveXlsx(copy));
  const profile = join(dir, `profile-${label}`);
  execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { timeout: 180000, stdio: 'pipe' });
  const pdf = join(dir, `${label}.pdf`);
  if (!readdirSync(dir).includes(`${label}.pdf`)) throw new Error(`LibreOffice made no PDF of ${xlsx}`);
  tool('pdfinfo');
  const info = execFileSync('pdfinfo', [pdf]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const texts: string[] = [];
  const layout: string[] = [];
  for (let p = 1; p <= pages; p++) {
    texts.push(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-']).toString());
    layout.push(execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdf, '-']).toString());
  }
  return { pdf, pages, texts, layout };
}

/** PNGs of a PDF's pages (for looking at them, and README screenshots): returns the file paths. */
export function pagePngs(pdf: string, prefix: string, dpi = 70): string[] {
  tool('pdftoppm');
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdf, prefix]);
  const dir = prefix.slice(0, prefix.lastIndexOf('/'));
  const base = prefix.slice(prefix.lastIndexOf('/') + 1);
  return readdirSync(dir).filter((f) => f.startsWith(base) && f.endsWith('.png')).sort().map((f) => join(dir, f));
}

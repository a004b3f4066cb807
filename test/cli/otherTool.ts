/**
 * "Another tool" filling a workbook that `kaoping init` made: plain ExcelJS, not our host. It does what a
 * script with a spreadsheet library (or a secretary in WPS / LibreOffice) does: writes each fixture row into the
 * kp_ sheet from row 2 down, cell by cell (numbers as numbers, strings as strings, null → nothing), and either
 * extends the table's ref over the rows ('extend') or leaves the ref as it was ('below': the rows sit under the
 * table). No formulas are written (合计 stays empty for the new rows), no cached values, no number formats.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { RawCell } from '../../src/domain/types';
import type { CaseJson } from '../support/caseInput';

/** 'inline': as 'below', then every shared string rewritten as an inline string (t="inlineStr"), as some tools write. */
export type RefMode = 'extend' | 'below' | 'inline';

interface LoadedTable {
  ws: ExcelJS.Worksheet;
  /** ExcelJS's table model as loaded from the file. */
  model: { name: string; tableRef: string; autoFilterRef?: string; columns: { name: string }[] };
}

function findTable(wb: ExcelJS.Workbook, name: string): LoadedTable {
  for (const ws of wb.worksheets) {
    const t = (ws as unknown as { tables: Record<string, { table: LoadedTable['model'] }> }).tables[name];
    if (t) return { ws, model: t.table };
  }
  throw new Error(`no table ${name}`);
}

/** "A1:K2" → first row/column and last row/column (1-based). */
function decode(ref: string): { r1: number; c1: number; r2: number; c2: number } {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad ref ${ref}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { r1: Number(m[2]), c1: col(m[1]), r2: Number(m[4]), c2: col(m[3]) };
}

function encodeCol(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Writes rows under the header of table `name`, each row's cells placed by position from the first column. */
function writeRows(wb: ExcelJS.Workbook, name: string, rows: RawCell[][], mode: RefMode, after = 0): void {
  if (rows.length === 0) return;
  const { ws, model } = findTable(wb, name);
  const ref = decode(model.tableRef);
  const start = ref.r1 + 1 + after;
  rows.forEach((r, i) => {
    const row = ws.getRow(start + i);
    r.forEach((v, j) => {
      if (v === null || v === undefined) return;
      row.getCell(ref.c1 + j).value = v as string | number;
    });
    row.commit();
  });
  if (mode === 'extend') {
    const last = Math.max(ref.r2, start + rows.length - 1);
    model.tableRef = `${encodeCol(ref.c1)}${ref.r1}:${encodeCol(ref.c2)}${last}`;
    if (model.autoFilterRef) model.autoFilterRef = model.tableRef;
  }
}

/** The table's header texts (as the file has them). */
export function tableHeaders(wb: ExcelJS.Workbook, name: string): string[] {
  return findTable(wb, name).model.columns.map((c) => c.name);
}

/** Fills `bytes` (a workbook made by `kaoping init`) with the case; returns the new file's bytes. */
export async function fillWithExcelJs(bytes: Uint8Array, c: CaseJson, mode: RefMode): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  // Extra categories go after the installed rubric rows (fixtures README).
  const rubric = findTable(wb, 'kp_Rubric');
  const installed = decode(rubric.model.tableRef).r2 - decode(rubric.model.tableRef).r1;
  const extra: RawCell[][] = [];
  for (const [category, dims] of Object.entries(c.categories ?? {})) dims.forEach(([dim, points], i) => extra.push([category, String(i + 1), dim, points, null]));
  writeRows(wb, 'kp_Rubric', extra, mode, installed);
  writeRows(wb, 'kp_Roster', c.roster, mode);
  writeRows(wb, 'kp_Self', c.self, mode);
  writeRows(wb, 'kp_Peer', c.peer, mode);
  writeRows(wb, 'kp_Mass', c.mass, mode);
  writeRows(wb, 'kp_Bonus', c.bonus, mode);
  writeRows(wb, 'kp_Review', c.review, mode);
  // 年度 and 党支部名称: the 值 cells of their rows in kp_Settings.
  const settings = findTable(wb, 'kp_Settings');
  const s = decode(settings.model.tableRef);
  for (let r = s.r1 + 1; r <= s.r2; r++) {
    const label = settings.ws.getCell(r, s.c1).value;
    if (label === '年度') settings.ws.getCell(r, s.c1 + 1).value = c.year;
    if (label === '党支部名称') settings.ws.getCell(r, s.c1 + 1).value = c.branch;
  }
  const out = new Uint8Array(await wb.xlsx.writeBuffer());
  return mode === 'inline' ? inlineStrings(out) : out;
}

/** Rewrites shared-string cells as inline strings (the same text, no sharedStrings lookup). */
async function inlineStrings(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const sst = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, a: string, b: string, i: string) => `<c ${a}t="inlineStr"${b}><is>${strings[Number(i)]}</is></c>`));
  }
  return zip.generateAsync({ type: 'uint8array' });
}

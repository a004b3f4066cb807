/**
 * Filling ballot files the way evaluators' programs do: cell edits computed from the ballot (which row holds
 * which member, which column which dimension), then applied by openpyxl (Debian's /usr/bin/python3), by plain
 * ExcelJS, or by LibreOffice (an edited copy re-saved by `soffice --headless --convert-to xlsx`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadXlsx, run } from '../../src/host';
import { readBallotWorkbook } from '../../src/workbook/ballots/ballotFiles';
import type { BallotIdentity } from '../../src/domain/ballotIdentity';

export type CellValue = string | number | null;
export interface Edit {
  sheet: string;
  cell: string;
  value: CellValue;
}
/** Structural edits openpyxl can make after the cell edits (rows deleted or inserted; no protection stops a script). */
export interface OpenpyxlOps {
  edits: Edit[];
  deleteRows?: { sheet: string; row: number }[];
  insertRows?: { sheet: string; row: number; values: CellValue[] }[];
  /** A 值 cell of the hidden identity sheet changed. */
  identity?: { label: string; value: string };
  /** The whole identity sheet replaced by these 项目/值 rows (another ballot's, or one computed from the source). */
  identityRows?: string[][];
}

function colLetter(c0: number): string {
  let n = c0 + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface BallotLayout {
  identity: BallotIdentity;
  sheet: string;
  /** member 编号 → 1-based row. */
  rows: Map<string, number>;
  /** score column name (dimension or 合计) → 0-based column. */
  columns: Map<string, number>;
}

/** Where a ballot's score cells are (read through the host). */
export async function ballotLayout(bytes: Uint8Array): Promise<BallotLayout> {
  const read = await run(await loadXlsx(bytes), (c) => readBallotWorkbook(c));
  if (read.kind !== 'ballot' || read.sheet === null) throw new Error(`not a ballot: ${read.kind}`);
  const h = read.identity.headerRow;
  const header = read.values[h - 1] as unknown[];
  const columns = new Map<string, number>();
  header.forEach((v, c) => {
    if (c >= 3) columns.set(String(v).split('\n')[0], c);
  });
  const rows = new Map<string, number>();
  for (let r = h; r < read.values.length; r++) {
    const id = read.values[r]?.[1];
    if (id === '' || id === undefined || id === null) break;
    rows.set(String(id), r + 1);
  }
  return { identity: read.identity, sheet: read.sheet, rows, columns };
}

/** Edits that type `scores[memberId][dimension]` into the ballot. */
export function scoreEdits(layout: BallotLayout, scores: Record<string, Record<string, CellValue>>): Edit[] {
  const edits: Edit[] = [];
  for (const [id, dims] of Object.entries(scores)) {
    const row = layout.rows.get(id);
    if (row === undefined) throw new Error(`member ${id} not on the ballot`);
    for (const [d, v] of Object.entries(dims)) {
      const c = layout.columns.get(d);
      if (c === undefined) throw new Error(`no column ${d}`);
      edits.push({ sheet: layout.sheet, cell: `${colLetter(c)}${row}`, value: v });
    }
  }
  return edits;
}

const OPENPYXL = String.raw`
import json, sys, openpyxl
job = json.load(sys.stdin)
wb = openpyxl.load_workbook(job['in'])
for e in job['edits']:
    v = e['value']
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    wb[e['sheet']][e['cell']] = v
for op in job.get('deleteRows', []):
    wb[op['sheet']].delete_rows(op['row'])
for op in job.get('insertRows', []):
    ws = wb[op['sheet']]
    ws.insert_rows(op['row'])
    for i, v in enumerate(op['values']):
        ws.cell(row=op['row'], column=i + 1, value=v)
if job.get('identity'):
    ws = wb['kp_Ballot']
    for row in ws.iter_rows():
        if row[0].value == job['identity']['label']:
            row[1].value = job['identity']['value']
if job.get('identityRows'):
    ws = wb['kp_Ballot']
    ws.delete_rows(1, ws.max_row)
    for r, values in enumerate(job['identityRows']):
        for c, v in enumerate(values):
            cell = ws.cell(row=r + 1, column=c + 1, value=v)
            cell.number_format = '@'
wb.save(job['out'])
`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kp-ballot-'));
}

/** Applies the edits with openpyxl (load_workbook / save), as a script an evaluator's IT colleague might run. */
export function fillWithOpenpyxl(bytes: Uint8Array, ops: OpenpyxlOps): Uint8Array {
  const dir = tempDir();
  try {
    const input = join(dir, 'in.xlsx');
    const out = join(dir, 'out.xlsx');
    writeFileSync(input, bytes);
    execFileSync('/usr/bin/python3', ['-c', OPENPYXL], { input: JSON.stringify({ ...ops, in: input, out }), stdio: ['pipe', 'pipe', 'pipe'] });
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Applies the edits with plain ExcelJS (load, set cell values, write). */
export async function fillWithExcelJS(bytes: Uint8Array, edits: Edit[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  for (const e of edits) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) throw new Error(`no sheet ${e.sheet}`);
    ws.getCell(e.cell).value = e.value;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function soffice(): string {
  try {
    return execFileSync('which', ['soffice']).toString().trim();
  } catch {
    throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui. This test does not skip.');
  }
}

/** Re-saves a workbook with LibreOffice (headless convert to xlsx), as a LibreOffice user's 保存 does. */
export function resaveWithLibreOffice(bytes: Uint8Array): Uint8Array {
  const dir = tempDir();
  try {
    const input = join(dir, 'in.xlsx');
    const outDir = join(dir, 'out');
    writeFileSync(input, bytes);
    execFileSync(soffice(), [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, input], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    return new Uint8Array(readFileSync(join(outDir, 'in.xlsx')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Converts many files with one LibreOffice start (faster on a loaded machine). */
export function resaveAllWithLibreOffice(files: Uint8Array[]): Uint8Array[] {
  const dir = tempDir();
  try {
    const outDir = join(dir, 'out');
    const inputs = files.map((b, i) => {
      const p = join(dir, `f${i}.xlsx`);
      writeFileSync(p, b);
      return p;
    });
    execFileSync(soffice(), [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...inputs], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    return files.map((_, i) => new Uint8Array(readFileSync(join(outDir, `f${i}.xlsx`))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

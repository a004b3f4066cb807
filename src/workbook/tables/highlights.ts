/**
 * Problem cells highlighted with a plain fill (not a conditional format, so it never fights the user's own rules);
 * the cells are remembered in kp_State so the next check clears exactly those.
 *
 * Requests stay small: cells are written as runs of consecutive rows in a column ("E2:E40" is one range, two
 * operations), and when there are more than HIGHLIGHT_CHUNK ranges the fills are sent in several syncs (Excel on
 * the web refuses a request over 5 MB; 10,000 scattered bad scores were ~40,000 operations in one request). The
 * last chunk is left queued for the caller's own sync, so a check with fewer ranges stays at its one write sync.
 * Sheets that are protected are skipped (their fills would be refused): their cells stay in the list to clear.
 */
import type { Problem } from '../../domain/types';
import { blockAddress, parseAddress } from './a1';
import type { ReadKey, TablesRead } from './readTables';
import type { Highlight } from './state';

export const ERROR_FILL = '#FFC7CE';
export const WARNING_FILL = '#FFEB9C';

/** Ranges (each two queued operations) per sync when a check has very many problem cells. */
export const HIGHLIGHT_CHUNK = 5000;

/** The table a problem's sheet belongs to (by the sheet names read in this batch). */
function tableOfSheet(read: TablesRead): Map<string, string> {
  const m = new Map<string, string>();
  for (const key of Object.keys(read) as ReadKey[]) {
    const t = read[key];
    if (t.exists && key !== 'state' && key !== 'results') m.set(t.sheet, t.name);
  }
  return m;
}

/** Cells as (column, row) pairs; a stored range ("E2:E9") expands to its cells. Bad addresses are skipped. */
function cellsOf(addresses: string[]): { c: number; r: number }[] {
  const out: { c: number; r: number }[] = [];
  for (const a of addresses) {
    let p: ReturnType<typeof parseAddress>;
    try {
      p = parseAddress(a);
    } catch {
      continue;
    }
    for (let c = p.col0; c < p.col0 + p.cols; c++) for (let r = p.row1; r < p.row1 + p.rows; r++) out.push({ c, r });
  }
  return out;
}

/** Runs of consecutive rows per column, as A1 ranges ("E2:E9", or "E2" for one cell). */
export function cellRuns(addresses: string[]): string[] {
  const cells = cellsOf(addresses).sort((a, b) => a.c - b.c || a.r - b.r);
  const out: string[] = [];
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1].c === cells[i].c && cells[j + 1].r <= cells[j].r + 1) j++;
    out.push(blockAddress(cells[i].r, cells[i].c, cells[j].r - cells[i].r + 1, 1));
    i = j + 1;
  }
  return out;
}

/**
 * Clears the previous highlights and fills the new problem cells (errors red, warnings amber; an error wins on
 * a cell with both). Returns the highlight list to store and the protected sheets skipped. All but the last
 * chunk of ranges are synced here; the last stays queued for the caller.
 */
export async function writeHighlights(
  context: Excel.RequestContext,
  read: TablesRead,
  previous: Highlight[],
  problems: Problem[],
): Promise<{ highlights: Highlight[]; skipped: string[] }> {
  const sheetOfTable = new Map<string, string>();
  const protectedSheets = new Set<string>();
  for (const key of Object.keys(read) as ReadKey[]) {
    const t = read[key];
    if (!t.exists) continue;
    sheetOfTable.set(t.name, t.sheet);
    if (t.protected) protectedSheets.add(t.sheet);
  }
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => {
    let s = sheets.get(name);
    if (!s) {
      s = context.workbook.worksheets.getItem(name);
      sheets.set(name, s);
    }
    return s;
  };
  const skipped = new Set<string>();
  const kept: Highlight[] = [];
  const jobs: (() => void)[] = [];
  // Previous highlights by table: one clear per run.
  const byTable = new Map<string, string[]>();
  for (const h of previous) byTable.set(h.table, [...(byTable.get(h.table) ?? []), h.cell]);
  for (const [table, cells] of byTable) {
    const s = sheetOfTable.get(table);
    // A table deleted since: nothing of ours left to clear there.
    if (!s) continue;
    if (protectedSheets.has(s)) {
      skipped.add(s);
      for (const cell of cells) kept.push({ table, cell });
      continue;
    }
    for (const run of cellRuns(cells)) jobs.push(() => sheet(s).getRange(run).format.fill.clear());
  }
  const tableOf = tableOfSheet(read);
  const fills = new Map<string, { sheet: string; table: string; cell: string; color: string }>();
  for (const p of problems) {
    if (!p.cell) continue;
    const table = tableOf.get(p.sheet);
    if (!table) continue;
    if (protectedSheets.has(p.sheet)) {
      skipped.add(p.sheet);
      continue;
    }
    const key = `${p.sheet}\u0001${p.cell}`;
    const color = p.severity === 'error' ? ERROR_FILL : WARNING_FILL;
    const had = fills.get(key);
    if (!had || (had.color === WARNING_FILL && color === ERROR_FILL)) fills.set(key, { sheet: p.sheet, table, cell: p.cell, color });
  }
  // Per sheet and colour, runs of cells.
  const groups = new Map<string, { sheet: string; table: string; color: string; cells: string[] }>();
  for (const f of fills.values()) {
    const k = `${f.sheet}\u0001${f.color}`;
    const g = groups.get(k) ?? { sheet: f.sheet, table: f.table, color: f.color, cells: [] };
    g.cells.push(f.cell);
    groups.set(k, g);
  }
  const out: Highlight[] = [...kept];
  for (const g of groups.values()) {
    for (const run of cellRuns(g.cells)) {
      jobs.push(() => {
        sheet(g.sheet).getRange(run).format.fill.color = g.color;
      });
      out.push({ table: g.table, cell: run });
    }
  }
  for (let i = 0; i < jobs.length; i++) {
    jobs[i]();
    if ((i + 1) % HIGHLIGHT_CHUNK === 0 && i + 1 < jobs.length) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only past HIGHLIGHT_CHUNK ranges: keeps each request small
      await context.sync();
    }
  }
  return { highlights: out, skipped: [...skipped] };
}

/**
 * Problem cells highlighted with a plain fill (not a conditional format, so it never fights the user's own rules);
 * the cells are remembered in kp_State so the next check clears exactly those.
 */
import type { Problem } from '../domain/types';
import type { ReadKey, TablesRead } from './readTables';
import type { Highlight } from './state';

export const ERROR_FILL = '#FFC7CE';
export const WARNING_FILL = '#FFEB9C';

/** The table a problem's sheet belongs to (by the sheet names read in this batch). */
function tableOfSheet(read: TablesRead): Map<string, string> {
  const m = new Map<string, string>();
  for (const key of Object.keys(read) as ReadKey[]) {
    const t = read[key];
    if (t.exists && key !== 'state' && key !== 'results') m.set(t.sheet, t.name);
  }
  return m;
}

/**
 * Queues: clear the previous highlights, fill the new problem cells (errors red, warnings amber; an error wins
 * on a cell with both). Returns the new highlight list to store.
 */
export function queueHighlights(context: Excel.RequestContext, read: TablesRead, previous: Highlight[], problems: Problem[]): Highlight[] {
  const sheetOfTable = new Map<string, string>();
  for (const key of Object.keys(read) as ReadKey[]) if (read[key].exists) sheetOfTable.set(read[key].name, read[key].sheet);
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => {
    let s = sheets.get(name);
    if (!s) {
      s = context.workbook.worksheets.getItem(name);
      sheets.set(name, s);
    }
    return s;
  };
  for (const h of previous) {
    const s = sheetOfTable.get(h.table);
    // A table deleted since: nothing of ours left to clear there.
    if (s) sheet(s).getRange(h.cell).format.fill.clear();
  }
  const tableOf = tableOfSheet(read);
  const fills = new Map<string, { sheet: string; table: string; cell: string; color: string }>();
  for (const p of problems) {
    if (!p.cell) continue;
    const table = tableOf.get(p.sheet);
    if (!table) continue;
    const key = `${p.sheet}\u0001${p.cell}`;
    const color = p.severity === 'error' ? ERROR_FILL : WARNING_FILL;
    const had = fills.get(key);
    if (!had || (had.color === WARNING_FILL && color === ERROR_FILL)) fills.set(key, { sheet: p.sheet, table, cell: p.cell, color });
  }
  const out: Highlight[] = [];
  for (const f of fills.values()) {
    sheet(f.sheet).getRange(f.cell).format.fill.color = f.color;
    out.push({ table: f.table, cell: f.cell });
  }
  return out;
}

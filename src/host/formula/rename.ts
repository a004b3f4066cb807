/** Excel rewrites formulas when a sheet, table or table column is renamed; so does the host. */
import { quoteSheet } from '../model/address';
import type { Sheet, WorkbookModel, TableModel } from '../model/model';

type Piece = { kind: 'str' | 'quoted' | 'bracket' | 'code'; text: string };

function pieces(f: string): Piece[] {
  const out: Piece[] = [];
  let buf = '', i = 0;
  const flush = (): void => { if (buf) { out.push({ kind: 'code', text: buf }); buf = ''; } };
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"' || ch === "'") {
      flush();
      let j = i + 1;
      while (j < f.length) { if (f[j] === ch) { if (f[j + 1] === ch) { j += 2; continue; } break; } j++; }
      out.push({ kind: ch === '"' ? 'str' : 'quoted', text: f.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      flush();
      let depth = 0, j = i;
      for (; j < f.length; j++) {
        if (f[j] === "'") { j++; continue; }
        if (f[j] === '[') depth++;
        if (f[j] === ']') { depth--; if (depth === 0) break; }
      }
      out.push({ kind: 'bracket', text: f.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    buf += ch;
    i++;
  }
  flush();
  return out;
}

const IDENT_END = /([\p{L}_\\][\p{L}\p{N}_.\\]*)$/u;

export function renameSheetInFormula(f: string, oldName: string, newName: string): string {
  // A reference to a sheet always carries "!": most formulas (a row's 合计, a table's own columns) have none.
  if (!f.includes('!')) return f;
  const ps = pieces(f);
  const low = oldName.toLowerCase();
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k];
    const next = ps[k + 1];
    if (p.kind === 'quoted' && next?.kind === 'code' && next.text.startsWith('!')) {
      if (p.text.slice(1, -1).replace(/''/g, "'").toLowerCase() === low) p.text = quoteSheet(newName);
    } else if (p.kind === 'code') {
      p.text = p.text.replace(/(^|[^\p{L}\p{N}_.\\'])([\p{L}_\\][\p{L}\p{N}_.\\]*)!/gu, (m, pre: string, name: string) =>
        (name.toLowerCase() === low ? `${pre}${quoteSheet(newName)}!` : m));
    }
  }
  return ps.map((p) => p.text).join('');
}

export function renameTableInFormula(f: string, oldName: string, newName: string): string {
  // A table is named only before "[": a formula without one cannot mention it.
  if (!f.includes('[')) return f;
  const ps = pieces(f);
  const low = oldName.toLowerCase();
  for (let k = 0; k + 1 < ps.length; k++) {
    const p = ps[k];
    if (p.kind !== 'code' || ps[k + 1].kind !== 'bracket') continue;
    const m = IDENT_END.exec(p.text);
    if (m && m[1].toLowerCase() === low) p.text = p.text.slice(0, p.text.length - m[1].length) + newName;
  }
  return ps.map((p) => p.text).join('');
}

/** Renames a column inside the structured references that point at the table (qualified, or unqualified inside it). */
export function renameColumnInFormula(f: string, tableName: string, inTable: boolean, oldCol: string, newCol: string): string {
  if (!f.includes('[')) return f;
  const ps = pieces(f);
  const esc = (s: string): string => s.replace(/([[\]#'@])/g, "'$1");
  const lowT = tableName.toLowerCase();
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k];
    if (p.kind !== 'bracket') continue;
    const prev = ps[k - 1];
    const m = prev?.kind === 'code' ? IDENT_END.exec(prev.text) : null;
    const targets = m ? m[1].toLowerCase() === lowT : inTable;
    if (!targets) continue;
    p.text = p.text.replace(/\[([^[\]]*)\]/g, (whole, inner: string) => {
      const at = inner.startsWith('@') ? '@' : '';
      const name = (at ? inner.slice(1) : inner).replace(/'(.)/g, '$1');
      return name.toLowerCase() === oldCol.toLowerCase() ? `[${at}${esc(newCol)}]` : whole;
    });
    // [@col] written without inner brackets: "[@old]" is covered above; "Table[old]" too.
  }
  return ps.map((p) => p.text).join('');
}

/** Applies a rewrite to every formula of the workbook (cells, names, validation and conditional-format rules). */
export function rewriteFormulas(wb: WorkbookModel, fn: (f: string, sheet: string, r: number, c: number) => string, renamed?: Sheet): void {
  let changed = false;
  for (const sheet of wb.sheets) {
    // forEach, not for…of over entries: no [key, value] array per cell (a workbook has hundreds of thousands).
    sheet.rows.forEach((row, r) => row.forEach((cell, c) => {
      if (cell.formula === null) return;
      const next = fn(cell.formula, sheet.name, r, c);
      if (next !== cell.formula) { cell.formula = next; changed = true; }
    }));
    for (const cf of sheet.conditionalFormats) {
      const o = cf.rects[0];
      for (const key of ['formula', 'formula1', 'formula2'] as const) {
        const v = cf.rule[key];
        if (typeof v === 'string' && v.startsWith('=')) cf.rule[key] = fn(v, sheet.name, o.r0, o.c0);
      }
    }
    for (const e of sheet.validations) {
      const rule = e.dv.rule as Record<string, Record<string, unknown>> | null;
      if (!rule) continue;
      const body = rule[Object.keys(rule)[0]];
      for (const key of ['formula', 'formula1', 'formula2', 'source']) {
        const v = body?.[key];
        if (typeof v === 'string' && v.startsWith('=')) body[key] = fn(v, sheet.name, e.rects[0].r0, e.rects[0].c0);
      }
    }
  }
  for (const n of wb.names) { const next = fn(n.formula, '', -1, -1); if (next !== n.formula) { n.formula = next; changed = true; } }
  // A renamed sheet whose name no formula mentioned: only formulas that now see it (by its new name) can change.
  if (changed || !renamed) wb.dirty = true; else wb.markDirty(renamed);
}

export function cellInTable(t: TableModel, sheet: string, r: number, c: number): boolean {
  return t.sheet.name === sheet && r >= t.rect.r0 && r <= t.rect.r1 && c >= t.rect.c0 && c <= t.rect.c1;
}

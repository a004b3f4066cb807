/**
 * The roll-up's quick path: reads the kp_ tables' cell values straight from the package (the parts of the
 * workbook, the sheets holding kp_ tables, their table parts and the shared strings; nothing of other sheets,
 * no styles, no drawings), without building the host's model. It gives the same values the Excel API gives
 * (strings, numbers, booleans, error texts, '' for blank; cached results of formulas), rows directly below an
 * input table included as readTables reads them.
 *
 * It is only trusted when it proves itself: the results count as current when the fingerprint of what it read
 * equals the stamp compute wrote, which compute made from the values the Excel API gave. Anything else (a
 * mismatch, a cell or part it does not read the same way) returns null and the caller reads the workbook
 * through the host (readForRollup), which then decides.
 */
import { Package, REL, isRel } from '../../host/xlsx/opc';
import { SharedStrings, richText } from '../../host/xlsx/strings';
import { attr, child, children, decodeEntities, decodeXstring, parseXml } from '../../host/xlsx/xml';
import type { RawCell } from '../../domain/types';
import { ALL_KEYS, OUTSIDE_KEYS, STATE_TABLE, tableName, type ReadKey, type TableRead, type TablesRead } from '../tables/readTables';

interface TableLoc { key: ReadKey; sheet: string; part: string; r0: number; c0: number; r1: number; c1: number }

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

function parseRef(ref: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref.replace(/\$/g, '').toUpperCase());
  if (!m) return null;
  const r0 = Number(m[2]) - 1;
  const c0 = colNumber(m[1]);
  return { r0, c0, r1: m[4] ? Number(m[4]) - 1 : r0, c1: m[3] ? colNumber(m[3]) : c0 };
}

/** Cell values of one sheet part within the given column span, rows from r0 on (0-based), as a sparse map. */
function sheetCells(xml: string, sst: SharedStrings, r0: number, c0: number, c1: number): Map<number, RawCell[]> | null {
  const rows = new Map<number, RawCell[]>();
  const re = /<(?:[A-Za-z_][\w.-]*:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?c>)/g;
  const start = xml.search(/<(?:[A-Za-z_][\w.-]*:)?sheetData\b/);
  if (start < 0) return rows;
  re.lastIndex = start;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs = m[1];
    const r = /\sr="([A-Z]{1,3})(\d+)"/.exec(attrs);
    if (!r) return null; // cells without addresses: the host reads those
    const row = Number(r[2]) - 1;
    const col = colNumber(r[1]);
    if (row < r0 || col < c0 || col > c1) continue;
    const t = /\st="([^"]*)"/.exec(attrs)?.[1] ?? 'n';
    const inner = m[2] ?? '';
    const v = /<(?:[A-Za-z_][\w.-]*:)?v>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?v>/.exec(inner)?.[1];
    let value: RawCell;
    if (t === 'inlineStr') {
      const is = inner.search(/<(?:[A-Za-z_][\w.-]*:)?is\b/);
      value = is < 0 ? '' : richText(inner, is, inner.length);
    } else if (v === undefined) value = '';
    else if (t === 's') {
      const s = sst.items[Number(v)];
      if (s === undefined) return null;
      value = s;
    } else if (t === 'str' || t === 'e') value = decodeXstring(decodeEntities(v));
    else if (t === 'b') value = v.trim() === '1' || v.trim() === 'true';
    else if (t === 'n') {
      const n = Number(v);
      if (!Number.isFinite(n) || v.trim() === '') return null;
      value = n;
    } else return null; // dates as ISO text and anything unusual: the host reads those
    let line = rows.get(row);
    if (!line) rows.set(row, (line = []));
    line[col - c0] = value;
  }
  return rows;
}

/** Reads the kp_ tables (and tells whether this is a roll-up workbook); null when the package is not one we read quickly. */
export function quickReadTables(bytes: Uint8Array): { read: TablesRead; rollup: boolean } | null {
  const pkg = Package.read(bytes);
  const office = pkg.rels('').find((r) => isRel(r, REL.officeDocument) && !r.external);
  if (!office || !pkg.has(office.part)) return null;
  const wbRoot = parseXml(pkg.text(office.part)!).children[0];
  if (!wbRoot || wbRoot.name !== 'workbook') return null;
  const rels = pkg.rels(office.part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sstRel = rels.find((r) => isRel(r, REL.sharedStrings) && !r.external && pkg.has(r.part));
  const wanted = new Map<string, ReadKey>(ALL_KEYS.map((k) => [tableName(k).toLowerCase(), k]));
  const locs: TableLoc[] = [];
  let rollup = false;
  for (const n of children(child(wbRoot, 'sheets') ?? wbRoot, 'sheet')) {
    const rel = byId.get(attr(n, 'id', true) ?? '');
    if (!rel || rel.external || !isRel(rel, REL.worksheet) || !pkg.has(rel.part)) continue;
    for (const tr of pkg.rels(rel.part)) {
      if (tr.external || !tr.type.endsWith('/table') || !pkg.has(tr.part)) continue;
      const root = parseXml(pkg.text(tr.part)!).children[0];
      if (!root || root.name !== 'table') continue;
      const name = (attr(root, 'displayName') ?? attr(root, 'name') ?? '').toLowerCase();
      if (name === 'kp_rollupmembers') rollup = true;
      const key = wanted.get(name);
      if (!key) continue;
      if (Number(attr(root, 'headerRowCount') ?? 1) !== 1 || Number(attr(root, 'totalsRowCount') ?? 0) !== 0) return null;
      const ref = parseRef(attr(root, 'ref') ?? '');
      if (!ref) return null;
      locs.push({ key, sheet: attr(n, 'name') ?? '', part: rel.part, ...ref });
    }
  }
  if (rollup) return { read: {} as TablesRead, rollup: true };
  const sst = new SharedStrings(sstRel ? pkg.text(sstRel.part) : undefined);
  const out = {} as TablesRead;
  for (const k of ALL_KEYS) {
    out[k] = { key: k, name: tableName(k), exists: false, sheet: k === 'state' ? STATE_TABLE : '', headers: [], rows: [], firstRow: 2, firstColumn: 0, bodyRows: 0 } as unknown as TableRead;
  }
  const byPart = new Map<string, TableLoc[]>();
  for (const l of locs) byPart.set(l.part, [...(byPart.get(l.part) ?? []), l]);
  for (const [part, ls] of byPart) {
    const r0 = Math.min(...ls.map((l) => l.r0));
    const c0 = Math.min(...ls.map((l) => l.c0));
    const c1 = Math.max(...ls.map((l) => l.c1));
    const cells = sheetCells(pkg.text(part)!, sst, r0, c0, c1);
    if (!cells) return null;
    const lastRow = Math.max(-1, ...cells.keys());
    for (const l of ls) {
      const width = l.c1 - l.c0 + 1;
      const rowAt = (r: number): RawCell[] => {
        const line = cells.get(r);
        return Array.from({ length: width }, (_, j) => (line?.[l.c0 - c0 + j] ?? ''));
      };
      const values: RawCell[][] = [];
      for (let r = l.r0; r <= l.r1; r++) values.push(rowAt(r));
      const t = {
        key: l.key, name: tableName(l.key), exists: true, sheet: l.sheet, headers: values[0].map((h) => (h === null ? '' : String(h))),
        rows: values.slice(1), firstRow: l.r0 + 2, firstColumn: l.c0, bodyRows: values.length - 1,
      } as unknown as TableRead;
      if (OUTSIDE_KEYS.has(l.key)) {
        // Rows typed directly below the table, up to the first blank one (as readTables reads them).
        for (let r = l.r1 + 1; r <= lastRow; r++) {
          const row = rowAt(r);
          if (row.every((v) => v === '' || v === null)) break;
          if (t.outsideFrom === undefined) t.outsideFrom = t.rows.length;
          t.rows.push(row);
        }
      }
      out[l.key] = t;
    }
  }
  if (!out.results.exists || !out.settings.exists || !out.state.exists) return null;
  return { read: out, rollup: false };
}

/** Table parts: read into the model; a changed table is written by editing its part (unknown content kept). */
import { type Rect, rectAddress, tryParseLocal } from '../model/address';
import { fromFileFormula, toFileFormula } from '../formula/shift';
import type { Sheet, TableModel, WorkbookModel } from '../model/model';
import { attr, child, children, escAttr, escText, parseXml, type XNode } from './xml';

export interface TableSource { part: string; xml: string; digest: string; rid: string }

export function readTable(model: WorkbookModel, sheet: Sheet, xml: string): TableModel | null {
  const root = parseXml(xml).children[0];
  if (!root || root.name !== 'table') return null;
  const rect = tryParseLocal((attr(root, 'ref') ?? '').replace(/\$/g, ''));
  if (!rect) return null;
  const cols = children(child(root, 'tableColumns') ?? root, 'tableColumn');
  const headerRows = Number(attr(root, 'headerRowCount') ?? 1);
  const totalsRows = Number(attr(root, 'totalsRowCount') ?? 0);
  const info = child(root, 'tableStyleInfo');
  const flag = (n: XNode | undefined, k: string): boolean => !!n && ['1', 'true'].includes(attr(n, k) ?? '');
  const name = attr(root, 'displayName') ?? attr(root, 'name') ?? `Table${model.tables.length + 1}`;
  const t: TableModel = {
    id: model.newId(), name, sheet, rect,
    showHeaders: headerRows !== 0, showTotals: totalsRows > 0,
    style: info ? attr(info, 'name') ?? '' : '',
    showBandedRows: flag(info, 'showRowStripes'), showBandedColumns: flag(info, 'showColumnStripes'),
    showFilterButton: !!child(root, 'autoFilter'), highlightFirstColumn: flag(info, 'showFirstColumn'), highlightLastColumn: flag(info, 'showLastColumn'),
    columns: cols.map((c) => ({ id: model.newId(), name: attr(c, 'name') ?? '' })),
    calculated: new Map(),
  };
  cols.forEach((c, i) => {
    const f = child(c, 'calculatedColumnFormula');
    if (f && f.text.trim()) t.calculated.set(t.columns[i].id, fromFileFormula(f.text));
  });
  return t;
}

function setAttr(openTag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name}="[^"]*"`);
  if (value === null) return openTag.replace(re, '');
  if (re.test(openTag)) return openTag.replace(re, ` ${name}="${escAttr(value)}"`);
  return openTag.replace(/(\/?>)$/, ` ${name}="${escAttr(value)}"$1`);
}

function ref(r: Rect): string {
  return r.r0 === r.r1 && r.c0 === r.c1 ? `${rectAddress(r)}:${rectAddress(r)}` : rectAddress(r);
}

/** The table part: the original edited (ref, names, columns, style flags), or a new part. */
export function writeTable(t: TableModel, xmlId: number, src: TableSource | undefined): string {
  const calc = (i: number): string => {
    const f = t.calculated.get(t.columns[i].id);
    return f ? `<calculatedColumnFormula>${escText(toFileFormula(f, t.name))}</calculatedColumnFormula>` : '';
  };
  const autoFilterRect: Rect = { ...t.rect, r1: t.rect.r1 - (t.showTotals ? 1 : 0) };
  if (!src) {
    const cols = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escAttr(c.name)}"${calc(i) ? `>${calc(i)}</tableColumn>` : '/>'}`).join('');
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${xmlId}" name="${escAttr(t.name)}" displayName="${escAttr(t.name)}" ref="${ref(t.rect)}"`
      + `${t.showHeaders ? '' : ' headerRowCount="0"'}${t.showTotals ? ' totalsRowCount="1"' : ' totalsRowShown="0"'}>`
      + (t.showFilterButton && t.showHeaders ? `<autoFilter ref="${ref(autoFilterRect)}"/>` : '')
      + `<tableColumns count="${t.columns.length}">${cols}</tableColumns>`
      + (t.style !== '' ? `<tableStyleInfo name="${escAttr(t.style)}" showFirstColumn="${t.highlightFirstColumn ? 1 : 0}" showLastColumn="${t.highlightLastColumn ? 1 : 0}" showRowStripes="${t.showBandedRows ? 1 : 0}" showColumnStripes="${t.showBandedColumns ? 1 : 0}"/>` : '')
      + '</table>';
  }
  const xml = src.xml;
  const root = parseXml(xml).children[0]!;
  const edits: { at: number; end: number; text: string }[] = [];
  let open = xml.slice(root.start, root.innerStart);
  open = setAttr(open, 'ref', ref(t.rect));
  open = setAttr(open, 'name', t.name);
  open = setAttr(open, 'displayName', t.name);
  open = setAttr(open, 'headerRowCount', t.showHeaders ? null : '0');
  open = setAttr(open, 'totalsRowCount', t.showTotals ? '1' : null);
  edits.push({ at: root.start, end: root.innerStart, text: open });
  const af = child(root, 'autoFilter');
  if (af) {
    if (t.showFilterButton && t.showHeaders) {
      edits.push({ at: af.start, end: af.innerStart, text: setAttr(xml.slice(af.start, af.innerStart), 'ref', ref(autoFilterRect)) });
    } else edits.push({ at: af.start, end: af.end, text: '' });
  }
  const tc = child(root, 'tableColumns');
  if (tc) {
    const orig = children(tc, 'tableColumn');
    const byName = new Map(orig.map((n) => [(attr(n, 'name') ?? '').toLowerCase(), n]));
    let maxId = Math.max(0, ...orig.map((n) => Number(attr(n, 'id') ?? 0)));
    const pfx = tc.qname.includes(':') ? `${tc.qname.split(':')[0]}:` : '';
    const items = t.columns.map((c, i) => {
      const o = byName.get(c.name.toLowerCase());
      const f = t.calculated.get(c.id);
      if (o) {
        let s = xml.slice(o.start, o.end);
        s = s.replace(/^<[^>]*>/, (tag) => setAttr(tag, 'name', c.name));
        const existing = child(o, 'calculatedColumnFormula');
        const want = f ? toFileFormula(f, t.name) : null;
        if (existing && (!want || fromFileFormula(existing.text) === f)) return s;
        if (!want) return s;
        const tag = `<${pfx}calculatedColumnFormula>${escText(want)}</${pfx}calculatedColumnFormula>`;
        if (existing) return s.slice(0, existing.start - o.start) + tag + s.slice(existing.end - o.start);
        return /\/>$/.test(s) ? s.replace(/\/>$/, `>${tag}</${o.qname}>`) : s.replace(new RegExp(`</${o.qname}>$`), `${tag}</${o.qname}>`);
      }
      maxId++;
      const body = calc(i);
      return `<${pfx}tableColumn id="${maxId}" name="${escAttr(c.name)}"${body ? `>${pfx ? body.replace(/<(\/?)c/g, `<$1${pfx}c`) : body}</${pfx}tableColumn>` : '/>'}`;
    });
    const openTc = setAttr(xml.slice(tc.start, tc.innerStart), 'count', String(t.columns.length));
    edits.push({ at: tc.start, end: tc.end, text: `${openTc}${items.join('')}</${tc.qname}>` });
  }
  const info = child(root, 'tableStyleInfo');
  if (info) {
    let s = xml.slice(info.start, info.end);
    s = setAttr(s, 'name', t.style || null);
    s = setAttr(s, 'showFirstColumn', t.highlightFirstColumn ? '1' : '0');
    s = setAttr(s, 'showLastColumn', t.highlightLastColumn ? '1' : '0');
    s = setAttr(s, 'showRowStripes', t.showBandedRows ? '1' : '0');
    s = setAttr(s, 'showColumnStripes', t.showBandedColumns ? '1' : '0');
    edits.push({ at: info.start, end: info.end, text: s });
  }
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const e of edits) { out += xml.slice(pos, e.at) + e.text; pos = e.end; }
  return out + xml.slice(pos);
}

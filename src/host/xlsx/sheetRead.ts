/** Reads a worksheet part into the model: cells (with their original XML), rows, columns, views, layout, rules. */
import { type Rect, MAX_COLS, MAX_ROWS, colIndex, tryParseLocal } from '../model/address';
import { fromFileFormula } from '../formula/shift';
import { Cell, type CellValue, type ConditionalFormatModel, ErrorValue, Row, type Sheet, type WorkbookModel } from '../model/model';
import { shiftShared } from './sharedFormula';
import { type SharedStrings, richText, textBody } from './strings';
import { type StylesPart, colorOf } from './styles';
import { readValidations } from './validation';
import { LIMITS, textTooLong, tooManyCells } from './limits';
import { binaryToText } from './binaryText';
import { attr, child, children, decodeEntities, decodeXstring, parseAttrs, parseXml, scanTop, type TopChild, type XNode } from './xml';

export interface SheetSource {
  part: string;
  /** The part as read: its text, or a binary string of its UTF-8 (binaryText.ts) whose pieces `text` decodes. */
  xml: string;
  /** The text a piece of xml stands for. */
  text: (piece: string) => string;
  root: TopChild;
  items: TopChild[];
  /** Cells read with a source (for the unchanged check). */
  cellCount: number;
  /** Where each row's start tag is in xml, by row index (its end: `startTagEnd`). A number, not an object, per row. */
  rowTags: Map<number, number>;
  /** Conditional-formatting blocks this host does not model (kept as written). */
  otherCf: string[];
  /** Per-element digests at load (see digest.ts). */
  digest: Record<string, string>;
  /** Relationship ids of the sheet's table parts, in order. */
  tableRids: string[];
  hasDrawing: boolean;
}

const PAPER_IN: Record<number, string> = { 1: 'Letter', 5: 'Legal', 8: 'A3', 9: 'A4', 11: 'A5', 13: 'B5' };

function bool(v: string | undefined, dflt = false): boolean {
  if (v === undefined) return dflt;
  return v === '1' || v === 'true';
}

/** Position of a cell reference "AB12" (no $); null when malformed. */
function cellRef(ref: string): [number, number] | null {
  let i = 0, c = 0;
  while (i < ref.length) {
    const ch = ref.charCodeAt(i);
    const up = ch >= 97 ? ch - 32 : ch;
    if (up < 65 || up > 90) break;
    c = c * 26 + (up - 64);
    i++;
  }
  if (i === 0 || i === ref.length) return null;
  const r = Number(ref.slice(i));
  if (!Number.isInteger(r) || r < 1 || c > MAX_COLS) return null;
  return [r - 1, c - 1];
}

/** Serial number of an ISO date-time (t="d"), in the workbook's date system. */
function isoSerial(s: string, date1904: boolean): number | null {
  const time = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(s.trim());
  if (time) return Math.round(((+time[1] * 3600 + +time[2] * 60 + Number(time[3] ?? 0)) / 86400) * 1e10) / 1e10;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(s.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), 0) + Math.round(Number(m[6] ?? 0) * 1000);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const serial = (ms - epoch) / 86400000;
  return Math.round(serial * 1e10) / 1e10;
}

export function readSheet(model: WorkbookModel, sheet: Sheet, part: string, xml: string, styles: StylesPart, sst: SharedStrings, binary = false): { src: SheetSource; missingResults: boolean } {
  const { root, items } = scanTop(xml);
  const text = binary ? binaryToText : (piece: string) => piece;
  const src: SheetSource = { part, xml, text, root, items, cellCount: 0, rowTags: new Map(), otherCf: [], digest: {}, tableRids: [], hasDrawing: false };
  const node = (xml: string, it: TopChild): XNode => elementAt(xml, it, text);
  let missing = false;
  for (const it of items) {
    switch (it.name) {
      case 'sheetData': missing = readSheetData(model, sheet, xml, it, styles, sst, src); break;
      case 'sheetPr': readSheetPr(sheet, node(xml, it)); break;
      case 'sheetViews': readViews(sheet, node(xml, it)); break;
      case 'sheetFormatPr': {
        const n = node(xml, it);
        const h = Number(attr(n, 'defaultRowHeight'));
        if (h > 0) sheet.standardHeight = h;
        const w = Number(attr(n, 'defaultColWidth'));
        if (w > 0) sheet.standardWidth = charsToPoints(w);
        break;
      }
      case 'cols': readCols(sheet, node(xml, it), styles); break;
      case 'sheetProtection': {
        const n = node(xml, it);
        if (bool(attr(n, 'sheet'))) {
          // In the file a flag set to 1 means the action is *protected*; insert/delete/sort/autoFilter default to protected.
          const allowed = (k: string, dflt: boolean): boolean => !bool(attr(n, k), dflt);
          sheet.protection = {
            protected: true,
            options: {
              allowFormatCells: allowed('formatCells', true), allowFormatColumns: allowed('formatColumns', true), allowFormatRows: allowed('formatRows', true),
              allowInsertRows: allowed('insertRows', true), allowDeleteRows: allowed('deleteRows', true), allowSort: allowed('sort', true), allowAutoFilter: allowed('autoFilter', true),
              ...(attr(n, 'password') || attr(n, 'hashValue') ? { passwordProtected: true } : {}),
            },
          };
        }
        break;
      }
      case 'mergeCells':
        for (const m of children(node(xml, it), 'mergeCell')) {
          const r = tryParseLocal((attr(m, 'ref') ?? '').replace(/\$/g, ''));
          if (r && (r.r0 !== r.r1 || r.c0 !== r.c1)) sheet.merges.push(r);
        }
        break;
      case 'conditionalFormatting': readCf(model, sheet, xml, it, styles, src); break;
      case 'dataValidations': sheet.validations.push(...readValidations(node(xml, it))); break;
      case 'printOptions': {
        const n = node(xml, it);
        sheet.pageLayout.centerHorizontally = bool(attr(n, 'horizontalCentered'));
        sheet.pageLayout.centerVertically = bool(attr(n, 'verticalCentered'));
        break;
      }
      case 'pageMargins': {
        const n = node(xml, it);
        const m = (k: string, d: number): number => { const v = Number(attr(n, k)); return Number.isFinite(v) && attr(n, k) !== undefined ? Math.round(v * 72 * 1e6) / 1e6 : d; };
        const d = sheet.pageLayout.margins;
        sheet.pageLayout.margins = { top: m('top', d.top), bottom: m('bottom', d.bottom), left: m('left', d.left), right: m('right', d.right), header: m('header', d.header), footer: m('footer', d.footer) };
        break;
      }
      case 'pageSetup': readPageSetup(sheet, node(xml, it)); break;
      case 'headerFooter': {
        const n = node(xml, it);
        const f = child(n, 'oddFooter'), h = child(n, 'oddHeader');
        if (f) sheet.pageLayout.footer = parseHf(f.text);
        if (h) sheet.pageLayout.header = parseHf(h.text);
        break;
      }
      case 'tableParts':
        for (const t of children(node(xml, it), 'tablePart')) { const id = attr(t, 'id', true); if (id) src.tableRids.push(id); }
        break;
      case 'drawing': src.hasDrawing = true; break;
      default: break;
    }
  }
  // fitToPage lives in sheetPr; pageSetup gave the counts.
  return { src, missingResults: missing };
}

/** The element of a top-level item, parsed (decoded first when xml is a binary string). */
function elementAt(xml: string, it: TopChild, text: (piece: string) => string): XNode {
  const piece = xml.slice(it.start, it.end);
  const t = text(piece);
  return (t === piece ? parseXml(xml, it.start, it.end) : parseXml(t)).children[0];
}

function readSheetPr(sheet: Sheet, n: XNode): void {
  const tab = colorOf(child(n, 'tabColor'));
  if (tab) sheet.tabColor = tab;
  const ps = child(n, 'pageSetUpPr');
  if (ps && bool(attr(ps, 'fitToPage'))) (sheet as Sheet & { fitToPage?: boolean }).fitToPage = true;
}

function readViews(sheet: Sheet, n: XNode): void {
  const v = child(n, 'sheetView');
  if (!v) return;
  if (attr(v, 'showGridLines') !== undefined && !bool(attr(v, 'showGridLines'), true)) sheet.passthrough.showGridLines = false;
  const pane = child(v, 'pane');
  if (pane && (attr(pane, 'state') === 'frozen' || attr(pane, 'state') === 'frozenSplit')) {
    sheet.frozenRows = Math.round(Number(attr(pane, 'ySplit') ?? 0)) || 0;
    sheet.frozenCols = Math.round(Number(attr(pane, 'xSplit') ?? 0)) || 0;
  }
  if (bool(attr(v, 'tabSelected'))) sheet.passthrough.tabSelected = true;
}

/** Column width: characters of the default font (file) ↔ points (API). */
export function charsToPoints(ch: number): number { return Math.round(Math.trunc(ch * 7 + 5 + 0.5) * 0.75 * 100) / 100; }
export function pointsToChars(pt: number): number { return Math.max(0, Math.round(((pt / 0.75 - 5) / 7) * 100) / 100); }

function readCols(sheet: Sheet, n: XNode, styles: StylesPart): void {
  for (const col of children(n, 'col')) {
    const min = Number(attr(col, 'min')), max = Math.min(Number(attr(col, 'max')), MAX_COLS);
    if (!(min >= 1) || !(max >= min)) continue;
    const w = attr(col, 'width');
    const hidden = bool(attr(col, 'hidden'));
    const styleIdx = Number(attr(col, 'style') ?? 0);
    const style = styleIdx ? styles.style(styleIdx) : undefined;
    // A run to the last column (LibreOffice writes one) is kept as one entry per column only when it carries something.
    for (let c = min - 1; c < max; c++) {
      if (w !== undefined && (bool(attr(col, 'customWidth')) || true)) sheet.colWidths.set(c, charsToPoints(Number(w)));
      if (hidden) sheet.hiddenCols.add(c);
      if (style) sheet.colStyles.set(c, style);
    }
  }
}

function readPageSetup(sheet: Sheet, n: XNode): void {
  const pl = sheet.pageLayout;
  if (attr(n, 'orientation') === 'landscape') pl.orientation = 'Landscape';
  const paper = attr(n, 'paperSize');
  if (paper) pl.paperSize = PAPER_IN[Number(paper)] ?? paper;
  const fit = (sheet as Sheet & { fitToPage?: boolean }).fitToPage;
  if (fit) {
    pl.zoom = { scale: null, horizontalFitToPages: Number(attr(n, 'fitToWidth') ?? 1), verticalFitToPages: Number(attr(n, 'fitToHeight') ?? 1) };
  } else if (attr(n, 'scale')) {
    pl.zoom = { scale: Number(attr(n, 'scale')), horizontalFitToPages: null, verticalFitToPages: null };
  }
}

export function parseHf(s: string): { left: string; center: string; right: string } {
  const out = { left: '', center: '', right: '' };
  let cur: 'left' | 'center' | 'right' = 'center';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '&' && (s[i + 1] === 'L' || s[i + 1] === 'C' || s[i + 1] === 'R')) {
      cur = s[i + 1] === 'L' ? 'left' : s[i + 1] === 'C' ? 'center' : 'right';
      i += 2;
      continue;
    }
    out[cur] += s[i++];
  }
  return out;
}

const CF_OP_IN: Record<string, string> = {
  between: 'Between', notBetween: 'NotBetween', equal: 'EqualTo', notEqual: 'NotEqualTo', greaterThan: 'GreaterThan', lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqual', lessThanOrEqual: 'LessThanOrEqual',
};

function cfOperandIn(v: string | undefined): string {
  const s = v ?? '';
  if (s.trim() !== '' && Number.isFinite(Number(s))) return s;
  return s.startsWith('"') ? s.replace(/^"|"$/g, '').replace(/""/g, '"') : `=${s}`;
}

function readCf(model: WorkbookModel, sheet: Sheet, xml: string, it: TopChild, styles: StylesPart, src: SheetSource): void {
  const n = elementAt(xml, it, src.text);
  const rules = children(n, 'cfRule');
  const modeled = rules.length > 0 && rules.every((r) => (attr(r, 'type') === 'cellIs' || attr(r, 'type') === 'expression') && attr(r, 'dxfId') !== undefined && !child(r, 'extLst'));
  if (!modeled) { src.otherCf.push(src.text(xml.slice(it.start, it.end))); return; }
  const rects = (attr(n, 'sqref') ?? '').split(/\s+/).map((a) => tryParseLocal(a.replace(/\$/g, ''))).filter((r): r is Rect => r !== null);
  for (const rule of rules) {
    const f = children(rule, 'formula').map((x) => x.text);
    const cf: ConditionalFormatModel = {
      id: model.newId(), type: attr(rule, 'type') === 'cellIs' ? 'CellValue' : 'Custom', rects: rects.map((r) => ({ ...r })),
      rule: attr(rule, 'type') === 'cellIs'
        ? { operator: CF_OP_IN[attr(rule, 'operator') ?? 'equal'] ?? 'EqualTo', formula1: cfOperandIn(f[0]), formula2: f[1] === undefined ? undefined : cfOperandIn(f[1]) }
        : { formula: fromFileFormula(f[0] ?? '') },
      format: styles.dxf(Number(attr(rule, 'dxfId'))),
      stopIfTrue: bool(attr(rule, 'stopIfTrue')),
      priority: Number(attr(rule, 'priority') ?? sheet.conditionalFormats.length + 1) - 1,
    };
    sheet.conditionalFormats.push(cf);
  }
}

// ------------------------------------------------------------------------------------------------ sheetData

/** How many distinct numbers and formula texts a sheet's reader keeps for sharing. */
const INTERN_MAX = 65536;

interface PendingShared { cell: Cell; r: number; c: number; si: number; start: number; end: number }

function readSheetData(model: WorkbookModel, sheet: Sheet, s: string, it: TopChild, styles: StylesPart, sst: SharedStrings, src: SheetSource): boolean {
  const text = src.text;
  let missing = false;
  let i = it.innerStart;
  const end = it.innerEnd;
  let row = -1;
  let col = -1;
  let rowMap: Row | undefined;
  const masters = new Map<number, { r: number; c: number; text: string }>();
  const pending: PendingShared[] = [];
  const date1904 = model.date1904;
  // The same number and the same formula text recur down a column (a score, a row formula): each is kept once, not
  // once per cell (a boxed number is 16 bytes, a formula text 100 or more; a 2,000-member workbook has 1.4 million).
  const numbers = new Map<number, number>();
  const formulas = new Map<string, string>();
  const formulaOf = (written: string): string => {
    let f = formulas.get(written);
    if (f === undefined) {
      f = fromFileFormula(written);
      if (formulas.size < INTERN_MAX) formulas.set(written, f);
    }
    return f;
  };
  while (i < end) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt >= end) break;
    const c1 = s.charCodeAt(lt + 1);
    if (c1 === 47 /* / */ || c1 === 33 /* ! */ || c1 === 63 /* ? */) { i = s.indexOf('>', lt) + 1; continue; }
    // Start tag: name up to space, "/" or ">".
    let ne = lt + 1;
    for (;;) { const ch = s.charCodeAt(ne); if (ch === 32 || ch === 47 || ch === 62 || ch === 9 || ch === 10 || ch === 13) break; ne++; }
    const q = s.slice(lt + 1, ne);
    const colon = q.indexOf(':');
    const local = colon < 0 ? q : q.slice(colon + 1);
    const gt = tagClose(s, ne);
    const selfClosing = s.charCodeAt(gt - 1) === 47;
    if (local === 'row') {
      const a = rowAttrs(s, ne, selfClosing ? gt - 1 : gt);
      row = a.r !== undefined ? Number(a.r) - 1 : row + 1;
      col = -1;
      if (!(row >= 0 && row < MAX_ROWS)) { i = gt + 1; continue; }
      src.rowTags.set(row, lt);
      const ht = a.ht !== undefined ? Number(a.ht) : NaN;
      if (ht >= 0 && (bool(a.customHeight) || true)) sheet.rowHeights.set(row, ht);
      if (bool(a.hidden)) sheet.hiddenRows.add(row);
      if (bool(a.customFormat) && a.s !== undefined) { const st = styles.style(Number(a.s)); if (st) sheet.rowStyles.set(row, st); }
      rowMap = undefined;
      i = gt + 1;
      continue;
    }
    if (local !== 'c') { i = gt + 1; continue; }
    // A cell.
    let cellEnd: number;
    const bodyStart = gt + 1;
    let bodyEnd = gt + 1;
    if (selfClosing) cellEnd = gt + 1;
    else {
      const close = s.indexOf(q === 'c' ? '</c>' : `</${q}>`, gt + 1);
      if (close < 0) throw new Error(`unclosed <${q}>`);
      bodyEnd = close;
      cellEnd = close + q.length + 3;
    }
    const a = cellAttrs(s, ne, selfClosing ? gt - 1 : gt);
    let r = row, c: number;
    if (a.r !== undefined) {
      const pos = cellRef(a.r);
      if (!pos) { i = cellEnd; continue; }
      [r, c] = pos;
    } else c = col + 1;
    if (r < 0) r = 0;
    col = c;
    const style = a.s !== undefined ? styles.style(Number(a.s)) : undefined;
    // Body: <f>, <v>, <is>.
    let vText: string | undefined;
    let fNode: { attrs: Record<string, string>; text: string } | undefined;
    let inline: string | undefined;
    let j = bodyStart;
    // Fast path: a body that is only <v>…</v> (the common numeric or shared-string cell).
    if (s.startsWith('<v>', bodyStart)) {
      const ve = s.indexOf('</v>', bodyStart + 3);
      if (ve >= 0 && ve + 4 === bodyEnd) { vText = s.slice(bodyStart + 3, ve); j = bodyEnd; }
    }
    while (j < bodyEnd) {
      const lt2 = s.indexOf('<', j);
      if (lt2 < 0 || lt2 >= bodyEnd) break;
      if (s.charCodeAt(lt2 + 1) === 47) { j = s.indexOf('>', lt2) + 1; continue; }
      let ne2 = lt2 + 1;
      for (;;) { const ch = s.charCodeAt(ne2); if (ch === 32 || ch === 47 || ch === 62 || ch === 9 || ch === 10 || ch === 13) break; ne2++; }
      const q2 = s.slice(lt2 + 1, ne2);
      const l2 = q2.slice(q2.indexOf(':') + 1);
      const gt2 = tagClose(s, ne2);
      const sc2 = s.charCodeAt(gt2 - 1) === 47;
      const close2 = sc2 ? gt2 + 1 : s.indexOf(`</${q2}>`, gt2 + 1);
      const inner = sc2 ? '' : s.slice(gt2 + 1, close2);
      if (l2 === 'v') vText = inner;
      else if (l2 === 'f') fNode = { attrs: parseAttrs(s, ne2, sc2 ? gt2 - 1 : gt2), text: sc2 ? '' : textBody(text(inner)) };
      else if (l2 === 'is') {
        const body = text(inner);
        inline = richText(body, 0, body.length);
        if (inline.length > LIMITS.textLength) throw textTooLong(`工作表“${sheet.name}”的单元格中`, inline.length);
      }
      j = sc2 ? gt2 + 1 : close2 + q2.length + 3;
    }
    const t = a.t ?? 'n';
    let value: CellValue = null;
    // An inline-string cell with no <is> (openpyxl's ""): an empty cell, as Excel reads it; writing "" back leaves it as it was.
    if (t === 'inlineStr') value = inline ?? (vText !== undefined ? textBody(text(vText)) : null);
    else if (vText !== undefined) {
      switch (t) {
        case 's': { const k = Number(vText); value = sst.items[k] ?? ''; break; }
        case 'str': value = decodeXstring(decodeEntities(text(vText))); break;
        case 'b': value = vText.trim() === '1' || vText.trim() === 'true'; break;
        case 'e': value = new ErrorValue(decodeEntities(text(vText)).trim()); break;
        case 'd': value = isoSerial(decodeEntities(text(vText)), date1904) ?? decodeEntities(text(vText)); break;
        default: {
          const n = Number(vText);
          if (vText.trim() === '' || !Number.isFinite(n)) value = null;
          else if (Number.isInteger(n) && n >= -0x40000000 && n < 0x40000000) value = n;
          else {
            const known = numbers.get(n);
            if (known !== undefined) value = known;
            else { value = n; if (numbers.size < INTERN_MAX) numbers.set(n, n); }
          }
        }
      }
    }
    let formula: string | null = null;
    let keep = false;
    let si: number | undefined;
    let isMaster = false;
    if (fNode) {
      const ft = fNode.attrs.t ?? 'normal';
      if (ft === 'shared' && fNode.attrs.si !== undefined) {
        si = Number(fNode.attrs.si);
        if (fNode.text.trim() !== '') {
          isMaster = true;
          masters.set(si, { r, c, text: fNode.text });
          formula = formulaOf(fNode.text);
        }
      } else if (ft === 'dataTable') {
        keep = true;
      } else if (fNode.text.trim() !== '') {
        formula = formulaOf(fNode.text);
        if (ft === 'array') keep = true;
      }
      if (t !== 'inlineStr' && (vText === undefined || (vText.trim() === '' && t !== 'str'))) missing = true;
    }
    if (!rowMap) { rowMap = sheet.rows.get(r); if (!rowMap) { rowMap = new Row(); sheet.rows.set(r, rowMap); } }
    const cell = new Cell(value, formula, style);
    if (si !== undefined && !isMaster) {
      pending.push({ cell, r, c, si, start: lt, end: cellEnd });
    } else {
      cell.fromSource(lt, cellEnd, keep, si ?? -1, si !== undefined, formula !== null ? value : undefined);
    }
    rowMap.set(c, cell);
    if (++src.cellCount > LIMITS.cells) throw tooManyCells();
    i = cellEnd;
  }
  for (const p of pending) {
    const m = masters.get(p.si);
    const formula = m ? formulaOf(shiftShared(m.text, p.r - m.r, p.c - m.c)) : null;
    const value = p.cell.value;
    // A fresh cell (nothing changed yet): set its formula, then record where it came from.
    p.cell.formula = formula;
    p.cell.fromSource(p.start, p.end, false, p.si, false, value);
  }
  void colIndex;
  return missing;
}

/** The attributes of a row's start tag this reader uses. */
export function rowAttrs(s: string, from: number, to: number): Record<string, string | undefined> {
  const tag = s.slice(from, to);
  if (/[\n\t\r'&]/.test(tag)) return parseAttrs(s, from, to);
  const get = (name: string): string | undefined => {
    const k = tag.indexOf(` ${name}="`);
    if (k < 0) return undefined;
    return tag.slice(k + name.length + 3, tag.indexOf('"', k + name.length + 3));
  };
  return { r: get('r'), ht: get('ht'), hidden: get('hidden'), s: get('s'), customFormat: get('customFormat'), customHeight: get('customHeight') };
}

/**
 * The r, s and t attributes of a cell's start tag (the only ones read). The usual spelling (` name="value"`, one
 * space, double quotes, no entity) is read in one pass; anything else by the general attribute parser.
 */
function cellAttrs(s: string, from: number, to: number): { r?: string; s?: string; t?: string } {
  let r: string | undefined, st: string | undefined, t: string | undefined;
  let i = from;
  while (i < to) {
    if (s.charCodeAt(i) !== 32) return parseAttrs(s, from, to);
    const eq = s.indexOf('="', i + 1);
    if (eq < 0 || eq >= to) return parseAttrs(s, from, to);
    const end = s.indexOf('"', eq + 2);
    if (end < 0 || end >= to) return parseAttrs(s, from, to);
    for (let k = i + 1; k < eq; k++) {
      const ch = s.charCodeAt(k);
      // Two spaces, a space around "=", single quotes: not the usual spelling.
      if (ch <= 32 || ch === 34 || ch === 39) return parseAttrs(s, from, to);
    }
    const nameLen = eq - i - 1;
    if (nameLen === 1) {
      const ch = s.charCodeAt(i + 1);
      if (ch === 114 /* r */ || ch === 115 /* s */ || ch === 116 /* t */) {
        const v = s.slice(eq + 2, end);
        if (v.indexOf('&') >= 0) return parseAttrs(s, from, to);
        if (ch === 114) r = v; else if (ch === 115) st = v; else t = v;
      }
    }
    i = end + 1;
  }
  return { r, s: st, t };
}

/** The offset just after the start tag at `start` (its ">"; quotes respected). */
export function startTagEnd(s: string, start: number): number {
  return tagClose(s, start + 1) + 1;
}

/** Index of the ">" that ends a start tag whose name ended at from (quotes respected). */
function tagClose(s: string, from: number): number {
  let i = from;
  for (;;) {
    const ch = s.charCodeAt(i);
    if (ch === 62) return i;
    if (ch === 34 || ch === 39) { const e = s.indexOf(String.fromCharCode(ch), i + 1); if (e < 0) throw new Error('unterminated attribute'); i = e + 1; continue; }
    if (Number.isNaN(ch)) throw new Error('unterminated tag');
    i++;
  }
}

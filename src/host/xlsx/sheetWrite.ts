/**
 * Writes a worksheet part. A sheet read from a file is edited, not regenerated: elements whose model did not change
 * are copied as written (including everything this host does not model: hyperlinks, drawings, comments' VML,
 * extensions …), unchanged cells keep their original XML, and only what changed is written anew.
 */
import { type Rect, MAX_COLS, MAX_ROWS, cellName, rectAddress, colName } from '../model/address';
import { toFileFormula } from '../formula/shift';
import { type Cell, type CellValue, ErrorValue, type Sheet, type Style, type WorkbookModel } from '../model/model';
import { type SheetDigest, sheetDigest } from './digest';
import { REL_BASE, STRICT_REL_BASE } from './opc';
import { type SheetSource, pointsToChars, startTagEnd } from './sheetRead';
import type { SharedStrings } from './strings';
import type { StylesPart } from './styles';
import { dvXml } from './validation';
import { escAttr, escText, escXstring, parseAttrs } from './xml';

const ORDER = ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
  'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties',
  'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls',
  'webPublishItems', 'tableParts', 'extLst'];
const RANK = new Map(ORDER.map((n, i) => [n, i]));

const PAPER_OUT: Record<string, number> = { Letter: 1, Legal: 5, A3: 8, A4: 9, A5: 11, B5: 13 };
const CF_OP_OUT: Record<string, string> = {
  Between: 'between', NotBetween: 'notBetween', EqualTo: 'equal', NotEqualTo: 'notEqual', GreaterThan: 'greaterThan', LessThan: 'lessThan',
  GreaterThanOrEqual: 'greaterThanOrEqual', LessThanOrEqual: 'lessThanOrEqual',
};

export interface SheetWriteContext {
  model: WorkbookModel;
  styles: StylesPart;
  sst: SharedStrings;
  /** The sheet is the workbook's selected tab. */
  selected: boolean;
  /** Relationship ids of the sheet's tables, in order (the tableParts element). */
  tableRids: string[];
  /** Relationship id of a drawing added for new charts (when the sheet had none). */
  newDrawingRid: string | null;
}

function valueEqual(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  if (a instanceof ErrorValue && b instanceof ErrorValue) return a.code === b.code;
  return false;
}

/** True when the sheet part would come out as it went in (so the original bytes are copied). */
export function sheetUnchanged(model: WorkbookModel, sheet: Sheet, src: SheetSource, ctx: { tableRids: string[]; newDrawingRid: string | null }): boolean {
  if (ctx.newDrawingRid) return false;
  if (ctx.tableRids.join() !== src.tableRids.join()) return false;
  const d = sheetDigest(model, sheet);
  for (const k of Object.keys(d) as (keyof SheetDigest)[]) if (d[k] !== src.digest[k]) return false;
  return cellsUnchanged(sheet, src);
}

function inherited(sheet: Sheet, r: number, c: number): Style | undefined {
  return sheet.rowStyles.get(r) ?? sheet.colStyles.get(c);
}

function cellsUnchanged(sheet: Sheet, src: SheetSource): boolean {
  let n = 0;
  for (const [r, row] of sheet.rows) {
    const same = row.every((cell, c) => {
      if (!cell.fromFile) return !(cell.formula !== null || (cell.value !== null && cell.value !== '') || (cell.style !== undefined && cell.style !== inherited(sheet, r, c)));
      // A formula's result may differ (recomputed); the file then asks for a recalculation on open.
      n++;
      return cell.pristine;
    });
    if (!same) return false;
  }
  return n === src.cellCount;
}


// ------------------------------------------------------------------------------------------------ writing

export function writeSheet(sheet: Sheet, src: SheetSource | undefined, ctx: SheetWriteContext): string {
  const d = sheetDigest(ctx.model, sheet);
  const changed = (k: keyof SheetDigest): boolean => !src || d[k] !== src.digest[k];
  const xml = src?.xml ?? '';
  // Every piece taken from the part as read is text again (a binary string's pieces are decoded: binaryText.ts).
  const text = src?.text ?? ((piece: string) => piece);
  const pfx = src && src.root.qname.includes(':') ? `${src.root.qname.split(':')[0]}:` : '';
  let rootOpen = src ? text(xml.slice(src.root.start, src.root.tagEnd)) : `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_BASE}">`;
  let rp = relPrefix(rootOpen);
  if (rp === null) {
    const relNs = /purl\.oclc\.org\/ooxml\/spreadsheetml\/main/.test(rootOpen) ? STRICT_REL_BASE : REL_BASE;
    rootOpen = rootOpen.replace(/(\/?>)$/, ` xmlns:r="${relNs}"$1`); rp = 'r';
  }
  const P = (frag: string): string => (pfx ? frag.replace(/<(\/?)([a-zA-Z])/g, `<$1${pfx}$2`) : frag);

  // Generated replacements, by element name (null: leave the element out).
  const gen = new Map<string, string | null>();
  const raw = (name: string): string | undefined => {
    const it = src?.items.find((i) => i.name === name);
    return it ? text(xml.slice(it.start, it.end)) : undefined;
  };
  if (changed('tab') || changed('page')) gen.set('sheetPr', sheetPrXml(sheet, raw('sheetPr'), P));
  gen.set('dimension', P(`<dimension ref="${dimension(sheet)}"/>`));
  // The selected tab is the file's own (see write.ts), so a read sheet's view changes only with its panes.
  if (changed('views')) gen.set('sheetViews', P(viewsXml(sheet, ctx.selected, raw('sheetViews'))));
  if (changed('format')) gen.set('sheetFormatPr', P(formatPrXml(sheet, raw('sheetFormatPr'))));
  if (changed('cols')) gen.set('cols', colsXml(sheet, ctx.styles, P));
  gen.set('sheetData', sheetDataXml(sheet, src, ctx, P));
  if (changed('protection')) gen.set('sheetProtection', protectionXml(sheet, raw('sheetProtection'), P));
  if (changed('merges')) gen.set('mergeCells', sheet.merges.length ? P(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${rectAddressBoth(m)}"/>`).join('')}</mergeCells>`) : null);
  if (changed('cf')) gen.set('conditionalFormatting', [...(src?.otherCf ?? []), P(cfXml(sheet, ctx.styles))].join('') || null);
  if (changed('dv')) gen.set('dataValidations', P(dvXml(sheet)) || null);
  if (changed('page')) {
    gen.set('printOptions', P(printOptionsXml(sheet)) || null);
    gen.set('pageMargins', P(marginsXml(sheet)));
    gen.set('pageSetup', P(pageSetupXml(sheet, raw('pageSetup'), rp)));
    gen.set('headerFooter', P(headerFooterXml(sheet)) || null);
  }
  if (ctx.newDrawingRid) gen.set('drawing', P(`<drawing ${rp}:id="${ctx.newDrawingRid}"/>`));
  if (!src || ctx.tableRids.join() !== src.tableRids.join()) {
    gen.set('tableParts', ctx.tableRids.length ? P(`<tableParts count="${ctx.tableRids.length}">${ctx.tableRids.map((id) => `<tablePart ${rp}:id="${id}"/>`).join('')}</tableParts>`) : null);
  }

  // Walk the original elements in order, replacing the generated ones in place and adding the new ones where the
  // schema puts them.
  const out: string[] = [];
  const done = new Set<string>();
  const emitNewBefore = (rank: number): void => {
    for (const [name, text] of gen) {
      if (done.has(name) || (RANK.get(name) ?? 999) >= rank) continue;
      done.add(name);
      if (text) out.push(text);
    }
  };
  let pos = src ? src.root.tagEnd : 0;
  for (const it of src?.items ?? []) {
    const rank = RANK.get(it.name) ?? -1;
    if (rank >= 0) emitNewBefore(rank);
    out.push(text(xml.slice(pos, it.start)));
    pos = it.end;
    if (gen.has(it.name)) {
      if (!done.has(it.name)) { done.add(it.name); const t = gen.get(it.name); if (t) out.push(t); }
      continue;
    }
    out.push(text(xml.slice(it.start, it.end)));
  }
  emitNewBefore(Infinity);
  const tail = src ? text(xml.slice(pos, src.root.end)) : `</worksheet>`;
  const head = src ? text(xml.slice(0, src.root.start)) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return head + rootOpen + out.join('') + tail + (src ? text(xml.slice(src.root.end)) : '');
}

function relPrefix(rootOpen: string): string | null {
  for (const m of rootOpen.matchAll(/xmlns:([\w.-]+)="([^"]*)"/g)) if (m[2] === REL_BASE || m[2] === STRICT_REL_BASE) return m[1];
  return null;
}

function rectAddressBoth(r: Rect): string {
  return r.r0 === r.r1 && r.c0 === r.c1 ? `${cellName(r.r0, r.c0)}:${cellName(r.r1, r.c1)}` : rectAddress(r);
}

function dimension(sheet: Sheet): string {
  const u = sheet.usedRect(false);
  if (!u) return 'A1';
  return u.r0 === u.r1 && u.c0 === u.c1 ? cellName(u.r0, u.c0) : `${cellName(u.r0, u.c0)}:${cellName(u.r1, u.c1)}`;
}

function sheetPrXml(sheet: Sheet, raw: string | undefined, P: (s: string) => string): string | null {
  const fit = sheet.pageLayout.zoom.horizontalFitToPages !== null || sheet.pageLayout.zoom.verticalFitToPages !== null;
  let body = raw ?? '';
  // Remove what is regenerated.
  body = body.replace(/<(\w+:)?tabColor\b[^>]*\/>/, '');
  if (body) {
    body = body.replace(/<(\w+:)?pageSetUpPr\b([^>]*?)\/>/, (_m, p: string | undefined, a: string) => {
      const attrs = a.replace(/\s+fitToPage="[^"]*"/, '');
      return `<${p ?? ''}pageSetUpPr${attrs}${fit ? ' fitToPage="1"' : ''}/>`;
    });
  }
  const tab = sheet.tabColor ? P(`<tabColor rgb="FF${sheet.tabColor.slice(1).toUpperCase()}"/>`) : '';
  if (!body) {
    if (!tab && !fit) return null;
    return P(`<sheetPr>${tab}${fit ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>`);
  }
  if (fit && !/pageSetUpPr/.test(body)) body = body.replace(/(<\/(\w+:)?sheetPr>)$/, `${P('<pageSetUpPr fitToPage="1"/>')}$1`);
  // tabColor is the first child of sheetPr.
  if (/\/>$/.test(body) && !/<\/(\w+:)?sheetPr>$/.test(body)) {
    if (!tab) return body;
    return body.replace(/\/>$/, `>${tab}</${/^<([\w:]+)/.exec(body)![1]}>`);
  }
  return body.replace(/^(<[^>]*>)/, `$1${tab}`);
}

function viewsXml(sheet: Sheet, selected: boolean, raw: string | undefined): string {
  const attrs: string[] = [];
  if (selected) attrs.push('tabSelected="1"');
  if (sheet.passthrough.showGridLines === false) attrs.push('showGridLines="0"');
  // Keep the zoom of the original view.
  const zoom = raw ? /\szoomScale="(\d+)"/.exec(raw)?.[1] : undefined;
  if (zoom) attrs.push(`zoomScale="${zoom}"`);
  attrs.push('workbookViewId="0"');
  let pane = '';
  if (sheet.frozenRows || sheet.frozenCols) {
    const tl = cellName(sheet.frozenRows, sheet.frozenCols);
    const active = sheet.frozenRows && sheet.frozenCols ? 'bottomRight' : sheet.frozenRows ? 'bottomLeft' : 'topRight';
    pane = `<pane${sheet.frozenCols ? ` xSplit="${sheet.frozenCols}"` : ''}${sheet.frozenRows ? ` ySplit="${sheet.frozenRows}"` : ''} topLeftCell="${tl}" activePane="${active}" state="frozen"/>`
      + `<selection pane="${active}" activeCell="${tl}" sqref="${tl}"/>`;
  }
  return `<sheetViews><sheetView ${attrs.join(' ')}>${pane}</sheetView></sheetViews>`;
}

function formatPrXml(sheet: Sheet, raw: string | undefined): string {
  const a = raw ? parseAttrs(raw, raw.indexOf(' ') < 0 ? raw.length : raw.indexOf(' '), raw.lastIndexOf('/') > 0 ? raw.lastIndexOf('/') : raw.length - 1) : {};
  a.defaultRowHeight = String(sheet.standardHeight);
  if (sheet.standardHeight !== 15) a.customHeight = '1';
  if (sheet.standardWidth !== 48) a.defaultColWidth = String(pointsToChars(sheet.standardWidth));
  else delete a.defaultColWidth;
  return `<sheetFormatPr ${Object.entries(a).map(([k, v]) => `${k}="${escAttr(v)}"`).join(' ')}/>`;
}

function colsXml(sheet: Sheet, styles: StylesPart, P: (s: string) => string): string | null {
  const idx = new Set<number>([...sheet.colWidths.keys(), ...sheet.colStyles.keys(), ...sheet.hiddenCols]);
  if (!idx.size) return null;
  const sorted = [...idx].filter((c) => c < MAX_COLS).sort((a, b) => a - b);
  const items: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const c = sorted[i];
    const w = sheet.colWidths.get(c), st = sheet.colStyles.get(c), h = sheet.hiddenCols.has(c);
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1 && sheet.colWidths.get(sorted[j + 1]) === w && sheet.colStyles.get(sorted[j + 1]) === st && sheet.hiddenCols.has(sorted[j + 1]) === h) j++;
    const width = w !== undefined ? pointsToChars(w) : pointsToChars(sheet.standardWidth);
    const s = st ? styles.index(st) : 0;
    items.push(`<col min="${c + 1}" max="${sorted[j] + 1}" width="${width}"${w !== undefined ? ' customWidth="1"' : ''}${s ? ` style="${s}"` : ''}${h ? ' hidden="1"' : ''}/>`);
    i = j + 1;
  }
  return P(`<cols>${items.join('')}</cols>`);
}

function protectionXml(sheet: Sheet, raw: string | undefined, P: (s: string) => string): string | null {
  if (!sheet.protection.protected) return null;
  const o = sheet.protection.options as Record<string, unknown>;
  const a: Record<string, string> = raw ? parseAttrs(raw, raw.search(/\s/) < 0 ? raw.length : raw.search(/\s/), raw.length - 2) : {};
  a.sheet = '1';
  const flag = (file: string, api: string): void => { a[file] = o[api] ? '0' : '1'; };
  flag('formatCells', 'allowFormatCells'); flag('formatColumns', 'allowFormatColumns'); flag('formatRows', 'allowFormatRows');
  flag('insertRows', 'allowInsertRows'); flag('deleteRows', 'allowDeleteRows'); flag('sort', 'allowSort'); flag('autoFilter', 'allowAutoFilter');
  if (typeof o.password === 'string' && o.password) a.password = legacyPasswordHash(o.password);
  return P(`<sheetProtection ${Object.entries(a).map(([k, v]) => `${k}="${escAttr(v)}"`).join(' ')}/>`);
}

/** The legacy 16-bit sheet-protection password hash (ECMA-376 Part 4, 14.7.1). */
function legacyPasswordHash(pw: string): string {
  let hash = 0;
  for (let i = pw.length - 1; i >= 0; i--) {
    hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7fff);
    hash ^= pw.charCodeAt(i) & 0xff;
  }
  hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7fff);
  hash ^= pw.length;
  hash ^= 0xce4b;
  return hash.toString(16).toUpperCase();
}

function cfOperandOut(v: string | undefined): string {
  const s = String(v ?? '');
  if (s.trim() !== '' && Number.isFinite(Number(s))) return s;
  if (s.startsWith('=')) return s.slice(1);
  return `"${s.replace(/"/g, '""')}"`;
}

function cfXml(sheet: Sheet, styles: StylesPart): string {
  const sorted = [...sheet.conditionalFormats].sort((a, b) => a.priority - b.priority);
  return sorted.map((cf, i) => {
    const ref = cf.rects.map(rectAddressBoth).join(' ');
    const dxf = styles.dxfIndex(cf.format);
    const stop = cf.stopIfTrue ? ' stopIfTrue="1"' : '';
    if (cf.type === 'CellValue') {
      const f = [cfOperandOut(cf.rule.formula1)];
      if (cf.rule.formula2 !== undefined) f.push(cfOperandOut(cf.rule.formula2));
      return `<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="${dxf}" priority="${i + 1}"${stop} operator="${CF_OP_OUT[cf.rule.operator ?? 'EqualTo'] ?? 'equal'}">${f.map((x) => `<formula>${escText(x)}</formula>`).join('')}</cfRule></conditionalFormatting>`;
    }
    return `<conditionalFormatting sqref="${ref}"><cfRule type="expression" dxfId="${dxf}" priority="${i + 1}"${stop}><formula>${escText(toFileFormula(cf.rule.formula ?? '', null))}</formula></cfRule></conditionalFormatting>`;
  }).join('');
}

function printOptionsXml(sheet: Sheet): string {
  const pl = sheet.pageLayout;
  if (!pl.centerHorizontally && !pl.centerVertically) return '';
  return `<printOptions${pl.centerHorizontally ? ' horizontalCentered="1"' : ''}${pl.centerVertically ? ' verticalCentered="1"' : ''}/>`;
}

function inch(pt: number): string { return String(Math.round((pt / 72) * 1e6) / 1e6); }

function marginsXml(sheet: Sheet): string {
  const m = sheet.pageLayout.margins;
  return `<pageMargins left="${inch(m.left)}" right="${inch(m.right)}" top="${inch(m.top)}" bottom="${inch(m.bottom)}" header="${inch(m.header)}" footer="${inch(m.footer)}"/>`;
}

function pageSetupXml(sheet: Sheet, raw: string | undefined, rp: string): string {
  const pl = sheet.pageLayout;
  const a: Record<string, string> = raw ? parseAttrs(raw, raw.search(/\s/) < 0 ? raw.length : raw.search(/\s/), raw.length - 2) : {};
  a.paperSize = String(PAPER_OUT[pl.paperSize] ?? (Number(pl.paperSize) || 9));
  a.orientation = pl.orientation === 'Landscape' ? 'landscape' : 'portrait';
  delete a.scale; delete a.fitToWidth; delete a.fitToHeight;
  if (pl.zoom.horizontalFitToPages !== null || pl.zoom.verticalFitToPages !== null) {
    a.fitToWidth = String(pl.zoom.horizontalFitToPages ?? 0);
    a.fitToHeight = String(pl.zoom.verticalFitToPages ?? 0);
  } else if (pl.zoom.scale && pl.zoom.scale !== 100) a.scale = String(pl.zoom.scale);
  // The printer-settings relationship attribute keeps whatever prefix it had.
  void rp;
  return `<pageSetup ${Object.entries(a).map(([k, v]) => `${k}="${escAttr(v)}"`).join(' ')}/>`;
}

function headerFooterXml(sheet: Sheet): string {
  const pl = sheet.pageLayout;
  const hf = (p: { left: string; center: string; right: string }): string => `${p.left ? `&L${p.left}` : ''}${p.center ? `&C${p.center}` : ''}${p.right ? `&R${p.right}` : ''}`;
  const h = hf(pl.header), f = hf(pl.footer);
  if (!h && !f) return '';
  return `<headerFooter>${h ? `<oddHeader>${escText(h)}</oddHeader>` : ''}${f ? `<oddFooter>${escText(f)}</oddFooter>` : ''}</headerFooter>`;
}

// ------------------------------------------------------------------------------------------------ sheetData

const F_RE = /<((?:[\w.-]+:)?f)(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/;

function numText(n: number): string {
  return String(n);
}

function sheetDataXml(sheet: Sheet, src: SheetSource | undefined, ctx: SheetWriteContext, P: (s: string) => string): string {
  const { model, styles, sst } = ctx;
  // Shared-formula groups whose master changed: their other cells get their own formula.
  const broken = new Set<number>();
  const masters = new Set<number>();
  for (const [, row] of sheet.rows) for (const [, cell] of row) if (cell.sharedMaster && cell.pristine) masters.add(cell.sharedIndex);
  for (const [, row] of sheet.rows) for (const [, cell] of row) if (cell.sharedIndex >= 0 && !masters.has(cell.sharedIndex)) broken.add(cell.sharedIndex);

  const rowKeys = new Set<number>([...sheet.rows.keys(), ...sheet.rowHeights.keys(), ...sheet.hiddenRows, ...sheet.rowStyles.keys()]);
  const sortedRows = [...rowKeys].filter((r) => r >= 0 && r < MAX_ROWS).sort((a, b) => a - b);
  const parts: string[] = [];
  const rowQ = P('row');
  for (const r of sortedRows) {
    const row = sheet.rows.get(r);
    const cells: string[] = [];
    if (row) {
      const cols = [...row.keys()].sort((a, b) => a - b);
      for (const c of cols) {
        const cell = row.get(c)!;
        const x = cellXml(sheet, cell, r, c, broken, model, styles, sst, P, src);
        if (x) cells.push(x);
      }
    }
    const tag = rowTag(sheet, r, src, styles);
    if (!cells.length && !tag.meaningful) continue;
    parts.push(`<${rowQ}${tag.attrs}${cells.length ? `>${cells.join('')}</${rowQ}>` : '/>'}`);
  }
  return P('<sheetData>').replace(/>$/, '') + (parts.length ? `>${parts.join('')}${P('</sheetData>')}` : '/>');
}

function rowTag(sheet: Sheet, r: number, src: SheetSource | undefined, styles: StylesPart): { attrs: string; meaningful: boolean } {
  const pos = src?.rowTags.get(r);
  let orig: { attrs: Record<string, string> } | undefined;
  if (pos !== undefined && src) {
    const tag = src.text(src.xml.slice(pos, startTagEnd(src.xml, pos)));
    const ne = tag.search(/[\s/>]/);
    orig = { attrs: parseAttrs(tag, ne, tag.length - (tag.endsWith('/>') ? 2 : 1)) };
  }
  const a: Record<string, string> = orig ? { ...orig.attrs } : {};
  delete a.spans;
  a.r = String(r + 1);
  const h = sheet.rowHeights.get(r);
  if (h !== undefined) {
    if (!(orig && orig.attrs.ht !== undefined && Number(orig.attrs.ht) === h)) { a.ht = String(h); a.customHeight = '1'; }
  } else { delete a.ht; delete a.customHeight; }
  if (sheet.hiddenRows.has(r)) a.hidden = '1'; else delete a.hidden;
  const st = sheet.rowStyles.get(r);
  if (st) { a.s = String(styles.index(st)); a.customFormat = '1'; } else { delete a.s; delete a.customFormat; }
  const keys = Object.keys(a);
  const ordered = ['r', ...keys.filter((k) => k !== 'r')];
  return { attrs: ordered.map((k) => ` ${k}="${escAttr(a[k])}"`).join(''), meaningful: h !== undefined || sheet.hiddenRows.has(r) || !!st || keys.length > 1 };
}

function cellXml(sheet: Sheet, cell: Cell, r: number, c: number, broken: Set<number>, model: WorkbookModel, styles: StylesPart, sst: SharedStrings, P: (s: string) => string, src: SheetSource | undefined): string {
  const groupOk = cell.sharedIndex < 0 || !broken.has(cell.sharedIndex);
  if (cell.pristine && groupOk && src) {
    const raw = src.text(src.xml.slice(cell.srcStart, cell.srcEnd));
    if (cell.formula === null || cell.keep || valueEqual(cell.value, cell.cached)) return raw;
    // Same formula, new result: keep the <f> element as written (shared/array form), write the new value.
    const f = F_RE.exec(raw)?.[0];
    if (f) {
      const open = /^<[^>]*?(\/?)>/.exec(raw)![0];
      const q = /^<([^\s/>]+)/.exec(open)![1];
      const a = parseAttrs(open, q.length + 1, open.length - (open.endsWith('/>') ? 2 : 1));
      delete a.t;
      const { t, v } = valueParts(cell.value, sst, true);
      if (t) a.t = t;
      const vq = q.includes(':') ? `${q.split(':')[0]}:v` : 'v';
      return `<${q}${Object.entries(a).map(([k, x]) => ` ${k}="${escAttr(x)}"`).join('')}>${f}${v === null ? '' : `<${vq}>${v}</${vq}>`}</${q}>`;
    }
  }
  // Written anew.
  if (cell.formula === null && (cell.value === null || cell.value === undefined)) {
    const st = cell.style ?? inherited(sheet, r, c);
    const si = styles.index(st);
    if (!si && !cell.fromFile) return '';
    return P(`<c r="${colName(c)}${r + 1}"${si ? ` s="${si}"` : ''}/>`);
  }
  const si = styles.index(cell.style ?? inherited(sheet, r, c));
  const addr = `${colName(c)}${r + 1}`;
  if (cell.formula !== null) {
    const table = model.tableAt(sheet, r, c);
    const f = toFileFormula(cell.formula, table?.name ?? null);
    const { t, v } = valueParts(cell.value, sst, true);
    return P(`<c r="${addr}"${si ? ` s="${si}"` : ''}${t ? ` t="${t}"` : ''}><f>${escText(f)}</f>${v === null ? '' : `<v>${v}</v>`}</c>`);
  }
  const { t, v } = valueParts(cell.value, sst, false);
  return P(`<c r="${addr}"${si ? ` s="${si}"` : ''}${t ? ` t="${t}"` : ''}>${v === null ? '' : `<v>${v}</v>`}</c>`);
}

/** Cell type and <v> text of a value (strings: shared, or "str" for formula results). */
function valueParts(v: CellValue, sst: SharedStrings, formula: boolean): { t: string | null; v: string | null } {
  if (v === null || v === undefined) return { t: null, v: null };
  if (typeof v === 'number') return Number.isFinite(v) ? { t: null, v: numText(v) } : { t: 'e', v: '#NUM!' };
  if (typeof v === 'boolean') return { t: 'b', v: v ? '1' : '0' };
  if (v instanceof ErrorValue) return { t: 'e', v: escText(v.code) };
  const s = String(v);
  if (formula) return { t: 'str', v: escText(escXstring(s)) };
  return { t: 's', v: String(sst.id(s)) };
}

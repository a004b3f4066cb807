/**
 * The styles part: cell formats (xf) read into the host's Style on demand, and new formats appended on save.
 * Everything already in the part (themes colours, named styles, dxfs, extensions) stays as written.
 */
import { type BorderModel, DEFAULT_STYLE, type Style } from '../model/model';
import { attr, child, children, escAttr, parseXml, type XNode } from './xml';

/** The xf a Style was read from, and the Style as read, so that an unchanged Style reuses its index. */
export const XF = Symbol('xf');
type Sourced = Style & { [XF]?: { index: number; as: Style } };

const BUILTIN_NUMFMT: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'yyyy/m/d', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
  // East Asian built-ins as Excel zh-CN shows them.
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};
const BUILTIN_BY_CODE = new Map<string, number>([[
  'General', 0], ['0', 1], ['0.00', 2], ['#,##0', 3], ['#,##0.00', 4], ['0%', 9], ['0.00%', 10], ['0.00E+00', 11], ['@', 49]]);

const THEME = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'];
const INDEXED = [
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF', '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF',
  'FFFF00', 'FF00FF', '00FFFF', '800000', '008000', '000080', '808000', '800080', '008080', 'C0C0C0', '808080', '9999FF', '993366',
  'FFFFCC', 'CCFFFF', '660066', 'FF8080', '0066CC', 'CCCCFF', '000080', 'FF00FF', 'FFFF00', '00FFFF', '800080', '800000', '008080',
  '0000FF', '00CCFF', 'CCFFFF', 'CCFFCC', 'FFFF99', '99CCFF', 'FF99CC', 'CC99FF', 'FFCC99', '3366FF', '33CCCC', '99CC00', 'FFCC00',
  'FF9900', 'FF6600', '666699', '969696', '003366', '339966', '003300', '333300', '993300', '993366', '333399', '333333',
];

export function colorOf(n: XNode | undefined): string | null {
  if (!n) return null;
  const rgb = attr(n, 'rgb');
  if (rgb) return `#${rgb.slice(-6).toUpperCase()}`;
  const theme = attr(n, 'theme');
  if (theme !== undefined) return `#${THEME[Number(theme)] ?? '000000'}`;
  const idx = attr(n, 'indexed');
  if (idx !== undefined) { const c = INDEXED[Number(idx)]; return c ? `#${c}` : null; }
  return null;
}

const H_IN: Record<string, string> = { left: 'Left', center: 'Center', right: 'Right', fill: 'Fill', justify: 'Justify', centerContinuous: 'CenterAcrossSelection', distributed: 'Distributed', general: 'General' };
const V_IN: Record<string, string> = { top: 'Top', center: 'Center', bottom: 'Bottom', justify: 'Justify', distributed: 'Distributed' };
const H_OUT: Record<string, string> = Object.fromEntries(Object.entries(H_IN).map(([k, v]) => [v, k]));
const V_OUT: Record<string, string> = Object.fromEntries(Object.entries(V_IN).map(([k, v]) => [v, k]));
const BORDER_IN: Record<string, [string, string]> = {
  hair: ['Continuous', 'Hairline'], thin: ['Continuous', 'Thin'], medium: ['Continuous', 'Medium'], thick: ['Continuous', 'Thick'],
  dashed: ['Dash', 'Thin'], mediumDashed: ['Dash', 'Medium'], dotted: ['Dot', 'Thin'], double: ['Double', 'Thick'],
  dashDot: ['DashDot', 'Thin'], mediumDashDot: ['DashDot', 'Medium'], dashDotDot: ['DashDotDot', 'Thin'],
  mediumDashDotDot: ['DashDotDot', 'Medium'], slantDashDot: ['SlantDashDot', 'Medium'],
};
function borderOut(b: BorderModel): string {
  const heavy = b.weight === 'Medium' || b.weight === 'Thick';
  switch (b.style) {
    case 'Dash': return heavy ? 'mediumDashed' : 'dashed';
    case 'Dot': return 'dotted';
    case 'Double': return 'double';
    case 'DashDot': return heavy ? 'mediumDashDot' : 'dashDot';
    case 'DashDotDot': return heavy ? 'mediumDashDotDot' : 'dashDotDot';
    case 'SlantDashDot': return 'slantDashDot';
    default: return b.weight === 'Hairline' ? 'hair' : b.weight === 'Medium' ? 'medium' : b.weight === 'Thick' ? 'thick' : 'thin';
  }
}

const FONT_KEYS = ['bold', 'italic', 'underline', 'strikethrough', 'fontColor', 'fontSize', 'fontName'] as const;
const ALIGN_KEYS = ['hAlign', 'vAlign', 'wrap', 'indent'] as const;
const BORDER_KEYS = ['top', 'bottom', 'left', 'right'] as const;

function sameKeys(a: Style, b: Style, keys: readonly (keyof Style)[]): boolean {
  for (const k of keys) {
    const x = a[k], y = b[k];
    if (x === y) continue;
    if (x && y && typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y)) continue;
    return false;
  }
  return true;
}

export function sameStyle(a: Style, b: Style): boolean {
  return a === b || (a.numberFormat === b.numberFormat && a.fill === b.fill && a.locked === b.locked
    && sameKeys(a, b, FONT_KEYS) && sameKeys(a, b, ALIGN_KEYS) && sameKeys(a, b, BORDER_KEYS));
}

/** The styles part, read lazily; new formats are appended on save. */
export class StylesPart {
  private readonly xml: string;
  private readonly doc: XNode | null;
  private readonly numFmts = new Map<number, string>();
  private readonly fonts: XNode[] = [];
  private readonly fills: XNode[] = [];
  private readonly borders: XNode[] = [];
  private readonly xfs: XNode[] = [];
  private readonly dxfs: XNode[] = [];
  private readonly cache = new Map<number, Style | undefined>();
  // Appended on save.
  private readonly newFonts: string[] = [];
  private readonly newFills: string[] = [];
  private readonly newBorders: string[] = [];
  private readonly newNumFmts: string[] = [];
  private readonly newXfs: string[] = [];
  private readonly newDxfs: string[] = [];
  private readonly keyToXf = new Map<string, number>();
  private readonly keyToPart = new Map<string, number>();
  private nextNumFmt = 164;
  changed = false;

  constructor(xml: string | undefined) {
    this.xml = xml ?? DEFAULT_STYLES;
    const root = parseXml(this.xml).children[0] ?? null;
    this.doc = root;
    if (!root) return;
    for (const n of child(root, 'numFmts')?.children ?? []) {
      const id = Number(attr(n, 'numFmtId'));
      this.numFmts.set(id, attr(n, 'formatCode') ?? 'General');
      if (id >= this.nextNumFmt) this.nextNumFmt = id + 1;
    }
    this.fonts.push(...children(child(root, 'fonts') ?? emptyNode, 'font'));
    this.fills.push(...children(child(root, 'fills') ?? emptyNode, 'fill'));
    this.borders.push(...children(child(root, 'borders') ?? emptyNode, 'border'));
    this.xfs.push(...children(child(root, 'cellXfs') ?? emptyNode, 'xf'));
    this.dxfs.push(...children(child(root, 'dxfs') ?? emptyNode, 'dxf'));
  }

  get xfCount(): number { return this.xfs.length + this.newXfs.length; }

  numberFormatOf(xfIndex: number): string {
    const xf = this.xfs[xfIndex];
    if (!xf) return 'General';
    const id = Number(attr(xf, 'numFmtId') ?? 0);
    return this.numFmts.get(id) ?? BUILTIN_NUMFMT[id] ?? 'General';
  }

  /** The Style of a cell format index; undefined for the default format (index 0) or a missing index. */
  style(index: number): Style | undefined {
    if (index <= 0 || index >= this.xfs.length) return undefined;
    if (this.cache.has(index)) return this.cache.get(index);
    const s = this.read(index);
    this.cache.set(index, s);
    return s;
  }

  private read(index: number): Style {
    const xf = this.xfs[index];
    const font = this.fonts[Number(attr(xf, 'fontId') ?? 0)];
    const fill = this.fills[Number(attr(xf, 'fillId') ?? 0)];
    const border = this.borders[Number(attr(xf, 'borderId') ?? 0)];
    const al = child(xf, 'alignment');
    const prot = child(xf, 'protection');
    const b = (side: string): BorderModel | null => {
      const n = border && child(border, side);
      const st = n && attr(n, 'style');
      if (!n || !st || st === 'none') return null;
      const [style, weight] = BORDER_IN[st] ?? ['Continuous', 'Thin'];
      return { style, weight, color: colorOf(child(n, 'color')) ?? '#000000' };
    };
    let fillColor: string | null = null;
    const pf = fill && child(fill, 'patternFill');
    if (pf && (attr(pf, 'patternType') ?? 'none') !== 'none') fillColor = colorOf(child(pf, 'fgColor')) ?? colorOf(child(pf, 'bgColor'));
    const fv = (name: string): XNode | undefined => (font ? child(font, name) : undefined);
    const on = (name: string): boolean => { const n = fv(name); return n !== undefined && (attr(n, 'val') ?? '1') !== '0' && attr(n, 'val') !== 'false'; };
    const u = fv('u');
    const s: Sourced = {
      numberFormat: this.numberFormatOf(index),
      fill: fillColor,
      bold: on('b'), italic: on('i'),
      underline: u ? ((attr(u, 'val') ?? 'single') === 'double' ? 'Double' : (attr(u, 'val') === 'none' ? 'None' : 'Single')) : 'None',
      strikethrough: on('strike'),
      fontColor: colorOf(fv('color')) ?? '#000000',
      fontSize: fv('sz') ? Number(attr(fv('sz')!, 'val')) || DEFAULT_STYLE.fontSize : DEFAULT_STYLE.fontSize,
      fontName: fv('name') ? attr(fv('name')!, 'val') ?? DEFAULT_STYLE.fontName : DEFAULT_STYLE.fontName,
      hAlign: H_IN[al ? attr(al, 'horizontal') ?? 'general' : 'general'] ?? 'General',
      vAlign: V_IN[al ? attr(al, 'vertical') ?? 'bottom' : 'bottom'] ?? 'Bottom',
      wrap: al ? ['1', 'true'].includes(attr(al, 'wrapText') ?? '') : false,
      indent: al ? Number(attr(al, 'indent') ?? 0) || 0 : 0,
      locked: prot ? !['0', 'false'].includes(attr(prot, 'locked') ?? '1') : true,
      top: b('top'), bottom: b('bottom'), left: b('left'), right: b('right'),
    };
    const as = { ...s };
    s[XF] = { index, as };
    return s;
  }

  /** The conditional-format look of a dxf (fill, font colour, bold, italic). */
  dxf(index: number): { fill: string | null; fontColor: string | null; bold: boolean | null; italic: boolean | null } {
    const d = this.dxfs[index];
    const font = d && child(d, 'font');
    const pf = d && child(child(d, 'fill') ?? emptyNode, 'patternFill');
    const flag = (n: XNode | undefined): boolean | null => (n ? (attr(n, 'val') ?? '1') !== '0' : null);
    return {
      fill: pf ? colorOf(child(pf, 'bgColor')) ?? colorOf(child(pf, 'fgColor')) : null,
      fontColor: font ? colorOf(child(font, 'color')) : null,
      bold: font ? flag(child(font, 'b')) : null,
      italic: font ? flag(child(font, 'i')) : null,
    };
  }

  /** A dxf index for a conditional-format look (appended when new). */
  dxfIndex(f: { fill: string | null; fontColor: string | null; bold: boolean | null; italic: boolean | null }): number {
    const font = (f.fontColor || f.bold !== null || f.italic !== null)
      ? `<font>${f.bold !== null ? `<b val="${f.bold ? 1 : 0}"/>` : ''}${f.italic !== null ? `<i val="${f.italic ? 1 : 0}"/>` : ''}${f.fontColor ? `<color rgb="FF${f.fontColor.slice(1)}"/>` : ''}</font>` : '';
    const fill = f.fill ? `<fill><patternFill patternType="solid"><fgColor rgb="FF${f.fill.slice(1)}"/><bgColor rgb="FF${f.fill.slice(1)}"/></patternFill></fill>` : '';
    const xml = `<dxf>${font}${fill}</dxf>`;
    const key = `dxf:${xml}`;
    const hit = this.keyToPart.get(key);
    if (hit !== undefined) return hit;
    const idx = this.dxfs.length + this.newDxfs.length;
    this.newDxfs.push(xml);
    this.keyToPart.set(key, idx);
    this.changed = true;
    return idx;
  }

  /** The cell format index for a Style (0 for the default; appended when new). */
  index(style: Style | undefined): number {
    if (!style || style === DEFAULT_STYLE) return 0;
    const src = (style as Sourced)[XF];
    if (src && sameStyle(style, src.as)) return src.index;
    const key = styleKey(style, src?.index);
    const hit = this.keyToXf.get(key);
    if (hit !== undefined) return hit;
    if (!src && sameStyle(style, DEFAULT_STYLE)) return 0;
    const base = src ? this.xfs[src.index] : undefined;
    const baseAs = src?.as ?? DEFAULT_STYLE;
    // Each component reuses the original when the Style did not change it, so theme colours etc. survive.
    const fontId = base && sameKeys(style, baseAs, FONT_KEYS) ? Number(attr(base, 'fontId') ?? 0) : this.part('font', fontXml(style));
    const fillId = base && style.fill === baseAs.fill ? Number(attr(base, 'fillId') ?? 0) : (style.fill ? this.part('fill', fillXml(style.fill)) : 0);
    const borderId = base && sameKeys(style, baseAs, BORDER_KEYS) ? Number(attr(base, 'borderId') ?? 0)
      : (BORDER_KEYS.some((k) => style[k]) ? this.part('border', borderXml(style)) : 0);
    const numFmtId = base && style.numberFormat === baseAs.numberFormat ? Number(attr(base, 'numFmtId') ?? 0) : this.numFmtId(style.numberFormat);
    let alignment = '';
    if (base && sameKeys(style, baseAs, ALIGN_KEYS)) {
      const al = child(base, 'alignment');
      alignment = al ? this.xml.slice(al.start, al.end) : '';
    } else if (!sameKeys(style, DEFAULT_STYLE, ALIGN_KEYS)) {
      const a: string[] = [];
      if (style.hAlign !== 'General' && H_OUT[style.hAlign]) a.push(`horizontal="${H_OUT[style.hAlign]}"`);
      if (style.vAlign !== 'Bottom' && V_OUT[style.vAlign]) a.push(`vertical="${V_OUT[style.vAlign]}"`);
      if (style.wrap) a.push('wrapText="1"');
      if (style.indent) a.push(`indent="${style.indent}"`);
      alignment = `<alignment ${a.join(' ')}/>`;
    }
    const protection = style.locked ? '' : '<protection locked="0"/>';
    const xml = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`
      + `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}`
      + `${alignment ? ' applyAlignment="1"' : ''}${protection ? ' applyProtection="1"' : ''}${alignment || protection ? `>${alignment}${protection}</xf>` : '/>'}`;
    const idx = this.xfs.length + this.newXfs.length;
    this.newXfs.push(xml);
    this.keyToXf.set(key, idx);
    this.changed = true;
    return idx;
  }

  private part(kind: 'font' | 'fill' | 'border', xml: string): number {
    const key = `${kind}:${xml}`;
    const hit = this.keyToPart.get(key);
    if (hit !== undefined) return hit;
    const [orig, added] = kind === 'font' ? [this.fonts, this.newFonts] : kind === 'fill' ? [this.fills, this.newFills] : [this.borders, this.newBorders];
    const idx = orig.length + added.length;
    added.push(xml);
    this.keyToPart.set(key, idx);
    return idx;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_BY_CODE.get(code);
    if (builtin !== undefined) return builtin;
    for (const [id, c] of this.numFmts) if (c === code) return id;
    const id = this.nextNumFmt++;
    this.numFmts.set(id, code);
    this.newNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${escAttr(code)}"/>`);
    return id;
  }

  /** The part's text: the original with the new entries appended to their lists (counts updated). */
  toXml(): string {
    if (!this.changed && !this.newNumFmts.length) return this.xml;
    const root = this.doc!;
    const edits: { at: number; end: number; text: string }[] = [];
    const append = (name: string, items: string[], total: number, insertBefore: string[]): void => {
      if (!items.length) return;
      const n = child(root, name);
      if (n) {
        const open = this.xml.slice(n.start, n.innerStart);
        const selfClosing = n.innerStart === n.end;
        const q = n.qname;
        const newOpen = setCount(selfClosing ? open.replace(/\/>$/, '>') : open, total);
        edits.push({ at: n.start, end: n.innerStart, text: newOpen });
        if (selfClosing) edits.push({ at: n.end, end: n.end, text: `${items.join('')}</${q}>` });
        else edits.push({ at: n.innerEnd, end: n.innerEnd, text: prefixed(items.join(''), q) });
      } else {
        // Insert a new list before the first following element of the schema order.
        const next = root.children.find((c) => insertBefore.includes(c.name));
        const at = next ? next.start : root.innerEnd;
        const pfx = root.qname.includes(':') ? `${root.qname.split(':')[0]}:` : '';
        edits.push({ at, end: at, text: `<${pfx}${name} count="${total}">${prefixed(items.join(''), `${pfx}x`)}</${pfx}${name}>` });
      }
    };
    const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
    const after = (name: string): string[] => ORDER.slice(ORDER.indexOf(name) + 1);
    append('numFmts', this.newNumFmts, this.numFmts.size, after('numFmts'));
    append('fonts', this.newFonts, this.fonts.length + this.newFonts.length, after('fonts'));
    append('fills', this.newFills, this.fills.length + this.newFills.length, after('fills'));
    append('borders', this.newBorders, this.borders.length + this.newBorders.length, after('borders'));
    append('cellXfs', this.newXfs, this.xfs.length + this.newXfs.length, after('cellXfs'));
    append('dxfs', this.newDxfs, this.dxfs.length + this.newDxfs.length, after('dxfs'));
    edits.sort((a, b) => a.at - b.at);
    let out = '';
    let pos = 0;
    for (const e of edits) { out += this.xml.slice(pos, e.at) + e.text; pos = e.end; }
    return out + this.xml.slice(pos);
  }
}

const emptyNode: XNode = { name: '', qname: '', attrs: {}, children: [], text: '', start: 0, end: 0, innerStart: 0, innerEnd: 0 };

/** Our fragments are written without a prefix; in a part whose elements carry one (x:font), add it. */
function prefixed(xml: string, sampleQname: string): string {
  const i = sampleQname.indexOf(':');
  if (i < 0) return xml;
  const p = sampleQname.slice(0, i + 1);
  return xml.replace(/<(\/?)([a-zA-Z])/g, `<$1${p}$2`);
}

function setCount(openTag: string, n: number): string {
  return /\scount="[^"]*"/.test(openTag) ? openTag.replace(/\scount="[^"]*"/, ` count="${n}"`) : openTag.replace(/(\/?>)$/, ` count="${n}"$1`);
}

function styleKey(s: Style, base: number | undefined): string {
  return `${base ?? ''}|${s.numberFormat}|${s.fill}|${s.bold}|${s.italic}|${s.underline}|${s.strikethrough}|${s.fontColor}|${s.fontSize}|${s.fontName}|${s.hAlign}|${s.vAlign}|${s.wrap}|${s.indent}|${s.locked}|${JSON.stringify([s.top, s.bottom, s.left, s.right])}`;
}

function fontXml(s: Style): string {
  return `<font>${s.bold ? '<b/>' : ''}${s.italic ? '<i/>' : ''}${s.strikethrough ? '<strike/>' : ''}${s.underline === 'Double' ? '<u val="double"/>' : s.underline !== 'None' ? '<u/>' : ''}`
    + `<sz val="${s.fontSize}"/><color rgb="FF${s.fontColor.slice(1).toUpperCase()}"/><name val="${escAttr(s.fontName)}"/><family val="2"/></font>`;
}

function fillXml(color: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="FF${color.slice(1).toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`;
}

function borderXml(s: Style): string {
  const side = (name: string, b: BorderModel | null): string => (b ? `<${name} style="${borderOut(b)}"><color rgb="FF${b.color.slice(1).toUpperCase()}"/></${name}>` : `<${name}/>`);
  return `<border>${side('left', s.left)}${side('right', s.right)}${side('top', s.top)}${side('bottom', s.bottom)}<diagonal/></border>`;
}

export const DEFAULT_STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
  + '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
  + '</styleSheet>';

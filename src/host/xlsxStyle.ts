/** Style mapping between the host's Style and ExcelJS cell styles; untouched parts of loaded styles are kept verbatim. */
/* eslint-disable @typescript-eslint/no-explicit-any -- ExcelJS style objects are untyped */
import { type BorderModel, DEFAULT_STYLE, type Style } from './model';

type Raw = Record<string, any>;
/** The ExcelJS style a Style was loaded from, and what it meant, so that unchanged parts are written back as they were. */
export interface StyleSource { raw: Raw; derived: Style }
export const SOURCE = Symbol('styleSource');
type Sourced = Style & { [SOURCE]?: StyleSource };

const THEME = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'];
const INDEXED: Record<number, string> = { 8: '000000', 9: 'FFFFFF', 10: 'FF0000', 11: '00FF00', 12: '0000FF', 13: 'FFFF00', 14: 'FF00FF', 15: '00FFFF', 64: '000000' };

export function colorFromRaw(c: Raw | undefined): string | null {
  if (!c) return null;
  if (typeof c.argb === 'string') return `#${c.argb.slice(-6).toUpperCase()}`;
  if (typeof c.theme === 'number') return `#${THEME[c.theme] ?? '000000'}`;
  if (typeof c.indexed === 'number') return INDEXED[c.indexed] ? `#${INDEXED[c.indexed]}` : null;
  return null;
}
function argb(color: string): { argb: string } { return { argb: `FF${color.replace('#', '').toUpperCase()}` }; }

const H_IN: Record<string, string> = { left: 'Left', center: 'Center', right: 'Right', fill: 'Fill', justify: 'Justify', centerContinuous: 'CenterAcrossSelection', distributed: 'Distributed' };
const V_IN: Record<string, string> = { top: 'Top', middle: 'Center', bottom: 'Bottom', justify: 'Justify', distributed: 'Distributed' };
const H_OUT = Object.fromEntries(Object.entries(H_IN).map(([k, v]) => [v, k]));
const V_OUT = Object.fromEntries(Object.entries(V_IN).map(([k, v]) => [v, k]));

const BORDER_IN: Record<string, [string, string]> = {
  hair: ['Continuous', 'Hairline'], thin: ['Continuous', 'Thin'], medium: ['Continuous', 'Medium'], thick: ['Continuous', 'Thick'],
  dashed: ['Dash', 'Thin'], mediumDashed: ['Dash', 'Medium'], dotted: ['Dot', 'Thin'], double: ['Double', 'Thick'],
  dashDot: ['DashDot', 'Thin'], mediumDashDot: ['DashDot', 'Medium'], dashDotDot: ['DashDotDot', 'Thin'],
  mediumDashDotDot: ['DashDotDot', 'Medium'], slantDashDot: ['SlantDashDot', 'Medium'],
};
function borderOut(b: BorderModel): string {
  switch (b.style) {
    case 'Dash': return b.weight === 'Medium' || b.weight === 'Thick' ? 'mediumDashed' : 'dashed';
    case 'Dot': return 'dotted';
    case 'Double': return 'double';
    case 'DashDot': return b.weight === 'Medium' || b.weight === 'Thick' ? 'mediumDashDot' : 'dashDot';
    case 'DashDotDot': return b.weight === 'Medium' || b.weight === 'Thick' ? 'mediumDashDotDot' : 'dashDotDot';
    case 'SlantDashDot': return 'slantDashDot';
    default: return b.weight === 'Hairline' ? 'hair' : b.weight === 'Medium' ? 'medium' : b.weight === 'Thick' ? 'thick' : 'thin';
  }
}

export function styleFromRaw(raw: Raw): Style {
  const font = raw.font ?? {};
  const fill = raw.fill;
  const al = raw.alignment ?? {};
  const border = raw.border ?? {};
  const b = (x: Raw | undefined): BorderModel | null => {
    if (!x || !x.style) return null;
    const [style, weight] = BORDER_IN[x.style] ?? ['Continuous', 'Thin'];
    return { style, weight, color: colorFromRaw(x.color) ?? '#000000' };
  };
  let fillColor: string | null = null;
  if (fill && fill.type === 'pattern' && fill.pattern && fill.pattern !== 'none') fillColor = colorFromRaw(fill.fgColor) ?? colorFromRaw(fill.bgColor);
  const s: Sourced = {
    numberFormat: raw.numFmt ?? 'General',
    fill: fillColor,
    bold: Boolean(font.bold),
    italic: Boolean(font.italic),
    underline: font.underline ? (font.underline === 'double' ? 'Double' : 'Single') : 'None',
    strikethrough: Boolean(font.strike),
    fontColor: colorFromRaw(font.color) ?? '#000000',
    fontSize: typeof font.size === 'number' ? font.size : DEFAULT_STYLE.fontSize,
    fontName: typeof font.name === 'string' ? font.name : DEFAULT_STYLE.fontName,
    hAlign: H_IN[al.horizontal] ?? 'General',
    vAlign: V_IN[al.vertical] ?? 'Bottom',
    wrap: Boolean(al.wrapText),
    indent: typeof al.indent === 'number' ? al.indent : 0,
    locked: raw.protection?.locked !== false,
    top: b(border.top), bottom: b(border.bottom), left: b(border.left), right: b(border.right),
  };
  const derived = { ...s };
  s[SOURCE] = { raw, derived };
  return s;
}

const FONT_KEYS: (keyof Style)[] = ['bold', 'italic', 'underline', 'strikethrough', 'fontColor', 'fontSize', 'fontName'];
const ALIGN_KEYS: (keyof Style)[] = ['hAlign', 'vAlign', 'wrap', 'indent'];
const BORDER_KEYS: (keyof Style)[] = ['top', 'bottom', 'left', 'right'];

function same(a: Style, b: Style, keys: (keyof Style)[]): boolean {
  return keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

export function styleToRaw(s: Style): Raw {
  const src = (s as Sourced)[SOURCE];
  const base: Raw = src ? { ...src.raw } : {};
  const d = src?.derived ?? DEFAULT_STYLE;
  const out: Raw = {};
  if (s.numberFormat !== 'General') out.numFmt = s.numberFormat;
  if (src && same(s, d, FONT_KEYS) && base.font) out.font = base.font;
  else if (!same(s, DEFAULT_STYLE, FONT_KEYS) || base.font) {
    out.font = {
      ...(base.font ?? {}),
      name: s.fontName, size: s.fontSize, bold: s.bold || undefined, italic: s.italic || undefined,
      underline: s.underline === 'None' ? undefined : s.underline === 'Double' ? 'double' : true,
      strike: s.strikethrough || undefined, color: argb(s.fontColor),
    };
  }
  if (src && s.fill === d.fill && base.fill) out.fill = base.fill;
  else if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(s.fill), bgColor: { indexed: 64 } };
  if (src && same(s, d, ALIGN_KEYS) && base.alignment) out.alignment = base.alignment;
  else if (!same(s, DEFAULT_STYLE, ALIGN_KEYS)) {
    out.alignment = {
      ...(base.alignment ?? {}),
      horizontal: H_OUT[s.hAlign], vertical: V_OUT[s.vAlign] ?? (s.vAlign === 'Bottom' ? undefined : undefined),
      wrapText: s.wrap || undefined, indent: s.indent || undefined,
    };
  }
  if (src && same(s, d, BORDER_KEYS) && base.border) out.border = base.border;
  else if (BORDER_KEYS.some((k) => s[k])) {
    out.border = { ...(base.border ?? {}) };
    for (const k of BORDER_KEYS) {
      const bm = s[k] as BorderModel | null;
      if (bm) out.border[k] = { style: borderOut(bm), color: argb(bm.color) };
      else delete out.border[k];
    }
  }
  if (!s.locked) out.protection = { ...(base.protection ?? {}), locked: false };
  else if (base.protection && base.protection.hidden) out.protection = { ...base.protection, locked: true };
  return out;
}

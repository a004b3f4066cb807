/**
 * Shared layout of the print sheets the add-in makes (公示 pack, score sheets): which sheet to (re)build, the
 * title / period / foot lines, row heights for wrapped CJK text, and fixed-height page blocks.
 *
 * One A4 page per block without page breaks (the headless host and its .xlsx writer have none): at scale 100
 * a page holds PAGE_BODY points of rows (A4 841.9 pt less 54 pt top and bottom margins, no header/footer); a
 * block padded to BLOCK_HEIGHT fills a page and the next block's first row (≥ 30 pt) no longer fits, so every
 * block starts a page in Excel and in LibreOffice alike. All heights are multiples of 0.75 pt (one pixel at
 * 96 dpi), so Excel's pixel rounding adds no drift.
 */
import { blockAddress } from './a1';

/** Printable height of an A4 portrait page at the default 54 pt top and bottom margins. */
export const PAGE_BODY = 841.9 - 108;
/** A page block's height: fills the page; a 30 pt title row after it does not fit. */
export const BLOCK_HEIGHT = 711;
/**
 * Width budget of a page printed at scale 100: the page has 523 pt between 36 pt margins, but LibreOffice
 * without the workbook's font (Calibri) sets columns about 1.26 times as wide as Excel does (they are stored
 * in character widths); 400 pt fits both.
 */
export const PAGE_WIDTH = 400;

/** Height of one line of 11 pt text and the padding of a wrapped cell, in points (multiples of 0.75). */
export const LINE = 15.75;
export const PAD = 3;

/**
 * Lines a text takes in a column `width` points wide: CJK characters are set about 13 pt wide at 11 pt
 * (LibreOffice and WPS set them wider than Excel), Latin letters and digits about half that.
 */
export function textLines(text: string, width: number, charWidth = 13): number {
  const per = Math.max(1, (width - 6) / charWidth);
  let lines = 0;
  for (const part of text.split('\n')) {
    let units = 0;
    for (const ch of part) units += ch.charCodeAt(0) < 0x100 ? 0.55 : 1;
    lines += Math.max(1, Math.ceil(units / per));
  }
  return Math.max(1, lines);
}

/** Row height for `lines` lines (a multiple of 0.75 pt). */
export function rowHeight(lines: number, line = LINE): number {
  return Math.ceil((lines * line + PAD) / 0.75) * 0.75;
}

/** A merged line across `width` columns holding one text (as text, never a formula). */
export function queueLine(
  sheet: Excel.Worksheet,
  row: number,
  width: number,
  value: string,
  style: { bold?: boolean; size?: number; align?: 'Left' | 'Center' | 'Right'; height?: number; wrap?: boolean } = {},
): Excel.Range {
  const range = sheet.getRange(blockAddress(row, 0, 1, width));
  range.merge(false);
  range.numberFormat = [Array.from({ length: width }, () => '@')];
  range.values = [[value, ...Array.from({ length: width - 1 }, () => '')]];
  if (style.bold) range.format.font.bold = true;
  if (style.size) range.format.font.size = style.size;
  range.format.horizontalAlignment = style.align ?? 'Left';
  range.format.verticalAlignment = 'Center';
  if (style.wrap) range.format.wrapText = true;
  if (style.height) range.format.rowHeight = style.height;
  return range;
}

/** Thin black borders around and inside a block. */
export function queueGrid(sheet: Excel.Worksheet, row: number, col: number, rows: number, cols: number): void {
  if (rows <= 0 || cols <= 0) return;
  const grid = sheet.getRange(blockAddress(row, col, rows, cols));
  const sides = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', ...(rows > 1 ? ['InsideHorizontal'] : []), ...(cols > 1 ? ['InsideVertical'] : [])] as const;
  for (const side of sides) {
    const b = grid.format.borders.getItem(side as Excel.BorderIndex);
    b.style = 'Continuous';
    b.color = '#000000';
  }
}

/** Column widths in points. */
export function queueWidths(sheet: Excel.Worksheet, widths: readonly number[]): void {
  widths.forEach((w, c) => {
    sheet.getRange(blockAddress(1, c, 1, 1)).format.columnWidth = w;
  });
}

/** A4 portrait, centred; `fit`: one page wide (and `tall` pages tall, 0 = as many as needed), else scale 100. */
export function queuePortrait(sheet: Excel.Worksheet, fit: { tall: number } | null, margins = true): Excel.PageLayout {
  const page = sheet.pageLayout;
  page.orientation = 'Portrait';
  page.paperSize = 'A4';
  page.centerHorizontally = true;
  if (margins) {
    page.leftMargin = 36;
    page.rightMargin = 36;
    page.topMargin = 54;
    page.bottomMargin = 54;
  }
  page.zoom = fit ? { horizontalFitToPages: 1, verticalFitToPages: fit.tall } : { scale: 100 };
  return page;
}

/** Column auto-fit estimate: text width in points from character classes (CJK ≈ full em, Latin ≈ half). */
import type { Rect } from '../model/address';
import type { Sheet, WorkbookModel } from '../model/model';
import { displayText } from '../model/numberFormat';

export function textWidthPoints(text: string, fontSize: number, bold: boolean): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide = (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xff00 && code <= 0xffef) || (code >= 0x3000 && code <= 0x303f);
    w += wide ? fontSize : /[A-Z0-9MW]/.test(ch) ? fontSize * 0.62 : fontSize * 0.52;
  }
  return w * (bold ? 1.07 : 1);
}

/** Width in points that fits the longest line of column c within rect, or null when the column is empty there. */
export function autofitWidth(wb: WorkbookModel, sheet: Sheet, c: number, rect: Rect): number | null {
  let best = 0;
  let any = false;
  for (const [r, cc, cell] of sheet.cellsIn({ r0: rect.r0, c0: c, r1: rect.r1, c1: c })) {
    void cc;
    if (sheet.mergeAt(r, c)) continue;
    const style = cell.style ?? sheet.styleAt(r, c);
    const text = displayText(cell.value, style.numberFormat);
    if (text === '') continue;
    any = true;
    for (const line of style.wrap ? text.split('\n') : [text.replace(/\n/g, ' ')]) {
      best = Math.max(best, textWidthPoints(line, style.fontSize, style.bold));
    }
  }
  void wb;
  if (!any) return null;
  return Math.min(409, Math.round((best + 7) * 4) / 4);
}

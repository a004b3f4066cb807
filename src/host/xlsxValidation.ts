/**
 * Data validation in .xlsx, read and written by the host itself: ExcelJS expands every validated range into one
 * entry per cell on load (a million entries for a large entry table) and cannot write whole columns.
 */
import type JSZip from 'jszip';
import { type Rect, rectAddress, tryParseLocal, MAX_ROWS, cellName } from './address';
import type { DataValidationModel, Sheet, WorkbookModel } from './model';

function unesc(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TYPE_IN: Record<string, string> = { whole: 'wholeNumber', decimal: 'decimal', list: 'list', textLength: 'textLength', date: 'date', time: 'time', custom: 'custom' };
const OP_IN: Record<string, string> = {
  between: 'Between', notBetween: 'NotBetween', equal: 'EqualTo', notEqual: 'NotEqualTo', greaterThan: 'GreaterThan', lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqualTo', lessThanOrEqual: 'LessThanOrEqualTo',
};
const OP_OUT: Record<string, string> = Object.fromEntries(Object.entries(OP_IN).map(([k, v]) => [v, k]));

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]] = unesc(m[2]);
  return out;
}

function apiOperand(v: string): string | number {
  if (v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return v.startsWith('=') ? v : `=${v}`;
}

function toModel(a: Record<string, string>, f1: string | undefined, f2: string | undefined): DataValidationModel | null {
  const kind = TYPE_IN[a.type ?? ''];
  if (!kind) return null;
  let rule: Record<string, unknown>;
  if (kind === 'list') {
    const src = f1 ?? '';
    rule = { list: { inCellDropDown: a.showDropDown !== '1', source: src.startsWith('"') ? src.slice(1, -1).replace(/""/g, '"') : `=${src}` } };
  } else if (kind === 'custom') rule = { custom: { formula: `=${f1 ?? ''}` } };
  else {
    const body: Record<string, unknown> = { operator: OP_IN[a.operator ?? 'between'] ?? 'Between', formula1: apiOperand(f1 ?? '') };
    if (f2 !== undefined) body.formula2 = apiOperand(f2);
    rule = { [kind]: body };
  }
  return {
    rule,
    prompt: { showPrompt: a.showInputMessage === '1', title: a.promptTitle ?? '', message: a.prompt ?? '' },
    errorAlert: { showAlert: a.showErrorMessage === '1', style: a.errorStyle === 'warning' ? 'Warning' : a.errorStyle === 'information' ? 'Information' : 'Stop', title: a.errorTitle ?? '', message: a.error ?? '' },
    ignoreBlanks: a.allowBlank === '1',
  };
}

/** Removes <dataValidations> from the sheets (ExcelJS would expand them) and returns them per sheet name. */
export async function extractValidations(zip: JSZip, parts: Map<string, string>): Promise<Map<string, { rects: Rect[]; dv: DataValidationModel }[]>> {
  const out = new Map<string, { rects: Rect[]; dv: DataValidationModel }[]>();
  for (const [name, part] of parts) {
    const file = zip.file(part);
    if (!file) continue;
    const xml = await file.async('string');
    const block = /<dataValidations\b[^>]*>[\s\S]*?<\/dataValidations>|<dataValidations\b[^>]*\/>/.exec(xml);
    if (!block) continue;
    const list: { rects: Rect[]; dv: DataValidationModel }[] = [];
    for (const m of block[0].matchAll(/<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)) {
      const a = attrs(m[1]);
      const body = m[2] ?? '';
      const f1 = /<formula1>([\s\S]*?)<\/formula1>/.exec(body)?.[1];
      const f2 = /<formula2>([\s\S]*?)<\/formula2>/.exec(body)?.[1];
      const dv = toModel(a, f1 === undefined ? undefined : unesc(f1), f2 === undefined ? undefined : unesc(f2));
      if (!dv) continue;
      const rects = (a.sqref ?? '').split(/\s+/).map((x) => tryParseLocal(x.replace(/\$/g, ''))).filter((r): r is Rect => r !== null);
      if (rects.length) list.push({ rects, dv });
    }
    out.set(name, list);
    zip.file(part, xml.slice(0, block.index) + xml.slice(block.index + block[0].length));
  }
  return out;
}

function fileOperand(v: unknown): string {
  if (typeof v === 'number') return String(v);
  const s = String(v ?? '');
  return s.startsWith('=') ? s.slice(1) : s;
}

function sqref(r: Rect): string {
  // Whole columns are written with both corners (A1:A1048576), which every reader understands.
  if (r.r0 === 0 && r.r1 === MAX_ROWS - 1) return `${cellName(0, r.c0)}:${cellName(r.r1, r.c1)}`;
  return rectAddress(r);
}

function dvXml(sheet: Sheet): string {
  const items: string[] = [];
  for (const e of sheet.validations) {
    const dv = e.dv;
    if (!dv.rule || !e.rects.length) continue;
    const kind = Object.keys(dv.rule)[0];
    const body = (dv.rule as Record<string, Record<string, unknown>>)[kind];
    const a: Record<string, string | undefined> = {
      type: kind === 'wholeNumber' ? 'whole' : kind,
      errorStyle: dv.errorAlert.style === 'Warning' ? 'warning' : dv.errorAlert.style === 'Information' ? 'information' : undefined,
      operator: kind === 'list' || kind === 'custom' ? undefined : OP_OUT[String(body.operator)] ?? 'between',
      allowBlank: dv.ignoreBlanks ? '1' : undefined,
      showDropDown: kind === 'list' && body.inCellDropDown === false ? '1' : undefined,
      showInputMessage: dv.prompt.showPrompt ? '1' : undefined,
      showErrorMessage: dv.errorAlert.showAlert ? '1' : undefined,
      errorTitle: dv.errorAlert.title || undefined, error: dv.errorAlert.message || undefined,
      promptTitle: dv.prompt.title || undefined, prompt: dv.prompt.message || undefined,
      sqref: e.rects.map(sqref).join(' '),
    };
    let formulas: string;
    if (kind === 'list') {
      const src = String(body.source ?? '');
      formulas = `<formula1>${esc(src.startsWith('=') ? src.slice(1) : `"${src.replace(/"/g, '""')}"`)}</formula1>`;
    } else if (kind === 'custom') formulas = `<formula1>${esc(fileOperand(body.formula))}</formula1>`;
    else {
      formulas = `<formula1>${esc(fileOperand(body.formula1))}</formula1>`;
      if (body.formula2 !== undefined) formulas += `<formula2>${esc(fileOperand(body.formula2))}</formula2>`;
    }
    const attrText = Object.entries(a).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}="${esc(v!)}"`).join(' ');
    items.push(`<dataValidation ${attrText}>${formulas}</dataValidation>`);
  }
  return items.length ? `<dataValidations count="${items.length}">${items.join('')}</dataValidations>` : '';
}

/** Writes each sheet's validation into its part, where the schema wants it (after conditional formatting). */
export async function injectValidations(zip: JSZip, parts: Map<string, string>, model: WorkbookModel): Promise<void> {
  for (const sheet of model.sheets) {
    const xmlDv = dvXml(sheet);
    if (!xmlDv) continue;
    const part = parts.get(sheet.name);
    const file = part ? zip.file(part) : null;
    if (!part || !file) continue;
    let xml = await file.async('string');
    xml = xml.replace(/<dataValidations\b[^>]*>[\s\S]*?<\/dataValidations>/, '');
    const after = ['<hyperlinks', '<printOptions', '<pageMargins', '<pageSetup', '<headerFooter', '<rowBreaks', '<colBreaks', '<customProperties',
      '<cellWatches', '<ignoredErrors', '<smartTags', '<drawing', '<legacyDrawing', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst', '</worksheet>']
      .map((t) => xml.indexOf(t)).filter((i) => i >= 0);
    const at = Math.min(...after);
    zip.file(part, xml.slice(0, at) + xmlDv + xml.slice(at));
  }
}

export function applyValidations(model: WorkbookModel, bySheet: Map<string, { rects: Rect[]; dv: DataValidationModel }[]>): void {
  for (const [name, list] of bySheet) {
    const sheet = model.sheetByName(name);
    if (sheet) sheet.validations.push(...list);
  }
}

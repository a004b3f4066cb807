/** Data validation in a worksheet part: read into the model, written from it (whole columns stay whole). */
import { type Rect, rectAddress, tryParseLocal, MAX_ROWS, cellName } from '../model/address';
import type { DataValidationModel, Sheet } from '../model/model';
import { attr, child, children, type XNode } from './xml';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TYPE_IN: Record<string, string> = { whole: 'wholeNumber', decimal: 'decimal', list: 'list', textLength: 'textLength', date: 'date', time: 'time', custom: 'custom' };
const OP_IN: Record<string, string> = {
  between: 'Between', notBetween: 'NotBetween', equal: 'EqualTo', notEqual: 'NotEqualTo', greaterThan: 'GreaterThan', lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqualTo', lessThanOrEqual: 'LessThanOrEqualTo',
};
const OP_OUT: Record<string, string> = Object.fromEntries(Object.entries(OP_IN).map(([k, v]) => [v, k]));

function apiOperand(v: string): string | number {
  if (v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return v.startsWith('=') ? v : `=${v}`;
}

/** xsd:boolean: "1" or "true" (LibreOffice writes the word). */
function on(v: string | undefined): boolean { return v === '1' || v === 'true'; }

function toModel(a: Record<string, string>, f1: string | undefined, f2: string | undefined): DataValidationModel | null {
  const kind = TYPE_IN[a.type ?? ''];
  if (!kind) return null;
  let rule: Record<string, unknown>;
  if (kind === 'list') {
    const src = f1 ?? '';
    rule = { list: { inCellDropDown: !on(a.showDropDown), source: src.startsWith('"') ? src.slice(1, -1).replace(/""/g, '"') : `=${src}` } };
  } else if (kind === 'custom') rule = { custom: { formula: `=${f1 ?? ''}` } };
  else {
    const body: Record<string, unknown> = { operator: OP_IN[a.operator ?? 'between'] ?? 'Between', formula1: apiOperand(f1 ?? '') };
    if (f2 !== undefined) body.formula2 = apiOperand(f2);
    rule = { [kind]: body };
  }
  return {
    rule,
    prompt: { showPrompt: on(a.showInputMessage), title: a.promptTitle ?? '', message: a.prompt ?? '' },
    errorAlert: { showAlert: on(a.showErrorMessage), style: a.errorStyle === 'warning' ? 'Warning' : a.errorStyle === 'information' ? 'Information' : 'Stop', title: a.errorTitle ?? '', message: a.error ?? '' },
    ignoreBlanks: on(a.allowBlank),
  };
}

/** The validation entries of a <dataValidations> element (types this host does not model are skipped). */
export function readValidations(n: XNode): { rects: Rect[]; dv: DataValidationModel }[] {
  const list: { rects: Rect[]; dv: DataValidationModel }[] = [];
  for (const d of children(n, 'dataValidation')) {
    const f1 = child(d, 'formula1')?.text;
    const f2 = child(d, 'formula2')?.text;
    const dv = toModel(d.attrs, f1, f2);
    if (!dv) continue;
    const rects = (attr(d, 'sqref') ?? '').split(/\s+/).map((x) => tryParseLocal(x.replace(/\$/g, ''))).filter((r): r is Rect => r !== null);
    if (rects.length) list.push({ rects, dv });
  }
  return list;
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

export function dvXml(sheet: Sheet): string {
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


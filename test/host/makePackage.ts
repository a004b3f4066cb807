/** Workbook packages written part by part by a test (the properties of real-world files, without their files). */
import { strToU8, zipSync } from 'fflate';

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface Spec {
  sheets?: { name: string; part: string; xml: string }[];
  styles?: string | null;
  sharedStrings?: { part: string; xml: string; referenced: boolean } | null;
  extra?: Record<string, string>;
}

export const cellsXml = (rows: string[][]): string => rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`).join('');
export const sheetXml = (body: string): string => `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetData>${body}</sheetData></worksheet>`;

/** A workbook package written part by part. */
export function makePackage(spec: Spec): Uint8Array {
  const sheets = spec.sheets ?? [{ name: '名单', part: 'xl/worksheets/sheet1.xml', xml: sheetXml(cellsXml([['姓名', '党小组'], ['张三', '第一党小组']])) }];
  const files: Record<string, string> = {};
  const overrides = sheets.map((s) => `<Override PartName="/${s.part}" ContentType="${CT_SHEET}"/>`);
  const rels = sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="/${s.part}"/>`);
  if (spec.styles !== null) {
    files['xl/styles.xml'] = spec.styles ?? `${HEAD}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`;
    overrides.push('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
    rels.push(`<Relationship Id="rId90" Type="${R}/styles" Target="styles.xml"/>`);
  }
  if (spec.sharedStrings) {
    files[spec.sharedStrings.part] = spec.sharedStrings.xml;
    overrides.push(`<Override PartName="/${spec.sharedStrings.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`);
    if (spec.sharedStrings.referenced) rels.push(`<Relationship Id="rId91" Type="${R}/sharedStrings" Target="/${spec.sharedStrings.part}"/>`);
  }
  files['[Content_Types].xml'] = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join('')}</Types>`;
  files['_rels/.rels'] = `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  files['xl/workbook.xml'] = `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  files['xl/_rels/workbook.xml.rels'] = `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  for (const s of sheets) files[s.part] = s.xml;
  Object.assign(files, spec.extra ?? {});
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}


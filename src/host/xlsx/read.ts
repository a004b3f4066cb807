/** Reading a workbook package (ECMA-376 / OPC) into the host's model, keeping the package for a lossless save. */
import { type Rect, tryParseLocal, MAX_COLS, MAX_ROWS, colIndex } from '../model/address';
import { type Sheet, type TableModel, WorkbookModel } from '../model/model';
import { readCharts } from './charts';
import { LIMITS, tooManyCells } from './limits';
import { printDigest, sheetDigest, tableDigest } from './digest';
import { Package, PackageError, REL, isRel } from './opc';
import { type SheetSource, readSheet } from './sheetRead';
import { SharedStrings } from './strings';
import { StylesPart } from './styles';
import { type TableSource, readTable } from './tables';
import { XmlError, attr, child, children, parseXml, type XNode } from './xml';

export interface SheetEntry {
  /** The <sheet> element as written. */
  raw: string;
  rid: string;
  part: string;
  /** The model sheet (worksheets only); chart sheets and others are carried as they are. */
  sheet: Sheet | null;
  name: string;
  state: string;
}

export interface NameEntry { raw: string; name: string; localSheetId: number | null; modeled: boolean }

export interface WorkbookSource {
  pkg: Package;
  wbPart: string;
  wbXml: string;
  wbRoot: XNode;
  styles: StylesPart;
  stylesPart: string | null;
  sst: SharedStrings;
  sstPart: string | null;
  entries: SheetEntry[];
  sheets: Map<Sheet, SheetSource>;
  tables: Map<TableModel, TableSource & { sheet: Sheet }>;
  names: NameEntry[];
  namesDigest: string;
  printDigests: Map<Sheet, string>;
  originalActive: Sheet | null;
  maxTableId: number;
}

const sources = new WeakMap<WorkbookModel, WorkbookSource>();
export function sourceOf(model: WorkbookModel): WorkbookSource | undefined { return sources.get(model); }

function fail(msg: string): never { throw new PackageError(msg); }

/** Reads a package; a file that is not a readable workbook throws PackageError with one line for the user. */
export function readPackage(bytes: Uint8Array, opts: { allowNoSheets?: boolean } = {}): WorkbookModel {
  const pkg = Package.read(bytes);
  try {
    return readWorkbook(pkg, opts.allowNoSheets ?? false);
  } catch (e) {
    if (e instanceof PackageError) throw e;
    const what = e instanceof XmlError ? `XML 格式错误：${e.message}` : e instanceof Error ? e.message : String(e);
    throw new PackageError(`工作簿内容已损坏，无法读取（${what}）`);
  }
}

function readWorkbook(pkg: Package, allowNoSheets: boolean): WorkbookModel {
  if (!pkg.has('[Content_Types].xml')) {
    if (pkg.has('content.xml') || pkg.has('mimetype')) fail('这是一个 OpenDocument（.ods）文件，不是 .xlsx 工作簿：请在 WPS 或 LibreOffice 中另存为 .xlsx');
    fail('这个压缩包不是 .xlsx 工作簿（缺少 [Content_Types].xml）');
  }
  const office = pkg.rels('').find((r) => isRel(r, REL.officeDocument) && !r.external);
  if (!office || !pkg.has(office.part)) {
    if (pkg.has('xl/workbook.xml')) return readFrom(pkg, 'xl/workbook.xml', allowNoSheets);
    fail('这个压缩包不是 .xlsx 工作簿（找不到工作簿部件）');
  }
  return readFrom(pkg, office.part, allowNoSheets);
}

function readFrom(pkg: Package, wbPart: string, allowNoSheets: boolean): WorkbookModel {
  const wbXml = pkg.text(wbPart)!;
  const wbRoot = parseXml(wbXml).children[0];
  if (!wbRoot || wbRoot.name !== 'workbook') {
    if (wbRoot && (wbRoot.name === 'document' || wbRoot.name === 'presentation')) fail(`这是一个 ${wbRoot.name === 'document' ? 'Word' : 'PowerPoint'} 文件，不是 Excel 工作簿`);
    fail('这不是 Excel 工作簿（工作簿部件的内容不对）');
  }
  const model = new WorkbookModel();
  const wbPr = child(wbRoot, 'workbookPr');
  model.date1904 = !!wbPr && ['1', 'true'].includes(attr(wbPr, 'date1904') ?? '');
  const rels = pkg.rels(wbPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const stylesRel = rels.find((r) => isRel(r, REL.styles) && !r.external && pkg.has(r.part));
  const sstRel = rels.find((r) => isRel(r, REL.sharedStrings) && !r.external && pkg.has(r.part));
  const styles = new StylesPart(stylesRel ? pkg.text(stylesRel.part) : undefined);
  const sst = new SharedStrings(sstRel ? pkg.text(sstRel.part) : undefined);
  const src: WorkbookSource = {
    pkg, wbPart, wbXml, wbRoot, styles, stylesPart: stylesRel?.part ?? null, sst, sstPart: sstRel?.part ?? null,
    entries: [], sheets: new Map(), tables: new Map(), names: [], namesDigest: '', printDigests: new Map(), originalActive: null, maxTableId: 0,
  };
  let missing = false;
  let cells = 0;
  const sheetsNode = child(wbRoot, 'sheets');
  for (const n of children(sheetsNode ?? wbRoot, 'sheet')) {
    const rid = attr(n, 'id', true) ?? '';
    const rel = byId.get(rid);
    const name = attr(n, 'name') ?? '';
    const state = attr(n, 'state') ?? 'visible';
    const raw = wbXml.slice(n.start, n.end);
    if (!rel || rel.external || !pkg.has(rel.part)) {
      // A sheet whose part is missing: carried in workbook.xml as written, not readable.
      src.entries.push({ raw, rid, part: rel?.part ?? '', sheet: null, name, state });
      continue;
    }
    if (!isRel(rel, REL.worksheet)) {
      src.entries.push({ raw, rid, part: rel.part, sheet: null, name, state });
      continue;
    }
    const sheet = model.addSheet(name);
    sheet.visibility = state === 'hidden' ? 'Hidden' : state === 'veryHidden' ? 'VeryHidden' : 'Visible';
    // A sheet part is read as a binary string (binaryText.ts): half the memory of its text when it names anything in Chinese.
    const part = pkg.textOrBinary(rel.part)!;
    const { src: ss, missingResults } = readSheet(model, sheet, rel.part, part.xml, styles, sst, part.binary);
    if (missingResults) missing = true;
    cells += ss.cellCount;
    if (cells > LIMITS.cells) throw tooManyCells();
    src.sheets.set(sheet, ss);
    src.entries.push({ raw, rid, part: rel.part, sheet, name, state });
  }
  if (!model.sheets.length && !allowNoSheets) fail('工作簿中没有可读取的工作表');
  // Tables (after the cells: a header-less check reads them).
  for (const [sheet, ss] of src.sheets) {
    const srels = pkg.rels(ss.part);
    for (const rid of ss.tableRids) {
      const rel = srels.find((r) => r.id === rid);
      if (!rel || rel.external || !pkg.has(rel.part)) continue;
      const xml = pkg.text(rel.part)!;
      const t = readTable(model, sheet, xml);
      if (!t) continue;
      const idAttr = /\sid="(\d+)"/.exec(xml.slice(0, 400))?.[1];
      if (idAttr) src.maxTableId = Math.max(src.maxTableId, Number(idAttr));
      model.tables.push(t);
      src.tables.set(t, { part: rel.part, xml, digest: tableDigest(t), rid, sheet });
    }
    readCharts(pkg, sheet, ss.part, model);
  }
  readNames(model, src);
  // The selected tab.
  const view = child(child(wbRoot, 'bookViews') ?? wbRoot, 'workbookView');
  const activeTab = Number(view ? attr(view, 'activeTab') ?? 0 : 0);
  const activeEntry = src.entries[activeTab];
  model.activeSheet = activeEntry?.sheet ?? model.sheets.find((s) => s.visibility === 'Visible') ?? model.sheets[0] ?? null;
  if (model.activeSheet && model.activeSheet.visibility !== 'Visible') model.activeSheet = model.sheets.find((s) => s.visibility === 'Visible') ?? model.activeSheet;
  src.originalActive = activeEntry?.sheet ?? null;
  for (const [sheet, ss] of src.sheets) {
    ss.digest = sheetDigest(model, sheet);
    src.printDigests.set(sheet, printDigest(sheet));
  }
  src.namesDigest = JSON.stringify(model.names);
  // Cached formula results are the file's until something changes; a file without them is calculated now.
  model.dirty = missing;
  sources.set(model, src);
  return model;
}

// ------------------------------------------------------------------------------------------------ names

const SHEET_REF = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/;

/** Splits "'Sheet'!$A$1:$B$2,'Sheet'!$D$1" into areas (commas outside quotes). */
function areas(text: string): { sheet: string; ref: string }[] | null {
  const out: { sheet: string; ref: string }[] = [];
  let buf = '', q = false;
  const parts: string[] = [];
  for (const ch of text) {
    if (ch === "'") q = !q;
    if (ch === ',' && !q) { parts.push(buf); buf = ''; continue; }
    buf += ch;
  }
  parts.push(buf);
  for (const p of parts) {
    const m = SHEET_REF.exec(p.trim());
    if (!m) return null;
    out.push({ sheet: (m[1] ?? m[2]).replace(/''/g, "'"), ref: m[3] });
  }
  return out;
}

function wholeRows(ref: string): Rect | null {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(ref);
  return m ? { r0: +m[1] - 1, c0: 0, r1: +m[2] - 1, c1: MAX_COLS - 1 } : null;
}
function wholeCols(ref: string): Rect | null {
  const m = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(ref);
  return m ? { r0: 0, c0: colIndex(m[1]), r1: MAX_ROWS - 1, c1: colIndex(m[2]) } : null;
}

function readNames(model: WorkbookModel, src: WorkbookSource): void {
  const dn = child(src.wbRoot, 'definedNames');
  if (!dn) return;
  const entrySheet = (i: number | null): Sheet | null => (i === null ? null : src.entries[i]?.sheet ?? null);
  for (const n of children(dn, 'definedName')) {
    const name = attr(n, 'name') ?? '';
    const lsi = attr(n, 'localSheetId');
    const localSheetId = lsi === undefined ? null : Number(lsi);
    const raw = src.wbXml.slice(n.start, n.end);
    const text = n.text.trim();
    let modeled = false;
    const sheet = entrySheet(localSheetId);
    const lower = name.toLowerCase();
    if (sheet && (lower === '_xlnm.print_area' || lower === '_xlnm.print_titles')) {
      const a = areas(text);
      if (a && a.every((x) => x.sheet.toLowerCase() === sheet.name.toLowerCase())) {
        if (lower === '_xlnm.print_area') {
          const rects = a.map((x) => tryParseLocal(x.ref.replace(/\$/g, '')));
          if (rects.every((r): r is Rect => r !== null)) { sheet.pageLayout.printArea = rects; modeled = true; }
        } else {
          let ok = true;
          for (const x of a) {
            const rr = wholeRows(x.ref), cc = wholeCols(x.ref);
            if (rr) sheet.pageLayout.printTitleRows = rr; else if (cc) sheet.pageLayout.printTitleColumns = cc; else ok = false;
          }
          modeled = ok;
        }
      }
    } else if (localSheetId === null && !lower.startsWith('_xlnm.') && attr(n, 'hidden') !== '1') {
      const a = areas(text);
      if (a && a.length === 1 && /^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(a[0].ref) && model.sheetByName(a[0].sheet)) {
        model.names.push({ name, formula: `=${text}`, comment: attr(n, 'comment') ?? '', visible: true });
        modeled = true;
      }
    }
    src.names.push({ raw, name, localSheetId, modeled });
  }
}

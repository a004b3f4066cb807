/**
 * Writing the model back into its package: every part no command changed is copied byte for byte; changed sheets,
 * tables, workbook.xml, styles and shared strings are edited; new sheets, tables and charts are added.
 */
import { cellName, colName, MAX_COLS, MAX_ROWS, type Rect } from '../model/address';
import type { Sheet, TableModel, WorkbookModel } from '../model/model';
import { anchorsXml, chartXml, drawingXml } from './charts';
import { printDigest, tableDigest } from './digest';
import { CT, Package, REL, REL_BASE, STRICT_REL_BASE, addRels, editContentTypes, isRel, isStrictWorkbook, relativeTarget, relsPartOf, removeRels, toStrict } from './opc';
import { type WorkbookSource, readPackage, sourceOf } from './read';
import { sheetUnchanged, writeSheet } from './sheetWrite';
import { DEFAULT_STYLES } from './styles';
import { writeTable } from './tables';
import { attr, child, escAttr, escText, parseXml } from './xml';

const REL_T = REL_BASE;

/** A new, empty package: what `createWorkbook()` saves into. */
function emptyPackageBytes(): Uint8Array {
  const p = Package.empty();
  p.set('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + `<Override PartName="/xl/workbook.xml" ContentType="${CT.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CT.styles}"/>`
    + `<Override PartName="/docProps/core.xml" ContentType="${CT.coreProps}"/><Override PartName="/docProps/app.xml" ContentType="${CT.appProps}"/>`
    + '</Types>');
  p.set('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + `<Relationship Id="rId1" Type="${REL_T}/officeDocument" Target="xl/workbook.xml"/>`
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    + `<Relationship Id="rId3" Type="${REL_T}/extended-properties" Target="docProps/app.xml"/></Relationships>`);
  p.set('docProps/core.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    + 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Kaoping</dc:creator></cp:coreProperties>');
  p.set('docProps/app.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Kaoping</Application></Properties>');
  p.set('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_BASE}">`
    + '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets/><calcPr calcId="191029"/></workbook>');
  p.set('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + `<Relationship Id="rId1" Type="${REL_T}/styles" Target="styles.xml"/></Relationships>`);
  p.set('xl/styles.xml', DEFAULT_STYLES);
  return p.zip();
}

let emptyCache: Uint8Array | null = null;
const bound = new WeakMap<WorkbookModel, WorkbookSource>();

/** The source of a workbook: the package it was read from, or (created in memory) an empty package. */
function srcOf(model: WorkbookModel): WorkbookSource {
  const s = sourceOf(model) ?? bound.get(model);
  if (s) return s;
  emptyCache ??= emptyPackageBytes();
  const template = sourceOf(readPackage(emptyCache, { allowNoSheets: true }))!;
  bound.set(model, template);
  return template;
}

function nextFree(pkg: Package, pattern: (n: number) => string): string {
  let n = 1;
  while (pkg.has(pattern(n))) n++;
  return pattern(n);
}

function setAttr(openTag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name.replace(/[:.]/g, '\\$&')}="[^"]*"`);
  if (value === null) return openTag.replace(re, '');
  if (re.test(openTag)) return openTag.replace(re, ` ${name}="${escAttr(value)}"`);
  return openTag.replace(/(\/?>)$/, ` ${name}="${escAttr(value)}"$1`);
}

function absRef(r: Rect): string {
  const wholeRows = r.c0 === 0 && r.c1 === MAX_COLS - 1;
  const wholeCols = r.r0 === 0 && r.r1 === MAX_ROWS - 1;
  if (wholeRows) return `$${r.r0 + 1}:$${r.r1 + 1}`;
  if (wholeCols) return `$${colName(r.c0)}:$${colName(r.c1)}`;
  const a = `$${colName(r.c0)}$${r.r0 + 1}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:$${colName(r.c1)}$${r.r1 + 1}`;
}

export function writePackage(model: WorkbookModel): Uint8Array {
  const src = srcOf(model);
  const pkg = src.pkg.clone();
  // New parts and relationships are written in the package's own conformance family (Strict or Transitional):
  // a reader of a Strict package does not see transitional relationship types.
  const strict = isStrictWorkbook(src.wbXml.slice(src.wbRoot.start, src.wbRoot.innerStart));
  const fam = strict ? toStrict : (x: string): string => x;
  const REL_T = strict ? STRICT_REL_BASE : REL_BASE;
  const addTypes: { part: string; type: string }[] = [];
  const removeTypes: string[] = [];
  let anyChange = false;
  let rewroteRead = false;

  // ---- sheets: which stay, which are new, which were deleted.
  const modelSheets = new Set(model.sheets);
  const wbRels = pkg.rels(src.wbPart);
  const removeWbRels = new Set<string>();
  for (const e of src.entries) {
    if (e.sheet && !modelSheets.has(e.sheet)) {
      anyChange = true;
      removeWbRels.add(e.rid);
      const ss = src.sheets.get(e.sheet);
      if (ss) {
        for (const ts of src.tables.values()) if (ts.sheet === e.sheet) { pkg.delete(ts.part); removeTypes.push(ts.part); }
        pkg.delete(ss.part); pkg.delete(relsPartOf(ss.part)); removeTypes.push(ss.part);
      }
    }
  }
  const sheetPart = new Map<Sheet, { part: string; rid: string }>();
  for (const e of src.entries) if (e.sheet && modelSheets.has(e.sheet)) sheetPart.set(e.sheet, { part: e.part, rid: e.rid });
  const newSheets = model.sheets.filter((s) => !sheetPart.has(s));
  for (const s of newSheets) {
    anyChange = true;
    const part = nextFree(pkg, (n) => `xl/worksheets/sheet${n}.xml`);
    pkg.set(part, ' '); // reserve the name
    const [rid] = addRels(pkg, src.wbPart, [{ type: `${REL_T}/worksheet`, target: relativeTarget(src.wbPart, part) }]);
    sheetPart.set(s, { part, rid });
    addTypes.push({ part, type: CT.worksheet });
  }

  // ---- tables
  const tableRids = new Map<Sheet, string[]>();
  let maxTableId = src.maxTableId;
  for (const [t, ts] of src.tables) {
    if (!model.tables.includes(t) || t.sheet !== ts.sheet || !modelSheets.has(ts.sheet)) {
      anyChange = true;
      if (modelSheets.has(ts.sheet)) {
        removeRels(pkg, sheetPart.get(ts.sheet)!.part, new Set([ts.rid]));
        pkg.delete(ts.part); removeTypes.push(ts.part);
      }
    }
  }
  for (const t of model.tables) {
    const ts = src.tables.get(t);
    const sp = sheetPart.get(t.sheet)!;
    let rid: string;
    if (ts && ts.sheet === t.sheet) {
      rid = ts.rid;
      if (tableDigest(t) !== ts.digest) { anyChange = true; pkg.set(ts.part, writeTable(t, 0, ts)); }
    } else {
      anyChange = true;
      const part = nextFree(pkg, (n) => `xl/tables/table${n}.xml`);
      pkg.set(part, fam(writeTable(t, ++maxTableId, undefined)));
      [rid] = addRels(pkg, sp.part, [{ type: `${REL_T}/table`, target: relativeTarget(sp.part, part) }]);
      addTypes.push({ part, type: CT.table });
    }
    const list = tableRids.get(t.sheet) ?? [];
    list.push(rid);
    tableRids.set(t.sheet, list);
  }

  // ---- the selected tab: the one the file had, unless it is gone.
  const selected = src.originalActive && modelSheets.has(src.originalActive) ? src.originalActive : model.activeSheet ?? model.sheets[0];

  // ---- sheet parts
  let chartNo = 0;
  for (const sheet of model.sheets) {
    const sp = sheetPart.get(sheet)!;
    const ss = src.sheets.get(sheet);
    const newCharts = sheet.charts.filter((c) => !c.fromFile);
    let newDrawingRid: string | null = null;
    if (newCharts.length) {
      anyChange = true;
      const existingDrawing = pkg.rels(sp.part).find((r) => isRel(r, REL.drawing) && !r.external && pkg.has(r.part));
      const drawingPart = existingDrawing?.part ?? nextFree(pkg, (n) => `xl/drawings/drawing${n}.xml`);
      if (!existingDrawing) pkg.set(drawingPart, ' ');
      const chartParts: string[] = [];
      for (const ch of newCharts) {
        const cp = nextFree(pkg, (n) => `xl/charts/chart${n + chartNo}.xml`);
        pkg.set(cp, fam(chartXml(sheet, ch)));
        chartParts.push(cp);
        addTypes.push({ part: cp, type: CT.chart });
      }
      chartNo += 0;
      const rids = addRels(pkg, drawingPart, chartParts.map((cp) => ({ type: `${REL_T}/chart`, target: relativeTarget(drawingPart, cp) })));
      if (existingDrawing) {
        const dx = pkg.text(drawingPart)!;
        const close = dx.lastIndexOf('</');
        const anchors = fam(anchorsXml(newCharts, rids, 1000 + chartParts.length));
        pkg.set(drawingPart, dx.slice(0, close) + anchors + dx.slice(close));
      } else {
        pkg.set(drawingPart, fam(drawingXml(anchorsXml(newCharts, rids, 2))));
        addTypes.push({ part: drawingPart, type: CT.drawing });
        [newDrawingRid] = addRels(pkg, sp.part, [{ type: `${REL_T}/drawing`, target: relativeTarget(sp.part, drawingPart) }]);
      }
    }
    const ctx = { selected: sheet === selected, tableRids: tableRids.get(sheet) ?? [], newDrawingRid };
    if (ss && sheetUnchanged(model, sheet, ss, ctx)) continue;
    anyChange = true;
    if (ss) rewroteRead = true;
    const sheetXml = writeSheet(sheet, ss, { model, styles: src.styles, sst: src.sst, ...ctx });
    pkg.set(sp.part, ss ? sheetXml : fam(sheetXml));
  }

  // ---- styles and shared strings
  if (src.styles.changed) {
    anyChange = true;
    const part = src.stylesPart ?? 'xl/styles.xml';
    pkg.set(part, src.stylesPart ? src.styles.toXml() : fam(src.styles.toXml()));
    if (!src.stylesPart) { addRels(pkg, src.wbPart, [{ type: `${REL_T}/styles`, target: relativeTarget(src.wbPart, part) }]); addTypes.push({ part, type: CT.styles }); }
  }
  if (src.sst.changed) {
    const part = src.sstPart ?? nextFree(pkg, (n) => (n === 1 ? 'xl/sharedStrings.xml' : `xl/sharedStrings${n}.xml`));
    pkg.set(part, src.sstPart ? src.sst.toXml() : fam(src.sst.toXml()));
    if (!src.sstPart) {
      addRels(pkg, src.wbPart, [{ type: `${REL_T}/sharedStrings`, target: relativeTarget(src.wbPart, part) }]);
      addTypes.push({ part, type: CT.sharedStrings });
    }
  }

  // ---- workbook.xml
  const namesChanged = JSON.stringify(model.names) !== src.namesDigest || model.sheets.some((s) => src.printDigests.get(s) !== printDigest(s));
  const orderChanged = newSheets.length > 0 || removeWbRels.size > 0 || model.sheets.some((s, i) => src.entries.filter((e) => e.sheet)[i]?.sheet !== s);
  if (anyChange || namesChanged || orderChanged || model.sheets.some((s) => entryChanged(src, s))) {
    const { xml, order } = workbookXml(model, src, sheetPart, selected, namesChanged || orderChanged, removeWbRels, REL_T);
    pkg.set(src.wbPart, xml);
    void order;
    // calcChain lists formula cells; it is a cache, stale once a sheet is rewritten: Excel rebuilds it.
    const calc = rewroteRead ? pkg.rels(src.wbPart).find((r) => r.type.endsWith('/calcChain')) : undefined;
    if (calc) { removeWbRels.add(calc.id); pkg.delete(calc.part); removeTypes.push(calc.part); }
  }
  if (removeWbRels.size) removeRels(pkg, src.wbPart, removeWbRels);
  void wbRels;
  editContentTypes(pkg, addTypes, removeTypes);
  return pkg.zip();
}

function entryChanged(src: WorkbookSource, s: Sheet): boolean {
  const e = src.entries.find((x) => x.sheet === s);
  if (!e) return true;
  const state = s.visibility === 'Hidden' ? 'hidden' : s.visibility === 'VeryHidden' ? 'veryHidden' : 'visible';
  return e.name !== s.name || (e.state || 'visible') !== state;
}

function workbookXml(model: WorkbookModel, src: WorkbookSource, sheetPart: Map<Sheet, { part: string; rid: string }>, selected: Sheet,
  rewriteNames: boolean, removedRids: Set<string>, relNs: string): { xml: string; order: (Sheet | null)[] } {
  const xml = src.wbXml;
  const root = parseXml(xml).children[0]!;
  const edits: { at: number; end: number; text: string }[] = [];
  const pfx = root.qname.includes(':') ? `${root.qname.split(':')[0]}:` : '';
  const declared = /xmlns:([\w.-]+)="http:\/\/(?:schemas\.openxmlformats\.org\/officeDocument\/2006|purl\.oclc\.org\/ooxml\/officeDocument)\/relationships"/.exec(xml.slice(root.start, root.innerStart))?.[1];
  // Some writers declare the relationships namespace on each <sheet>, not on the root: declare it on the root for the
  // new entries, as "r" (some readers know no other prefix) unless the root uses "r" for something else.
  const rootTag = xml.slice(root.start, root.innerStart);
  const rp = declared ?? (/\sxmlns:r=/.test(rootTag) ? 'kpr' : 'r');
  if (!declared) edits.push({ at: root.start, end: root.innerStart, text: setAttr(rootTag, `xmlns:${rp}`, relNs) });

  // <sheets>: original entries in order (worksheets follow the model's order), new sheets after their predecessor.
  const order: { raw: string; sheet: Sheet | null }[] = [];
  const foreign = src.entries.filter((e) => !e.sheet && !removedRids.has(e.rid));
  const placed = new Set<object>();
  let maxId = 0;
  for (const e of src.entries) {
    const m = /\ssheetId="(\d+)"/.exec(e.raw);
    if (m) maxId = Math.max(maxId, Number(m[1]));
  }
  for (const s of model.sheets) {
    const e = src.entries.find((x) => x.sheet === s);
    // Foreign entries (chart sheets …) that came before this sheet in the file keep their place.
    if (e) {
      const idx = src.entries.indexOf(e);
      for (const f of foreign) if (!placed.has(f) && src.entries.indexOf(f) < idx) { order.push({ raw: f.raw, sheet: null }); placed.add(f); }
    }
    const state = s.visibility === 'Hidden' ? 'hidden' : s.visibility === 'VeryHidden' ? 'veryHidden' : null;
    let raw: string;
    if (e) {
      raw = setAttr(e.raw, 'name', s.name);
      raw = setAttr(raw, 'state', state);
    } else {
      raw = `<${pfx}sheet name="${escAttr(s.name)}" sheetId="${++maxId}"${state ? ` state="${state}"` : ''} ${rp}:id="${sheetPart.get(s)!.rid}"/>`;
    }
    order.push({ raw, sheet: s });
  }
  for (const f of foreign) if (!placed.has(f)) order.push({ raw: f.raw, sheet: null });
  const sheetsNode = child(root, 'sheets');
  const sheetsXml = `<${pfx}sheets>${order.map((o) => o.raw).join('')}</${pfx}sheets>`;
  if (sheetsNode) edits.push({ at: sheetsNode.start, end: sheetsNode.end, text: sheetsXml });

  // Index of each sheet in the new order (for localSheetId and activeTab).
  const newIndex = new Map<Sheet, number>();
  order.forEach((o, i) => { if (o.sheet) newIndex.set(o.sheet, i); });
  const oldToNew = (i: number | null): number | null => {
    if (i === null) return null;
    const e = src.entries[i];
    if (!e) return null;
    if (e.sheet) return newIndex.get(e.sheet) ?? null;
    const j = order.findIndex((o) => o.raw === e.raw);
    return j < 0 ? null : j;
  };

  // <bookViews>: activeTab / firstSheet follow the selected sheet.
  const bv = child(root, 'bookViews');
  const wv = bv && child(bv, 'workbookView');
  const active = newIndex.get(selected) ?? 0;
  if (wv) {
    let tag = xml.slice(wv.start, wv.innerStart);
    tag = setAttr(tag, 'activeTab', active ? String(active) : null);
    const first = Number(attr(wv, 'firstSheet') ?? 0);
    if (first > active) tag = setAttr(tag, 'firstSheet', null);
    edits.push({ at: wv.start, end: wv.innerStart, text: tag });
  }

  // <definedNames>
  const dn = child(root, 'definedNames');
  if (rewriteNames || src.entries.some((e, i) => e.sheet && oldToNew(i) !== i)) {
    const items: string[] = [];
    for (const n of src.names) {
      if (n.modeled) continue;
      if (n.localSheetId === null) { items.push(n.raw); continue; }
      const j = oldToNew(n.localSheetId);
      if (j === null) continue;
      items.push(setAttr(n.raw, 'localSheetId', String(j)));
    }
    for (const n of model.names) items.push(`<${pfx}definedName name="${escAttr(n.name)}"${n.comment ? ` comment="${escAttr(n.comment)}"` : ''}>${escText(n.formula.replace(/^=/, ''))}</${pfx}definedName>`);
    for (const s of model.sheets) {
      const i = newIndex.get(s)!;
      const pl = s.pageLayout;
      const q = `'${s.name.replace(/'/g, "''")}'`;
      const titles = [pl.printTitleColumns, pl.printTitleRows].filter((r): r is Rect => r !== null);
      if (titles.length) items.push(`<${pfx}definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escText(titles.map((r) => `${q}!${absRef(r)}`).join(','))}</${pfx}definedName>`);
      if (pl.printArea?.length) items.push(`<${pfx}definedName name="_xlnm.Print_Area" localSheetId="${i}">${escText(pl.printArea.map((r) => `${q}!${absRef(r)}`).join(','))}</${pfx}definedName>`);
    }
    const text = items.length ? `<${pfx}definedNames>${items.join('')}</${pfx}definedNames>` : '';
    if (dn) edits.push({ at: dn.start, end: dn.end, text });
    else if (text) {
      const after = root.children.find((c) => ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'].includes(c.name));
      const at = after ? after.start : root.innerEnd;
      edits.push({ at, end: at, text });
    }
  }

  // <calcPr fullCalcOnLoad="1">: cached results elsewhere may depend on what changed.
  const calc = child(root, 'calcPr');
  if (calc) edits.push({ at: calc.start, end: calc.innerStart, text: setAttr(xml.slice(calc.start, calc.innerStart), 'fullCalcOnLoad', '1') });
  else {
    const after = root.children.find((c) => ['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'].includes(c.name));
    const at = after ? after.start : root.innerEnd;
    edits.push({ at, end: at, text: `<${pfx}calcPr fullCalcOnLoad="1"/>` });
  }
  edits.sort((a, b) => a.at - b.at || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of edits) { out += xml.slice(pos, e.at) + e.text; pos = Math.max(pos, e.end); }
  void cellName;
  return { xml: out + xml.slice(pos), order: order.map((o) => o.sheet) };
}

export type { TableModel };

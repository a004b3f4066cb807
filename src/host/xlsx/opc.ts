/**
 * The Open Packaging Conventions layer: the zip, part names (absolute or relative, case-insensitive),
 * relationships and content types. Parts are kept as the bytes they were read as.
 */
import { strFromU8, strToU8 } from 'fflate';
import { type RawEntry, type ZipEntry, inflateEntry, readZip, writeZip } from './zip';
import { bytesToBinary } from './binaryText';
import { attr, escAttr, parseXml, type XNode } from './xml';

import { PackageError } from './packageError';
import { LIMITS, partTooLarge, totalTooLarge } from './limits';

export { PackageError };

export interface Rel { id: string; type: string; target: string; external: boolean; /** Resolved part name (no leading "/"). */ part: string }

export const REL = {
  officeDocument: '/officeDocument',
  worksheet: '/worksheet',
  styles: '/styles',
  sharedStrings: '/sharedStrings',
  table: '/table',
  drawing: '/drawing',
  chart: '/chart',
};
export const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const REL_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const STRICT_REL_BASE = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

/** Transitional namespaces and relationship-type bases → their Strict Open XML (ISO/IEC 29500 Strict) forms. */
const STRICT: [string, string][] = [
  ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'],
  [REL_BASE, STRICT_REL_BASE],
  ['http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing', 'http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing'],
  ['http://schemas.openxmlformats.org/drawingml/2006/chart', 'http://purl.oclc.org/ooxml/drawingml/chart'],
  ['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main'],
];

/** A package saved as Strict Open XML: its workbook part is in the purl.oclc.org namespace (or says conformance="strict"). */
export function isStrictWorkbook(workbookRootTag: string): boolean {
  return /=\s*["']http:\/\/purl\.oclc\.org\/ooxml\/spreadsheetml\/main["']/.test(workbookRootTag) || /\sconformance\s*=\s*["']strict["']/.test(workbookRootTag);
}

/** Rewrites the namespaces and relationship types of a part this host generated into the Strict family. */
export function toStrict(xml: string): string {
  let out = xml;
  for (const [t, s] of STRICT) out = out.split(t).join(s);
  return out;
}

export function isRel(rel: Rel, suffix: string): boolean {
  return rel.type.endsWith(suffix);
}

/** Sniffs the first bytes: a legacy/encrypted compound file, a plain text file, or not a zip. */
function sniff(bytes: Uint8Array): void {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new PackageError('这是一个加密（设置了打开密码）或旧版 .xls 格式的文件，不是 .xlsx 工作簿：请在 Excel 或 WPS 中取消密码，或另存为 .xlsx 后再试');
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const head = strFromU8(bytes.subarray(0, Math.min(bytes.length, 512)), true);
    if (bytes.length === 0) throw new PackageError('文件是空的（0 字节），不是 .xlsx 工作簿');
    if (/^\s*<(?:!DOCTYPE\s+)?html/i.test(head)) throw new PackageError('这是一个网页（HTML）文件，不是 .xlsx 工作簿');
    // eslint-disable-next-line no-control-regex -- binary bytes mean it is not text
    if (/^[\s\S]*[,\t;][\s\S]*\n/.test(head) && !/[\u0000-\u0008]/.test(head)) throw new PackageError('这是一个文本（CSV）文件，不是 .xlsx 工作簿：请在 Excel 或 WPS 中打开后另存为 .xlsx');
    throw new PackageError('这不是 .xlsx 工作簿（不是 zip 压缩包）');
  }
}

export class Package {
  /** Entry name (as in the zip) → bytes; null while an entry read from the file is unchanged (see raw). */
  readonly entries = new Map<string, Uint8Array | null>();
  /** Lower-case part name → entry name (OPC names are case-insensitive). */
  private readonly byLower = new Map<string, string>();
  /** Part name as written → entry name: two entries whose names differ only in case are two parts, each found by its own name. */
  private readonly byExact = new Map<string, string>();
  private readonly textCache = new Map<string, string>();
  /** The compressed form of each entry as read (copied on save while the entry is unchanged). */
  private readonly raw = new Map<string, RawEntry | undefined>();

  static read(bytes: Uint8Array): Package {
    sniff(bytes);
    let files: ZipEntry[];
    try {
      files = readZip(bytes);
    } catch (e) {
      throw new PackageError(`文件已损坏或不完整，无法解压（${e instanceof Error ? e.message : String(e)}）：请重新下载或从备份中找回`);
    }
    const p = new Package();
    for (const f of files) {
      p.entries.set(f.name, null);
      p.raw.set(f.name, f.raw);
      if (!p.byLower.has(norm(f.name))) p.byLower.set(norm(f.name), f.name);
      p.byExact.set(exact(f.name), f.name);
    }
    return p;
  }

  static empty(): Package { return new Package(); }

  private entryName(part: string): string | undefined {
    return this.byExact.get(exact(part)) ?? this.byLower.get(norm(part));
  }

  has(part: string): boolean { return this.entryName(part) !== undefined; }

  bytes(part: string): Uint8Array | undefined {
    const n = this.entryName(part);
    if (n === undefined) return undefined;
    return this.entries.get(n) ?? this.inflate(n);
  }

  /** Uncompressed bytes read from the file so far (see LIMITS). */
  private inflated = 0;

  /** Inflates an entry as read, within the limits: its declared size is checked before, its real size while inflating. */
  private inflate(n: string): Uint8Array {
    const raw = this.raw.get(n)!;
    if (raw.size > LIMITS.partBytes) throw partTooLarge(n, raw.size);
    if (this.inflated + raw.size > LIMITS.totalBytes) throw totalTooLarge();
    const out = inflateEntry(n, raw);
    this.inflated += out.length;
    return out;
  }

  text(part: string): string | undefined {
    const n = this.entryName(part);
    if (n === undefined) return undefined;
    let t = this.textCache.get(n);
    if (t === undefined) {
      // Decoded once; the inflated bytes are not kept (the compressed ones are, for saving).
      t = openRoot(decodeText(this.entries.get(n) ?? this.inflate(n)));
      this.textCache.set(n, t);
    }
    return t;
  }

  /**
   * A large part for reading once: a binary string of its UTF-8 (see binaryText.ts; not cached, the caller keeps
   * it), or its decoded text when it is in UTF-16 or was decoded already.
   */
  textOrBinary(part: string): { xml: string; binary: boolean } | undefined {
    const n = this.entryName(part);
    if (n === undefined) return undefined;
    const cached = this.textCache.get(n);
    if (cached !== undefined) return { xml: cached, binary: false };
    const b = this.entries.get(n) ?? this.inflate(n);
    const u = utf8Bytes(b);
    if (u) return { xml: openRoot(bytesToBinary(u)), binary: true };
    const t = openRoot(decodeText(b));
    this.textCache.set(n, t);
    return { xml: t, binary: false };
  }

  /** Writes (or replaces) a part; keeps the zip entry name of an existing part. */
  set(part: string, data: string | Uint8Array): void {
    const clean = part.replace(/^\/+/, '');
    const name = this.entryName(clean) ?? clean;
    this.entries.set(name, typeof data === 'string' ? strToU8(utf8Declared(data)) : data);
    if (!this.byLower.has(norm(clean))) this.byLower.set(norm(clean), name);
    this.byExact.set(exact(name), name);
    this.textCache.delete(name);
  }

  delete(part: string): void {
    const n = this.entryName(part);
    if (n === undefined) return;
    this.entries.delete(n);
    this.byExact.delete(exact(n));
    if (this.byLower.get(norm(n)) === n) {
      this.byLower.delete(norm(n));
      const other = [...this.entries.keys()].find((k) => norm(k) === norm(n));
      if (other !== undefined) this.byLower.set(norm(n), other);
    }
    this.textCache.delete(n);
  }

  clone(): Package {
    const p = new Package();
    for (const [k, v] of this.entries) { p.entries.set(k, v); p.byExact.set(exact(k), k); }
    for (const [k, v] of this.byLower) p.byLower.set(k, v);
    for (const [k, v] of this.raw) p.raw.set(k, v);
    return p;
  }

  /** Relationships of a part ('' for the package), resolved to part names. */
  rels(part: string): Rel[] {
    const xml = this.text(relsPartOf(part));
    if (xml === undefined) return [];
    return parseRels(xml, part);
  }

  zip(): Uint8Array {
    // [Content_Types].xml first, as Office writes it (some readers expect it early).
    const names = [...this.entries.keys()].sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
    return writeZip(names.map((n): ZipEntry => ({ name: n, data: this.entries.get(n) ?? undefined, raw: this.raw.get(n) })));
  }
}

/** Lookup key of a part name: no leading slash, "/" separators (some writers use "\\"), case-insensitive (OPC). */
function norm(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** Lookup key of a part name as written: no leading slash, "/" separators, case kept. */
function exact(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

/**
 * A document element written self-closed (`<styleSheet …/>`) is given as an open and a close tag, so that every
 * editor can insert into it; a part that is not changed is saved from its original bytes, so nothing else moves.
 */
export function openRoot(xml: string): string {
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return xml;
    const c = xml.charCodeAt(lt + 1);
    if (c === 63 /* ? */) { const e = xml.indexOf('?>', lt); if (e < 0) return xml; i = e + 2; continue; }
    if (c === 33 /* ! */) {
      const e = xml.startsWith('<!--', lt) ? xml.indexOf('-->', lt) + 3 : xml.indexOf('>', lt) + 1;
      if (e <= 0) return xml;
      i = e; continue;
    }
    // The first element: find its end outside quoted attribute values.
    let q = 0;
    for (let j = lt + 1; j < xml.length; j++) {
      const d = xml.charCodeAt(j);
      if (q) { if (d === q) q = 0; continue; }
      if (d === 34 || d === 39) { q = d; continue; }
      if (d === 62 /* > */) {
        if (xml.charCodeAt(j - 1) !== 47) return xml;
        let ne = lt + 1;
        while (ne < j && !' \t\r\n/'.includes(xml[ne])) ne++;
        return `${xml.slice(0, j - 1).replace(/\s+$/, '')}></${xml.slice(lt + 1, ne)}>${xml.slice(j + 1)}`;
      }
    }
    return xml;
  }
}

/**
 * Text saved as UTF-8 says so: a part read in UTF-16 and rewritten keeps its XML declaration, whose
 * encoding="UTF-16" would then be false (a strict reader refuses such a part).
 */
function utf8Declared(xml: string): string {
  if (!xml.startsWith('<?xml')) return xml;
  const end = xml.indexOf('?>');
  if (end < 0) return xml;
  const decl = xml.slice(0, end);
  const fixed = decl.replace(/(\sencoding\s*=\s*)(["'])(?!utf-8\2)[^"']*\2/i, '$1$2UTF-8$2');
  return fixed === decl ? xml : fixed + xml.slice(end);
}

/** A part's UTF-8 bytes without their byte-order mark; null for a part in UTF-16 (it starts with one). */
function utf8Bytes(b: Uint8Array): Uint8Array | null {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return null;
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

function decodeText(b: Uint8Array): string {
  const u = utf8Bytes(b);
  return u ? strFromU8(u) : new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b.subarray(2));
}

export function relsPartOf(part: string): string {
  const clean = part.replace(/^\/+/, '');
  if (clean === '') return '_rels/.rels';
  const i = clean.lastIndexOf('/');
  return `${clean.slice(0, i + 1)}_rels/${clean.slice(i + 1)}.rels`;
}

/** Resolves a relationship target against its source part (OPC: absolute "/x" or relative to the source's folder). */
export function resolvePart(source: string, target: string): string {
  let t = target;
  try { t = decodeURIComponent(target); } catch { /* keep as written */ }
  t = t.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : source.replace(/^\/+/, '').split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop(); else base.push(seg);
  }
  return base.join('/');
}

/** A relative target from one part to another (what Office writes). */
export function relativeTarget(source: string, part: string): string {
  const from = source.replace(/^\/+/, '').split('/').slice(0, -1);
  const to = part.replace(/^\/+/, '').split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...Array(from.length - i).fill('..'), ...to.slice(i)].join('/');
}

export function parseRels(xml: string, source: string): Rel[] {
  const root = parseXml(xml).children[0];
  if (!root) return [];
  return root.children.filter((n) => n.name === 'Relationship').map((n) => {
    const external = (attr(n, 'TargetMode') ?? '') === 'External';
    const target = attr(n, 'Target') ?? '';
    return { id: attr(n, 'Id') ?? '', type: attr(n, 'Type') ?? '', target, external, part: external ? '' : resolvePart(source, target) };
  });
}

export function relsXml(rels: { id: string; type: string; target: string; external?: boolean }[]): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + `<Relationships xmlns="${RELS_NS}">`
    + rels.map((r) => `<Relationship Id="${escAttr(r.id)}" Type="${escAttr(r.type)}" Target="${escAttr(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`).join('')
    + '</Relationships>';
}

/** Appends relationships to a rels part, keeping the existing text; returns the new ids. */
export function addRels(pkg: Package, source: string, add: { type: string; target: string }[]): string[] {
  const relsPart = relsPartOf(source);
  const xml = pkg.text(relsPart);
  const existing = xml ? parseRels(xml, source) : [];
  const used = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  const ids: string[] = [];
  const tags: string[] = [];
  for (const a of add) {
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    used.add(id);
    ids.push(id);
    tags.push(`<Relationship Id="${id}" Type="${escAttr(a.type)}" Target="${escAttr(a.target)}"/>`);
  }
  if (!tags.length) return ids;
  if (xml) {
    const close = xml.lastIndexOf('</');
    const selfClose = /<(\w+:)?Relationships\b[^>]*\/>\s*$/.exec(xml);
    if (selfClose) {
      const q = `${selfClose[1] ?? ''}Relationships`;
      pkg.set(relsPart, `${xml.slice(0, selfClose.index)}${selfClose[0].replace(/\/>\s*$/, '>')}${tags.join('')}</${q}>`);
    } else pkg.set(relsPart, xml.slice(0, close) + tags.join('') + xml.slice(close));
  } else {
    pkg.set(relsPart, relsXml(add.map((a, i) => ({ id: ids[i], ...a }))));
  }
  return ids;
}

/** Removes relationships by id from a rels part (text edit; other relationships untouched). */
export function removeRels(pkg: Package, source: string, ids: Set<string>): void {
  if (!ids.size) return;
  const relsPart = relsPartOf(source);
  const xml = pkg.text(relsPart);
  if (!xml) return;
  const root = parseXml(xml).children[0];
  if (!root) return;
  let out = xml;
  for (const n of [...root.children].reverse()) {
    if (n.name === 'Relationship' && ids.has(attr(n, 'Id') ?? '')) out = out.slice(0, n.start) + out.slice(n.end);
  }
  pkg.set(relsPart, out);
}

export const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  coreProps: 'application/vnd.openxmlformats-package.core-properties+xml',
  appProps: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
};

/** Edits [Content_Types].xml: adds Overrides for new parts, removes those of deleted parts; the rest stays as written. */
export function editContentTypes(pkg: Package, add: { part: string; type: string }[], remove: string[]): void {
  if (!add.length && !remove.length) return;
  const xml = pkg.text('[Content_Types].xml');
  if (!xml) throw new PackageError('工作簿缺少 [Content_Types].xml');
  const root: XNode | undefined = parseXml(xml).children[0];
  if (!root) throw new PackageError('工作簿的 [Content_Types].xml 无法读取');
  const removeSet = new Set(remove.map((p) => `/${p.replace(/^\/+/, '')}`.toLowerCase()));
  let out = xml;
  const existing = new Set<string>();
  for (const n of [...root.children].reverse()) {
    if (n.name !== 'Override') continue;
    const pn = (attr(n, 'PartName') ?? '').toLowerCase();
    existing.add(pn);
    if (removeSet.has(pn)) out = out.slice(0, n.start) + out.slice(n.end);
  }
  const tags = add.filter((a) => !existing.has(`/${a.part}`.toLowerCase()))
    .map((a) => `<Override PartName="/${escAttr(a.part.replace(/^\/+/, ''))}" ContentType="${escAttr(a.type)}"/>`).join('');
  const close = out.lastIndexOf('</');
  out = out.slice(0, close) + tags + out.slice(close);
  pkg.set('[Content_Types].xml', out);
}

/** Content type of a part: Override by name, else Default by extension. */
export function contentTypeOf(pkg: Package, part: string): string | undefined {
  const xml = pkg.text('[Content_Types].xml');
  if (!xml) return undefined;
  const root = parseXml(xml).children[0];
  const pn = `/${part.replace(/^\/+/, '')}`.toLowerCase();
  const ext = pn.slice(pn.lastIndexOf('.') + 1);
  let byExt: string | undefined;
  for (const n of root?.children ?? []) {
    if (n.name === 'Override' && (attr(n, 'PartName') ?? '').toLowerCase() === pn) return attr(n, 'ContentType');
    if (n.name === 'Default' && (attr(n, 'Extension') ?? '').toLowerCase() === ext) byExt = attr(n, 'ContentType');
  }
  return byExt;
}

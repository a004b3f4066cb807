/**
 * A small, fast XML reader for package parts: element names are matched by local name (any namespace prefix),
 * every element knows its offsets in the source, so a writer can copy what it does not change byte for byte.
 */

export interface XNode {
  /** Local name (prefix removed). */
  name: string;
  /** Qualified name as written (with its prefix, if any). */
  qname: string;
  /** Attributes by qualified name as written; see attr() for lookup by local name. */
  attrs: Record<string, string>;
  children: XNode[];
  /** Concatenated text content of the element's own text and CDATA nodes (entities decoded). */
  text: string;
  /** Offsets in the source: the element is src.slice(start, end); its content src.slice(innerStart, innerEnd). */
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITY[e] ?? m;
  });
}

export function escText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escAttr(s: string): string {
  return s.replace(/[&<>"\n\r\t]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[c]!);
}

/** Characters XML 1.0 cannot hold, and a literal "_xHHHH_", are written as OOXML "_xHHHH_" escapes (ST_Xstring). */
export function escXstring(s: string): string {
  // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
  return s.replace(/_x[0-9A-Fa-f]{4}_|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
    (m) => (m.length === 1 ? `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_` : `_x005F${m}`));
}

export function decodeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function localName(q: string): string {
  const i = q.indexOf(':');
  return i < 0 ? q : q.slice(i + 1);
}

/** An attribute by local name (`id` finds `r:id` or `ns2:id`); prefixed matches preferred when prefixed is true. */
export function attr(node: Pick<XNode, 'attrs'>, local: string, prefixed = false): string | undefined {
  const a = node.attrs;
  if (!prefixed && a[local] !== undefined) return a[local];
  for (const k in a) {
    const i = k.indexOf(':');
    if (i >= 0 && k.slice(i + 1) === local && k.slice(0, i) !== 'xmlns') return a[k];
  }
  return prefixed ? undefined : a[local];
}

/** Parses the attributes of a start tag's text (between the name and ">"), decoding entities. */
export function parseAttrs(s: string, from = 0, to = s.length): Record<string, string> {
  const out: Record<string, string> = {};
  let i = from;
  while (i < to) {
    let c = s.charCodeAt(i);
    while (i < to && (c === 32 || c === 9 || c === 10 || c === 13)) c = s.charCodeAt(++i);
    if (i >= to || c === 47 /* / */ || c === 62 /* > */) break;
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) break;
    const name = s.slice(i, eq).trim();
    let q = eq + 1;
    while (q < to && s[q] !== '"' && s[q] !== "'") q++;
    const quote = s[q];
    const close = s.indexOf(quote, q + 1);
    if (close < 0) throw new XmlError('unterminated attribute');
    out[name] = decodeEntities(s.slice(q + 1, close));
    i = close + 1;
  }
  return out;
}

export class XmlError extends Error {}

/** Start/end of the tag that begins at s[lt] === '<': returns the index just after '>'. */
function tagEnd(s: string, lt: number): number {
  let i = lt + 1;
  let quote = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) { if (c === quote) quote = 0; }
    else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  throw new XmlError('unterminated tag');
}

/** Skips comments, processing instructions, doctype and CDATA starting at lt; returns the end, or -1 if not one. */
function skipSpecial(s: string, lt: number): number {
  const n = s.charCodeAt(lt + 1);
  if (n === 63 /* ? */) { const e = s.indexOf('?>', lt + 2); if (e < 0) throw new XmlError('unterminated PI'); return e + 2; }
  if (n === 33 /* ! */) {
    if (s.startsWith('<!--', lt)) { const e = s.indexOf('-->', lt + 4); if (e < 0) throw new XmlError('unterminated comment'); return e + 3; }
    if (s.startsWith('<![CDATA[', lt)) return -1;
    return tagEnd(s, lt);
  }
  return -1;
}

/** Builds the element tree of a whole document (or of an element's source slice). */
export function parseXml(s: string, from = 0, to = s.length): XNode {
  const root: XNode = { name: '#document', qname: '#document', attrs: {}, children: [], text: '', start: from, end: to, innerStart: from, innerEnd: to };
  const stack: XNode[] = [root];
  let i = from;
  let textStart = from;
  const flushText = (end: number): void => {
    if (end > textStart && stack.length > 1) {
      const raw = s.slice(textStart, end);
      if (raw.length) stack[stack.length - 1].text += decodeEntities(raw);
    }
  };
  while (i < to) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt >= to) break;
    flushText(lt);
    const sp = skipSpecial(s, lt);
    if (sp >= 0) { i = sp; textStart = i; continue; }
    if (s.startsWith('<![CDATA[', lt)) {
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0) throw new XmlError('unterminated CDATA');
      if (stack.length > 1) stack[stack.length - 1].text += s.slice(lt + 9, e);
      i = e + 3; textStart = i;
      continue;
    }
    const end = tagEnd(s, lt);
    if (s.charCodeAt(lt + 1) === 47 /* / */) {
      const q = s.slice(lt + 2, end - 1).trim();
      const top = stack.pop();
      if (!top || top.qname !== q) throw new XmlError(`mismatched </${q}>`);
      top.innerEnd = lt;
      top.end = end;
      i = end; textStart = i;
      continue;
    }
    let ne = lt + 1;
    while (ne < end) {
      const c = s.charCodeAt(ne);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
      ne++;
    }
    const qname = s.slice(lt + 1, ne);
    const selfClosing = s.charCodeAt(end - 2) === 47;
    const node: XNode = {
      name: localName(qname), qname, attrs: parseAttrs(s, ne, selfClosing ? end - 2 : end - 1), children: [], text: '',
      start: lt, end, innerStart: end, innerEnd: end,
    };
    stack[stack.length - 1].children.push(node);
    if (!selfClosing) stack.push(node);
    i = end; textStart = i;
  }
  if (stack.length > 1) throw new XmlError(`unclosed <${stack[stack.length - 1].qname}>`);
  return root;
}

/** The document element of a part. */
export function rootOf(s: string): XNode {
  const doc = parseXml(s);
  const r = doc.children[0];
  if (!r) throw new XmlError('empty document');
  return r;
}

export function child(n: XNode, name: string): XNode | undefined {
  return n.children.find((c) => c.name === name);
}

export function children(n: XNode, name: string): XNode[] {
  return n.children.filter((c) => c.name === name);
}

/** Direct children of the document element, without parsing their content (for large parts such as sheets). */
export interface TopChild { name: string; qname: string; start: number; end: number; innerStart: number; innerEnd: number; tagEnd: number }

export function scanTop(s: string): { root: TopChild; items: TopChild[] } {
  let i = 0;
  let root: TopChild | null = null;
  const items: TopChild[] = [];
  let depth = 0;
  let current: TopChild | null = null;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) break;
    const sp = skipSpecial(s, lt);
    if (sp >= 0) { i = sp; continue; }
    if (s.startsWith('<![CDATA[', lt)) {
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0) throw new XmlError('unterminated CDATA');
      i = e + 3;
      continue;
    }
    const end = tagEnd(s, lt);
    const closing = s.charCodeAt(lt + 1) === 47;
    const selfClosing = !closing && s.charCodeAt(end - 2) === 47;
    if (closing) {
      depth--;
      if (depth === 1 && current) { current.innerEnd = lt; current.end = end; items.push(current); current = null; }
      if (depth === 0 && root) { root.innerEnd = lt; root.end = end; return { root, items }; }
    } else {
      let ne = lt + 1;
      while (ne < end && !/[\s/>]/.test(s[ne])) ne++;
      const qname = s.slice(lt + 1, ne);
      if (depth === 0) {
        root = { name: localName(qname), qname, start: lt, end: s.length, innerStart: end, innerEnd: s.length, tagEnd: end };
      } else if (depth === 1) {
        const c: TopChild = { name: localName(qname), qname, start: lt, end, innerStart: end, innerEnd: end, tagEnd: end };
        if (selfClosing) items.push(c); else current = c;
      }
      if (!selfClosing) depth++;
      // sheetData and other big children: jump to their close tag directly when it is unambiguous.
      if (depth === 2 && current && !selfClosing) {
        const close = s.indexOf(`</${qname}>`, end);
        if (close >= 0 && current.name === 'sheetData') {
          current.innerEnd = close; current.end = close + qname.length + 3; items.push(current); current = null;
          depth = 1; i = close + qname.length + 3;
          continue;
        }
      }
    }
    i = end;
  }
  if (!root) throw new XmlError('no document element');
  throw new XmlError(`unclosed <${root.qname}>`);
}

/** The shared-strings part: read as plain text (rich runs joined, phonetic runs left out); new strings appended. */
import { LIMITS, textTooLong } from './limits';
import { decodeEntities, decodeXstring, escText, escXstring } from './xml';

/** Plain text of an <si> or <is> body: the <t> of the item and of its runs, not of phonetic (<rPh>) runs. */
export function richText(s: string, from: number, to: number): string {
  let out = '';
  let i = from;
  while (i < to) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt >= to) break;
    // Local name of the tag (any prefix).
    let ne = lt + 1;
    const closing = s.charCodeAt(ne) === 47;
    if (closing) ne++;
    let nameEnd = ne;
    while (nameEnd < to && !' \t\r\n/>'.includes(s[nameEnd])) nameEnd++;
    const q = s.slice(ne, nameEnd);
    const local = q.slice(q.indexOf(':') + 1);
    const gt = s.indexOf('>', nameEnd);
    if (gt < 0) break;
    if (closing) { i = gt + 1; continue; }
    if (local === 'rPh' || local === 'phoneticPr') {
      // Skip the whole phonetic run.
      if (s.charCodeAt(gt - 1) === 47) { i = gt + 1; continue; }
      const close = s.indexOf(`</${q}>`, gt);
      i = close < 0 ? to : close + q.length + 3;
      continue;
    }
    if (local === 't' && s.charCodeAt(gt - 1) !== 47) {
      const close = s.indexOf(`</${q}>`, gt);
      const body = s.slice(gt + 1, close < 0 ? to : close);
      out += textBody(body);
      i = close < 0 ? to : close + q.length + 3;
      continue;
    }
    i = gt + 1;
  }
  return out;
}

/** Text of an element body: entities decoded, CDATA sections kept literally, _xHHHH_ escapes decoded. */
export function textBody(body: string): string {
  if (body.indexOf('<![CDATA[') < 0) return decodeXstring(decodeEntities(body));
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body.indexOf('<![CDATA[', i);
    if (c < 0) { out += decodeXstring(decodeEntities(body.slice(i))); break; }
    out += decodeXstring(decodeEntities(body.slice(i, c)));
    const e = body.indexOf(']]>', c + 9);
    out += body.slice(c + 9, e < 0 ? body.length : e);
    i = e < 0 ? body.length : e + 3;
  }
  return out;
}

export class SharedStrings {
  readonly items: string[] = [];
  /** Plain items (no runs), for reuse by new cells. */
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  private readonly xml: string | undefined;
  private totalRefs = 0;

  constructor(xml: string | undefined) {
    this.xml = xml;
    if (!xml) return;
    let i = 0;
    for (;;) {
      const open = findTag(xml, 'si', i);
      if (!open) break;
      if (open.selfClosing) { this.items.push(''); i = open.end; continue; }
      const close = xml.indexOf(`</${open.q}>`, open.end);
      const end = close < 0 ? xml.length : close;
      if (end - open.end > LIMITS.textLength * 8) throw textTooLong('共享字符串表中', end - open.end);
      const text = richText(xml, open.end, end);
      if (text.length > LIMITS.textLength) throw textTooLong('共享字符串表中', text.length);
      const plain = xml.slice(open.end, end).indexOf(':r>') < 0 && xml.slice(open.end, end).indexOf('<r>') < 0 && xml.slice(open.end, end).indexOf('<rPh') < 0;
      if (plain && !this.index.has(text)) this.index.set(text, this.items.length);
      this.items.push(text);
      i = close < 0 ? xml.length : close + open.q.length + 3;
    }
  }

  get changed(): boolean { return this.added.length > 0; }

  /** Index of a string for a new cell: a plain existing item, or a new one. */
  id(s: string): number {
    this.totalRefs++;
    const hit = this.index.get(s);
    if (hit !== undefined) return hit;
    const n = this.items.length;
    this.items.push(s);
    this.index.set(s, n);
    this.added.push(s);
    return n;
  }

  toXml(): string {
    const si = this.added.map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${escText(escXstring(s))}</t></si>`).join('');
    if (!this.xml) {
      return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.items.length}" uniqueCount="${this.items.length}">${si}</sst>`;
    }
    const root = findTag(this.xml, 'sst', 0);
    if (!root) return this.xml;
    const pfx = root.q.includes(':') ? `${root.q.split(':')[0]}:` : '';
    const items = pfx ? si.replace(/<(\/?)([a-z])/g, `<$1${pfx}$2`) : si;
    let open = this.xml.slice(root.start, root.end);
    // count = references: unknown for the unchanged sheets, so it is left out (it is optional); uniqueCount is exact.
    open = open.replace(/\scount="[^"]*"/, '');
    open = /\suniqueCount="/.test(open) ? open.replace(/\suniqueCount="[^"]*"/, ` uniqueCount="${this.items.length}"`) : open.replace(/(\/?>)$/, ` uniqueCount="${this.items.length}"$1`);
    if (root.selfClosing) return this.xml.slice(0, root.start) + open.replace(/\/>$/, '>') + items + `</${root.q}>` + this.xml.slice(root.end);
    const close = this.xml.lastIndexOf(`</${root.q}>`);
    return this.xml.slice(0, root.start) + open + this.xml.slice(root.end, close) + items + this.xml.slice(close);
  }
}

/** The next start tag with the given local name at or after i. */
export function findTag(s: string, local: string, i: number): { start: number; end: number; q: string; selfClosing: boolean } | null {
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return null;
    const c = s.charCodeAt(lt + 1);
    if (c === 47 || c === 33 || c === 63) { i = lt + 1; continue; }
    let ne = lt + 1;
    while (ne < s.length && !' \t\r\n/>'.includes(s[ne])) ne++;
    const q = s.slice(lt + 1, ne);
    const gt = s.indexOf('>', ne);
    if (gt < 0) return null;
    if (q === local || q.endsWith(`:${local}`)) return { start: lt, end: gt + 1, q, selfClosing: s.charCodeAt(gt - 1) === 47 };
    i = gt + 1;
  }
}

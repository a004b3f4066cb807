/**
 * A saved .xlsx as its parts (path → text), for comparing two workbooks part by part whatever writer made them.
 * Timestamps are taken out: the package's created/modified dates (docProps/core.xml) and anything else given
 * in `also` (a pattern and its replacement).
 */
import JSZip from 'jszip';

export type PartMap = Map<string, string>;

const TIMESTAMPS: [RegExp, string][] = [
  [/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, '$1…$3'],
  [/(<cp:lastPrinted>)[^<]*(<\/cp:lastPrinted>)/g, '$1…$2'],
];

export async function packageParts(bytes: Uint8Array, also: [RegExp, string][] = []): Promise<PartMap> {
  const zip = await JSZip.loadAsync(bytes);
  const out: PartMap = new Map();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (f.dir) continue;
    let text = /\.(xml|rels|vml)$/.test(name) ? await f.async('string') : `base64:${await f.async('base64')}`;
    for (const [re, to] of [...TIMESTAMPS, ...also]) text = text.replace(re, to);
    out.set(name, text);
  }
  return out;
}

/** The parts that differ (or exist in one package only), each with the first difference in context. */
export function diffParts(a: PartMap, b: PartMap): string[] {
  const out: string[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(name);
    const y = b.get(name);
    if (x === y) continue;
    if (x === undefined || y === undefined) {
      out.push(`${name}: only in the ${x === undefined ? 'second' : 'first'} package`);
      continue;
    }
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    out.push(`${name} at ${i}: …${x.slice(Math.max(0, i - 80), i + 80)}… vs …${y.slice(Math.max(0, i - 80), i + 80)}…`);
  }
  return out;
}

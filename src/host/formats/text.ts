/**
 * Delimited text (.csv, .txt): UTF-8 with or without a byte-order mark, UTF-16 with one, else GB18030 (a superset of
 * GBK and GB2312, what Excel and the organisation systems in China write); comma, tab or semicolon, whichever splits
 * the first lines into the same number of fields; quoted fields as RFC 4180.
 */

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

/** Splits delimited text into rows of fields. */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === delimiter) { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(field); field = '';
      rows.push(row); row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The delimiter that splits the first lines most consistently into more than one field. */
export function guessDelimiter(text: string): string {
  const sample = text.slice(0, 20_000);
  let best = ',';
  let bestScore = -1;
  for (const d of [',', '\t', ';']) {
    const rows = parseDelimited(sample, d).slice(0, 30).filter((r) => r.some((f) => f.trim() !== ''));
    if (!rows.length) continue;
    const counts = rows.map((r) => r.length);
    const wide = counts.filter((c) => c > 1).length;
    const mode = counts.sort((a, b) => counts.filter((x) => x === b).length - counts.filter((x) => x === a).length)[0];
    const score = mode > 1 ? wide * 1000 + mode : 0;
    if (score > bestScore) { best = d; bestScore = score; }
  }
  return best;
}

export function readDelimited(bytes: Uint8Array): { rows: string[][]; encoding: string; delimiter: string } {
  const { text, encoding } = decodeText(bytes);
  const delimiter = guessDelimiter(text);
  return { rows: parseDelimited(text, delimiter), encoding, delimiter };
}

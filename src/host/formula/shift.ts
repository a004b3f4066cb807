/** Text-level formula transforms: moving relative references, and the .xlsx spelling of formulas. */
import { XLFN } from './parse';
import { colIndex, colName } from '../model/address';

/** Applies fn to the parts of a formula outside string literals, quoted sheet names and structured references. */
export function mapOutsideQuotes(f: string, fn: (part: string) => string): string {
  let out = '', buf = '', i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"' || ch === "'") {
      out += fn(buf); buf = '';
      let j = i + 1;
      while (j < f.length) {
        if (f[j] === ch) { if (f[j + 1] === ch) { j += 2; continue; } break; }
        j++;
      }
      out += f.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // Structured reference bodies are names, not cells.
      out += fn(buf); buf = '';
      let depth = 0, j = i;
      for (; j < f.length; j++) {
        if (f[j] === "'") { j++; continue; }
        if (f[j] === '[') depth++;
        if (f[j] === ']') { depth--; if (depth === 0) break; }
      }
      out += f.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    buf += ch;
    i++;
  }
  return out + fn(buf);
}

/** Moves relative A1 references by (dr, dc), as Excel does when a formula is filled/copied. */
export function shiftFormula(f: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return f;
  return mapOutsideQuotes(f, (part) => part.replace(/(^|[^\p{L}\p{N}_.$])(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![\p{L}\p{N}_(])/gu,
    (m, pre: string, cAbs: string, col: string, rAbs: string, row: string) => {
      const c = cAbs ? colIndex(col) : colIndex(col) + dc;
      const r = rAbs ? +row : +row + dr;
      if (c < 0 || r < 1) return `${pre}#REF!`;
      return `${pre}${cAbs}${colName(c)}${rAbs}${r}`;
    }));
}

const XLFN_RE = new RegExp(`(^|[^\\p{L}\\p{N}_.])(${XLFN.map((f) => f.replace(/\./g, '\\.')).join('|')})\\s*\\(`, 'giu');
const fileFormulaCache = new Map<string, string>();

/** The spelling of a formula inside an .xlsx file. */
export function toFileFormula(f: string, tableAtCell: string | null): string {
  const key = `${tableAtCell ?? ''}\u0000${f}`;
  const hit = fileFormulaCache.get(key);
  if (hit !== undefined) return hit;
  const out = toFileFormulaUncached(f, tableAtCell);
  if (fileFormulaCache.size > 10000) fileFormulaCache.clear();
  fileFormulaCache.set(key, out);
  return out;
}

function toFileFormulaUncached(f: string, tableAtCell: string | null): string {
  let s = f.startsWith('=') ? f.slice(1) : f;
  s = mapOutsideQuotesKeepBrackets(s, (part) => part.replace(XLFN_RE, (_m, pre: string, name: string) => `${pre}_xlfn.${name.toUpperCase()}(`));
  // [@col] / Table[@col] / Table[@[a]:[b]] → Table[[#This Row],[col]] …
  s = s.replace(/([\p{L}_\\][\p{L}\p{N}_.\\]*)?\[@(\[[^\]]*\](?::\[[^\]]*\])?|[^\][]+)\]/gu, (m, table: string | undefined, body: string) => {
    const name = table ?? tableAtCell ?? '';
    const cols = body.startsWith('[') ? body : `[${body}]`;
    return `${name}[[#This Row],${cols}]`;
  });
  return s;
}

/** The spelling used by the API (and this host) of a formula read from a file. */
export function fromFileFormula(f: string): string {
  let s = f.replace(/_xlfn\.|_xlws\./gi, '');
  s = s.replace(/\[\[#This Row\],\s*(\[[^\]]*\](?::\[[^\]]*\])?)\]/gi, (_m, cols: string) => {
    const single = /^\[([^\]]*)\]$/.exec(cols);
    if (single && /^[\p{L}\p{N}_]+$/u.test(single[1])) return `[@${single[1]}]`;
    return `[@${cols}]`;
  });
  return s.startsWith('=') ? s : `=${s}`;
}

function mapOutsideQuotesKeepBrackets(f: string, fn: (part: string) => string): string {
  return mapOutsideQuotes(f, fn);
}

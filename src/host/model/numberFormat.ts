/** Displayed text of a value under a number format (General, 0, 0.0, 0.00, #,##0, 0%, @, dates) and input parsing. */
import { type CellValue, ErrorValue } from './model';

export function displayText(v: CellValue, format: string): string {
  if (v === null) return '';
  if (v instanceof ErrorValue) return v.code;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const sections = splitSections(format);
  if (typeof v === 'string') {
    const textSection = sections[3] ?? (sections.find((s) => s.includes('@')) ?? null);
    return textSection && textSection.includes('@') ? textSection.replace(/"([^"]*)"/g, '$1').replace('@', v) : v;
  }
  let section = sections[0];
  let n = v;
  if (v < 0 && sections.length > 1) { section = sections[1]; n = -v; }
  else if (v === 0 && sections.length > 2) section = sections[2];
  if (!section || /^general$/i.test(section.trim()) || section === '@') return general(v);
  const s = section.replace(/\[[^\]]*\]/g, '');
  if (/[ymdhs]/i.test(s.replace(/"[^"]*"/g, ''))) return formatDate(v, s);
  return formatNumber(n, s, v < 0 && sections.length < 2);
}

function splitSections(f: string): string[] {
  const out: string[] = [];
  let cur = '', q = false;
  for (const ch of f) {
    if (ch === '"') q = !q;
    if (ch === ';' && !q) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** General: up to 11 significant characters like Excel's default column. */
export function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    return n.toExponential(5).replace(/\.?0+e/, 'E').replace('E+', 'E+').replace(/E(-?)(\d)$/, 'E$10$2').replace(/e/, 'E');
  }
  const intDigits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 1;
  const decimals = Math.max(0, 10 - intDigits);
  return String(Number(n.toFixed(decimals)));
}

function formatNumber(n: number, fmt: string, neg: boolean): string {
  let prefix = '', suffix = '', core = '';
  // Separate literal text ("…" or \x) from the digit pattern.
  const m = /^((?:"[^"]*"|\\.|[^0#?.,%])*)([0#?,.]+%?)(.*)$/s.exec(fmt);
  if (!m) return general(n);
  prefix = literal(m[1]);
  core = m[2];
  suffix = literal(m[3]);
  let x = Math.abs(n);
  const percent = core.endsWith('%') || suffix.includes('%');
  if (percent) x *= 100;
  const pattern = core.replace('%', '');
  const [intPart, decPart = ''] = pattern.split('.');
  const decimals = (decPart.match(/[0#?]/g) ?? []).length;
  const minDec = (decPart.match(/0/g) ?? []).length;
  let s = roundHalfAway(x, decimals).toFixed(decimals);
  if (decimals > minDec) {
    // Trailing '#' digits are optional.
    const [i, dRaw] = s.split('.');
    let d = dRaw;
    d = d.replace(/0+$/, '');
    while (d.length < minDec) d += '0';
    s = d ? `${i}.${d}` : i;
    if (!d && pattern.includes('.')) s = `${i}.`;
  }
  const [ipRaw, dp] = s.split('.');
  let ip = ipRaw;
  const minInt = (intPart.match(/0/g) ?? []).length;
  if (ip === '0' && minInt === 0) ip = '';
  while (ip.length < minInt) ip = '0' + ip;
  if (intPart.includes(',')) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = dp !== undefined ? `${ip}.${dp}` : ip;
  const sign = neg && Number(body.replace(/,/g, '')) !== 0 ? '-' : '';
  return `${sign}${prefix}${body}${core.endsWith('%') ? '%' : ''}${suffix}`;
}

function literal(s: string): string {
  return s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1').replace(/_./g, ' ').replace(/\*./g, '');
}

function roundHalfAway(x: number, d: number): number {
  const f = Math.pow(10, d);
  return Math.round(Number((x * f).toPrecision(15))) / f;
}

/** Excel serial (1900 system) → calendar parts. */
export function serialToDate(serial: number): { y: number; m: number; d: number; hh: number; mi: number; ss: number } {
  const days = Math.floor(serial);
  const ms = Math.round((serial - days) * 86400000);
  const base = Date.UTC(1899, 11, 30);
  const dt = new Date(base + days * 86400000 + ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(), hh: dt.getUTCHours(), mi: dt.getUTCMinutes(), ss: dt.getUTCSeconds() };
}

export function dateToSerial(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
}

function formatDate(serial: number, fmt: string): string {
  const p = serialToDate(serial);
  let out = '';
  let i = 0;
  const tokens = fmt;
  let lastWasHour = false;
  while (i < tokens.length) {
    const ch = tokens[i];
    if (ch === '"') {
      const j = tokens.indexOf('"', i + 1);
      out += tokens.slice(i + 1, j < 0 ? undefined : j);
      i = j < 0 ? tokens.length : j + 1;
      continue;
    }
    if (ch === '\\') { out += tokens[i + 1] ?? ''; i += 2; continue; }
    const run = /^(y+|m+|d+|h+|s+)/i.exec(tokens.slice(i));
    if (run) {
      const t = run[1].toLowerCase();
      const len = t.length;
      if (t[0] === 'y') out += len <= 2 ? String(p.y % 100).padStart(2, '0') : String(p.y);
      else if (t[0] === 'm') {
        const isMinute = lastWasHour || /^m+:?s/i.test(tokens.slice(i).replace(/^m+:/i, 'm:'));
        if (isMinute && len <= 2) out += len === 2 ? String(p.mi).padStart(2, '0') : String(p.mi);
        else out += len === 2 ? String(p.m).padStart(2, '0') : String(p.m);
      } else if (t[0] === 'd') out += len === 2 ? String(p.d).padStart(2, '0') : String(p.d);
      else if (t[0] === 'h') out += len === 2 ? String(p.hh).padStart(2, '0') : String(p.hh);
      else out += len === 2 ? String(p.ss).padStart(2, '0') : String(p.ss);
      lastWasHour = t[0] === 'h';
      i += len;
      continue;
    }
    if (ch !== ':') lastWasHour = lastWasHour && ch === ' ' ? false : lastWasHour;
    out += ch;
    i++;
  }
  return out;
}

/** What Excel stores when a string is typed into a non-text cell: a number, a boolean, a date, or the string. */
export function parseInput(s: string): { value: number | boolean | string; format?: string } {
  const t = s.trim();
  if (t === '') return { value: s };
  if (/^[+-]?(\d+(,\d{3})*|\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t) && /\d/.test(t)) {
    return { value: Number(t.replace(/,/g, '')) };
  }
  const pct = /^([+-]?\d+(\.\d+)?)%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, format: '0%' };
  const up = t.toUpperCase();
  if (up === 'TRUE' || up === 'FALSE') return { value: up === 'TRUE' };
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (iso) {
    const y = +iso[1], m = +iso[2], d = +iso[3];
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return { value: dateToSerial(y, m, d), format: 'yyyy-mm-dd' };
  }
  return { value: s };
}

/**
 * Roster import, the pure part (SPEC §3.2): a hand-made sheet's grid → members and a report of what was taken
 * and skipped; then a merge of those members into the existing kp_Roster rows. No Excel here: the command in
 * importRoster.ts reads the grid and writes the result.
 */
import { idKey, isBlank, normalizeId, normalizeName, trimAll } from './parse';
import type { Language, Problem, RawCell } from './types';
import { cellAddress } from './parse';
import { importText } from './texts/sheets';

export type RosterField = '编号' | '姓名' | '党小组' | '类别' | '免评' | '备注';

/** Header synonyms by meaning, most specific first. 序号 is only a row number: it names new members' 编号 at best. */
const SYNONYMS: { field: RosterField | '序号'; names: string[] }[] = [
  { field: '编号', names: ['党员编号', '编号', '工号', '人员编号'] },
  { field: '序号', names: ['序号', '序', 'NO', 'NO.'] },
  { field: '姓名', names: ['姓名', '党员姓名', '名字', '党员'] },
  { field: '党小组', names: ['党小组', '所在党小组', '所属党小组', '小组', '党小组名称', '所在小组'] },
  { field: '类别', names: ['类别', '人员类别', '党员类别', '分类', '党员分类'] },
  { field: '免评', names: ['免评', '免于考评', '是否免评'] },
  { field: '备注', names: ['备注', '说明'] },
];

/** Header text reduced to its meaning: no spaces or line breaks, no "(10分)" suffix. */
export function headerKey(raw: RawCell): string {
  if (raw === null || raw === undefined) return '';
  return String(raw)
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .toUpperCase();
}

function fieldOf(key: string): RosterField | '序号' | null {
  if (key === '') return null;
  for (const s of SYNONYMS) if (s.names.includes(key)) return s.field;
  return null;
}

const TOTAL = /^(合计|小计|总计|共计)/;
const GROUP = /(党小组|小组|支部|组)$/;

export interface ImportedMember {
  /** 编号 from the source ('' when none). */
  id: string;
  /** Where the 编号 came from: a real 编号 column, a 序号 column, or none. */
  idFrom: 'id' | 'sequence' | 'none';
  name: string;
  group: string;
  category: string;
  exempt: string;
  note: string;
  /** 1-based worksheet row. */
  sourceRow: number;
}

export interface ParsedRoster {
  sheet: string;
  headerRow: number;
  mapping: { source: string; target: string }[];
  members: ImportedMember[];
  skipped: { row: number; reason: string }[];
  problems: Problem[];
}

export interface GridSource {
  sheet: string;
  /** The used range's values. */
  values: RawCell[][];
  /** 1-based worksheet row of values[0]. */
  firstRow: number;
  /** 0-based worksheet column of values[0][0]. */
  firstColumn: number;
}

function text(v: RawCell | undefined): string {
  return v === null || v === undefined ? '' : trimAll(String(v));
}

function distinctTexts(row: RawCell[]): string[] {
  const seen = new Set<string>();
  for (const v of row) {
    const t = text(v);
    if (t !== '') seen.add(t);
  }
  return [...seen];
}

/**
 * What is examined of one cell's text (header search, matching, trimming): a roster cell holds a name, a group, a
 * note — never thousands of characters. Without a cap, one long shared string repeated in every cell of a small
 * file costs minutes (its text adds up to gigabytes).
 */
export const CELL_TEXT_CAP = 1000;
/** Longer than any person's name (with its ethnic or transliterated forms). */
export const NAME_CAP = 64;

/** The grid with every text cut to CELL_TEXT_CAP characters, and how many were cut. */
function capGrid(values: RawCell[][]): { grid: RawCell[][]; clipped: number } {
  let clipped = 0;
  const grid = values.map((row) => {
    if (!row.some((v) => typeof v === 'string' && v.length > CELL_TEXT_CAP)) return row;
    return row.map((v) => {
      if (typeof v !== 'string' || v.length <= CELL_TEXT_CAP) return v;
      clipped++;
      return v.slice(0, CELL_TEXT_CAP);
    });
  });
  return { grid, clipped };
}

/** Finds the header row (the first with a cell meaning 姓名) and reads the rows under it. */
export function parseRosterGrid(src: GridSource, lang: Language = 'zh-CN'): ParsedRoster {
  const T = importText(lang);
  const out: ParsedRoster = { sheet: src.sheet, headerRow: 0, mapping: [], members: [], skipped: [], problems: [] };
  const { grid, clipped } = capGrid(src.values);
  if (clipped > 0) out.problems.push({ severity: 'warning', sheet: src.sheet, cell: '', code: 'text_clipped', message: T.textClipped(src.sheet, clipped, CELL_TEXT_CAP) });
  const headerIdx = grid.findIndex((row) => row.some((v) => fieldOf(headerKey(v)) === '姓名'));
  if (headerIdx < 0) {
    out.problems.push({
      severity: 'error',
      sheet: src.sheet,
      cell: '',
      code: 'missing_column',
      message: T.noNameHeader(src.sheet),
    });
    return out;
  }
  out.headerRow = src.firstRow + headerIdx;
  const width = Math.max(...grid.map((r) => r.length));
  const top = grid[headerIdx];
  // A two-line header: the next row has no name, only texts that are not numbers, and is not a group heading.
  let bodyStart = headerIdx + 1;
  let second: RawCell[] | null = null;
  const next = grid[headerIdx + 1];
  const nameColGuess = top.findIndex((v) => fieldOf(headerKey(v)) === '姓名');
  if (next && isBlank(next[nameColGuess])) {
    const texts = distinctTexts(next);
    const allText = next.every((v) => isBlank(v) || (typeof v === 'string' && !/^[\d.\s]+$/.test(v)));
    if (texts.length >= 2 && allText && !texts.some((t) => TOTAL.test(t))) {
      second = next;
      bodyStart = headerIdx + 2;
    }
  }
  const columns: Partial<Record<RosterField | '序号', number>> = {};
  for (let c = 0; c < width; c++) {
    const candidates = [second ? second[c] : null, top[c]];
    for (const cand of candidates) {
      const f = fieldOf(headerKey(cand ?? ''));
      if (f && columns[f] === undefined) {
        columns[f] = c;
        out.mapping.push({ source: text(cand), target: f === '序号' ? '编号' : f });
        break;
      }
    }
  }
  // A real 编号 column wins over 序号.
  if (columns['编号'] !== undefined && columns['序号'] !== undefined) {
    out.mapping = out.mapping.filter((m) => !(m.target === '编号' && fieldOf(headerKey(m.source)) === '序号'));
  }
  const nameCol = columns['姓名'] as number;
  const idCol = columns['编号'] ?? columns['序号'];
  const idFrom: ImportedMember['idFrom'] = columns['编号'] !== undefined ? 'id' : columns['序号'] !== undefined ? 'sequence' : 'none';
  const at = (row: RawCell[], f: RosterField | '序号') => {
    const c = columns[f];
    return c === undefined ? '' : text(row[c]);
  };
  let currentGroup = '';
  for (let i = bodyStart; i < grid.length; i++) {
    const row = grid[i] ?? [];
    const row1 = src.firstRow + i;
    const texts = distinctTexts(row);
    if (texts.length === 0) {
      out.skipped.push({ row: row1, reason: T.blankRow });
      continue;
    }
    if (typeof row[nameCol] === 'string' && (row[nameCol] as string).length > NAME_CAP * 2) {
      out.skipped.push({ row: row1, reason: T.nameTooLong(NAME_CAP) });
      continue;
    }
    const name = normalizeName(row[nameCol]);
    if (name.length > NAME_CAP) {
      out.skipped.push({ row: row1, reason: T.nameTooLong(NAME_CAP) });
      continue;
    }
    // A total row starts with 合计/小计/总计 (e.g. "合计 | 共12人") or has it in the name column.
    if (TOTAL.test(texts[0].replace(/[\s\u3000]+/g, '')) || TOTAL.test(name.replace(/\s+/g, ''))) {
      out.skipped.push({ row: row1, reason: T.totalRow });
      continue;
    }
    if (name === '') {
      if (texts.length === 1 && GROUP.test(texts[0]) && texts[0].length <= 20) {
        currentGroup = texts[0];
        out.skipped.push({ row: row1, reason: T.groupRow(texts[0]) });
      } else {
        out.skipped.push({ row: row1, reason: T.noName });
      }
      continue;
    }
    if (texts.length === 1 && GROUP.test(texts[0]) && name === texts[0]) {
      // A merged group heading that spans the name column too.
      currentGroup = texts[0];
      out.skipped.push({ row: row1, reason: T.groupRow(texts[0]) });
      continue;
    }
    let id = idCol === undefined ? '' : normalizeId(row[idCol]);
    if (idFrom === 'sequence' && id !== '' && !/^\d+$/.test(id)) id = '';
    const group = normalizeName(at(row, '党小组')) || currentGroup;
    out.members.push({
      id,
      idFrom: id === '' ? 'none' : idFrom,
      name,
      group,
      category: normalizeName(at(row, '类别')),
      exempt: at(row, '免评'),
      note: at(row, '备注'),
      sourceRow: row1,
    });
    if (name !== String(row[nameCol])) {
      out.problems.push({
        severity: 'warning',
        sheet: src.sheet,
        cell: cellAddress(row1, src.firstColumn + nameCol),
        code: 'name_mismatch',
        message: T.nameNormalised(src.sheet, cellAddress(row1, src.firstColumn + nameCol), String(row[nameCol]), name),
      });
    }
  }
  // Duplicate names are kept as two people, and said so.
  const byName = new Map<string, ImportedMember[]>();
  for (const m of out.members) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  for (const [name, list] of byName) {
    if (list.length > 1) {
      out.problems.push({
        severity: 'warning',
        sheet: src.sheet,
        cell: cellAddress(list[1].sourceRow, src.firstColumn + nameCol),
        code: 'roster_duplicate_id',
        message: T.duplicateName(name, list.map((m) => m.sourceRow)),
      });
    }
  }
  return out;
}

/** One kp_Roster row: 编号, 姓名, 党小组, 类别, 免评, 备注 (as text). */
export interface RosterRow {
  id: string;
  name: string;
  group: string;
  category: string;
  exempt: string;
  note: string;
}

export interface MergeResult {
  /** Existing rows (same order, possibly updated), then the new ones. */
  rows: RosterRow[];
  /** Indexes into rows of existing rows that changed. */
  updatedIndexes: number[];
  added: number;
  updated: number;
  unchanged: number;
  /** The imported members with their final 编号. */
  members: (ImportedMember & { assignedId: string })[];
}

/** Width of zero-padding the existing 编号 use ("001" → 3); at least 3. */
function padWidth(ids: string[]): number {
  let w = 3;
  for (const id of ids) if (/^0\d+$/.test(id)) w = Math.max(w, id.length);
  return w;
}

/**
 * Merges imported members into the roster: by 编号 when the source has a real 编号 column, else by name (in order,
 * so two 张三 stay two people). Existing rows are never dropped; a source blank never erases a roster value.
 */
export function mergeRoster(existing: RosterRow[], parsed: ParsedRoster, defaultCategory: string): MergeResult {
  const rows = existing.map((r) => ({ ...r }));
  const used = new Set<number>();
  const taken = new Set(rows.map((r) => idKey(r.id)).filter((k) => k !== ''));
  const width = padWidth(rows.map((r) => r.id));
  let nextNumber = 1;
  const nextFree = () => {
    while (taken.has(String(nextNumber))) nextNumber++;
    const id = String(nextNumber).padStart(width, '0');
    taken.add(idKey(id));
    return id;
  };
  const updated = new Set<number>();
  let added = 0;
  let unchanged = 0;
  const members: MergeResult['members'] = [];
  const pending: { m: ImportedMember; row: RosterRow }[] = [];
  for (const m of parsed.members) {
    let idx = -1;
    if (m.idFrom === 'id') idx = rows.findIndex((r, i) => i < existing.length && !used.has(i) && idKey(r.id) === idKey(m.id));
    else idx = rows.findIndex((r, i) => i < existing.length && !used.has(i) && normalizeName(r.name) === m.name);
    if (idx >= 0) {
      used.add(idx);
      const r = rows[idx];
      const before = JSON.stringify(r);
      if (m.name && m.idFrom === 'id') r.name = m.name;
      if (m.group) r.group = m.group;
      if (m.category) r.category = m.category;
      if (m.exempt) r.exempt = m.exempt;
      if (m.note) r.note = m.note;
      if (JSON.stringify(r) !== before) updated.add(idx);
      else unchanged++;
      members.push({ ...m, assignedId: r.id });
      continue;
    }
    const row: RosterRow = {
      id: '',
      name: m.name,
      group: m.group,
      category: m.category || defaultCategory,
      exempt: m.exempt,
      note: m.note,
    };
    pending.push({ m, row });
  }
  // Source 编号 first (padded like the roster when they are plain numbers), then the next free ones.
  for (const p of pending) {
    if (p.m.id !== '' && !taken.has(idKey(p.m.id))) {
      p.row.id = /^\d+$/.test(p.m.id) ? p.m.id.padStart(width, '0') : p.m.id;
      taken.add(idKey(p.row.id));
    }
  }
  for (const p of pending) {
    if (p.row.id === '') p.row.id = nextFree();
    rows.push(p.row);
    added++;
    members.push({ ...p.m, assignedId: p.row.id });
  }
  members.sort((a, b) => a.sourceRow - b.sourceRow);
  return { rows, updatedIndexes: [...updated].sort((a, b) => a - b), added, updated: updated.size, unchanged, members };
}

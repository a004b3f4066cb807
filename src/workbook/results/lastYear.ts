/**
 * Year over year: last year's final scores, from the values-only sheet new year archived them to
 * ("2025年考评结果": header row with 党员编号 and 最终得分). One more sync, and only when that sheet exists.
 */
import { idKey, isBlank, normalizeId } from '../../domain/parse';
import type { RawCell } from '../../domain/types';

/** The archive sheet new year makes for a year's results. */
export function archiveSheetName(year: number): string {
  return `${year}年考评结果`;
}

export interface LastYear {
  sheet: string;
  /** idKey(编号) → last year's final score (null: no final, e.g. exempt or incomplete). */
  finals: Map<string, number | null>;
}

/** Parses an archived results grid: the first row with 党员编号 and 最终得分 is the header. */
export function parseArchive(sheet: string, values: RawCell[][]): LastYear | null {
  const norm = (v: RawCell) => String(v ?? '').replace(/\s+/g, '');
  const h = values.findIndex((r) => r.some((v) => norm(v) === '党员编号') && r.some((v) => norm(v) === '最终得分'));
  if (h < 0) return null;
  const cId = values[h].findIndex((v) => norm(v) === '党员编号');
  const cFinal = values[h].findIndex((v) => norm(v) === '最终得分');
  const finals = new Map<string, number | null>();
  for (const r of values.slice(h + 1)) {
    if (isBlank(r[cId])) continue;
    const key = idKey(normalizeId(r[cId]));
    if (finals.has(key)) continue;
    const v = r[cFinal];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
    finals.set(key, n === null ? null : Math.round(n * 100) / 100);
  }
  return { sheet, finals };
}

/**
 * Reads last year's archive when the workbook has it (`names`: the sheet names already read): one sync then,
 * none otherwise.
 */
export async function readLastYear(context: Excel.RequestContext, names: readonly string[], year: number): Promise<LastYear | null> {
  const name = archiveSheetName(year - 1);
  if (!names.includes(name)) return null;
  const range = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
  range.load('values');
  await context.sync();
  if (range.isNullObject) return null;
  return parseArchive(name, range.values as RawCell[][]);
}

/** Change from last year in cents-exact arithmetic (null when either score is missing). */
export function change(final: number | null, last: number | null | undefined): number | null {
  if (final === null || last === null || last === undefined) return null;
  return Math.round(final * 100 - last * 100) / 100;
}

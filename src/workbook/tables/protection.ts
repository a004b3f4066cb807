/**
 * Protected sheets (审阅 → 保护工作表). Saving sets number formats and adds table rows, which a protected sheet
 * refuses ("protection options do not apply inside tables"), and a batch is not a transaction: half a save
 * could be applied. So a command that would write to a protected sheet writes nothing and says which sheet to
 * unprotect (we never handle passwords). Check and compute still run; they only skip the problem-cell fills on
 * protected sheets and say so. The sheets' protection is read in the same sync as the tables (readTables).
 */
import type { Language } from '../../domain/types';
import { tableName, type ReadKey, type TablesRead } from './readTables';
import { texts } from '../../domain/texts/sheets';

/** A command refused because a sheet it must write to is protected. */
export class SheetProtectedError extends Error {
  readonly code = 'SheetProtected';
  constructor(readonly sheet: string, lang: Language) {
    super(texts(lang).sheetProtected(sheet));
    this.name = 'SheetProtectedError';
  }
}

/** The protected sheets among the existing tables of `keys`, in order, without repeats. */
export function protectedSheets(read: TablesRead, keys: readonly ReadKey[]): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const t = read[k];
    if (t.exists && t.protected && !out.includes(t.sheet)) out.push(t.sheet);
  }
  return out;
}

/** Throws SheetProtectedError for the first protected sheet among the tables of `keys` (before anything is synced). */
export function refuseProtected(read: TablesRead, keys: readonly ReadKey[], lang: Language): void {
  const first = protectedSheets(read, keys)[0];
  if (first !== undefined) throw new SheetProtectedError(first, lang);
}

/**
 * Queues, for a read sync, whether the sheets of the given tables are protected, without reading the tables.
 * After the sync the returned function gives the protected sheets' names (missing tables are skipped).
 */
export function queueProtection(context: Excel.RequestContext, keys: readonly ReadKey[]): () => string[] {
  const pending = keys.map((k) => {
    const table = context.workbook.tables.getItemOrNullObject(tableName(k));
    // A navigation property is a proxy, not a read.
    // eslint-disable-next-line office-addins/call-sync-before-read
    const sheet = table.worksheet;
    sheet.load('name');
    sheet.protection.load('protected');
    return { table, sheet };
  });
  return () => pending.filter((p) => !p.table.isNullObject && p.sheet.protection.protected === true).map((p) => p.sheet.name);
}

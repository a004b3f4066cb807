/**
 * Filtered tables before a write. Clearing a table's filter in the same batch as the write is unsafe (office-js
 * issue 468: the filter often stays; 224: values written over a filtered range land in the wrong rows). So: clear,
 * sync, read autoFilter.isDataFiltered again, and only then queue the write. One more sync, only when a table
 * that will be written was filtered. A filter that stays is refused with the sheet's name (nothing written).
 */
import type { Language } from '../../domain/types';
import type { TableRead } from './readTables';
import { texts } from '../../domain/texts/sheets';

/**
 * Clears the filters of the tables about to be written (the ones read as filtered), syncs once and checks they
 * are gone. Marks each cleared table read as unfiltered (queueUpsert refuses a table still marked filtered).
 * Returns the notes for the report ("已清除工作表…的筛选").
 */
export async function clearFiltersFirst(context: Excel.RequestContext, tables: readonly TableRead[], lang: Language): Promise<string[]> {
  const filtered = tables.filter((t, i) => t.exists && t.filtered === true && tables.indexOf(t) === i);
  if (filtered.length === 0) return [];
  for (const t of filtered) {
    t.table.clearFilters();
    t.table.autoFilter.load('isDataFiltered');
  }
  await context.sync();
  const stays = filtered.filter((t) => t.table.autoFilter.isDataFiltered !== false);
  if (stays.length > 0) throw new Error(texts(lang).filterStays(stays.map((t) => t.sheet).join('、')));
  for (const t of filtered) t.filtered = false;
  return filtered.map((t) => texts(lang).filterCleared(t.sheet));
}

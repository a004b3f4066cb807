/**
 * Rows typed directly below a kp_ table that did not grow (WPS, LibreOffice and scripts do not extend a table
 * when one writes under it). readTables reads them as part of the table (up to the first blank row) and the
 * domain warns about them; a command that writes into such a table first extends the table over them (nothing
 * moves: the rows stay where they are), so its row arithmetic and rows.add stay right.
 */
import { blockAddress } from './a1';
import { outsideCount, type TableRead } from './readTables';

/**
 * Queues the resize of the table over its outside rows and updates `t` to match (bodyRows covers them, no
 * outside rows left). Returns the adopted rows as { first (1-based sheet row), count }, or null when none.
 */
export function queueAdoptOutsideRows(context: Excel.RequestContext, t: TableRead): { first: number; count: number } | null {
  const count = outsideCount(t);
  if (!t.exists || count === 0) return null;
  const first = t.firstRow + (t.outsideFrom as number);
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  t.table.resize(sheet.getRange(blockAddress(t.firstRow - 1, t.firstColumn, t.rows.length + 1, t.headers.length)));
  t.bodyRows = t.rows.length;
  t.outsideFrom = undefined;
  return { first, count };
}

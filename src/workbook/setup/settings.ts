/**
 * Settings view and save for the task pane: kp_Settings rows by key, the rubric per category; saving checks the
 * new values with the domain first and writes only when they are valid (one read, one write).
 */
import { SETTING_ITEMS, languageCell, parseSettings, type SettingKey } from '../../domain/settings';
import type { Problem, RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import type { SettingsView } from '../commandTypes';
import { currentModel } from '../tables/model';
import { col, readTables, type TablesRead } from '../tables/readTables';
import { queueAdoptOutsideRows } from '../tables/outside';
import { refuseProtected } from '../tables/protection';
import { pendingMark } from '../tables/pending';
import { queueBeginWrites, queueEndWrites } from '../tables/state';
import { isEmptyBody, queueAppendRows } from '../tables/tableWrite';
import { queueReadRemembered, rememberedStatus } from '../scheme/template';

function labelKey(s: RawCell): string {
  return String(s ?? '').replace(/\s+/g, '');
}

export function buildSettingsView(read: TablesRead): SettingsView {
  const { rubric } = currentModel(read);
  const t = read.settings;
  const cItem = col(t, '项目');
  const cValue = col(t, '值');
  const items: SettingsView['items'] = [];
  for (const item of SETTING_ITEMS) {
    const row = t.rows.find((r) => labelKey(r[cItem]) === item.label || labelKey(r[cItem]) === labelKey(item.labelEn));
    items.push({ key: item.key, label: item.label, value: row ? (row[cValue] ?? null) : null });
  }
  return {
    items,
    rubric: rubric.categories.map((c) => ({
      category: c.category,
      dimensions: c.dimensions.map((d) => ({ name: d.name, points: d.points, text: d.text })),
    })),
  };
}

export async function getSettings(context: Excel.RequestContext): Promise<SettingsView> {
  const { read, extra } = await readTables(context, ['settings', 'rubric'], () => queueReadRemembered(context));
  return { ...buildSettingsView(read), scheme: rememberedStatus(read, extra()) };
}

/** Saves settings by key. Returns the problems of the new values; nothing is written when there is an error. */
export async function saveSettings(
  context: Excel.RequestContext,
  values: Record<string, string | number | boolean | null>,
): Promise<Problem[]> {
  const { read } = await readTables(context, ['settings', 'rubric', 'state']);
  const t = read.settings;
  const cItem = col(t, '项目');
  const cValue = col(t, '值');
  if (!t.exists || cItem < 0 || cValue < 0) throw new Error('没有找到“考评参数”表，请先安装考评表。');
  const { settings } = currentModel(read);
  const rows = t.rows.map((r) => r.slice());
  const appended: RawCell[][] = [];
  for (const [key, value] of Object.entries(values)) {
    const item = SETTING_ITEMS.find((i) => i.key === (key as SettingKey));
    if (!item) continue;
    // The language as a person reads it (中文, English), whatever code the pane passes.
    const cell: RawCell = item.kind === 'language' ? languageCell(value) : typeof value === 'boolean' ? (value ? '是' : '否') : value;
    const i = rows.findIndex((r) => labelKey(r[cItem]) === item.label || labelKey(r[cItem]) === labelKey(item.labelEn));
    if (i >= 0) rows[i][cValue] = cell;
    else {
      const r: RawCell[] = t.headers.map(() => null);
      r[cItem] = item.label;
      r[cValue] = cell;
      appended.push(r);
    }
  }
  const problems = parseSettings({ ...t, rows: [...rows, ...appended] }, settings.language).problems;
  if (problems.some((p) => p.severity === 'error')) return problems;
  refuseProtected(read, ['settings'], settings.language);
  const leave = queueBeginWrites(context, read.state, pendingMark('saveSettings', 'settings'));
  // Rows typed below the table are part of it from now on (appending after them keeps the row arithmetic).
  queueAdoptOutsideRows(context, t);
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  rows.forEach((r, i) => {
    if (r[cValue] === t.rows[i][cValue]) return;
    const cell = sheet.getRange(blockAddress(t.firstRow + i, t.firstColumn + cValue, 1, 1));
    cell.numberFormat = [[typeof r[cValue] === 'number' ? 'General' : '@']];
    cell.values = [[r[cValue] === null ? '' : (r[cValue] as string | number | boolean)]];
  });
  queueAppendRows(sheet, t.table, { firstRow: t.firstRow, firstColumn: t.firstColumn, bodyRows: t.bodyRows, width: t.headers.length, emptyBody: isEmptyBody(t.rows) }, appended, new Set([cItem, cValue]));
  queueEndWrites(context, read.state, leave);
  await context.sync();
  return problems;
}

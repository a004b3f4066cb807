/**
 * The committee's scheme file (统一方案): a small workbook holding kp_Settings (every setting, the branch-own ones
 * blank) and kp_Rubric exactly as install makes them, and a 统一方案 sheet naming the year and the fingerprint.
 * A branch workbook made from it (init --template) starts from those two tables: install builds everything else
 * from them, as it does in any workbook that already has them.
 */
import { COLUMNS, SHEETS, TABLES } from '../../domain/contract';
import { importText } from '../../domain/texts/sheets';
import { schemeDifferences, schemeFingerprint, schemeFromText, schemeOf, schemeText } from '../../domain/rollup';
import type { RawCell } from '../../domain/types';
import { rubricToRows, type Rubric } from '../../domain/rubric';
import { settingsToRows, type Settings } from '../../domain/settings';
import { currentModel } from '../tables/model';
import { readTables, type TablesRead } from '../tables/readTables';
import { queueLine } from '../tables/printLayout';
import { queueNewTable } from '../tables/tableWrite';

export const SCHEME_SHEET = '统一方案';
export const SCHEME_TABLE = 'kp_Scheme';

/** The settings and rubric of the open workbook (one sync). */
export async function readSchemeSource(context: Excel.RequestContext): Promise<{ settings: Settings; rubric: Rubric; found: boolean }> {
  const { read } = await readTables(context, ['settings', 'rubric']);
  const { settings, rubric } = currentModel(read);
  return { settings, rubric, found: read.settings.exists && read.rubric.exists };
}

/** What a branch sets for itself: blank in the scheme file. */
export function schemeSettings(s: Settings, branch = ''): Settings {
  return { ...s, branch, postingStart: '', postingEnd: '', phone: '' };
}

/**
 * Writes kp_Settings and kp_Rubric into a new workbook (its one empty sheet becomes 考评参数) and, for the
 * scheme file, the 统一方案 sheet. One sync after the sheet list is read.
 */
export async function writeSchemeTables(
  context: Excel.RequestContext,
  settings: Settings,
  rubric: Rubric,
  opts: { note: boolean },
): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const scheme = schemeOf(settings, rubric);
  const fp = schemeFingerprint(scheme);
  // What the scheme fixed, remembered in the workbook (the branch's workbook on a hidden sheet): 设置 and the
  // roll-up compare against it.
  const remembered: RawCell[][] = [['年度', settings.year], ['方案指纹', fp], ['方案内容', schemeText(scheme)]];
  const first = sheets.items[0];
  first.name = SHEETS.settings;
  queueNewTable(first, { name: TABLES.settings, headers: [...COLUMNS.settings], rows: settingsToRows(settings), textCols: new Set([0]) });
  const rs = sheets.add(SHEETS.rubric);
  queueNewTable(rs, { name: TABLES.rubric, headers: [...COLUMNS.rubric], rows: rubricToRows(rubric), textCols: new Set([0, 1, 2, 4]) });
  if (opts.note) {
    const ns = sheets.add(SCHEME_SHEET);
    const T = importText(settings.language);
    queueLine(ns, 1, 4, T.schemeTitle(settings.year), { bold: true, size: 16, height: 30 });
    queueLine(ns, 2, 4, T.schemeIntro, { wrap: true, height: 36 });
    queueLine(ns, 3, 4, T.schemeContents, { wrap: true, height: 36 });
    queueNewTable(ns, { name: SCHEME_TABLE, headers: ['项目', '值'], rows: remembered, textCols: new Set([0, 1]), headerRow: 5 });
    ns.getRange('A:A').format.columnWidth = 90;
    ns.getRange('B:B').format.columnWidth = 160;
    ns.activate();
  } else {
    const hs = sheets.add(SCHEME_SHEET);
    queueNewTable(hs, { name: SCHEME_TABLE, headers: ['项目', '值'], rows: remembered, textCols: new Set([0, 1]) });
    hs.visibility = 'Hidden';
  }
  await context.sync();
  return fp;
}

/** Queues the read of kp_Scheme; after the sync, the remembered scheme and its fingerprint (null: none). */
export function queueReadRemembered(context: Excel.RequestContext): () => { fingerprint: string; scheme: ReturnType<typeof schemeFromText> } | null {
  const t = context.workbook.tables.getItemOrNullObject(SCHEME_TABLE);
  t.load('name');
  const body = t.getDataBodyRange();
  body.load('values');
  // Read by the caller after its one sync.
  return () => {
    /* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
    if (t.isNullObject) return null;
    const rows = body.values as RawCell[][];
    /* eslint-enable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
    const value = (k: string) => String(rows.find((r) => String(r[0]).trim() === k)?.[1] ?? '');
    const fingerprint = value('方案指纹');
    return fingerprint ? { fingerprint, scheme: schemeFromText(value('方案内容')) } : null;
  };
}

/** The scheme the workbook follows and which of its fixed settings or rubric items the branch changed since. */
export async function schemeStatus(context: Excel.RequestContext): Promise<{ fingerprint: string; differs: string[] } | null> {
  const { read, extra } = await readTables(context, ['settings', 'rubric'], () => queueReadRemembered(context));
  return rememberedStatus(read, extra());
}

export function rememberedStatus(read: TablesRead, remembered: ReturnType<ReturnType<typeof queueReadRemembered>>): { fingerprint: string; differs: string[] } | null {
  if (!remembered) return null;
  const { settings, rubric } = currentModel(read);
  return { fingerprint: remembered.fingerprint, differs: remembered.scheme ? schemeDifferences(remembered.scheme, schemeOf(settings, rubric)) : [] };
}

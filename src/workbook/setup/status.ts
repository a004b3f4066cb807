/**
 * Status of the workbook for the task pane's start view: what is installed, the year, members, forms per
 * round, whether results are stale (entries changed since the last compute). One sync, nothing written.
 */
import { TABLES, type TableKey } from '../../domain/contract';
import { idKey, normalizeId, parseYesNo } from '../../domain/parse';
import { parseRoster } from '../../domain/roster';
import { ROUNDS } from '../../domain/types';
import type { WorkbookStatus } from '../commandTypes';
import { currentModel } from '../tables/model';
import { ALL_KEYS, col, readTables, STATE_SHEET } from '../tables/readTables';
import { fingerprint, parseState } from '../tables/state';
import { currentStale } from '../results/derivedSheets';
import { staleWhy } from '../../domain/derivedSheets';
import { queueReadRemembered, rememberedStatus } from '../scheme/template';
import { ROLLUP_TABLES } from '../rollup/layout';

export async function getStatus(context: Excel.RequestContext): Promise<WorkbookStatus> {
  const sheets = context.workbook.worksheets;
  const { read, extra } = await readTables(context, ALL_KEYS, () => {
    sheets.load('items/name,items/visibility');
    const rollup = context.workbook.tables.getItemOrNullObject(ROLLUP_TABLES.branches);
    rollup.load('name');
    return { remembered: queueReadRemembered(context), rollup };
  });
  const scheme = rememberedStatus(read, extra.remembered());
  const { rubric, settings } = currentModel(read);
  const missingTables = (Object.keys(TABLES) as TableKey[]).filter((k) => !read[k].exists).map((k) => TABLES[k]);
  const roster = parseRoster(read.roster, rubric, settings.language);
  const forms = { self: 0, peer: 0, mass: 0 };
  for (const r of ROUNDS) {
    const t = read[r];
    const c = col(t, '党员编号');
    if (c >= 0) forms[r] = t.rows.filter((row) => normalizeId(row[c] ?? '') !== '').length;
  }
  const state = parseState(read.state);
  // A command that stopped part-way (pending.ts) may have changed inputs or results: not current either.
  const stale = (state.fingerprint !== null && state.fingerprint !== fingerprint(read)) || (state.computedAt !== null && state.pending !== null);
  const t = read.roster;
  const ci = (h: string) => col(t, h);
  const entries = t.rows
    .filter((r) => normalizeId(r[ci('编号')] ?? '') !== '')
    .map((r) => {
      const id = normalizeId(r[ci('编号')] ?? '');
      const m = roster.members[roster.byKey.get(idKey(id)) ?? -1];
      return {
        id,
        name: m ? m.name : String(r[ci('姓名')] ?? ''),
        group: m ? m.group : String(r[ci('党小组')] ?? ''),
        category: m ? m.category.category : String(r[ci('类别')] ?? ''),
        exempt: m ? m.exempt : parseYesNo(r[ci('免评')] ?? '') === true,
      };
    });
  return {
    installed: missingTables.length === 0,
    missingTables,
    year: read.settings.exists ? settings.year : null,
    branch: settings.branch,
    members: entries.length,
    forms,
    resultsStale: stale,
    computedAt: state.computedAt,
    language: settings.language,
    sheets: sheets.items.filter((s) => s.visibility === 'Visible' && s.name !== STATE_SHEET).map((s) => s.name),
    roster: entries,
    staleSheets: currentStale(read, sheets.items.map((s) => s.name)).map((x) => ({ sheet: x.record.sheet, kind: x.record.kind, why: staleWhy(x, settings.language) })),
    ...(scheme ? { scheme } : {}),
    ...(extra.rollup.isNullObject ? {} : { rollup: true }),
  };
}

/** Selects a cell (a problem's address) and shows its sheet. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell || 'A1').select();
  await context.sync();
}

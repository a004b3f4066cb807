/**
 * Applying the committee's scheme to a branch's existing workbook: the settings the scheme fixes and the rubric
 * are made the scheme's, the roster, entries and the branch's own settings (name, posting dates, phone) are kept,
 * and the workbook then remembers the scheme (kp_Scheme). planScheme lists what would change first (one read);
 * applyScheme writes through the pane's own settings and rubric saves (so the entry tables get the rubric's
 * columns and validation exactly as 保存细则 does) and refuses a scheme of another year.
 */
import { SCHEME_KEYS, schemeFingerprint, schemeOf, schemeText, settingLabel } from '../../domain/rollup';
import type { Rubric } from '../../domain/rubric';
import { SETTING_ITEMS, settingsToRows, type Settings } from '../../domain/settings';
import type { RawCell } from '../../domain/types';
import { currentModel } from '../tables/model';
import { readTables, type TablesRead } from '../tables/readTables';
import { pendingCommand, pendingMark, type WritingCommand } from '../tables/pending';
import { queueBeginWrites, queueEndWrites } from '../tables/state';
import { saveRubric } from '../setup/rubric';
import { saveSettings } from '../setup/settings';
import { queueNewTable } from '../tables/tableWrite';
import { SCHEME_SHEET, SCHEME_TABLE } from './template';

export interface SchemeChange {
  /** 项目 of kp_Settings, or "考评细则". */
  item: string;
  from: string;
  to: string;
}

export interface SchemePlan {
  changes: SchemeChange[];
  /** Why the scheme cannot be applied (another year), or null. */
  refused: string | null;
}

/** A setting's value as kp_Settings holds it. */
export function cellOf(settings: Settings, key: string): RawCell {
  const i = SETTING_ITEMS.findIndex((x) => x.key === key);
  return settingsToRows(settings)[i][1];
}

function shown(v: RawCell): string {
  return v === null || v === '' ? '（空）' : String(v);
}

function rubricText(r: Rubric): string {
  return r.categories.map((c) => `${c.category}：${c.dimensions.map((d) => `${d.name}${d.points}`).join('、')}`).join('；');
}

export async function planScheme(context: Excel.RequestContext, src: { settings: Settings; rubric: Rubric }): Promise<SchemePlan> {
  return (await readPlan(context, src)).plan;
}

/** The plan, and which of the two writes an earlier apply left unfinished (its mark still in kp_State). */
async function readPlan(context: Excel.RequestContext, src: { settings: Settings; rubric: Rubric }): Promise<{ plan: SchemePlan; unfinished: WritingCommand | null; read: TablesRead }> {
  const { read } = await readTables(context, ['settings', 'rubric', 'state']);
  return { plan: planOf(read, src), unfinished: pendingCommand(read), read };
}

function planOf(read: TablesRead, src: { settings: Settings; rubric: Rubric }): SchemePlan {
  if (!read.settings.exists || !read.rubric.exists) return { changes: [], refused: '工作簿中没有考评参数表或考评细则表：请先安装考评表。' };
  const { settings, rubric } = currentModel(read);
  if (settings.year !== src.settings.year) {
    return { changes: [], refused: `工作簿是 ${settings.year} 年度，统一方案是 ${src.settings.year} 年度：请先转入新年度，再应用方案。` };
  }
  const changes: SchemeChange[] = [];
  for (const k of SCHEME_KEYS) {
    const from = cellOf(settings, k);
    const to = cellOf(src.settings, k);
    if (String(from ?? '') !== String(to ?? '')) changes.push({ item: settingLabel(k), from: shown(from), to: shown(to) });
  }
  const mine = schemeOf(settings, rubric);
  const theirs = schemeOf(src.settings, src.rubric);
  if (JSON.stringify(mine.rubric) !== JSON.stringify(theirs.rubric)) changes.push({ item: '考评细则', from: rubricText(rubric), to: rubricText(src.rubric) });
  return { changes, refused: null };
}

/** Applies the scheme; returns the plan it carried out (nothing is written when it is refused). */
export async function applyScheme(context: Excel.RequestContext, src: { settings: Settings; rubric: Rubric }): Promise<SchemePlan & { fingerprint: string }> {
  const { plan, unfinished, read } = await readPlan(context, src);
  const fingerprint = schemeFingerprint(schemeOf(src.settings, src.rubric));
  if (plan.refused) return { ...plan, fingerprint };
  // The whole apply (settings, then rubric, then kp_Scheme) is marked as one write: settings and rubric are each
  // marked too, and restore this mark when they finish; kp_Scheme's write clears it. An apply that stops between
  // the two is reported by check (write_interrupted) and completed by applying again.
  const leave = queueBeginWrites(context, read.state, pendingMark('applyScheme', 'settings'), ['saveSettings', 'saveRubric']);
  const values: Record<string, string | number | boolean | null> = {};
  for (const k of SCHEME_KEYS) values[k] = cellOf(src.settings, k) as string | number | boolean | null;
  // A write an interrupted apply left unfinished is run again even when its values are already in place, so that
  // it completes and clears its mark.
  const redo = unfinished === 'applyScheme';
  if (plan.changes.some((c) => c.item !== '考评细则') || unfinished === 'saveSettings' || redo) {
    const problems = await saveSettings(context, values);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) return { changes: [], refused: errors.map((p) => p.message).join('；'), fingerprint };
  }
  if (plan.changes.some((c) => c.item === '考评细则') || unfinished === 'saveRubric' || redo) {
    const r = await saveRubric(context, src.rubric);
    if (!r.written) return { changes: plan.changes.filter((c) => c.item !== '考评细则'), refused: r.problems.map((p) => p.message).join('；') || '考评细则未能保存。', fingerprint };
  }
  await remember(context, src.settings.year, fingerprint, schemeText(schemeOf(src.settings, src.rubric)), () => queueEndWrites(context, read.state, leave));
  return { ...plan, fingerprint };
}

/** kp_Scheme made or rewritten with the scheme applied (two syncs: find it, write it). */
export async function remember(context: Excel.RequestContext, year: number, fingerprint: string, text: string, last: () => void): Promise<void> {
  const rows: RawCell[][] = [['年度', year], ['方案指纹', fingerprint], ['方案内容', text]];
  const t = context.workbook.tables.getItemOrNullObject(SCHEME_TABLE);
  t.load('name');
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await context.sync();
  if (t.isNullObject) {
    // A 统一方案 sheet without kp_Scheme that is hidden (made hidden first thing) or empty is one an apply stopped
    // in: it is made again. A visible sheet of that name with anything in it is the user's, left alone (a free
    // variant name is used). One more sync, only when such a sheet is there.
    const same = sheets.items.find((s) => s.name === SCHEME_SHEET);
    let stopped = same !== undefined && same.visibility !== 'Visible';
    if (same && !stopped) {
      const used = same.getUsedRangeOrNullObject(true);
      used.load('address');
      await context.sync();
      stopped = used.isNullObject;
    }
    if (stopped) sheets.getItem(SCHEME_SHEET).delete();
    let name = SCHEME_SHEET;
    if (!stopped) for (let i = 2; sheets.items.some((s) => s.name === name); i++) name = `${SCHEME_SHEET} (${i})`;
    const sheet = sheets.add(name);
    sheet.visibility = 'Hidden';
    queueNewTable(sheet, { name: SCHEME_TABLE, headers: ['项目', '值'], rows, textCols: new Set([0, 1]) });
  } else {
    const cur = t.rows;
    cur.load('count');
    await context.sync();
    if (cur.count < rows.length) t.rows.add(undefined, Array.from({ length: rows.length - cur.count }, () => ['', '']));
    const target = t.getDataBodyRange().getCell(0, 0).getResizedRange(rows.length - 1, 1);
    target.numberFormat = rows.map(() => ['@', '@']);
    target.values = rows;
  }
  last();
  await context.sync();
}

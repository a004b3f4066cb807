/**
 * Save the rubric from the task pane (保存细则): the domain checks it first and nothing is written when it has an
 * error; otherwise kp_Rubric's rows are rewritten in one batch and the install repair runs in the same batch, so
 * the entry tables get a column for every dimension of the union and score validation matches the new points.
 * Entry-table columns are never deleted (a removed dimension's scores stay; evaluate() reports them).
 * Syncs: one read, the rubric write, then install's read and write: 4.
 */
import { SHEETS } from '../../domain/contract';
import { DEFAULT_RUBRIC, parseRubric, rubricToRows, validateRubric, type Rubric } from '../../domain/rubric';
import { normalizeName } from '../../domain/parse';
import { detail, makeProblem } from '../../domain/table';
import type { Settings } from '../../domain/settings';
import type { Language, Problem, RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import { install } from './install';
import { currentModel } from '../tables/model';
import { tableLayouts } from '../tables/layout';
import { queueAdoptOutsideRows } from '../tables/outside';
import { pendingCommand, pendingMark } from '../tables/pending';
import { queueBeginWrites } from '../tables/state';
import { col, readTables, type TableRead } from '../tables/readTables';
import { queueProtection, refuseProtected, SheetProtectedError } from '../tables/protection';
import { isEmptyBody, queueAppendRows, queueWriteRows } from '../tables/tableWrite';

/** kp_Rubric's own columns, in the order rubricToRows writes them. */
const RUBRIC_COLUMNS = ['类别', '序号', '维度', '分值', '目标要求'] as const;
const TEXT_COLUMNS = new Set<string>(['类别', '序号', '维度', '目标要求']);

/**
 * Names trimmed as the domain reads them; a dimension sent without `items` keeps the sub-items (细则) the
 * workbook has for it (the pane edits dimensions only), so saving never drops them silently.
 */
function normalized(rubric: Rubric, current: Rubric): Rubric {
  return {
    categories: rubric.categories.map((c) => {
      const category = normalizeName(c.category);
      const before = current.categories.find((x) => x.category === category);
      return {
        category,
        dimensions: c.dimensions.map((d) => {
          const name = normalizeName(d.name);
          const items = d.items ?? before?.dimensions.find((x) => x.name === name)?.items;
          return { name, points: d.points, text: String(d.text ?? '').trim(), ...(items && items.length > 0 ? { items } : {}) };
        }),
      };
    }),
  };
}

/** Checks the domain's validateRubric does not make (it reads names from cells, where blanks are skipped). */
function blankNames(rubric: Rubric, lang: Language): Problem[] {
  const problems: Problem[] = [];
  for (const c of rubric.categories) {
    if (c.category === '') problems.push(makeProblem(lang, 'error', SHEETS.rubric, '', 'rubric_invalid', { detail: detail(lang, 'rubric.noCategory', { category: '' }) }));
    for (const d of c.dimensions)
      if (d.name === '') problems.push(makeProblem(lang, 'error', SHEETS.rubric, '', 'rubric_invalid', { detail: detail(lang, 'rubric.blankName', {}) }));
  }
  return problems;
}

/** The new body rows in the table's own column order; other columns keep what row i had. */
function tableRows(t: TableRead, rubric: Rubric): { rows: RawCell[][]; textCols: Set<number> } {
  const at = RUBRIC_COLUMNS.map((h) => col(t, h));
  const rows = rubricToRows(rubric).map((r, i) => {
    const row: RawCell[] = t.headers.map((_, c) => (i < t.rows.length ? (t.rows[i][c] ?? null) : null));
    at.forEach((c, k) => {
      if (c >= 0) row[c] = r[k];
    });
    return row;
  });
  const textCols = new Set(RUBRIC_COLUMNS.map((h) => col(t, h)).filter((c, k) => c >= 0 && TEXT_COLUMNS.has(RUBRIC_COLUMNS[k])));
  return { rows, textCols };
}

/** Queues the rewrite of kp_Rubric's body: in place, rows added with rows.add, surplus rows cleared and cut off. */
function queueRubricRows(context: Excel.RequestContext, t: TableRead, rubric: Rubric, settings: Settings): void {
  queueAdoptOutsideRows(context, t);
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  const width = t.headers.length;
  const { rows, textCols } = tableRows(t, rubric);
  const emptyBody = isEmptyBody(t.rows);
  const old = emptyBody ? 0 : t.bodyRows;
  const inPlace = rows.slice(0, old);
  queueWriteRows(sheet, { row1: t.firstRow, firstColumn: t.firstColumn, width }, inPlace, textCols);
  if (rows.length > old) {
    // rows.add shifts whatever lies under the table down instead of writing over it.
    queueAppendRows(sheet, t.table, { firstRow: t.firstRow, firstColumn: t.firstColumn, bodyRows: t.bodyRows, width, emptyBody }, rows.slice(old), textCols);
  } else if (rows.length < old) {
    sheet.getRange(blockAddress(t.firstRow + rows.length, t.firstColumn, old - rows.length, width)).clear('Contents');
    t.table.resize(sheet.getRange(blockAddress(t.firstRow - 1, t.firstColumn, rows.length + 1, width)));
  }
  // Wrapped 目标要求 texts need taller rows (Excel does not grow rows written through the API); as install does.
  const cText = col(t, '目标要求');
  if (cText < 0) return;
  const layout = tableLayouts(rubric, [], settings).rubric;
  const columnWidth = layout.widths[layout.headers.indexOf('目标要求')] ?? 420;
  const perLine = Math.max(1, Math.floor((columnWidth - 8) / 13));
  rows.forEach((r, i) => {
    const lines = Math.max(1, Math.ceil(String(r[cText] ?? '').length / perLine));
    if (lines > 1) sheet.getRange(blockAddress(t.firstRow + i, t.firstColumn, 1, 1)).format.rowHeight = lines * 16 + 4;
  });
  sheet.getRange(blockAddress(t.firstRow, t.firstColumn, rows.length, width)).format.verticalAlignment = 'Top';
}

/**
 * Saves a rubric (the first category is the default one). Returns the domain's problems; `written` is false,
 * and the workbook untouched, when any of them is an error.
 */
export async function saveRubric(context: Excel.RequestContext, rubric: Rubric): Promise<{ problems: Problem[]; written: boolean }> {
  // The entry tables' sheets are only asked whether they are protected (the install repair writes there).
  const { read, extra: entrySheets } = await readTables(context, ['settings', 'rubric', 'state'], () => queueProtection(context, ['self', 'peer', 'mass']));
  const t = read.rubric;
  if (!t.exists || col(t, '维度') < 0 || col(t, '分值') < 0) throw new Error('没有找到“考评细则”表（或缺少“维度”“分值”列），请先安装或修复考评表。');
  const { settings } = currentModel(read);
  const lang = settings.language;
  const current = parseRubric(t, lang).rubric;
  const next = normalized(rubric, current === DEFAULT_RUBRIC ? { categories: [] } : current);
  const problems = [...blankNames(next, lang), ...validateRubric(next, lang)];
  if (problems.some((p) => p.severity === 'error')) return { problems, written: false };
  refuseProtected(read, ['rubric', 'state'], lang);
  const locked = entrySheets();
  if (locked.length > 0) throw new SheetProtectedError(locked[0], lang);
  // Marked until install's write (the batch after next) has repaired the entry tables for the new rubric; a save
  // that stopped part-way before has its formats and 合计 formulas redone by that install.
  const redo = pendingCommand(read) === 'saveRubric';
  queueBeginWrites(context, read.state, pendingMark('saveRubric', 'rubric'));
  queueRubricRows(context, t, next, settings);
  // The rubric write is synced on its own: a failure (a conflict with a co-author, a protection set meanwhile)
  // surfaces here as an error. Synced together with install's read, readTables' fallback re-read would have
  // swallowed it and reported written: true (and a retried read must not drop half of the rubric's writes).
  await context.sync();
  // Install reads the tables again and repairs from the new rubric: dimension columns added before 合计,
  // validation limits reset where they changed.
  await install(context, { finishes: 'saveRubric', recover: redo });
  return { problems, written: true };
}

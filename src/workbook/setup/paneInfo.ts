/**
 * Read-only information the task pane shows before it acts: what a new year would clear (with counts, sheet
 * names and whether the results are current), and a branch name found in the workbook's title rows.
 */
import { TABLES } from '../../domain/contract';
import { normalizeId } from '../../domain/parse';
import type { RawCell } from '../../domain/types';
import type { NewYearPlan } from '../commandTypes';
import { currentModel } from '../tables/model';
import { freeSheetName } from '../tables/layout';
import { ALL_KEYS, col, readTables, STATE_SHEET, type ReadKey, type TableRead } from '../tables/readTables';
import { fingerprint, parseState } from '../tables/state';
import { archiveYearOf, latestYearArchive, yearArchiveName } from '../year/yearArchive';

function filledRows(t: TableRead, idHeader: string): number {
  if (!t.exists) return 0;
  const c = col(t, idHeader);
  if (c >= 0) return t.rows.filter((r) => normalizeId(r[c] ?? '') !== '').length;
  return t.rows.filter((r) => r.some((v) => v !== '' && v !== null)).length;
}

/**
 * A round's 测评表 (docs/RULES.md): what one evaluator handed in. 自评: one per member with a form; 互评 and
 * 群众参评: one per distinct 评价人 among the rows with a member.
 */
function ballotsIn(t: TableRead, self: boolean): number {
  const cId = col(t, '党员编号');
  const cEval = col(t, '评价人');
  const filled = t.rows.filter((r) => cId >= 0 && normalizeId(r[cId] ?? '') !== '');
  if (self || cEval < 0) return new Set(filled.map((r) => normalizeId(r[cId] ?? ''))).size;
  return new Set(filled.map((r) => String(r[cEval] ?? '').trim()).filter((e) => e !== '')).size;
}

/** Members with a work plan or an attachment in 年度工作计划. */
function planRows(t: TableRead): number {
  const cols = [col(t, '工作计划'), col(t, '附件')].filter((c) => c >= 0);
  return t.rows.filter((r) => cols.some((c) => r[c] !== '' && r[c] !== null && r[c] !== undefined && String(r[c]).trim() !== '')).length;
}

/** What newYear(year) would do, counted; one sync, nothing written. */
export async function newYearPlan(context: Excel.RequestContext): Promise<NewYearPlan> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const names = new Set(sheets.items.map((s) => s.name));
  const installed = (Object.keys(TABLES) as (keyof typeof TABLES)[]).some((k) => read[k].exists);
  const { settings } = currentModel(read);
  const year = read.settings.exists ? settings.year : null;
  const clears: NewYearPlan['clears'] = [];
  const cleared: [ReadKey, NewYearPlan['clears'][number]['kind'], string][] = [
    ['self', 'forms', '党员编号'],
    ['peer', 'forms', '党员编号'],
    ['mass', 'forms', '党员编号'],
    ['bonus', 'bonus', '党员编号'],
    ['review', 'review', '党员编号'],
    ['results', 'results', '党员编号'],
  ];
  for (const [key, kind, header] of cleared) {
    const t = read[key];
    if (!t.exists) continue;
    const rows = filledRows(t, header);
    clears.push(kind === 'forms' ? { sheet: t.sheet, kind, rows, ballots: ballotsIn(t, key === 'self') } : { sheet: t.sheet, kind, rows });
  }
  if (read.plans.exists) clears.push({ sheet: read.plans.sheet, kind: 'plans', rows: planRows(read.plans) });
  const state = parseState(read.state);
  const resultsRows = filledRows(read.results, '党员编号');
  const computed = state.computedAt !== null && resultsRows > 0;
  const stale = computed && state.fingerprint !== null && state.fingerprint !== fingerprint(read);
  const archiveSheet = resultsRows > 0 && year !== null ? freeSheetName(`${year}年考评结果`, names) : null;
  return {
    installed,
    year,
    branch: settings.branch,
    members: filledRows(read.roster, '编号'),
    clears,
    archiveSheet,
    computedAt: state.computedAt,
    computed,
    stale,
    undoArchive: undoableArchive([...names], year),
    yearArchive: installed && year !== null ? freeSheetName(yearArchiveName(year), names) : null,
  };
}

/** The latest year archive when it is of a year before this one (new year made it): undo may be offered. */
function undoableArchive(names: string[], year: number | null): string | null {
  const latest = latestYearArchive(names);
  const archived = latest === null ? null : archiveYearOf(latest);
  return latest !== null && archived !== null && year !== null && archived < year ? latest : null;
}

/** 龙口市科技局机关党支部2025年度…汇总表 → 龙口市科技局机关党支部. */
export function branchFromTitle(title: string): string {
  // "填报单位：机关党支部（盖章）" names the unit after its label.
  const s = title.replace(/\s+/g, '').replace(/^(填报单位|单位|党组织)[:：]/, '');
  // A name has no colon or sentence punctuation: "汇总时间：2026-12-05 08:00 … 党支部 3 个" (a roll-up's second
  // line) is not a title.
  const m = /^([^:：，,。；;]{2,40}?(?:党总支|党支部|党委))/.exec(s);
  return m ? m[1] : '';
}

/**
 * A branch name from the first rows of the visible sheets (a hand-made summary's title row), for the install
 * form; '' when none. Two syncs (sheet names, then their top rows), nothing written.
 */
export async function suggestBranch(context: Excel.RequestContext): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await context.sync();
  const ranges = sheets.items
    .filter((s) => s.visibility === 'Visible' && s.name !== STATE_SHEET)
    .slice(0, 20)
    .map((s) => {
      const r = s.getRange('A1:H3');
      r.load('values');
      return r;
    });
  await context.sync();
  for (const r of ranges) {
    for (const row of r.values as RawCell[][]) {
      for (const v of row) {
        if (typeof v !== 'string' || !/党(总)?支部|党委/.test(v)) continue;
        const b = branchFromTitle(v);
        if (b) return b;
      }
    }
  }
  return '';
}

/**
 * User-facing texts of the workbook commands (zh-CN default, en-US). The domain's catalogue holds the scoring
 * messages; these are the commands' own (install, import, posting, new year).
 */
import type { Language } from '../types';

const zh = {
  noNameHeader: (sheet: string) => `工作表“${sheet}”中找不到含“姓名”的表头行，无法导入。`,
  blankRow: '空行',
  totalRow: '合计行',
  noName: '无姓名',
  nameTooLong: (n: number) => `姓名超过 ${n} 个字`,
  textClipped: (sheet: string, count: number, n: number) => `工作表“${sheet}”有 ${count} 个单元格的文字超过 ${n} 个字，只看了前 ${n} 个字。`,
  groupRow: (g: string) => `党小组标题行：${g}`,
  nameNormalised: (sheet: string, cell: string, raw: string, name: string) =>
    `工作表“${sheet}”${cell}：姓名“${raw}”含多余空格，已按“${name}”导入。`,
  unknownCategory: (c: string, row: number, known: string) =>
    `类别“${c}”（第 ${row} 行起）不在考评细则中（现有：${known}），请先在考评细则中添加该类别的维度和分值，否则这些党员不参加计算。`,
  duplicateName: (name: string, rows: number[]) => `姓名“${name}”出现 ${rows.length} 次（第 ${rows.join('、')} 行），已作为不同的人分别导入。`,
  createdSheet: (s: string) => `已创建工作表“${s}”。`,
  createdTable: (t: string) => `已创建表格 ${t}。`,
  repaired: (what: string) => `已修复：${what}。`,
  addedColumn: (t: string, c: string) => `${t} 补充列“${c}”`,
  filledTotals: (t: string, n: number) => `${t} 为 ${n} 行补上“合计”公式`,
  adoptedRows: (t: string, from: number, to: number) => `${t} 扩展到表格下方已填写的第 ${from === to ? from : `${from}–${to}`} 行`,
  addedSetting: (k: string) => `考评参数补充项目“${k}”`,
  addedPlanRows: (t: string, n: number) => `${t} 为 ${n} 名党员添加了填写工作计划的行`,
  addedRubric: (c: string) => `考评细则补充类别“${c}”`,
  nothingToDo: '考评表已完整安装，无需改动。',
  settingSet: (label: string, value: string | number) => `考评参数：${label}设为 ${value}。`,
  validationUpdated: (t: string, c: string, max: number) => `${t} 列“${c}”的输入限制改为 0～${max}`,
  sheetTaken: (want: string, used: string) => `工作表名“${want}”已被占用，改用“${used}”。`,
  postingTitle: (branch: string, year: number | string) => `${branch}${year}年度党员分类量化考评结果公示`,
  postingResultsStale: '考评结果不是最新的（上次计算后党员名册、测评表、加分项、支部审定或考评参数有改动，或尚未计算），公示表未生成：请先计算结果（“结果”→“计算结果”），再生成公示表。',
  // A blank period or phone leaves room to write it in by hand on the printed sheet.
  postingPeriod: (a: string, b: string) => officialPeriod(a, b),
  postingPhone: (p: string) => `如有异议，请在公示期内向党支部反映。监督电话：${p || '＿＿＿＿＿＿＿＿'}`,
  postingFoot: (branch: string, date: string) => `${branch}　${date}`,
  posting: { seq: '序号', name: '姓名', group: '党小组', final: '最终得分', result: '评定结果' },
  rubricPostingTitle: (branch: string, year: number | string) => `${branch}${year}年度党员分类量化考评细则`,
  rubricPostingCategory: (c: string, sum: number) => `类别：${c}（满分 ${sum} 分）`,
  rubricPostingHeaders: ['序号', '考评内容', '分值', '目标要求'] as readonly string[],
  plansPostingTitle: (branch: string, year: number | string) => `${branch}${year}年度党员个人年度工作计划一览`,
  plansPostingHeaders: ['序号', '姓名', '党小组', '工作计划'] as readonly string[],
  plansAttachment: (a: string) => `附件：${a}`,
  plansNone: '（未填写）',
  archived: (s: string) => `上一年度结果已存档到工作表“${s}”。`,
  postingArchived: (from: string, to: string) => `上一年度的公示表“${from}”已改名为“${to}”保留。`,
  plansArchived: (s: string) => `上一年度的个人年度工作计划已存档到工作表“${s}”，本年度的计划从空白开始。`,
  plansArchiveTitle: (branch: string, year: number | string) => `${branch}${year}年度党员个人年度工作计划（存档）`,
  cleared: (t: string) => `已清空 ${t}。`,
  yearSet: (y: number) => `年度已设为 ${y}。`,
  noResultsToArchive: '没有上一年度的计算结果可存档。',
  yearArchived: (s: string, y: number) => `${y}年度的全部表格（测评表、加分项、支部审定、结果、工作计划、参数、细则和名册）已存档到隐藏工作表“${s}”：可以撤销新年度，也可以按年度重印个人考评明细。`,
  undoNoArchive: '工作簿中没有可撤销的新年度（没有“××××年考评存档”工作表）。',
  undoBadArchive: (s: string) => `工作表“${s}”不是完整的年度存档，没有撤销任何内容。`,
  undoOtherYear: (s: string, y: number, now: number) => `存档“${s}”是开始 ${y} 年度时做的，而工作簿现在是 ${now} 年度，没有撤销任何内容。`,
  undoEntered: (sheet: string, what: string) => `新年度已有录入：工作表“${sheet}”${what}。撤销新年度会丢失这些内容，因此没有撤销任何内容。`,
  undoEnteredRows: '中已有数据',
  undoChanged: '与开始新年度时不同',
  undoMissing: '已不存在',
  undoBallots: (y: number) => `已分发 ${y} 年度的测评表文件`,
  undoInterrupted: (cmd: string) => `“${cmd}”上次没有完成，请先重新运行它；没有撤销任何内容。`,
  undone: (y: number, s: string) => `已撤销新年度：工作簿回到 ${y} 年度，全部表格已按“${s}”恢复原样，存档工作表已删除。`,
  undoRenamed: (from: string, to: string) => `公示表“${from}”已改回“${to}”。`,
  filterCleared: (s: string) => `已清除工作表“${s}”中表格的筛选，以便添加新行。`,
  filterStays: (s: string) => `工作表“${s}”中表格的筛选没能清除，考评没有写入任何内容。请在 Excel 中点“数据 → 清除”筛选后再试。`,
  sheetProtected: (s: string) => `工作表“${s}”受保护，考评没有写入任何内容。请先在“审阅 → 撤销工作表保护”中取消该表的保护，完成后可再保护。`,
  highlightsSkipped: (sheets: string) => `工作表“${sheets}”受保护，其中的问题单元格未标色（问题仍列在上面）。`,
  validationPromptTitle: '得分',
  validationPrompt: (p: number) => `请输入 0～${p} 的得分，最多一位小数。`,
  validationErrorTitle: '得分无效',
  validationError: (p: number) => `得分须在 0～${p} 之间，最多一位小数。`,
  ballotTitle: (round: string, year: number | string) => `${year}年度党员分类量化考评测评表（${round}）`,
  ballotEvaluator: (e: string) => `评价人：${e}`,
  ballotSign: '评价日期：　　年　　月　　日',
  rounds: { self: '党员自评', peer: '党员互评', mass: '群众参评' },
  distribution: { label: '分数段', count: '人数' },
  stampLabel: '计算时间',
  stale: '录入数据在上次计算后有改动，请重新计算。',
  resultsFooter: (at: string, forms: number) => `计算时间：${at}；使用评分 ${forms} 条。`,
  schemeTitle: (year: number) => `${year}年度党员分类量化考评统一方案`,
  schemeIntro: '本文件由上级党组织下发：各党支部在考评中用“按上级方案应用…”把它应用到本支部的考评工作簿（名册和录入保留）。',
  schemeContents: '“考评参数”和“考评细则”两张表即方案内容；党支部名称、公示日期和监督电话由各党支部自行填写。',
  /** Print footer of the posting sheets (Excel's &P page, &N pages). */
  pageFooter: '第 &P 页，共 &N 页',
  /** An out-of-date sheet (derivedSheets.ts): before its title, why it is out of date, the mark it carries. */
  staleTitle: '【已过期】',
  staleWhy: {
    results_posting: '生成后党员名册、测评表、加分项、支部审定或考评参数有改动，表中的分数可能与当前考评结果不一致',
    score_sheet: '生成后党员名册、测评表、加分项、支部审定或考评参数有改动，表中的分数可能与当前考评结果不一致',
    rubric_posting: '生成后考评细则、考评参数或党员名册有改动',
    plans_posting: '生成后年度工作计划或党员名册有改动',
  },
  staleResults: '考评结果不是最新的（计算后数据有改动或尚未计算），表中的分数可能与考评结果不一致',
  staleOtherYear: (y: number) => `这是 ${y} 年度的表格`,
  staleMarked: '已标注为过期',
  staleMark: (why: string) => `已过期，请勿打印张贴：${why}。请重新生成本表。`,
};

type Texts = typeof zh;

const en: Texts = {
  noNameHeader: (sheet) => `Sheet "${sheet}" has no header row with 姓名 (name); nothing imported.`,
  blankRow: 'blank row',
  totalRow: 'total row',
  noName: 'no name',
  nameTooLong: (n) => `name longer than ${n} characters`,
  textClipped: (sheet, count, n) => `Sheet "${sheet}": ${count} cells hold more than ${n} characters; only their first ${n} were read.`,
  groupRow: (g) => `group heading: ${g}`,
  nameNormalised: (sheet, cell, raw, name) => `Sheet "${sheet}" ${cell}: name "${raw}" had extra spaces; imported as "${name}".`,
  unknownCategory: (c, row, known) => `Category "${c}" (from row ${row}) is not in the rubric (has: ${known}); add its dimensions and points to the rubric, or these members are not scored.`,
  duplicateName: (name, rows) => `Name "${name}" appears ${rows.length} times (rows ${rows.join(', ')}); imported as different people.`,
  createdSheet: (s) => `Created sheet "${s}".`,
  createdTable: (t) => `Created table ${t}.`,
  repaired: (what) => `Repaired: ${what}.`,
  addedColumn: (t, c) => `${t}: added column "${c}"`,
  filledTotals: (t, n) => `${t}: the 合计 formula added to ${n} row${n === 1 ? '' : 's'}`,
  adoptedRows: (t, from, to) => `${t}: extended over row${from === to ? ` ${from}` : `s ${from}–${to}`} filled in below it`,
  addedSetting: (k) => `settings: added "${k}"`,
  addedPlanRows: (t, n) => `${t}: rows added for ${n} member${n === 1 ? '' : 's'} to write their work plans in`,
  addedRubric: (c) => `rubric: added category "${c}"`,
  nothingToDo: 'Everything is installed; nothing changed.',
  settingSet: (label, value) => `Settings: ${label} set to ${value}.`,
  validationUpdated: (t, c, max) => `${t} column "${c}": input limit set to 0–${max}`,
  sheetTaken: (want, used) => `Sheet name "${want}" is taken; using "${used}".`,
  postingTitle: (branch, year) => `${branch}${year}年度党员分类量化考评结果公示`,
  postingResultsStale: 'The results are not current (the roster, forms, bonus items, review or settings changed after the last computation, or nothing was computed): no posting sheet made. Compute the results first, then make the posting sheets.',
  postingPeriod: (a, b) => `Posting period: ${a || '____-__-__'} to ${b || '____-__-__'}`,
  postingPhone: (p) => `Objections during the posting period: phone ${p || '______________'}`,
  postingFoot: (branch, date) => `${branch}  ${date}`,
  posting: { seq: '序号', name: '姓名', group: '党小组', final: '最终得分', result: '评定结果' },
  rubricPostingTitle: (branch, year) => `${branch}${year}年度党员分类量化考评细则`,
  rubricPostingCategory: (c, sum) => `Category: ${c} (${sum} points)`,
  rubricPostingHeaders: ['序号', '考评内容', '分值', '目标要求'],
  plansPostingTitle: (branch, year) => `${branch}${year}年度党员个人年度工作计划一览`,
  plansPostingHeaders: ['序号', '姓名', '党小组', '工作计划'],
  plansAttachment: (a) => `Attachment: ${a}`,
  plansNone: '(none)',
  archived: (s) => `Last year's results archived to sheet "${s}".`,
  postingArchived: (from, to) => `Last year's posting sheet "${from}" is kept, renamed "${to}".`,
  plansArchived: (s) => `Last year's work plans archived to sheet "${s}"; this year's plans start blank.`,
  plansArchiveTitle: (branch, year) => `${branch}${year}年度党员个人年度工作计划（存档）`,
  cleared: (t) => `Cleared ${t}.`,
  yearSet: (y) => `Year set to ${y}.`,
  noResultsToArchive: 'No results of last year to archive.',
  yearArchived: (s, y) => `Every table of ${y} (forms, bonus, review, results, work plans, settings, rubric and roster) is archived in the hidden sheet "${s}": the new year can be undone, and that year's score sheets reprinted.`,
  undoNoArchive: 'There is no new year to undo in this workbook (no "YYYY年考评存档" sheet).',
  undoBadArchive: (s) => `The sheet "${s}" is not a complete year archive; nothing was undone.`,
  undoOtherYear: (s, y, now) => `The archive "${s}" was made when ${y} began, but the workbook is in ${now}; nothing was undone.`,
  undoEntered: (sheet, what) => `Something was entered in the new year: sheet "${sheet}" ${what}. Undoing the new year would lose it, so nothing was undone.`,
  undoEnteredRows: 'has data',
  undoChanged: 'differs from when the new year began',
  undoMissing: 'is missing',
  undoBallots: (y) => `ballot files of ${y} were handed out`,
  undoInterrupted: (cmd) => `"${cmd}" did not finish last time; run it again first. Nothing was undone.`,
  undone: (y, s) => `New year undone: the workbook is back in ${y}, every table restored from "${s}", and the archive sheet removed.`,
  undoRenamed: (from, to) => `Posting sheet "${from}" renamed back to "${to}".`,
  filterCleared: (s: string) => `The filter on the table in "${s}" was cleared so that new rows could be added.`,
  filterStays: (s: string) => `The filter on the table in "${s}" could not be cleared; nothing was written. Clear it in Excel (Data → Clear) and try again.`,
  sheetProtected: (s: string) => `The sheet "${s}" is protected; nothing was written. Unprotect it (Review → Unprotect Sheet) and try again; you can protect it again afterwards.`,
  highlightsSkipped: (sheets: string) => `The sheet "${sheets}" is protected: its problem cells were not highlighted (the problems are still listed).`,
  validationPromptTitle: 'Score',
  validationPrompt: (p) => `Enter a score from 0 to ${p}, at most one decimal.`,
  validationErrorTitle: 'Invalid score',
  validationError: (p) => `The score must be between 0 and ${p}, with at most one decimal.`,
  ballotTitle: (round, year) => `${year} evaluation ballot (${round})`,
  ballotEvaluator: (e) => `Evaluator: ${e}`,
  ballotSign: 'Date: ____________',
  rounds: { self: 'Self', peer: 'Peer', mass: 'Public' },
  distribution: { label: 'Range', count: 'Members' },
  stampLabel: 'Computed at',
  stale: 'Entries changed after the last computation; compute again.',
  resultsFooter: (at, forms) => `Computed at ${at}; ${forms} score rows used.`,
  schemeTitle: (year) => `Member evaluation: common scheme for ${year}`,
  schemeIntro: 'Issued by the party committee: each branch applies it to its workbook with "Apply a scheme…" in Kaoping (roster and entries are kept).',
  schemeContents: 'The sheets "考评参数" and "考评细则" are the scheme; each branch fills in its name, the posting dates and the phone for objections.',
  pageFooter: 'Page &P of &N',
  staleTitle: '[OUT OF DATE] ',
  staleWhy: {
    results_posting: 'the roster, forms, bonus items, review or settings changed after it was made; its scores may differ from the current results',
    score_sheet: 'the roster, forms, bonus items, review or settings changed after it was made; its scores may differ from the current results',
    rubric_posting: 'the rubric, settings or roster changed after it was made',
    plans_posting: 'the work plans or roster changed after it was made',
  },
  staleResults: 'the results are not current (data changed after computing, or never computed); its scores may differ from them',
  staleOtherYear: (y) => `it is a sheet of ${y}`,
  staleMarked: 'it was marked out of date',
  staleMark: (why) => `OUT OF DATE, do not print or post: ${why}. Make this sheet again.`,
};

export function importText(lang: Language): Texts {
  return lang === 'en-US' ? en : zh;
}

/** All command texts in the given language. */
export const texts = importText;

/** 2026-12-20 / 2026/12/20 / 2026年12月20日 → [2026, 12, 20]; anything else null. */
function dateParts(s: string): [number, number, number] | null {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? [y, mo, d] : null;
}

/**
 * The posting period in the official style: 公示期：2026年12月20日至12月26日 (the end's year left out when it is the
 * same); blanks to fill in by hand for a date not set; a date that is not a date is printed as typed.
 */
export function officialPeriod(a: string, b: string): string {
  const blank = '　　　　年　　月　　日';
  const pa = dateParts(a);
  const pb = dateParts(b);
  const start = pa ? `${pa[0]}年${pa[1]}月${pa[2]}日` : a || blank;
  const end = pb ? (pa && pa[0] === pb[0] ? `${pb[1]}月${pb[2]}日` : `${pb[0]}年${pb[1]}月${pb[2]}日`) : b || blank;
  return pa && pb ? `公示期：${start}至${end}` : `公示期：${start} 至 ${end}`;
}

/** Strings of the score sheet files and of derived sheets out of date (zh-CN default, en-US). */
import type { Language } from '../types';

const zh = {
  fileOne: '下载此人明细',
  fileAll: '下载全部明细（.xlsx）',
  fileHint: '下载的文件只含个人考评明细（一页 A4），不含测评表、评价人和其他党员，可发给本人。',
  opened: '已在新的 Excel 窗口中打开“{file}”，请在那里保存或打印。',
  downloaded: '已下载“{file}”（只含个人考评明细）。',
  offered: '已尝试下载“{file}”。在 Mac 版 Excel 中任务窗格无法下载文件：若没有看到文件，请点击姓名生成明细后打印，或使用网页版。',
  staleTitle: '以下表格已过期',
  staleLine: '“{sheet}”：{reason}',
  staleHint: '过期的表格上已标注或将在校验、计算时标注“已过期”；请重新生成后再打印。',
  reasonResults: '生成后数据或设置有改动，与当前结果不一致',
  reasonRubric: '生成后考评细则、设置或名册有改动',
  reasonPlans: '生成后工作计划或名册有改动',
  reasonOtherYear: '是以前年度的表格',
  postingStale: '考评结果不是最新的（计算后数据或设置有改动），不能生成公示表。',
  recomputeAndPost: '重新计算并生成公示表',
  recomputed: '已先重新计算结果（计算后数据或设置有改动），公示表按新结果生成。',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  fileOne: 'Download this score sheet',
  fileAll: 'Download all score sheets (.xlsx)',
  fileHint: 'The file holds only the score sheet (one A4 page): no forms, no evaluator, no other member. It can go to the member.',
  opened: 'Opened "{file}" in a new Excel window: save or print it there.',
  downloaded: 'Downloaded "{file}" (the score sheet only).',
  offered: 'Tried to download "{file}". Excel for Mac cannot download from a task pane: if no file appeared, click the name to make the sheet and print it, or use the web page.',
  staleTitle: 'Out of date',
  staleLine: '"{sheet}": {reason}',
  staleHint: 'Out-of-date sheets are marked 已过期 (check and compute mark them); make them again before printing.',
  reasonResults: 'data or settings changed after it was made: it differs from the current results',
  reasonRubric: 'rubric, settings or roster changed after it was made',
  reasonPlans: 'work plans or roster changed after it was made',
  reasonOtherYear: 'made in an earlier year',
  postingStale: 'The results are out of date (data or settings changed after computing): the posting sheets are not made.',
  recomputeAndPost: 'Compute again and make the posting sheets',
  recomputed: 'The results were computed again first (data or settings had changed); the posting sheets show the new results.',
};

export type DerivedKey = Key;

/** Every string of this section in both languages (for the test that reads all user texts). */
export const DERIVED_PANE_TEXTS: Readonly<Record<Language, Readonly<Record<Key, string>>>> = { 'zh-CN': zh, 'en-US': en };

export function dt(lang: Language, key: Key, params: Record<string, string | number> = {}): string {
  const s = (lang === 'en-US' ? en : zh)[key];
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

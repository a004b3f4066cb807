/** Strings of the 分发测评表 / 回收测评表 section (zh-CN default, en-US). */
import type { BallotVerdict, Language } from '../types';

const zh = {
  section: '测评表文件',
  distribute: '分发测评表',
  collect: '回收测评表',
  collectReport: '回收结果',
  distributeHint: '每位评价人一个 Excel 文件，通过微信、邮件发出；评价人在黄色格中打分后把文件交回。',
  distributeRound: '分发环节',
  kind: '评价人',
  kindMembers: '每位党员一份（实名）',
  kindCodes: '匿名票号（Q01、Q02…）',
  group: '党小组',
  allGroups: '全部党小组',
  codes: '份数',
  codesHintMass: '群众参评的测评表都是匿名的，每份一个票号。',
  codesHintPeer: '每个党小组各生成这么多份。',
  make: '生成测评表（.zip）',
  madeDownload: '已生成 {count} 份测评表，已开始下载 {zip}（可能在下载栏中等待保存）。',
  download: '再次下载',
  madeOpen: '已生成 {count} 份测评表。Excel for Mac 的任务窗格不能下载文件：逐个点下面的按钮，每份测评表在新的 Excel 窗口中打开，请在那里保存。',
  ballotList: '测评表文件',
  openInExcel: '在 Excel 中打开 {name}',
  opened: '已打开',
  cannotDeliver: '这个版本的 Excel 不能从任务窗格下载或打开文件，测评表没有记为已分发。请在网页版考评中分发测评表。',
  confirmLabel: '确认已拿到文件',
  confirmHint: '确认已经拿到（保存好）这些文件后，再记为已分发：',
  confirm: '已拿到文件，记为已分发',
  recorded: '已记为已分发：{count} 份。',
  collectHint: '选择交回的 .xlsx 文件（可多选），或一个 .zip。按文件里的测评表身份核对，不看文件名。',
  pick: '选择交回的文件',
  picked: '已选择 {count} 个文件',
  collectRun: '核对并合并',
  summary: '共 {files} 个文件：接收 {accepted} 份测评表，合并 {written} 条评分；未接收 {others} 个文件。',
  replace: '以此文件为准替换',
  replaced: '已替换。',
  out: '发放情况',
  outNone: '本年度还没有在考评中分发测评表文件。',
  outLine: '{round}：发出 {issued} 份，已交回 {back} 份',
  outReissued: '，重新分发 {reissued} 份（丢失的原文件已作废）',
  notBack: '未交回：',
  forms: '{count} 条评分',
};
type Key = keyof typeof zh;

const en: Record<Key, string> = {
  section: 'Ballot files',
  distribute: 'Hand out ballots',
  collect: 'Collect ballots',
  collectReport: 'Files',
  distributeHint: 'One Excel file per evaluator, sent by chat or email; evaluators type their scores into the yellow cells and send the file back.',
  distributeRound: 'Ballots for',
  kind: 'Evaluators',
  kindMembers: 'One per member (named)',
  kindCodes: 'Anonymous codes (Q01, Q02, …)',
  group: 'Party group',
  allGroups: 'All groups',
  codes: 'Number of ballots',
  codesHintMass: 'Public ballots are anonymous: one code each.',
  codesHintPeer: 'This many for each party group.',
  make: 'Make ballot files (.zip)',
  madeDownload: '{count} ballot files made; the download of {zip} has started (it may wait in the download bar).',
  download: 'Download again',
  madeOpen: '{count} ballot files made. The task pane in Excel for Mac cannot download files: click each button below to open a ballot in a new Excel window and save it there.',
  ballotList: 'Ballot files',
  openInExcel: 'Open {name} in Excel',
  opened: 'opened',
  cannotDeliver: 'This Excel cannot download or open files from the task pane, so the ballots were not recorded as handed out. Hand them out from the Kaoping web page.',
  confirmLabel: 'Confirm you have the files',
  confirmHint: 'Once you have the files saved, record them as handed out:',
  confirm: 'I have the files: record as handed out',
  recorded: 'Recorded as handed out: {count}.',
  collectHint: 'Pick the returned .xlsx files (several at once) or one .zip. Each is matched by the identity inside it, not by its name.',
  pick: 'Pick returned files',
  picked: '{count} files picked',
  collectRun: 'Check and merge',
  summary: '{files} files: {accepted} ballots accepted, {written} score rows merged; {others} files not accepted.',
  replace: 'Replace with this file',
  replaced: 'Replaced.',
  out: 'Ballots out',
  outNone: 'No ballot files handed out from Kaoping this year.',
  outLine: '{round}: {issued} out, {back} back',
  outReissued: ', {reissued} handed out again (the lost files no longer count)',
  notBack: 'Not back: ',
  forms: '{count} score rows',
};

export function bt(lang: Language, key: Key, params: Record<string, string | number> = {}): string {
  const s = (lang === 'en-US' ? en : zh)[key];
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

const VERDICT: Record<Language, Record<BallotVerdict, string>> = {
  'zh-CN': { accepted: '已接收', rejected: '拒收', duplicate: '重复', stale: '已过期', not_issued: '非本簿分发', not_a_ballot: '不是测评表' },
  'en-US': { accepted: 'accepted', rejected: 'rejected', duplicate: 'duplicate', stale: 'stale', not_issued: 'not handed out here', not_a_ballot: 'not a ballot' },
};

/** Every string of this section in both languages, verdict words included (for the test that reads all user texts). */
export const BALLOT_PANE_TEXTS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  'zh-CN': { ...zh, ...Object.fromEntries(Object.entries(VERDICT['zh-CN']).map(([k, v]) => [`verdict_${k}`, v])) },
  'en-US': { ...en, ...Object.fromEntries(Object.entries(VERDICT['en-US']).map(([k, v]) => [`verdict_${k}`, v])) },
};

export function verdictName(lang: Language, v: BallotVerdict): string {
  return VERDICT[lang === 'en-US' ? 'en-US' : 'zh-CN'][v];
}

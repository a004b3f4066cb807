/**
 * Texts of ballot files (测评表分发与回收): the ballot-level problem messages and the verdict words of a collection
 * report, zh-CN default and en-US.
 */
import type { BallotProblemCode, BallotVerdict, Language } from '../types';

type Msg = (p: Record<string, string | number>) => string;
const MESSAGES: Record<BallotProblemCode, { 'zh-CN': Msg; 'en-US': Msg }> = {
  not_a_workbook: {
    'zh-CN': (p) =>
      p.detail === 'empty_zip'
        ? '压缩包中没有 .xlsx 文件。'
        : p.detail === 'broken'
          ? '文件无法作为 Excel 工作簿打开（可能已损坏，或只下载了一部分），请让评价人重新发送。'
          : '不是 Excel 工作簿（.xlsx）：文件内容是别的格式（可能是 .csv、.xls、.et 或其他文件改了扩展名），请另存为 .xlsx 后再交回。',
    'en-US': (p) =>
      p.detail === 'empty_zip'
        ? 'The .zip holds no .xlsx file.'
        : p.detail === 'broken'
          ? 'The file cannot be opened as an Excel workbook (damaged, or only partly downloaded); ask for it again.'
          : 'Not an Excel workbook (.xlsx): the content is another format (a .csv, .xls or .et renamed?); save it as .xlsx and send it again.',
  },
  not_a_ballot: {
    'zh-CN': () => '这是一个工作簿，但不是考评分发的测评表（没有测评表身份信息）。',
    'en-US': () => 'A workbook, but not a ballot made by Kaoping (it has no ballot identity).',
  },
  identity_changed: {
    'zh-CN': () => '测评表的身份信息被改动过（校验码不符），无法确认是哪一份测评表，未合并。请重新分发此人的测评表。',
    'en-US': () => "The ballot's identity was changed (its check code does not match); it is not merged. Hand out a new ballot.",
  },
  not_issued: {
    'zh-CN': (p) => `“${p.file}”：这份测评表不是本工作簿分发的，或身份信息被改动过（防伪码与分发记录不符，或已重新分发），未合并。`,
    'en-US': (p) => `"${p.file}": this ballot was not handed out by this workbook, or its identity was changed (its secret does not match the record, or it was handed out again). Not merged.`,
  },
  other_year: {
    'zh-CN': (p) => `这是 ${p.year} 年度的测评表，工作簿为 ${p.current} 年度，未合并。`,
    'en-US': (p) => `This is a ballot of ${p.year}; the workbook is for ${p.current}. Not merged.`,
  },
  member_list_changed: {
    'zh-CN': () => '分发后党员名册、考评细则或录入方式有变化，此测评表的被评党员或分值与现在不符，未合并。请重新分发。',
    'en-US': () => 'The roster, the rubric or the entry mode changed after this ballot was made; its members or points no longer match. Not merged; hand out a new ballot.',
  },
  table_missing: {
    'zh-CN': (p) => `工作簿中没有表格 ${p.table}，请先安装考评表。`,
    'en-US': (p) => `The workbook has no table ${p.table}; install first.`,
  },
  sheet_missing: {
    'zh-CN': (p) => `测评表文件中找不到工作表“${p.sheet}”。`,
    'en-US': (p) => `The ballot file has no sheet "${p.sheet}".`,
  },
  header_changed: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：表头应为“${p.want}”，现在是“${p.value}”（行列被改动），未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: the header should be "${p.want}" but is "${p.value}" (rows or columns were changed). Not merged.`,
  },
  row_missing: {
    'zh-CN': (p) => `工作表“${p.sheet}”：党员 ${p.member}（${p.name}）的一行被删除了，未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}": the row of member ${p.member} (${p.name}) was deleted. Not merged.`,
  },
  row_added: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：多出一行（党员编号“${p.value}”不在这份测评表的名单中），未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: an added row (member 编号 "${p.value}" is not on this ballot). Not merged.`,
  },
  row_repeated: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：党员 ${p.member} 出现了两次，未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: member ${p.member} appears twice. Not merged.`,
  },
  member_not_scored: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：党员 ${p.member}（${p.name}）没有打分，未合并。请评价人补填后再交回。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: member ${p.member} (${p.name}) was not scored. Not merged; ask the evaluator to complete it.`,
  },
  formula_in_score: {
    'zh-CN': (p) => `工作表“${p.sheet}”${p.cell}：分数是公式“${p.value}”，请直接填写数字，未合并。`,
    'en-US': (p) => `Sheet "${p.sheet}" ${p.cell}: the score is the formula "${p.value}"; type the number itself. Not merged.`,
  },
  duplicate_same: {
    'zh-CN': (p) => `与“${p.other}”是同一份测评表，内容相同，只计一次。`,
    'en-US': (p) => `The same ballot as "${p.other}" with the same scores; counted once.`,
  },
  duplicate_different: {
    'zh-CN': (p) => `与“${p.other}”是同一份测评表，但分数不同，两份都未合并，请核实后只交回其中一份。`,
    'en-US': (p) => `The same ballot as "${p.other}" but with different scores; neither is merged. Check which one is right and collect only that one.`,
  },
  already_collected: {
    'zh-CN': () => '这份测评表已回收过，工作簿中的分数与它相同，未重复计入。',
    'en-US': () => 'This ballot was collected before and the workbook holds the same scores; not counted again.',
  },
  already_in_workbook: {
    'zh-CN': (p) => `工作簿“${p.sheet}”中已有评价人 ${p.evaluator} 的测评表（${p.cell} 起），与此文件的分数不同，未覆盖。如确认以此文件为准，请选择“替换”。`,
    'en-US': (p) => `Sheet "${p.sheet}" already holds forms by evaluator ${p.evaluator} (from ${p.cell}) with different scores; not overwritten. To take this file instead, choose Replace.`,
  },
};

/** Every ballot problem code (for the test that reads all user texts). */
export const BALLOT_PROBLEM_CODES = Object.keys(MESSAGES) as BallotProblemCode[];

/** A ballot problem's message, its {sheet} and {cell} among the parameters. */
export function ballotMessage(lang: Language, code: BallotProblemCode, params: Record<string, string | number>): string {
  return MESSAGES[code][lang === 'en-US' ? 'en-US' : 'zh-CN'](params);
}

/** Verdict words for report lines. */
export function verdictText(lang: Language, v: BallotVerdict, forms: number): string {
  if (lang === 'en-US') {
    return { accepted: `accepted (${forms} score row${forms === 1 ? '' : 's'})`, rejected: 'rejected', duplicate: 'duplicate', stale: 'stale', not_issued: 'not handed out here', not_a_ballot: 'not a ballot' }[v];
  }
  return { accepted: `已接收（${forms} 条评分）`, rejected: '拒收', duplicate: '重复', stale: '已过期', not_issued: '非本簿分发', not_a_ballot: '不是测评表' }[v];
}

/**
 * The message catalogue of the domain: every problem message and every other user-visible string, zh-CN
 * (default) and en-US. Problem messages start with {at} — the sheet and the cell — so each is a full sentence.
 */
import type { Language, ProblemCode } from '../types';

type Entry = { 'zh-CN': string; 'en-US': string };

const PROBLEMS: Record<ProblemCode, Entry> = {
  number_as_text: {
    'zh-CN': '{at}：{what} 的分数“{value}”是以文本（或全角、带空格）形式输入的数字，已按 {number} 计入，建议改为数字。',
    'en-US': '{at}: the score "{value}" for {what} is a number typed as text (or full-width, or with spaces); it is counted as {number}, please retype it as a number.',
  },
  not_a_number: {
    'zh-CN': '{at}：{what} 的分数“{value}”不是数字，第 {row} 行这张测评表不计入。',
    'en-US': '{at}: the score "{value}" for {what} is not a number; the form in row {row} is not counted.',
  },
  error_value: {
    'zh-CN': '{at}：{what} 的单元格是错误值 {value}，第 {row} 行这张测评表不计入。',
    'en-US': '{at}: the cell for {what} holds the error value {value}; the form in row {row} is not counted.',
  },
  out_of_range: {
    'zh-CN': '{at}：{what} 的分数 {value} 超出范围（0～{max}），第 {row} 行这张测评表不计入。',
    'en-US': '{at}: the score {value} for {what} is out of range (0–{max}); the form in row {row} is not counted.',
  },
  too_many_decimals: {
    'zh-CN': '{at}：{what} 的分数 {value} 超过一位小数，第 {row} 行这张测评表不计入。',
    'en-US': '{at}: the score {value} for {what} has more than one decimal; the form in row {row} is not counted.',
  },
  incomplete_form: {
    'zh-CN': '{at}：党员 {member} 的测评表缺少分数（{dims}），第 {row} 行这张测评表不计入。',
    'en-US': '{at}: the form about member {member} lacks scores ({dims}); the form in row {row} is not counted.',
  },
  duplicate_form: {
    'zh-CN': '{at}：评价人 {evaluator} 对党员 {member} 的测评表重复录入（第 {rows} 行），各份均不计入，请删除多余的行。',
    'en-US': '{at}: the form by evaluator {evaluator} about member {member} was entered more than once (rows {rows}); none of the copies is counted, delete the extra rows.',
  },
  missing_member_id: {
    'zh-CN': '{at}：此行有内容但党员编号为空，此行不计入。',
    'en-US': '{at}: this row has content but no member 编号; it is not counted.',
  },
  unknown_member: {
    'zh-CN': '{at}：党员编号“{value}”不在党员名册中，此行不计入。',
    'en-US': '{at}: member 编号 "{value}" is not in the roster; this row is not counted.',
  },
  name_mismatch: {
    'zh-CN': '{at}：姓名“{value}”与党员名册中编号 {id} 的姓名“{name}”不一致，已按编号计入。',
    'en-US': '{at}: the name "{value}" differs from the roster\'s name "{name}" for 编号 {id}; counted by 编号.',
  },
  id_not_canonical: {
    'zh-CN': '{at}：党员编号写作“{value}”，名册中为“{id}”，已按 {id} 计入，建议改为“{id}”。',
    'en-US': '{at}: the 编号 is written "{value}" where the roster has "{id}"; counted as {id}, please write "{id}".',
  },
  self_peer: {
    'zh-CN': '{at}：党员 {member} 在互评中给自己打分，第 {row} 行这张测评表不计入互评。',
    'en-US': '{at}: member {member} scored themself in the peer round; the form in row {row} is not counted.',
  },
  other_group_peer: {
    'zh-CN': '{at}：评价人 {evaluator}（{evaluatorGroup}）与被评党员 {member}（{group}）不在同一党小组，已计入，请核实。',
    'en-US': '{at}: evaluator {evaluator} ({evaluatorGroup}) is not in the same 党小组 as member {member} ({group}); counted, please check.',
  },
  missing_evaluator: {
    'zh-CN': '{at}：评价人为空，第 {row} 行这张测评表不计入。',
    'en-US': '{at}: the evaluator (评价人) is blank; the form in row {row} is not counted.',
  },
  dimension_not_in_category: {
    'zh-CN': '{at}：党员 {member} 属于“{category}”，该类别没有“{what}”，此格应为空，第 {row} 行这张测评表不计入。',
    'en-US': '{at}: member {member} is in category "{category}", which has no "{what}"; this cell must be blank, the form in row {row} is not counted.',
  },
  exempt_member_scored: {
    'zh-CN': '{at}：党员 {member} 免于考评，第 {row} 行这张测评表不计入。',
    'en-US': '{at}: member {member} is exempt from the evaluation; the form in row {row} is not counted.',
  },
  roster_blank_id: {
    'zh-CN': '{at}：编号为空，此人不参加计算，请填写编号。',
    'en-US': '{at}: the 编号 is blank; this person is not scored, fill in the 编号.',
  },
  roster_duplicate_id: {
    'zh-CN': '{at}：编号“{value}”重复（第 {rows} 行），这些党员都不参加计算，请改为不同的编号。',
    'en-US': '{at}: the 编号 "{value}" is used more than once (rows {rows}); none of these members is scored, give each a different 编号.',
  },
  roster_blank_name: {
    'zh-CN': '{at}：编号 {id} 的姓名为空，此人不参加计算。',
    'en-US': '{at}: the name of 编号 {id} is blank; this person is not scored.',
  },
  roster_unknown_category: {
    'zh-CN': '{at}：类别“{value}”不在考评细则中（现有：{categories}），编号 {id} 不参加计算。',
    'en-US': '{at}: the category "{value}" is not in the rubric (there are: {categories}); 编号 {id} is not scored.',
  },
  roster_bad_exempt: {
    'zh-CN': '{at}：免评应为“是”“否”或空，现为“{value}”，按“否”处理（照常考评），请更正。',
    'en-US': '{at}: 免评 must be 是, 否 or blank, not "{value}"; treated as 否 (scored as usual), please correct it.',
  },
  bonus_not_a_number: {
    'zh-CN': '{at}：加分分值“{value}”不是数字，此项不计入。',
    'en-US': '{at}: the bonus points "{value}" are not a number; this item is not counted.',
  },
  bonus_not_positive: {
    'zh-CN': '{at}：加分分值 {value} 应大于 0（未允许扣分），此项不计入。',
    'en-US': '{at}: the bonus points {value} must be above 0 (deductions are not allowed); this item is not counted.',
  },
  bonus_too_many_decimals: {
    'zh-CN': '{at}：加分分值 {value} 超过一位小数，此项不计入。',
    'en-US': '{at}: the bonus points {value} have more than one decimal; this item is not counted.',
  },
  veto_unrecognised: {
    'zh-CN': '{at}：一票否决应为“是”“否”或空，现为“{value}”，在更正前按“是”处理。',
    'en-US': '{at}: the veto (一票否决) must be 是, 否 or blank, not "{value}"; it is treated as 是 until corrected.',
  },
  missing_column: {
    'zh-CN': '{at}：缺少“{column}”列，{effect}',
    'en-US': '{at}: the column "{column}" is missing; {effect}',
  },
  setting_invalid: {
    'zh-CN': '{at}：“{label}”的值“{value}”无效（{expected}），已按默认值 {default} 计算。',
    'en-US': '{at}: the value "{value}" of "{label}" is not valid ({expected}); the default {default} is used.',
  },
  rubric_invalid: {
    'zh-CN': '{at}：{detail}',
    'en-US': '{at}: {detail}',
  },
  rows_outside_table: {
    'zh-CN': '{at}：第 {rows} 行在表格外，已计入；请把表格扩展到这些行（或运行“安装考评表”修复）。',
    'en-US': '{at}: rows {rows} are outside the table and are counted; please extend the table over them (or run Install to repair).',
  },
  stale_sheet: {
    'zh-CN': '工作表“{sheet}”已过期：{why}。请重新生成后再打印或张贴。',
    'en-US': 'Sheet "{sheet}" is out of date: {why}. Make it again before printing or posting.',
  },
  table_missing: {
    'zh-CN': '{at}：工作簿中没有表格 {table}，已按默认{what}计算；运行“安装考评表”可补回。',
    'en-US': '{at}: the workbook has no table {table}; the default {what} are used. Run Install to restore it.',
  },
  plan_missing: {
    'zh-CN': '{at}：党员 {member} 还没有填写个人年度工作计划（自评时要对照工作计划，公示时也要上墙）。',
    'en-US': '{at}: member {member} has no annual work plan yet (the self evaluation is made against it, and it is posted).',
  },
  plan_unknown_member: {
    'zh-CN': '{at}：党员编号“{value}”不在党员名册中，这份工作计划不会显示和公示。',
    'en-US': '{at}: member 编号 "{value}" is not in the roster; this work plan is neither shown nor posted.',
  },
  plan_duplicate: {
    'zh-CN': '{at}：党员 {member} 的工作计划有多行（第 {rows} 行），只使用第一行，请合并。',
    'en-US': '{at}: member {member} has more than one work plan row (rows {rows}); only the first is used, please merge them.',
  },
  missing_form: {
    'zh-CN': '{at}：{detail}',
    'en-US': '{at}: {detail}',
  },
  text_clipped: {
    'zh-CN': '{at}：有 {count} 个单元格的文字超过 {cap} 个字，只看了前 {cap} 个字。',
    'en-US': '{at}: {count} cells hold more than {cap} characters; only their first {cap} were read.',
  },
  write_interrupted: {
    'zh-CN': '{at}：上次“{command}”在写入工作簿时中断，表格可能只写入了一部分。请再次执行“{command}”，完成后此提示消失。',
    'en-US': '{at}: the last "{command}" stopped while writing to the workbook; the tables may be half written. Run "{command}" again; this message goes away when it completes.',
  },
};

/** Everything else the domain shows: labels, round names, notes, details of composite messages. */
const TEXTS = {
  'at.cell': { 'zh-CN': '「{sheet}」表 {cell}', 'en-US': 'Sheet "{sheet}", cell {cell}' },
  'at.table': { 'zh-CN': '「{sheet}」表', 'en-US': 'Sheet "{sheet}"' },
  'round.self': { 'zh-CN': '自评', 'en-US': 'self' },
  'round.peer': { 'zh-CN': '互评', 'en-US': 'peer' },
  'round.mass': { 'zh-CN': '群众参评', 'en-US': 'mass' },
  'total': { 'zh-CN': '合计', 'en-US': 'total' },
  'bonus.points': { 'zh-CN': '加分分值', 'en-US': 'bonus points' },
  'list.sep': { 'zh-CN': '、', 'en-US': ', ' },
  'label.eligible': { 'zh-CN': '合格，可参加评先树优', 'en-US': 'Passed, eligible for awards' },
  'label.notEligible': { 'zh-CN': '不得参加评先树优', 'en-US': 'Not eligible for awards' },
  'label.admonish': { 'zh-CN': '诫勉谈话', 'en-US': 'Admonishment talk' },
  'label.incomplete': { 'zh-CN': '待补录', 'en-US': 'Incomplete' },
  'label.exempt': { 'zh-CN': '免于考评', 'en-US': 'Exempt' },
  'label.invalid': { 'zh-CN': '待核实', 'en-US': 'To be checked' },
  'note.missing': { 'zh-CN': '缺少{rounds}（无有效测评表）', 'en-US': 'missing {rounds} (no valid form)' },
  'note.errors': { 'zh-CN': '有 {count} 处错误待更正（{cells}）', 'en-US': '{count} error(s) to correct ({cells})' },
  'note.veto': { 'zh-CN': '一票否决', 'en-US': 'veto' },
  'note.vetoUnrecognised': { 'zh-CN': '一票否决填写有误，暂按“是”处理', 'en-US': 'veto cell unclear, treated as yes' },
  'note.exempt': { 'zh-CN': '免于考评', 'en-US': 'exempt from the evaluation' },
  'note.bonusCapped': { 'zh-CN': '加分已按上限 {cap} 计', 'en-US': 'bonus capped at {cap}' },
  'note.trimmed': { 'zh-CN': '{rounds}已去掉一个最高分和一个最低分', 'en-US': 'highest and lowest {rounds} total dropped' },
  'note.sep': { 'zh-CN': '；', 'en-US': '; ' },
  'missing.self': { 'zh-CN': '党员 {member} 还没有自评（党员自评表未录入）。', 'en-US': 'member {member} has no self-evaluation form yet.' },
  'missing.peer': {
    'zh-CN': '党员 {member} 的互评还没有交齐：还差对 {count} 名党员的测评表（{names}）。',
    'en-US': 'the peer forms of member {member} are not all in: {count} still to come (about {names}).',
  },
  'missing.round': {
    'zh-CN': '党员 {member} 还没有任何{round}测评表（没有{round}分数就算不出最终得分）。',
    'en-US': 'member {member} has no {round} form yet (without a {round} score there is no final score).',
  },
  'missing.ballot': {
    'zh-CN': '{round}测评表 {evaluator} 已分发，还没有交回。',
    'en-US': 'the {round} ballot {evaluator} was handed out and is not back yet.',
  },
  'effect.table': { 'zh-CN': '此表不计入。', 'en-US': 'this table is not counted.' },
  'effect.optional': { 'zh-CN': '此列的检查略过。', 'en-US': 'the checks of this column are skipped.' },
  'effect.defaults': { 'zh-CN': '全部参数按默认值计算。', 'en-US': 'all settings take their defaults.' },
  'what.settings': { 'zh-CN': '参数', 'en-US': 'settings' },
  'what.rubric': { 'zh-CN': '考评细则', 'en-US': 'rubric' },
  'effect.rubric': { 'zh-CN': '按默认考评细则计算。', 'en-US': 'the default rubric is used.' },
  'rubric.empty': { 'zh-CN': '考评细则为空，按默认考评细则计算。', 'en-US': 'the rubric is empty; the default rubric is used.' },
  'rubric.sum': {
    'zh-CN': '类别“{category}”各维度分值合计为 {sum}，应为 100。',
    'en-US': 'the dimensions of category "{category}" add up to {sum}, not 100.',
  },
  'rubric.subSum': {
    'zh-CN': '类别“{category}”维度“{dimension}”的细则分值合计为 {sum}，应等于该维度分值 {points}。',
    'en-US': 'the sub-items of "{dimension}" in category "{category}" add up to {sum}, not the dimension\'s {points}.',
  },
  'rubric.points': {
    'zh-CN': '“{name}”的分值“{value}”应为大于 0、至多一位小数的数字。',
    'en-US': 'the points "{value}" of "{name}" must be a number above 0 with at most one decimal.',
  },
  'rubric.duplicate': {
    'zh-CN': '类别“{category}”中“{name}”重复出现，名称必须唯一。',
    'en-US': '"{name}" appears twice in category "{category}"; names must be unique.',
  },
  'rubric.reserved': {
    'zh-CN': '维度名称“{name}”与录入表的固定列名相同，请改名。',
    'en-US': 'the dimension name "{name}" is one of the entry tables\' fixed column names; rename it.',
  },
  'rubric.blankName': { 'zh-CN': '维度名称为空，此行略过。', 'en-US': 'the dimension name is blank; the row is skipped.' },
  'rubric.orphanSub': {
    'zh-CN': '细则序号“{value}”找不到所属维度（序号 {parent}），此行略过。',
    'en-US': 'the sub-item number "{value}" has no parent dimension (number {parent}); the row is skipped.',
  },
  'rubric.badNumber': {
    'zh-CN': '序号“{value}”应为维度序号（如 1）或细则序号（如 1.2）。',
    'en-US': 'the number "{value}" must be a dimension number (like 1) or a sub-item number (like 1.2).',
  },
  'rubric.noCategory': {
    'zh-CN': '类别“{category}”没有任何维度。',
    'en-US': 'category "{category}" has no dimensions.',
  },
  'setting.expected.year': { 'zh-CN': '应为 2000～2100 的年份', 'en-US': 'a year from 2000 to 2100' },
  'setting.expected.weight': {
    'zh-CN': '应为不小于 0、至多四位小数的数字，三项不能全为 0',
    'en-US': 'a number ≥ 0 with at most four decimals, not all three 0',
  },
  'setting.expected.entryMode': { 'zh-CN': '应为“分项”或“合计”', 'en-US': '分项 (dimensions) or 合计 (total)' },
  'setting.expected.yesNo': { 'zh-CN': '应为“是”或“否”', 'en-US': '是 (yes) or 否 (no)' },
  'setting.expected.minForms': { 'zh-CN': '应为不小于 3 的整数', 'en-US': 'a whole number ≥ 3' },
  'setting.expected.cap': { 'zh-CN': '应为空（不设上限）或大于 0、至多一位小数的数字', 'en-US': 'blank (no cap) or a number above 0 with at most one decimal' },
  'setting.expected.threshold': { 'zh-CN': '应为 0～100、至多两位小数的数字', 'en-US': 'a number from 0 to 100 with at most two decimals' },
  'setting.expected.text': { 'zh-CN': '应为文字', 'en-US': 'text' },
  'setting.expected.language': { 'zh-CN': '应为“中文”或“English”', 'en-US': '中文 (Chinese) or English' },
  'setting.none': { 'zh-CN': '（空）', 'en-US': '(blank)' },
  'posting.member': { 'zh-CN': '{id} {name}：{reason}', 'en-US': '{id} {name}: {reason}' },
  'posting.incomplete': { 'zh-CN': '待补录，{notes}', 'en-US': 'incomplete, {notes}' },
  'posting.invalid': { 'zh-CN': '待核实，{notes}', 'en-US': 'to be checked, {notes}' },
  'posting.errors': {
    'zh-CN': '另有 {count} 处错误未更正（如 {first}），更正后才能生成公示表。',
    'en-US': '{count} other error(s) remain (e.g. {first}); correct them before making the posting sheet.',
  },
  // The check report (checkOutline.ts): section titles, the summary sentence, grouped lines.
  'check.title.error': { 'zh-CN': '错误 {count} 处（须改正后才能计算结果和公示）', 'en-US': '{count} errors (to correct before results and posting)' },
  'check.title.missing': { 'zh-CN': '还缺的测评表 {count} 项', 'en-US': '{count} forms still missing' },
  'check.title.warning': { 'zh-CN': '提醒 {count} 处（请核对，不影响计算）', 'en-US': '{count} warnings (please check; they do not stop the results)' },
  'check.summary.none': { 'zh-CN': '没有发现问题，可以计算结果和公示。', 'en-US': 'No problems found: results can be computed and posted.' },
  'check.summary.errors': { 'zh-CN': '{errors} 处错误需要改正后才能公示。', 'en-US': 'Correct {errors} error(s) before posting.' },
  'check.summary.missing': { 'zh-CN': '还缺 {missing} 项测评表，补齐后再计算结果和公示。', 'en-US': '{missing} form(s) still missing: enter them, then compute and post.' },
  'check.summary.missingToo': { 'zh-CN': '还缺 {missing} 项测评表。', 'en-US': '{missing} form(s) still missing.' },
  'check.summary.noErrors': { 'zh-CN': '没有错误。', 'en-US': 'No errors.' },
  'check.summary.warnings': { 'zh-CN': '另有 {warnings} 处提醒请核对。', 'en-US': '{warnings} warning(s) to check.' },
  /** Grouped lines of kinds that name members or ballots (check.group.<code>[/<topic>]). {count} problems, {names} their subjects. */
  'check.group.plan_missing': {
    'zh-CN': '{count} 名党员还没有填写个人年度工作计划：{names}',
    'en-US': '{count} members have no annual work plan yet: {names}',
  },
  'check.group.missing_form/self': { 'zh-CN': '{count} 名党员还没有自评：{names}', 'en-US': '{count} members have no self-evaluation form yet: {names}' },
  'check.group.missing_form/peer': {
    'zh-CN': '{count} 名党员的互评测评表还没有交齐：{names}',
    'en-US': '{count} members have not handed in all their peer forms: {names}',
  },
  'check.group.missing_form/round-peer': { 'zh-CN': '{count} 名党员还没有任何互评测评表：{names}', 'en-US': '{count} members have no peer form yet: {names}' },
  'check.group.missing_form/round-mass': { 'zh-CN': '{count} 名党员还没有任何群众参评测评表：{names}', 'en-US': '{count} members have no mass form yet: {names}' },
  'check.group.missing_form/ballot-peer': {
    'zh-CN': '{count} 份互评测评表已分发、还没有交回：{names}',
    'en-US': '{count} peer ballots handed out are not back yet: {names}',
  },
  'check.group.missing_form/ballot-mass': {
    'zh-CN': '{count} 份群众参评测评表已分发、还没有交回：{names}',
    'en-US': '{count} mass ballots handed out are not back yet: {names}',
  },
  /** Any other kind grouped: the first message, and how many more where. */
  'check.group.other': {
    'zh-CN': '{first}（同类问题共 {count} 处：{names}）',
    'en-US': '{first} (the same in {count} places: {names})',
  },
  /** The commands that write, as the user knows them (a command interrupted part-way is named). */
  'command.install': { 'zh-CN': '安装考评表', 'en-US': 'Install' },
  'command.importRoster': { 'zh-CN': '导入名册', 'en-US': 'Import roster' },
  'command.saveForm': { 'zh-CN': '保存测评表', 'en-US': 'Save form' },
  'command.compute': { 'zh-CN': '计算结果', 'en-US': 'Compute' },
  'command.posting': { 'zh-CN': '生成公示表', 'en-US': 'Make posting sheet' },
  'command.newYear': { 'zh-CN': '开始新年度', 'en-US': 'New year' },
  'command.newYearUndo': { 'zh-CN': '撤销新年度', 'en-US': 'Undo new year' },
  'command.saveSettings': { 'zh-CN': '保存参数', 'en-US': 'Save settings' },
  'command.saveRubric': { 'zh-CN': '保存细则', 'en-US': 'Save rubric' },
  'command.collectBallots': { 'zh-CN': '回收测评表', 'en-US': 'Collect ballots' },
  'command.saveReview': { 'zh-CN': '保存支部审定', 'en-US': 'Save review' },
  'command.applyScheme': { 'zh-CN': '应用上级方案', 'en-US': 'Apply the committee\'s scheme' },
  /** After a shortened list ("郭兰强、陶静、…"). */
  'list.more': { 'zh-CN': '、…', 'en-US': ', …' },
  /** An evaluator code with its 党小组. */
  'evaluator.withGroup': { 'zh-CN': '{code}（{group}）', 'en-US': '{code} ({group})' },
} satisfies Record<string, Entry>;

export type TextKey = keyof typeof TEXTS;
export type MessageKey = ProblemCode | TextKey;

export type Params = Record<string, string | number>;

/** Templates split once into literal and placeholder parts (odd indexes are parameter names). */
const compiled = new Map<string, string[]>();

function fill(template: string, params: Params, at?: string): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    const v = k === 'at' && at !== undefined && !('at' in params) ? at : params[k];
    out += (v === undefined ? `{${k}}` : String(v)) + parts[i + 1];
  }
  return out;
}

function lookup(key: MessageKey): Entry | undefined {
  return (PROBLEMS as Record<string, Entry>)[key] ?? (TEXTS as Record<string, Entry>)[key];
}

/** "「sheet」表 E7" / "Sheet "sheet", cell E7" (cell '' → the whole table). */
export function location(lang: Language, sheet: string, cell: string): string {
  const l: Language = lang === 'en-US' ? 'en-US' : 'zh-CN';
  return cell
    ? fill(TEXTS['at.cell'][l], { sheet, cell })
    : fill(TEXTS['at.table'][l], { sheet });
}

/**
 * A message in the language. Problem codes get {at} filled from params.sheet and params.cell
 * (cell '' → the whole table).
 */
export function message(lang: Language, key: MessageKey, params: Params = {}): string {
  const entry = lookup(key);
  if (!entry) return key;
  const l: Language = lang === 'en-US' ? 'en-US' : 'zh-CN';
  const at = key in PROBLEMS ? location(l, String(params.sheet ?? ''), String(params.cell ?? '')) : undefined;
  return fill(entry[l], params, at);
}

/** A problem message with its location given apart from the parameters (no object copying: used per bad cell). */
export function problemMessage(lang: Language, code: ProblemCode, params: Params, sheet: string, cell: string): string {
  const l: Language = lang === 'en-US' ? 'en-US' : 'zh-CN';
  // "第 7 行这张测评表不计入" names the form by its row (the cell's row) rather than "此表".
  const row = params.row ?? (/\d+$/.exec(cell)?.[0] ?? '');
  return fill(PROBLEMS[code][l], { ...params, row }, location(l, sheet, cell));
}

/** The catalogue's keys, for completeness tests. */
export const MESSAGE_KEYS: readonly MessageKey[] = [
  ...(Object.keys(PROBLEMS) as ProblemCode[]),
  ...(Object.keys(TEXTS) as TextKey[]),
];

export function roundName(lang: Language, round: 'self' | 'peer' | 'mass'): string {
  return message(lang, `round.${round}` as TextKey);
}

export function joinList(lang: Language, items: readonly string[]): string {
  return items.join(message(lang, 'list.sep'));
}

/** Sentences written one after another: nothing between them in Chinese, a space in English. */
export function joinSentences(lang: Language, sentences: readonly string[]): string {
  return sentences.join(lang === 'en-US' ? ' ' : '');
}

/** Whether the catalogue has this key (for keys made from a code, like check.group.<code>). */
export function isMessageKey(key: string): key is MessageKey {
  return lookup(key as MessageKey) !== undefined;
}

/** Human output of the command line (zh-CN): a summary and the problem list. */
import type { Evaluation, Problem } from '../domain/types';
import type { ComputeReport } from '../workbook/commandTypes';

export function problemLines(problems: Problem[]): string[] {
  return problems.map((p) => `  [${p.severity === 'error' ? '错误' : '警告'}] ${p.sheet}${p.cell ? '!' + p.cell : ''}  ${p.message}`);
}

export function problemSummary(problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return '未发现问题。';
  return `发现问题：错误 ${errors} 个，警告 ${warnings} 个。`;
}

export function evaluationSummary(e: Evaluation): string[] {
  const ms = e.members;
  const count = (f: (m: (typeof ms)[number]) => boolean) => ms.filter(f).length;
  return [
    `${e.branch || '（未填党支部名称）'} ${e.year} 年度：党员 ${ms.length} 名，使用测评表 ${e.formsUsed} 份。`,
    `  可评先树优 ${count((m) => m.eligible === true)} 名；不得评先树优 ${count((m) => m.eligible === false)} 名（其中一票否决 ${count((m) => m.veto)} 名，诫勉谈话 ${count((m) => m.admonish === true)} 名）；` +
      `待补录 ${count((m) => m.status === 'incomplete')} 名；待核实 ${count((m) => m.status === 'invalid')} 名；免于考评 ${count((m) => m.status === 'exempt')} 名。`,
  ];
}

export function computeLines(r: ComputeReport): string[] {
  return [...evaluationSummary(r.evaluation)];
}

/** Exit 1 when errors were found or a member cannot be posted yet (incomplete, invalid). */
export function hasProblems(e: Evaluation): boolean {
  return e.problems.some((p) => p.severity === 'error') || e.members.some((m) => m.status === 'incomplete' || m.status === 'invalid');
}

/** Human output of the command line (zh-CN): a summary and the problem list. */
import type { CheckOutline, SectionKind } from '../domain/checkOutline';
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
    `${e.branch || '（未填党支部名称）'} ${e.year} 年度：党员 ${ms.length} 名，使用评分 ${e.formsUsed} 条。`,
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

const TAG: Record<SectionKind, string> = { error: '错误', missing: '缺表', warning: '提醒' };

function at(p: Problem): string {
  return `${p.sheet}${p.cell ? '!' + p.cell : ''}`;
}

/**
 * The check report as the domain ordered and grouped it (checkOutline.ts): the summary sentence, then each
 * section's heading and lines; a grouped line stands for all its problems, which `verbose` lists beneath it.
 */
export function outlineLines(outline: CheckOutline, verbose: boolean): string[] {
  const lines = [outline.summary];
  let folded = false;
  for (const s of outline.sections) {
    lines.push(`${s.title}：`);
    for (const g of s.groups) {
      const first = g.problems[0];
      const sheets = [...new Set(g.problems.map((p) => p.sheet))].join('、');
      lines.push(`  [${TAG[s.kind]}] ${g.problems.length === 1 ? at(first) : sheets}  ${g.line}`);
      if (g.problems.length === 1) continue;
      if (verbose) for (const p of g.problems) lines.push(`      ${at(p)}  ${p.message}`);
      else folded = true;
    }
  }
  if (folded) lines.push('（同类问题已合并为一行；加 --verbose 逐条列出。）');
  return lines;
}

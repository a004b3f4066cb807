/** Human output of the command line (zh-CN): a summary and the problem list. */
import type { CheckOutline } from '../domain/checkOutline';
import type { Evaluation, Problem } from '../domain/types';
import type { ComputeReport } from '../workbook/commandTypes';
import { cliText as T } from '../domain/texts/cli';

export function problemLines(problems: Problem[]): string[] {
  return problems.map((p) => T.problemLine(p.severity === 'error', at(p), p.message));
}

export function problemSummary(problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return T.noProblems;
  return T.problemsFound(errors, warnings);
}

export function evaluationSummary(e: Evaluation): string[] {
  const ms = e.members;
  const count = (f: (m: (typeof ms)[number]) => boolean) => ms.filter(f).length;
  return [
    T.evaluationLine(e.branch || T.noBranchName, e.year, ms.length, e.formsUsed),
    T.evaluationCounts({
      eligible: count((m) => m.eligible === true),
      notEligible: count((m) => m.eligible === false),
      veto: count((m) => m.veto),
      admonish: count((m) => m.admonish === true),
      incomplete: count((m) => m.status === 'incomplete'),
      invalid: count((m) => m.status === 'invalid'),
      exempt: count((m) => m.status === 'exempt'),
    }),
  ];
}

export function computeLines(r: ComputeReport): string[] {
  return [...evaluationSummary(r.evaluation)];
}

/** Exit 1 when errors were found or a member cannot be posted yet (incomplete, invalid). */
export function hasProblems(e: Evaluation): boolean {
  return e.problems.some((p) => p.severity === 'error') || e.members.some((m) => m.status === 'incomplete' || m.status === 'invalid');
}

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
      lines.push(`  [${T.sectionTag[s.kind]}] ${g.problems.length === 1 ? at(first) : sheets}  ${g.line}`);
      if (g.problems.length === 1) continue;
      if (verbose) for (const p of g.problems) lines.push(`      ${at(p)}  ${p.message}`);
      else folded = true;
    }
  }
  if (folded) lines.push(T.foldedNote);
  return lines;
}

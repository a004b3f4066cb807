/** The `--json` output of SPEC §5: numbers as numbers, absent values as null. */
import type { Evaluation, MemberStatus, Severity, ProblemCode } from './types';

export interface JsonMember {
  id: string;
  name: string;
  group: string;
  category: string;
  self: number | null;
  peer: number | null;
  mass: number | null;
  average: number | null;
  bonus: number | null;
  final: number | null;
  rank: number | null;
  eligible: boolean | null;
  admonish: boolean | null;
  veto: boolean;
  status: MemberStatus;
  result: string;
}

export interface JsonProblem {
  severity: Severity;
  sheet: string;
  cell: string;
  code: ProblemCode;
  message: string;
}

export interface JsonOutput {
  year: number;
  members: JsonMember[];
  problems: JsonProblem[];
}

export function toJsonOutput(evaluation: Evaluation): JsonOutput {
  return {
    year: evaluation.year,
    members: evaluation.members.map((m) => ({
      id: m.id,
      name: m.name,
      group: m.group,
      category: m.category,
      self: m.self,
      peer: m.peer,
      mass: m.mass,
      average: m.average,
      bonus: m.bonus,
      final: m.final,
      rank: m.rank,
      eligible: m.eligible,
      admonish: m.admonish,
      veto: m.veto,
      status: m.status,
      result: m.result,
    })),
    problems: evaluation.problems.map((p) => ({ severity: p.severity, sheet: p.sheet, cell: p.cell, code: p.code, message: p.message })),
  };
}

/**
 * The check report as a secretary reads it (校验): what to do next in one sentence, then errors (what blocks the
 * results or the posting), then the forms still missing, then warnings. Within a section, problems keep the
 * order check found them in (sheet order); three or more of the same kind (same code, same topic) become one
 * line with the count and the names ("41 名党员还没有填写个人年度工作计划：郭兰强、陶静、…"), keeping every problem
 * for the expanded view (pane) and `--verbose` (CLI). `--json` is not made from this: it keeps one problem per
 * cell. Pure; the command line and the task pane only render it.
 */
import { isMessageKey, joinList, joinSentences, message, type MessageKey, type Params } from './texts/messages';
import type { Language, Problem } from './types';

export type SectionKind = 'error' | 'missing' | 'warning';
export const SECTION_ORDER: readonly SectionKind[] = ['error', 'missing', 'warning'];

/** Three or more problems of one kind are grouped into one line. */
export const GROUP_MIN = 3;
/** Names (or cells) a grouped line shows before "…". */
export const NAMES_SHOWN = 10;

export interface ProblemGroup {
  /** code, or code/topic: what makes problems "the same". */
  key: string;
  /** The line shown: the problem's own message when alone, else the grouped sentence. */
  line: string;
  /** Every problem of the group, in order (one when not grouped). */
  problems: Problem[];
}

export interface CheckSection {
  kind: SectionKind;
  /** Heading: "错误 1 处（须改正后才能公示）". */
  title: string;
  /** Number of problems in the section. */
  count: number;
  groups: ProblemGroup[];
}

export interface CheckOutline {
  /** What to do next, in words ("1 处错误需要改正后才能公示。"). */
  summary: string;
  counts: Record<SectionKind, number>;
  /** Only the sections that have problems, in SECTION_ORDER. */
  sections: CheckSection[];
}

export function sectionOf(p: Problem): SectionKind {
  if (p.severity === 'error') return 'error';
  return p.code === 'missing_form' ? 'missing' : 'warning';
}

function groupKey(p: Problem): string {
  return p.topic ? `${p.code}/${p.topic}` : p.code;
}

/** "郭兰强、陶静、…": the first NAMES_SHOWN items joined, "…" when there are more. */
function shortList(lang: Language, items: string[]): string {
  const unique = [...new Set(items)];
  const shown = joinList(lang, unique.slice(0, NAMES_SHOWN));
  return unique.length > NAMES_SHOWN ? `${shown}${message(lang, 'list.more')}` : shown;
}

function where(p: Problem): string {
  return p.cell ? `${p.sheet} ${p.cell}` : p.sheet;
}

function groupLine(lang: Language, key: string, problems: Problem[]): string {
  if (problems.length < GROUP_MIN) return problems[0].message;
  const named = `check.group.${key}`;
  if (isMessageKey(named)) return message(lang, named, { count: problems.length, names: shortList(lang, problems.map((p) => p.subject ?? p.memberId ?? where(p))) });
  return message(lang, 'check.group.other', { first: problems[0].message, count: problems.length, names: shortList(lang, problems.map(where)) });
}

/** The summary sentence: what to do next. */
export function checkSummary(lang: Language, counts: Record<SectionKind, number>): string {
  const s = (key: MessageKey, p: Params = {}) => message(lang, key, { errors: counts.error, missing: counts.missing, warnings: counts.warning, ...p });
  const parts: string[] = [];
  if (counts.error > 0) {
    parts.push(s('check.summary.errors'));
    if (counts.missing > 0) parts.push(s('check.summary.missingToo'));
  } else if (counts.missing > 0) parts.push(s('check.summary.missing'));
  else if (counts.warning === 0) return s('check.summary.none');
  else parts.push(s('check.summary.noErrors'));
  if (counts.warning > 0) parts.push(s('check.summary.warnings'));
  return joinSentences(lang, parts);
}

export function outlineProblems(problems: readonly Problem[], lang: Language): CheckOutline {
  const counts: Record<SectionKind, number> = { error: 0, missing: 0, warning: 0 };
  const bySection: Record<SectionKind, Map<string, Problem[]>> = { error: new Map(), missing: new Map(), warning: new Map() };
  for (const p of problems) {
    const kind = sectionOf(p);
    counts[kind]++;
    const key = groupKey(p);
    const list = bySection[kind].get(key);
    if (list) list.push(p);
    else bySection[kind].set(key, [p]);
  }
  const sections: CheckSection[] = [];
  for (const kind of SECTION_ORDER) {
    if (counts[kind] === 0) continue;
    const groups: ProblemGroup[] = [];
    // Kinds in the order their first problem came; a kind of fewer than GROUP_MIN stays one line per problem,
    // still in the place of its first problem.
    for (const [key, list] of bySection[kind]) {
      if (list.length >= GROUP_MIN) groups.push({ key, line: groupLine(lang, key, list), problems: list });
      else for (const p of list) groups.push({ key, line: p.message, problems: [p] });
    }
    sections.push({ kind, title: message(lang, `check.title.${kind}`, { count: counts[kind] }), count: counts[kind], groups });
  }
  return { summary: checkSummary(lang, counts), counts, sections };
}

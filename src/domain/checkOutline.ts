/**
 * The check report as a secretary reads it (校验): what to do next in one sentence, then errors (what blocks the
 * results or the posting), then the forms still missing, then warnings. Within a section, problems keep the
 * order check found them in (sheet order); three or more of the same kind (same code, same topic) become one
 * line with the count and the names ("41 名党员还没有填写个人年度工作计划：郭兰强、陶静、…"), keeping every problem
 * for the expanded view (pane) and `--verbose` (CLI). `--json` is not made from this: it keeps one problem per
 * cell. Pure; the command line and the task pane only render it.
 */
import { joinList } from './texts/messages';
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

type Entry = { 'zh-CN': string; 'en-US': string };
type Params = Record<string, string | number>;

/** Grouped lines of kinds that name members or ballots. {count} problems, {names} their subjects. */
const GROUP_LINES: Record<string, Entry> = {
  plan_missing: {
    'zh-CN': '{count} 名党员还没有填写个人年度工作计划：{names}',
    'en-US': '{count} members have no annual work plan yet: {names}',
  },
  'missing_form/self': { 'zh-CN': '{count} 名党员还没有自评：{names}', 'en-US': '{count} members have no self-evaluation form yet: {names}' },
  'missing_form/peer': {
    'zh-CN': '{count} 名党员的互评测评表还没有交齐：{names}',
    'en-US': '{count} members have not handed in all their peer forms: {names}',
  },
  'missing_form/round-peer': { 'zh-CN': '{count} 名党员还没有任何互评测评表：{names}', 'en-US': '{count} members have no peer form yet: {names}' },
  'missing_form/round-mass': { 'zh-CN': '{count} 名党员还没有任何群众参评测评表：{names}', 'en-US': '{count} members have no mass form yet: {names}' },
  'missing_form/ballot-peer': {
    'zh-CN': '{count} 份互评测评表已分发、还没有交回：{names}',
    'en-US': '{count} peer ballots handed out are not back yet: {names}',
  },
  'missing_form/ballot-mass': {
    'zh-CN': '{count} 份群众参评测评表已分发、还没有交回：{names}',
    'en-US': '{count} mass ballots handed out are not back yet: {names}',
  },
};

/** Any other kind: the first message, and how many more where. */
const OTHER_LINE: Entry = {
  'zh-CN': '{first}（同类问题共 {count} 处：{names}）',
  'en-US': '{first} (the same in {count} places: {names})',
};

const TITLES: Record<SectionKind, Entry> = {
  error: { 'zh-CN': '错误 {count} 处（须改正后才能计算结果和公示）', 'en-US': '{count} errors (to correct before results and posting)' },
  missing: { 'zh-CN': '还缺的测评表 {count} 项', 'en-US': '{count} forms still missing' },
  warning: { 'zh-CN': '提醒 {count} 处（请核对，不影响计算）', 'en-US': '{count} warnings (please check; they do not stop the results)' },
};

const SUMMARY = {
  none: { 'zh-CN': '没有发现问题，可以计算结果和公示。', 'en-US': 'No problems found: results can be computed and posted.' },
  errors: { 'zh-CN': '{errors} 处错误需要改正后才能公示。', 'en-US': 'Correct {errors} error(s) before posting.' },
  missing: { 'zh-CN': '还缺 {missing} 项测评表，补齐后再计算结果和公示。', 'en-US': '{missing} form(s) still missing: enter them, then compute and post.' },
  missingToo: { 'zh-CN': '还缺 {missing} 项测评表。', 'en-US': '{missing} form(s) still missing.' },
  noErrors: { 'zh-CN': '没有错误。', 'en-US': 'No errors.' },
  warnings: { 'zh-CN': '另有 {warnings} 处提醒请核对。', 'en-US': '{warnings} warning(s) to check.' },
} satisfies Record<string, Entry>;

function fill(lang: Language, e: Entry, params: Params): string {
  return e[lang === 'en-US' ? 'en-US' : 'zh-CN'].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
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
  return unique.length > NAMES_SHOWN ? `${shown}${lang === 'en-US' ? ', …' : '、…'}` : shown;
}

function where(p: Problem): string {
  return p.cell ? `${p.sheet} ${p.cell}` : p.sheet;
}

function groupLine(lang: Language, key: string, problems: Problem[]): string {
  if (problems.length < GROUP_MIN) return problems[0].message;
  const named = GROUP_LINES[key];
  if (named) return fill(lang, named, { count: problems.length, names: shortList(lang, problems.map((p) => p.subject ?? p.memberId ?? where(p))) });
  return fill(lang, OTHER_LINE, { first: problems[0].message, count: problems.length, names: shortList(lang, problems.map(where)) });
}

/** The summary sentence: what to do next. */
export function checkSummary(lang: Language, counts: Record<SectionKind, number>): string {
  const s = (e: Entry, p: Params = {}) => fill(lang, e, { errors: counts.error, missing: counts.missing, warnings: counts.warning, ...p });
  const parts: string[] = [];
  if (counts.error > 0) {
    parts.push(s(SUMMARY.errors));
    if (counts.missing > 0) parts.push(s(SUMMARY.missingToo));
  } else if (counts.missing > 0) parts.push(s(SUMMARY.missing));
  else if (counts.warning === 0) return s(SUMMARY.none);
  else parts.push(s(SUMMARY.noErrors));
  if (counts.warning > 0) parts.push(s(SUMMARY.warnings));
  return parts.join(lang === 'en-US' ? ' ' : '');
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
    sections.push({ kind, title: fill(lang, TITLES[kind], { count: counts[kind] }), count: counts[kind], groups });
  }
  return { summary: checkSummary(lang, counts), counts, sections };
}

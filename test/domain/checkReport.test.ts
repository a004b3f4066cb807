/** What check lists as still missing (missingForms.ts) and how the report is ordered and grouped (checkOutline.ts). */
import { outlineProblems, checkSummary } from '../../src/domain/checkOutline';
import type { IssuedBallot } from '../../src/domain/ballotIssue';
import { missingForms } from '../../src/domain/missingForms';
import { parseRoster } from '../../src/domain/roster';
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';
import { DEFAULT_SETTINGS, type Settings } from '../../src/domain/settings';
import type { Language, Problem } from '../../src/domain/types';
import { D90, MASS, PEER, ROSTER, SELF, input, type World } from './build';

function missing(w: World, issued: IssuedBallot[] = [], settings: Partial<Settings> = {}, lang: Language = 'zh-CN'): Problem[] {
  const i = input(w);
  const roster = parseRoster(i.roster, DEFAULT_RUBRIC, lang);
  return missingForms({ roster, settings: { ...DEFAULT_SETTINGS, year: 2026, ...settings }, self: i.self, peer: i.peer, mass: i.mass, issued }, lang);
}

const mass = (code: string, group = ''): IssuedBallot => ({ year: 2026, round: 'mass', evaluator: code, group, label: '', date: '', secret: '', void: false });

describe('missing forms', () => {
  it('nothing is missing when every member self-evaluated, every peer scored the others and every ballot is back', () => {
    expect(missing({}, [mass('Q01')])).toEqual([]);
  });

  it('names a member with no self form, an evaluator whose peer forms are not all in, and a mass ballot not back', () => {
    const problems = missing(
      { self: SELF.filter((r) => r[0] !== '002'), peer: PEER.filter((r) => !(r[0] === '003' && r[1] === '001')) },
      [mass('Q01'), mass('Q02'), { ...mass('Q03'), year: 2025 }],
    );
    expect(problems.map((p) => [p.severity, p.code, p.sheet, p.cell, p.memberId ?? null])).toEqual([
      // At the first free row of the round's table: where the form is typed.
      ['warning', 'missing_form', '党员自评', 'A4', '002'],
      ['warning', 'missing_form', '党员互评', 'A7', '003'],
      ['warning', 'missing_form', '群众参评', 'A5', null],
    ]);
    expect(problems[0].message).toBe('「党员自评」表 A4：党员 002 李四 还没有自评（党员自评表未录入）。');
    expect(problems[1].message).toBe('「党员互评」表 A7：党员 003 王五 的互评还没有交齐：还差对 1 名党员的测评表（张三）。');
    // Last year's ballot (Q03) is not outstanding this year.
    expect(problems[2].message).toBe('「群众参评」表 A5：群众参评测评表 Q02 已分发，还没有交回。');
    expect(missing({ self: [] }, [], {}, 'en-US')[0].message).toBe('Sheet "党员自评", cell A2: member 001 张三 has no self-evaluation form yet.');
  });

  it('an exempt member owes nothing and is owed nothing; a round weighted 0 is not asked for', () => {
    const roster = ROSTER.map((r) => (r[0] === '003' ? [...r.slice(0, 4), '是', ''] : r));
    expect(missing({ roster, self: SELF.filter((r) => r[0] !== '003'), peer: PEER.filter((r) => r[0] !== '003' && r[1] !== '003') })).toEqual([]);
    expect(missing({ self: [] }, [], { weights: { self: 0, peer: 1, mass: 1 } })).toEqual([]);
  });

  it('a 党小组 scored with anonymous peer codes: members with no peer form at all, and codes handed out not back', () => {
    const peer = [['P01', '001', '张三', ...D90], ['P01', '002', '李四', ...D90]];
    const issued: IssuedBallot[] = [
      { year: 2026, round: 'peer', evaluator: 'P01', group: '第一党小组', label: '', date: '', secret: '', void: false },
      { year: 2026, round: 'peer', evaluator: 'P02', group: '第一党小组', label: '', date: '', secret: '', void: false },
    ];
    const problems = missing({ peer }, issued);
    expect(problems.map((p) => p.message)).toEqual([
      '「党员互评」表 A4：党员 003 王五 还没有任何互评测评表（没有互评分数就算不出最终得分）。',
      '「党员互评」表 A4：互评测评表 P02（第一党小组） 已分发，还没有交回。',
    ]);
  });

  it('a member with no mass form at all is named', () => {
    const problems = missing({ mass: MASS.slice(0, 2) });
    expect(problems.map((p) => [p.cell, p.memberId, p.topic])).toEqual([['A4', '003', 'round-mass']]);
  });
});

function problem(severity: 'error' | 'warning', code: Problem['code'], cell: string, extra: Partial<Problem> = {}): Problem {
  return { severity, sheet: extra.sheet ?? '年度工作计划', cell, code, message: `${cell} ${code}`, ...extra };
}

describe('check report outline', () => {
  const plans = Array.from({ length: 40 }, (_, i) =>
    problem('warning', 'plan_missing', `C${i + 2}`, { subject: `党员${i + 1}`, memberId: String(i + 1).padStart(3, '0') }));
  const error = problem('error', 'out_of_range', 'E9', { sheet: '党员自评' });
  const self = problem('warning', 'missing_form', 'A12', { sheet: '党员自评', subject: '郭兰强', topic: 'self' });
  const text = problem('warning', 'number_as_text', 'F3', { sheet: '党员互评' });

  it('orders errors, then missing forms, then warnings, and groups three or more of a kind into one line', () => {
    const o = outlineProblems([...plans.slice(0, 20), text, error, ...plans.slice(20), self], 'zh-CN');
    expect(o.sections.map((s) => [s.kind, s.count, s.groups.length])).toEqual([['error', 1, 1], ['missing', 1, 1], ['warning', 41, 2]]);
    expect(o.sections[0].groups[0].line).toBe('E9 out_of_range');
    const grouped = o.sections[2].groups[0];
    expect(grouped.problems).toHaveLength(40);
    expect(grouped.line).toBe('40 名党员还没有填写个人年度工作计划：党员1、党员2、党员3、党员4、党员5、党员6、党员7、党员8、党员9、党员10、…');
    expect(o.sections[2].groups[1].problems).toEqual([text]);
    expect(o.summary).toBe('1 处错误需要改正后才能公示。还缺 1 项测评表。另有 41 处提醒请核对。');
    expect(o.counts).toEqual({ error: 1, missing: 1, warning: 41 });
  });

  it('two of a kind stay two lines; other kinds are grouped with their cells', () => {
    expect(outlineProblems(plans.slice(0, 2), 'zh-CN').sections[0].groups.map((g) => g.line)).toEqual(['C2 plan_missing', 'C3 plan_missing']);
    const texts = ['F3', 'G3', 'H4'].map((c) => problem('warning', 'number_as_text', c, { sheet: '党员互评' }));
    expect(outlineProblems(texts, 'zh-CN').sections[0].groups[0].line).toBe('F3 number_as_text（同类问题共 3 处：党员互评 F3、党员互评 G3、党员互评 H4）');
    // Missing forms of different rounds are different kinds.
    const rounds = ['self', 'self', 'self', 'round-mass', 'round-mass', 'round-mass'].map((topic, i) =>
      problem('warning', 'missing_form', `A${i}`, { subject: `人${i}`, topic }));
    expect(outlineProblems(rounds, 'zh-CN').sections[0].groups.map((g) => g.line)).toEqual([
      '3 名党员还没有自评：人0、人1、人2',
      '3 名党员还没有任何群众参评测评表：人3、人4、人5',
    ]);
  });

  it('the summary says what to do next', () => {
    expect(checkSummary('zh-CN', { error: 0, missing: 0, warning: 0 })).toBe('没有发现问题，可以计算结果和公示。');
    expect(checkSummary('zh-CN', { error: 0, missing: 3, warning: 0 })).toBe('还缺 3 项测评表，补齐后再计算结果和公示。');
    expect(checkSummary('zh-CN', { error: 0, missing: 0, warning: 2 })).toBe('没有错误。另有 2 处提醒请核对。');
    expect(checkSummary('en-US', { error: 2, missing: 0, warning: 0 })).toBe('Correct 2 error(s) before posting.');
  });
});

/** SPEC §2 rules and every row of the §3.4 bad-input table, through evaluate(). */
import { evaluate } from '../../src/domain/evaluate';
import type { Evaluation, MemberResult, ProblemCode } from '../../src/domain/types';
import { D100, D70, D80, D90, MASS, PEER, ROSTER, SELF, block, dims, input, type World } from './build';
import { DEFAULT_RUBRIC } from '../../src/domain/rubric';

const run = (w: World = {}) => evaluate(input(w));
const member = (ev: Evaluation, id: string): MemberResult => {
  const m = ev.members.find((x) => x.id === id);
  if (!m) throw new Error(`no member ${id}`);
  return m;
};
const codes = (ev: Evaluation) => ev.problems.map((p) => p.code);
const only = (ev: Evaluation, code: ProblemCode) => ev.problems.filter((p) => p.code === code);

describe('the baseline world', () => {
  const ev = run();
  it('has no problems and scores every member', () => {
    expect(ev.problems).toEqual([]);
    expect(ev.year).toBe(2026);
    expect(ev.branch).toBe('测试党支部');
    expect(ev.members.map((m) => m.status)).toEqual(['ok', 'ok', 'ok']);
  });
  it('round score = mean of valid form totals; average = mean of rounds; final rounded to 2 decimals', () => {
    const a = member(ev, '001');
    expect([a.self, a.peer, a.mass]).toEqual([90, 85, 90]);
    expect(a.average).toBe(88.33);
    expect(a.final).toBe(88.33);
    expect(a.forms).toEqual({ self: 1, peer: 2, mass: 1 });
    expect(member(ev, '002').final).toBe(76.67); // 76.666… rounds up
    expect(member(ev, '003').final).toBe(98.33);
  });
  it('ranks by final score, descending', () => {
    expect(ev.members.map((m) => m.rank)).toEqual([2, 3, 1]);
  });
  it('applies the default thresholds and labels', () => {
    const c = member(ev, '003');
    expect(c.eligible).toBe(true);
    expect(c.result).toBe('合格，可参加评先树优');
    const a = member(ev, '001');
    expect(a.eligible).toBe(false);
    expect(a.admonish).toBe(false);
    expect(a.result).toBe('不得参加评先树优');
    expect(ev.formsUsed).toBe(12);
  });
});

describe('exact arithmetic (SPEC §2)', () => {
  it('19 × 86.6 and 94.3 in peer, self 88, mass 95: average exactly 89.995 → final 90.00, eligible', () => {
    const roster = [['001', '甲', '一组', '机关党员'], ...Array.from({ length: 20 }, (_, i) => [`1${String(i).padStart(2, '0')}`, `乙${i}`, '一组', '机关党员'])];
    const peer = Array.from({ length: 19 }, (_, i) => [`1${String(i).padStart(2, '0')}`, '001', '甲', ...dims(86.6)]);
    peer.push(['119', '001', '甲', ...dims(94.3)]);
    // The other members need all rounds too, or they are merely incomplete: irrelevant here.
    const ev = run({ roster, self: [['001', '甲', ...dims(88)]], peer, mass: [['Q01', '001', '甲', ...dims(95)]] });
    const a = member(ev, '001');
    expect(a.peer).toBe(86.985);
    expect(a.average).toBe(90);
    expect(a.final).toBe(90);
    expect(a.eligible).toBe(true);
    expect(a.result).toBe('合格，可参加评先树优');
  });
  it('thresholds compare the rounded final: 89.995 is eligible, 89.994… is not', () => {
    // peer (86.6×2 + 86.5)/3 = 86.5666…; self 88, mass 95 → 89.855… → 89.86 not eligible
    const ev = run({
      roster: [['001', '甲', '一组', '机关党员'], ['002', '乙', '一组', '机关党员'], ['003', '丙', '一组', '机关党员'], ['004', '丁', '一组', '机关党员']],
      self: [['001', '甲', ...dims(88)]],
      peer: [['002', '001', '甲', ...dims(86.6)], ['003', '001', '甲', ...dims(86.6)], ['004', '001', '甲', ...dims(86.5)]],
      mass: [['Q01', '001', '甲', ...dims(95)]],
    });
    expect(member(ev, '001').final).toBe(89.86);
    expect(member(ev, '001').eligible).toBe(false);
  });
  it('rounds half away from zero once, at the end (bonus added before rounding)', () => {
    // average exact 88.333…; bonus 0.5 → 88.8333… → 88.83
    const ev = run({ bonus: [['001', '张三', '无偿献血', 0.5, '证明']] });
    expect(member(ev, '001').bonus).toBe(0.5);
    expect(member(ev, '001').final).toBe(88.83);
    expect(member(ev, '001').average).toBe(88.33);
  });
  it('final = average + bonus to the cent', () => {
    const ev = run({ bonus: [['002', '李四', '表彰', 1.5, '']] });
    const b = member(ev, '002');
    expect(Math.round((b.average! + b.bonus) * 100)).toBe(Math.round(b.final! * 100));
  });
});

describe('ranking', () => {
  it('is a competition ranking (1, 2, 2, 4)', () => {
    const roster = ['001', '002', '003', '004'].map((id) => [id, `人${id}`, '一组', '机关党员']);
    const totals = { '001': 90, '002': 80, '003': 80, '004': 70 } as Record<string, number>;
    const self = roster.map((r) => [r[0], r[1], ...dims(totals[r[0] as string])]);
    const peer = roster.map((r) => [r[0] === '001' ? '002' : '001', r[0], r[1], ...dims(totals[r[0] as string])]);
    const mass = roster.map((r) => ['Q01', r[0], r[1], ...dims(totals[r[0] as string])]);
    const ev = run({ roster, self, peer, mass });
    expect(ev.members.map((m) => m.rank)).toEqual([1, 2, 2, 4]);
  });
  it('does not rank incomplete or exempt members, but does rank invalid ones', () => {
    const roster = [...ROSTER, ['004', '赵六', '第一党小组', '机关党员', '是', '']];
    const ev = run({ roster, mass: [...MASS.slice(0, 2), ['Q01', '003', '王五', ...D100.slice(0, 7), '']], review: [['002', '李四', '待定']] });
    expect(member(ev, '003').status).toBe('incomplete');
    expect(member(ev, '003').rank).toBeNull();
    expect(member(ev, '004').status).toBe('exempt');
    expect(member(ev, '004').rank).toBeNull();
    expect(member(ev, '002').status).toBe('invalid');
    expect(member(ev, '002').rank).toBe(2);
    expect(member(ev, '001').rank).toBe(1);
  });
});

describe('statuses', () => {
  it('incomplete: a round without a valid form → no average, no final, not ranked, listed with what is missing', () => {
    const ev = run({ mass: MASS.slice(0, 2) });
    const c = member(ev, '003');
    expect(c.status).toBe('incomplete');
    expect(c.missing).toEqual(['mass']);
    expect([c.average, c.final, c.rank, c.eligible, c.admonish]).toEqual([null, null, null, null, null]);
    expect(c.self).toBe(100);
    expect(c.mass).toBeNull();
    expect(c.result).toBe('待补录');
    expect(c.notes).toContain('群众参评');
  });
  it('never averages over fewer rounds: a missing self round is incomplete too', () => {
    const ev = run({ self: SELF.slice(1) });
    expect(member(ev, '001').status).toBe('incomplete');
    expect(member(ev, '001').missing).toEqual(['self']);
  });
  it('exempt (免评 是): listed, not scored, not ranked; forms about them are not counted (warning)', () => {
    const roster = ROSTER.map((r) => (r[0] === '002' ? [...r.slice(0, 4), '是', '病休'] : r));
    const ev = run({ roster });
    const b = member(ev, '002');
    expect(b.status).toBe('exempt');
    expect([b.self, b.peer, b.mass, b.average, b.final, b.rank]).toEqual([null, null, null, null, null, null]);
    expect(b.result).toBe('免于考评');
    const w = only(ev, 'exempt_member_scored');
    expect(w.length).toBe(4); // self, two peer forms, one mass form
    expect(w.every((p) => p.severity === 'warning' && p.memberId === '002')).toBe(true);
    expect(member(ev, '001').status).toBe('ok');
  });
  it('invalid: scored from the valid rows while an error about the member remains', () => {
    const peer = [...PEER, ['X9', '001', '张三', ...D90.slice(0, 7), '优']];
    const ev = run({ peer });
    const a = member(ev, '001');
    expect(a.status).toBe('invalid');
    expect(a.final).toBe(88.33);
    expect(a.rank).not.toBeNull();
    expect(a.result).toBe('待核实');
    expect(a.notes).toContain('党员互评');
  });
  it('incomplete wins over invalid', () => {
    const ev = run({ mass: [MASS[0], MASS[1], ['Q01', '003', '王五', ...D100.slice(0, 7), 11]] });
    expect(member(ev, '003').status).toBe('incomplete');
  });
});

describe('SPEC §3.4 bad input, row by row', () => {
  it('a number stored as text, full-width or padded: counted, warning', () => {
    const self = [['001', '张三', '９', ' 9 ', ...D90.slice(2)], SELF[1], SELF[2]];
    const ev = run({ self });
    const w = only(ev, 'number_as_text');
    expect(w.map((p) => [p.severity, p.cell])).toEqual([['warning', 'C2'], ['warning', 'D2']]);
    expect(member(ev, '001').self).toBe(90);
    expect(member(ev, '001').status).toBe('ok');
  });
  it.each([['优'], ['十'], ['9分']])('text that is not a number (%s): error, form not counted', (text) => {
    const peer = [...PEER.slice(0, 1), ['003', '001', '张三', text, ...D90.slice(1)], ...PEER.slice(2)];
    const ev = run({ peer });
    const e = only(ev, 'not_a_number');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ severity: 'error', sheet: '党员互评', cell: 'D3', memberId: '001' });
    expect(member(ev, '001').peer).toBe(80);
    expect(member(ev, '001').forms.peer).toBe(1);
  });
  it('an error value (#N/A): error, form not counted', () => {
    const mass = [['Q01', '001', '张三', '#N/A', ...D90.slice(1)], MASS[1], MASS[2]];
    const ev = run({ mass });
    expect(only(ev, 'error_value')[0]).toMatchObject({ severity: 'error', sheet: '群众参评', cell: 'D2' });
    expect(member(ev, '001').status).toBe('incomplete');
  });
  it('a score below 0 or above the points: error, form not counted', () => {
    const peer = [['002', '001', '张三', -1, ...D80.slice(1)], ['003', '001', '张三', 9, 10.1, ...D90.slice(2)], ...PEER.slice(2)];
    const ev = run({ peer });
    const e = only(ev, 'out_of_range');
    expect(e.map((p) => p.cell)).toEqual(['D2', 'E3']);
    expect(e[1].message).toBe('「党员互评」表 E3：宗旨意识 的分数 10.1 超出范围（0～10），此表不计入。');
    expect(member(ev, '001').status).toBe('incomplete');
  });
  it('boundaries 0 and the full points are valid', () => {
    const self = [['001', '张三', 0, 10, 15, 15, 15, 15, 10, 10], SELF[1], SELF[2]];
    const ev = run({ self });
    expect(ev.problems).toEqual([]);
    expect(member(ev, '001').self).toBe(90);
  });
  it('more than one decimal: error, form not counted', () => {
    const self = [['001', '张三', 9.25, ...D90.slice(1)], SELF[1], SELF[2]];
    const ev = run({ self });
    expect(only(ev, 'too_many_decimals')[0]).toMatchObject({ cell: 'C2', memberId: '001' });
    expect(member(ev, '001').self).toBeNull();
  });
  it('a per-dimension form with some cells blank: incomplete form error, not counted', () => {
    const self = [['001', '张三', 9, '', ...D90.slice(2, 7), null], SELF[1], SELF[2]];
    const ev = run({ self });
    const e = only(ev, 'incomplete_form');
    expect(e).toHaveLength(1);
    expect(e[0].cell).toBe('D2');
    expect(e[0].message).toContain('宗旨意识');
    expect(e[0].message).toContain('服务社会');
    expect(member(ev, '001').self).toBeNull();
  });
  it('a row blank in every column is ignored with no message', () => {
    const ev = run({ self: [SELF[0], ['', null, '', '', '', '', '', '', '', '', ''], ['\u3000'], SELF[1], SELF[2]] });
    expect(ev.problems).toEqual([]);
    expect(member(ev, '002').self).toBe(80);
  });
  it('double entry (same round, evaluator, member): error on every copy, none counted', () => {
    const mass = [...MASS, ['q01', '001', '张三', ...D70]];
    const ev = run({ mass });
    const e = only(ev, 'duplicate_form');
    expect(e.map((p) => p.cell)).toEqual(['A2', 'A5']);
    expect(e[0].message).toContain('2、5');
    expect(member(ev, '001').mass).toBeNull();
    expect(member(ev, '001').status).toBe('incomplete');
  });
  it('double entry in kp_Self (the member twice)', () => {
    const ev = run({ self: [...SELF, ['001', '张三', ...D80]] });
    expect(only(ev, 'duplicate_form').map((p) => p.cell)).toEqual(['A2', 'A5']);
    expect(member(ev, '001').self).toBeNull();
  });
  it('an 编号 not in the roster: error, not counted, no member affected', () => {
    const ev = run({ peer: [...PEER, ['001', '999', '查无此人', ...D90]] });
    const e = only(ev, 'unknown_member');
    expect(e[0]).toMatchObject({ severity: 'error', cell: 'B8' });
    expect(e[0].memberId).toBeUndefined();
    expect(ev.members.every((m) => m.status === 'ok')).toBe(true);
  });
  it('a row with scores but no 党员编号: error', () => {
    const ev = run({ self: [...SELF, ['', '张三', ...D90]] });
    expect(only(ev, 'missing_member_id')[0].cell).toBe('A5');
  });
  it('姓名 different from the roster: warning, counted by 编号', () => {
    const ev = run({ self: [['001', '张叁', ...D90], SELF[1], ['003', '王　五', ...D100]] });
    const w = only(ev, 'name_mismatch');
    expect(w).toHaveLength(1); // 王　五 is 王五 with a padding space
    expect(w[0]).toMatchObject({ severity: 'warning', cell: 'B2' });
    expect(member(ev, '001').self).toBe(90);
  });
  it('"1" where the roster says "001": counted, warning id_not_canonical', () => {
    const ev = run({ self: [[1, '张三', ...D90], SELF[1], ['３', '王五', ...D100]] });
    expect(only(ev, 'id_not_canonical').map((p) => p.cell)).toEqual(['A2', 'A4']);
    expect(member(ev, '001').self).toBe(90);
    expect(member(ev, '003').self).toBe(100);
  });
  it('a peer form by a member about themself: warning, not counted', () => {
    const ev = run({ peer: [...PEER, ['001', '001', '张三', ...D100]] });
    expect(only(ev, 'self_peer')[0]).toMatchObject({ severity: 'warning', cell: 'A8' });
    expect(member(ev, '001').peer).toBe(85);
  });
  it('a peer evaluator of another group: warning, counted; a ballot code is fine', () => {
    const roster = [...ROSTER, ['004', '赵六', '第二党小组', '机关党员']];
    const ev = run({
      roster,
      self: [...SELF, ['004', '赵六', ...D90]],
      peer: [...PEER, ['004', '001', '张三', ...D70], ['P9', '004', '赵六', ...D90]],
      mass: [...MASS, ['Q01', '004', '赵六', ...D90]],
    });
    const w = only(ev, 'other_group_peer');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', cell: 'A8', memberId: '001' });
    expect(member(ev, '001').peer).toBe(80); // (80 + 90 + 70) / 3
    expect(member(ev, '001').status).toBe('ok');
    expect(member(ev, '004').status).toBe('ok');
  });
  it('a blank 评价人 in kp_Peer or kp_Mass: error, not counted', () => {
    const ev = run({ peer: [...PEER, ['', '001', '张三', ...D70]], mass: [...MASS, [null, '002', '李四', ...D100]] });
    const e = only(ev, 'missing_evaluator');
    expect(e.map((p) => [p.sheet, p.cell, p.memberId])).toEqual([['党员互评', 'A8', '001'], ['群众参评', 'A5', '002']]);
    expect(member(ev, '001').peer).toBe(85);
    expect(member(ev, '002').mass).toBe(70);
    expect(member(ev, '001').status).toBe('invalid');
  });
  it('a score in a dimension the category lacks: error, not counted', () => {
    const rubric = {
      categories: [
        ...DEFAULT_RUBRIC.categories,
        { category: '离退休党员', dimensions: [
          { name: '理想信念', points: 20, text: '' }, { name: '宗旨意识', points: 20, text: '' }, { name: '爱岗敬业', points: 10, text: '' },
          { name: '学习教育', points: 20, text: '' }, { name: '道德品质', points: 10, text: '' }, { name: '廉洁自律', points: 10, text: '' },
          { name: '服务社会', points: 10, text: '' },
        ] },
      ],
    };
    const roster = [...ROSTER, ['004', '赵六', '第一党小组', '离退休党员']];
    const retired = (t: number[]) => [t[0], t[1], t[2], t[3], '', t[4], t[5], t[6]];
    const ev = run({
      rubric,
      roster,
      self: [...SELF, ['004', '赵六', ...retired([18, 18, 9, 18, 9, 9, 9])]],
      peer: [...PEER, ['001', '004', '赵六', ...retired([16, 16, 8, 16, 8, 8, 8])], ['002', '004', '赵六', 16, 16, 8, 16, 1, 8, 8, 8]],
      mass: [...MASS, ['Q01', '004', '赵六', ...retired([20, 20, 10, 20, 10, 10, 10])]],
    });
    const e = only(ev, 'dimension_not_in_category');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ cell: 'H9', memberId: '004' });
    const d = member(ev, '004');
    expect([d.self, d.peer, d.mass, d.final]).toEqual([90, 80, 100, 90]);
    expect(d.status).toBe('invalid');
    expect(d.category).toBe('离退休党员');
  });
  it('roster: blank or duplicate 编号, blank 姓名, unknown 类别 → error, not scored', () => {
    const roster = [
      ...ROSTER,
      ['', '无编号', '第一党小组', '机关党员'],
      ['005', '甲', '第一党小组', '机关党员'],
      ['5', '乙', '第一党小组', '机关党员'],
      ['006', '', '第一党小组', '机关党员'],
      ['007', '丙', '第一党小组', '流动党员'],
    ];
    const ev = run({ roster, self: [...SELF, ['005', '甲', ...D90], ['007', '丙', ...D90]] });
    expect(ev.members.map((m) => m.id)).toEqual(['001', '002', '003']);
    expect(codes(ev)).toEqual(['roster_blank_id', 'roster_duplicate_id', 'roster_duplicate_id', 'roster_blank_name', 'roster_unknown_category']);
    expect(ev.problems.map((p) => p.cell)).toEqual(['A5', 'A6', 'A7', 'B8', 'D9']);
    expect(ev.problems.every((p) => p.severity === 'error' && p.sheet === '党员名册')).toBe(true);
  });
  it('roster: a blank 类别 is the default category; names are normalised', () => {
    const ev = run({ roster: [['001', ' 张　三 ', '第一党小组', ''], ROSTER[1], ROSTER[2]] });
    expect(member(ev, '001')).toMatchObject({ name: '张三', category: '机关党员', status: 'ok' });
  });
  it('roster: a bad 免评 value is an error about the member (scored as not exempt)', () => {
    const ev = run({ roster: [ROSTER[0], ['002', '李四', '第一党小组', '机关党员', '也许'], ROSTER[2]] });
    expect(only(ev, 'roster_bad_exempt')[0]).toMatchObject({ cell: 'E3', memberId: '002' });
    expect(member(ev, '002').status).toBe('invalid');
  });
  it('bonus: points not a number, or ≤ 0 without deductions → error, item not counted', () => {
    const ev = run({
      bonus: [
        ['001', '张三', '献血', 0.5, ''],
        ['001', '张三', '表彰', '两分', ''],
        ['002', '李四', '表彰', 0, ''],
        ['002', '李四', '扣分', -1, ''],
        ['003', '王五', '表彰', 0.25, ''],
        ['003', '王五', '表彰', '', ''],
      ],
    });
    expect(ev.problems.map((p) => [p.code, p.cell])).toEqual([
      ['bonus_not_a_number', 'D3'], ['bonus_not_positive', 'D4'], ['bonus_not_positive', 'D5'],
      ['bonus_too_many_decimals', 'D6'], ['bonus_not_a_number', 'D7'],
    ]);
    expect(ev.members.map((m) => m.bonus)).toEqual([0.5, 0, 0]);
    expect(ev.members.map((m) => m.status)).toEqual(['invalid', 'invalid', 'invalid']);
  });
  it('bonus: deductions count where the setting allows them; sums and the cap', () => {
    const bonus = [['001', '张三', '扣分', -1, ''], ['002', '李四', '甲', 1, ''], ['002', '李四', '乙', 1.5, ''], ['003', '王五', '甲', 0.5, '']];
    const ev = run({ bonus, settings: { allowDeductions: true, bonusCap: 2 } });
    expect(ev.problems).toEqual([]);
    expect(ev.members.map((m) => m.bonus)).toEqual([-1, 2, 0.5]);
    expect(member(ev, '001').final).toBe(87.33);
    expect(member(ev, '002').notes).toContain('上限');
    const uncapped = run({ bonus: bonus.slice(1) });
    expect(uncapped.members.map((m) => m.bonus)).toEqual([0, 2.5, 0.5]);
  });
  it('一票否决: yes spellings veto, no spellings and blank do not; anything else is an error treated as yes', () => {
    const ev = run({ review: [['001', '张三', 'Y', '违纪'], ['002', '李四', '否'], ['003', '王五', '']] });
    expect(ev.members.map((m) => m.veto)).toEqual([true, false, false]);
    expect(ev.problems).toEqual([]);
    const ev2 = run({ review: [['003', '王五', '待定']] });
    const c = member(ev2, '003');
    expect(c.veto).toBe(true);
    expect(c.eligible).toBe(false);
    expect(c.status).toBe('invalid');
    expect(only(ev2, 'veto_unrecognised')[0]).toMatchObject({ severity: 'error', cell: 'C2', memberId: '003' });
  });
  it('a veto makes a high score not eligible', () => {
    const ev = run({ review: [['003', '王五', '是', '受党纪处分']] });
    const c = member(ev, '003');
    expect(c.final).toBe(98.33);
    expect(c.eligible).toBe(false);
    expect(c.status).toBe('ok');
    expect(c.result).toBe('不得参加评先树优');
    expect(c.notes).toContain('一票否决');
  });
});

describe('settings applied', () => {
  it('final < 60 → admonishment', () => {
    const low = dims(50);
    const ev = run({ self: [['001', '张三', ...low], SELF[1], SELF[2]], peer: [['002', '001', '张三', ...low], ...PEER.slice(2)], mass: [['Q01', '001', '张三', ...low], MASS[1], MASS[2]] });
    const a = member(ev, '001');
    expect(a.final).toBe(50);
    expect(a.admonish).toBe(true);
    expect(a.result).toBe('诫勉谈话');
  });
  it('thresholds and labels come from the settings', () => {
    const ev = run({ settings: { eligibleThreshold: 88.33, labels: { eligible: '优秀', notEligible: '合格', admonish: '谈话', incomplete: '缺', exempt: '免', invalid: '错' } } });
    expect(ev.members.map((m) => m.result)).toEqual(['优秀', '合格', '优秀']);
  });
  it('weights', () => {
    // 001: self 90, peer 85, mass 90 with weights 0.2/0.5/0.3 → 18 + 42.5 + 27 = 87.5
    const ev = run({ settings: { weights: { self: 0.2, peer: 0.5, mass: 0.3 } } });
    expect(member(ev, '001').final).toBe(87.5);
  });
  it('a round with weight 0 is not required', () => {
    const ev = run({ settings: { weights: { self: 0, peer: 1, mass: 1 } }, self: [] });
    expect(member(ev, '001').status).toBe('ok');
    expect(member(ev, '001').final).toBe(87.5);
  });
  it('trimming drops one highest and one lowest total when at least N forms', () => {
    const roster = ['001', '002', '003', '004', '005', '006'].map((id) => [id, `人${id}`, '一组', '机关党员']);
    const others = ['002', '003', '004', '005', '006'];
    const peerTotals = [60, 80, 80, 80, 100];
    const peer = others.map((e, i) => [e, '001', '人001', ...dims(peerTotals[i])]);
    const w: World = { roster, self: [['001', '人001', ...D80]], peer, mass: [['Q01', '001', '人001', ...D80]] };
    expect(member(run(w), '001').peer).toBe(80);
    const trimmed = run({ ...w, peer: [...peer.slice(0, 4), ['006', '001', '人001', ...dims(99)]], settings: { trimPeer: true } });
    expect(member(trimmed, '001').peer).toBe(80);
    expect(member(trimmed, '001').forms.peer).toBe(3);
    expect(member(trimmed, '001').notes).toContain('去掉');
    const notTrimmed = run({ ...w, peer: [...peer.slice(0, 4), ['006', '001', '人001', ...dims(99)]] });
    expect(member(notTrimmed, '001').peer).toBe(79.8);
    const tooFew = run({ ...w, peer: peer.slice(0, 4), settings: { trimPeer: true } });
    expect(member(tooFew, '001').forms.peer).toBe(4);
    expect(member(tooFew, '001').peer).toBe(75);
    const mass = [0, 1, 2, 3, 4].map((k) => [`Q0${k}`, '001', '人001', ...dims([70, 80, 80, 80, 95][k])]);
    const trimMass = run({ ...w, mass, settings: { trimMass: true } });
    expect(member(trimMass, '001').mass).toBe(80);
  });
  it('total-only entry: 合计 is read as the score 0..100', () => {
    const hdrSelfTotal = (rows: (string | number)[][]) => rows.map((r) => [r[0], r[1], '', '', '', '', '', '', '', '', r[2]]);
    const ev = run({ settings: { entryMode: { self: 'total', peer: 'dimensions', mass: 'dimensions' } }, self: hdrSelfTotal([['001', '张三', 90], ['002', '李四', 80.5], ['003', '王五', 101]]) });
    expect(member(ev, '001').self).toBe(90);
    expect(member(ev, '002').self).toBe(80.5);
    expect(only(ev, 'out_of_range')[0]).toMatchObject({ cell: 'K4' });
    expect(only(ev, 'out_of_range')[0].message).toContain('0～100');
  });
  it('in dimensions mode the 合计 column is ignored (it is a formula)', () => {
    const ev = run({ self: [[...SELF[0], 12345], [...SELF[1], '#VALUE!'], SELF[2]] });
    expect(ev.problems).toEqual([]);
    expect(member(ev, '001').self).toBe(90);
  });
});

describe('tables read by header name', () => {
  it('columns in another order, other first row and column give the same results and shifted addresses', () => {
    const base = input();
    const shuffled = input();
    const order = [3, 0, 10, 1, 2, 4, 5, 6, 7, 8, 9, 11];
    shuffled.peer = block('党员互评', order.map((i) => base.peer.headers[i]), base.peer.rows.map((r) => order.map((i) => r[i])), 5, 2);
    const a = evaluate(base);
    const b = evaluate(shuffled);
    expect(b.members).toEqual(a.members);
    const bad = input({ peer: [...PEER, ['X9', '001', '张三', ...D90.slice(0, 7), '优']] });
    bad.peer = block('党员互评', order.map((i) => bad.peer.headers[i]), bad.peer.rows.map((r) => order.map((i) => r[i])), 5, 2);
    // 服务社会 (index 10 of the original) is at position 2 → column E; row 7 of the body → sheet row 11.
    expect(only(evaluate(bad), 'not_a_number')[0].cell).toBe('E11');
  });
  it('a missing required column is a missing_column error and that table is not counted', () => {
    const inp = input();
    inp.mass = { ...inp.mass, headers: inp.mass.headers.map((h) => (h === '评价人' ? '代表' : h)) };
    const ev = evaluate(inp);
    expect(only(ev, 'missing_column')[0]).toMatchObject({ sheet: '群众参评', cell: 'A1', severity: 'error' });
    expect(only(ev, 'missing_column')[0].message).toContain('评价人');
    expect(ev.members.every((m) => m.status === 'incomplete')).toBe(true);
  });
  it('a renamed sheet is named in the messages', () => {
    const inp = input({ self: [['001', '张三', 9.25, ...D90.slice(1)], SELF[1], SELF[2]] });
    inp.self = { ...inp.self, sheet: '自评2026' };
    expect(only(evaluate(inp), 'too_many_decimals')[0].message).toMatch(/^「自评2026」表 C2：/);
  });
});

describe('language', () => {
  it('messages and labels follow the requested language', () => {
    const ev = evaluate(input({ self: [['001', '张三', 16, ...D90.slice(1)], SELF[1], SELF[2]] }), 'en-US');
    expect(ev.problems[0].message).toBe('Sheet "党员自评", cell C2: the score 16 for 理想信念 is out of range (0–10); this form is not counted.');
    expect(member(ev, '001').notes).toContain('missing self');
  });
  it('without a language argument the setting decides', () => {
    const ev = evaluate(input({ settings: { language: 'en-US' }, self: SELF.slice(1) }));
    expect(member(ev, '001').notes).toContain('missing self');
  });
});

describe('many problems', () => {
  it('reports 160,000 warnings without failing (no argument spreading of large arrays)', () => {
    const roster = Array.from({ length: 1000 }, (_, i) => [String(i + 1).padStart(4, '0'), `人${i}`, '一组', '机关党员']);
    const mass: (string | number)[][] = [];
    for (let q = 0; q < 20; q++) for (const r of roster) mass.push([`Q${q}`, r[0], r[1], ...D80.map((v) => ` ${v} `)]);
    const ev = run({ roster, self: [], peer: [], mass });
    expect(only(ev, 'number_as_text')).toHaveLength(160000);
    expect(ev.members[0].mass).toBe(80);
  });
});

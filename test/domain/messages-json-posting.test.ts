import { evaluate } from '../../src/domain/evaluate';
import { toJsonOutput } from '../../src/domain/json';
import { MESSAGE_KEYS, message } from '../../src/domain/texts/messages';
import { postingBlockers } from '../../src/domain/postingRules';
import type { ProblemCode } from '../../src/domain/types';
import { D90, MASS, PEER, SELF, input } from './build';

const ALL_CODES: ProblemCode[] = [
  'number_as_text', 'not_a_number', 'error_value', 'out_of_range', 'too_many_decimals', 'incomplete_form', 'duplicate_form',
  'missing_member_id', 'unknown_member', 'name_mismatch', 'id_not_canonical', 'self_peer', 'other_group_peer',
  'missing_evaluator', 'dimension_not_in_category', 'exempt_member_scored', 'roster_blank_id', 'roster_duplicate_id',
  'roster_blank_name', 'roster_unknown_category', 'roster_bad_exempt', 'bonus_not_a_number', 'bonus_not_positive',
  'bonus_too_many_decimals', 'veto_unrecognised', 'missing_column', 'setting_invalid', 'rubric_invalid',
];

describe('message catalogue', () => {
  it('has zh-CN and en-US text for every problem code, naming sheet and cell', () => {
    for (const code of ALL_CODES) {
      expect(MESSAGE_KEYS).toContain(code);
      const zh = message('zh-CN', code, { sheet: '党员互评', cell: 'E7' });
      const en = message('en-US', code, { sheet: '党员互评', cell: 'E7' });
      expect(zh.startsWith('「党员互评」表 E7：')).toBe(true);
      expect(en.startsWith('Sheet "党员互评", cell E7: ')).toBe(true);
      expect(zh).not.toBe(en);
    }
  });
  it('every key has both languages, and unknown parameters are left visible rather than dropped', () => {
    for (const key of MESSAGE_KEYS) {
      expect(message('zh-CN', key).length).toBeGreaterThan(0);
      expect(message('en-US', key).length).toBeGreaterThan(0);
    }
    expect(message('zh-CN', 'round.mass')).toBe('群众参评');
    expect(message('en-US', 'round.peer')).toBe('peer');
    expect(message('zh-CN', 'out_of_range', { sheet: 'S', cell: '' })).toMatch(/^「S」表：/);
  });
});

describe('toJsonOutput (SPEC §5)', () => {
  it('has exactly the §5 fields, numbers as numbers and absent values as null', () => {
    const ev = evaluate(input({ mass: MASS.slice(0, 2), self: [['001', '张三', 16, ...D90.slice(1)], SELF[1], SELF[2]] }));
    const out = toJsonOutput(ev);
    expect(Object.keys(out)).toEqual(['year', 'members', 'problems']);
    expect(out.year).toBe(2026);
    expect(Object.keys(out.members[0])).toEqual([
      'id', 'name', 'group', 'category', 'self', 'peer', 'mass', 'average', 'bonus', 'final', 'rank', 'eligible', 'admonish', 'veto', 'status', 'result',
    ]);
    const b = out.members[1];
    expect(b).toEqual({
      id: '002', name: '李四', group: '第一党小组', category: '机关党员', self: 80, peer: 80, mass: 70, average: 76.67, bonus: 0,
      final: 76.67, rank: 1, eligible: false, admonish: false, veto: false, status: 'ok', result: '不得参加评先树优',
    });
    expect(out.members[0]).toMatchObject({ self: null, average: null, final: null, rank: null, eligible: null, status: 'incomplete' });
    expect(Object.keys(out.problems[0])).toEqual(['severity', 'sheet', 'cell', 'code', 'message']);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});

describe('postingBlockers', () => {
  it('is empty when every member is ok or exempt and no error remains (warnings are fine)', () => {
    const ev = evaluate(input({ self: [['001', '张叁', ...D90], SELF[1], SELF[2]] }));
    expect(ev.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(postingBlockers(ev, 'zh-CN')).toEqual([]);
  });
  it('names incomplete and invalid members and why', () => {
    const ev = evaluate(input({ mass: MASS.slice(0, 2), review: [['002', '李四', '待定']] }));
    const b = postingBlockers(ev, 'zh-CN');
    expect(b.some((s) => s.startsWith('003 王五：待补录') && s.includes('群众参评'))).toBe(true);
    expect(b.some((s) => s.startsWith('002 李四：待核实'))).toBe(true);
    // The veto error is explained by 李四's line: no separate error line.
    expect(b).toHaveLength(2);
  });
  it('blocks on an error about an exempt member (not explained by any member line)', () => {
    const roster = [['001', '张三', '第一党小组', '机关党员', '', ''], ['002', '李四', '第一党小组', '机关党员', '是', ''], ['003', '王五', '第一党小组', '机关党员', '', '']];
    const ev = evaluate(input({ roster, review: [['002', '李四', '待定']] }));
    expect(ev.members.map((m) => m.status)).toEqual(['ok', 'exempt', 'ok']);
    const b = postingBlockers(ev, 'zh-CN');
    expect(b).toHaveLength(1);
    expect(b[0]).toMatch(/^另有 1 处错误未更正/);
  });
  it('blocks on a roster row that could not be scored', () => {
    const ev = evaluate(input({ roster: [['001', '张三', '第一党小组', '机关党员'], ['002', '李四', '第一党小组', '机关党员'], ['003', '王五', '第一党小组', '机关党员'], ['004', '', '第一党小组', '机关党员']] }));
    expect(postingBlockers(ev, 'zh-CN')[0]).toContain('B5');
  });
  it('blocks on any error even when no member is affected (a form about an unknown 编号)', () => {
    const ev = evaluate(input({ peer: [...PEER, ['001', '999', '查无此人', ...D90]] }));
    expect(ev.members.every((m) => m.status === 'ok')).toBe(true);
    const b = postingBlockers(ev, 'en-US');
    expect(b).toHaveLength(1);
    expect(b[0]).toContain('999');
  });
});

/** The posting rules without a workbook: order, shared 序号 for ties, a vetoed member's score never posted. */
import { postingMembers, postingRows } from '../../src/domain/postingRules';
import type { Evaluation, MemberResult } from '../../src/domain/types';

function member(id: string, final: number | null, rank: number | null, extra: Partial<MemberResult> = {}): MemberResult {
  return {
    id, name: `党员${id}`, group: '第一党小组', category: '在职党员', status: final === null ? 'exempt' : 'ok',
    self: final, peer: final, mass: final, average: final, bonus: 0, final, rank,
    eligible: final === null ? null : final >= 90, admonish: final === null ? null : final < 60, veto: false,
    result: final === null ? '免评' : final >= 90 ? '优秀' : '合格', notes: '', forms: { self: 1, peer: 5, mass: 5 }, missing: [],
    ...extra,
  };
}

function evaluation(members: MemberResult[]): Evaluation {
  return { year: 2026, branch: '测试党支部', members, problems: [] } as unknown as Evaluation;
}

describe('posting rules', () => {
  const members = [
    member('001', 91.5, 2),
    member('002', 95, 1),
    member('003', 91.5, 2),
    member('004', 97, 1, { veto: true, result: '不得参加评先树优' }),
    member('005', null, null),
    member('006', 80, 4),
  ];

  it('orders by rank: ranked members, then vetoed, then the unranked', () => {
    expect(postingMembers(evaluation(members), 'rank').map((m) => m.id)).toEqual(['002', '001', '003', '006', '004', '005']);
    expect(postingMembers(evaluation(members), 'roster').map((m) => m.id)).toEqual(['001', '002', '003', '004', '005', '006']);
  });

  it('ties share 序号 among the members shown with a score; the others continue the count', () => {
    expect(postingRows(evaluation(members), 'rank').map((r) => [r[0], r[1]])).toEqual([
      [1, '党员002'], [2, '党员001'], [2, '党员003'], [4, '党员006'], [5, '党员004'], [6, '党员005'],
    ]);
  });

  it('a vetoed member shows the result label only, never a score', () => {
    for (const order of ['rank', 'roster'] as const) {
      const row = postingRows(evaluation(members), order).find((r) => r[1] === '党员004');
      expect(row).toEqual([expect.any(Number), '党员004', '第一党小组', '', '不得参加评先树优']);
    }
  });

  it('in roster order 序号 is the line number', () => {
    expect(postingRows(evaluation(members), 'roster').map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

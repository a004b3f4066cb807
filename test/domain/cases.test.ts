/** The shared fixture cases: every listed member and field of *.expected.json, and some problem cells. */
import { readdirSync } from 'node:fs';
import { evaluate } from '../../src/domain/evaluate';
import { toJsonOutput } from '../../src/domain/json';
import { cellAddress } from '../../src/domain/parse';
import { CASES_DIR, caseToInput, loadCase } from '../support/caseInput';

const names = readdirSync(CASES_DIR).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace('.expected.json', ''));

describe.each(names)('fixture case %s', (name) => {
  const { input, expected } = loadCase(name);
  const out = toJsonOutput(evaluate(caseToInput(input)));

  it('lists exactly the expected members (roster rows that cannot be scored are absent)', () => {
    expect(out.members.map((m) => m.id).sort()).toEqual(expected.members.map((m) => m.id).sort());
  });
  it.each(expected.members.map((m) => [m.id, m] as const))('member %s matches every listed field', (_id, want) => {
    const got = out.members.find((m) => m.id === want.id)! as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(want)) {
      if (field === 'status_any') expect(value).toContain(got.status);
      else if (typeof value === 'number') expect(Math.abs((got[field] as number) - value)).toBeLessThanOrEqual(1e-6);
      else expect({ field, value: got[field] }).toEqual({ field, value });
    }
  });
});

describe('problem cells of small-branch-traps', () => {
  const { input } = loadCase('small-branch-traps');
  const ev = evaluate(caseToInput(input));
  /** Address of a cell of a case table: row index in the case's rows, column by header. */
  const at = (rowIndex: number, col0: number) => cellAddress(2 + rowIndex, col0);
  const peerRow = (ev: string, id: string) => input.peer.findIndex((r) => r[0] === ev && r[1] === id);
  const find = (sheet: string, code: string) => ev.problems.filter((p) => p.sheet === sheet && p.code === code).map((p) => p.cell);

  it('the 16 in 宗旨意识 of the peer form by 002 about 001 is E7', () => {
    const r = peerRow('002', '001');
    expect(input.peer[r][4]).toBe(16);
    expect(at(r, 4)).toBe('E7');
    expect(find('党员互评', 'out_of_range')).toContain('E7');
    const p = ev.problems.find((x) => x.cell === 'E7' && x.sheet === '党员互评')!;
    expect(p.message).toBe('「党员互评」表 E7：宗旨意识 的分数 16 超出范围（0～10），第 7 行这张测评表不计入。');
    expect(p.memberId).toBe('001');
  });
  it('"优", 9.25, the blank and -1 about 001 are found where they are', () => {
    expect(find('党员互评', 'not_a_number')).toEqual([at(peerRow('003', '001'), 5)]);
    expect(find('党员互评', 'too_many_decimals')).toEqual([at(peerRow('004', '001'), 6)]);
    expect(find('党员互评', 'incomplete_form')).toEqual([at(peerRow('005', '001'), 7)]);
    expect(find('党员互评', 'out_of_range')).toContain(at(peerRow('006', '001'), 3));
  });
  it('the unknown 编号 999, the double mass entry, the blank evaluator, bonus and veto problems', () => {
    expect(find('党员互评', 'unknown_member')).toEqual([at(peerRow('003', '999'), 1)]);
    const dup = input.mass.map((r, i) => (r[0] === 'Q01' && r[1] === '002' ? at(i, 0) : '')).filter(Boolean);
    expect(dup).toHaveLength(2);
    expect(find('群众参评', 'duplicate_form')).toEqual(dup);
    expect(find('群众参评', 'missing_evaluator')).toEqual([at(input.mass.findIndex((r) => r[0] === null), 0)]);
    expect(find('加分项', 'bonus_not_a_number')).toEqual(['D3']);
    expect(find('加分项', 'bonus_not_positive')).toEqual(['D4']);
    expect(find('支部审定', 'veto_unrecognised')).toEqual(['C2']);
  });
  it('the error-level problems are exactly these (warnings aside)', () => {
    expect(ev.problems.filter((p) => p.severity === 'error')).toHaveLength(15);
  });
});

describe('problem cells of small-categories', () => {
  const { input } = loadCase('small-categories');
  const ev = evaluate(caseToInput(input));
  it('the 工作绩效 score of a 离退休党员 and the unknown 类别 流动党员', () => {
    const r = input.peer.findIndex((x) => x[0] === '001' && x[1] === '004');
    expect(ev.problems.find((p) => p.code === 'dimension_not_in_category')!.cell).toBe(cellAddress(2 + r, 7));
    const rr = input.roster.findIndex((x) => x[3] === '流动党员');
    expect(ev.problems.find((p) => p.code === 'roster_unknown_category')!.cell).toBe(cellAddress(2 + rr, 3));
  });
});

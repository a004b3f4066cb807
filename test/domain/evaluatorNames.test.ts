/** A message about an evaluator names them when the roster knows them; a ballot code stays a code (anonymous). */
import { evaluate } from '../../src/domain/evaluate';
import { D70, D80, MASS, PEER, input } from './build';

describe('evaluator names in messages', () => {
  it('a peer form entered twice names the evaluator (编号 and 姓名), not only 002', () => {
    const ev = evaluate(input({ peer: [...PEER, ['002', '001', '张三', ...D80]] }));
    const dup = ev.problems.filter((p) => p.code === 'duplicate_form');
    expect(dup.length).toBe(2);
    for (const p of dup) expect(p.message).toContain('评价人 002 李四 对党员 001 张三');
  });

  it('an anonymous mass ballot stays a code', () => {
    const ev = evaluate(input({ mass: [...MASS, ['q01', '001', '张三', ...D70]] }));
    const dup = ev.problems.filter((p) => p.code === 'duplicate_form');
    expect(dup[0].message).toMatch(/评价人 [Qq]01 对党员 001 张三/);
  });
});

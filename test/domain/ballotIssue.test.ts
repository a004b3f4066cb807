/** The record of ballots handed out and the rule that a returned ballot counts only when it was handed out here. */
import { issuedHere, issuedLine, newBallotSecret, parseIssued, recordIssued, sameSecret, type IssuedBallot } from '../../src/domain/ballotIssue';

const S1 = '0123456789abcdef0123456789abcdef';
const S2 = 'fedcba9876543210fedcba9876543210';
const q = (evaluator: string, secret: string, over: Partial<IssuedBallot> = {}): IssuedBallot => ({
  year: 2026,
  round: 'mass',
  evaluator,
  group: '',
  label: '',
  date: '2026-11-20',
  secret,
  void: false,
  ...over,
});

describe('ballots handed out', () => {
  it('lines read back as written; a first-version line (no date, no secret) reads with both blank', () => {
    const b = q('Q07', S1);
    expect(issuedLine(b)).toBe(`2026\tmass\tQ07\t\t\t2026-11-20\t${S1}\t`);
    expect(parseIssued([issuedLine(b), issuedLine({ ...b, void: true }), '2025\tpeer\t001\t\t张伟（第一党小组）', 'garbage', '2026\tteam\tQ1\t\t'])).toEqual([
      b,
      { ...b, void: true },
      { year: 2025, round: 'peer', evaluator: '001', group: '', label: '张伟（第一党小组）', date: '', secret: '', void: false },
    ]);
  });

  it('only the recorded secret of a ballot that still counts is accepted', () => {
    const issued = [q('Q01', S1), q('Q02', S2, { round: 'peer', group: '第一党小组' })];
    const ballot = (evaluator: string, secret: string, over: Partial<IssuedBallot> = {}) => ({ year: 2026, round: 'mass' as const, evaluator, group: '', secret, ...over });
    expect(issuedHere(issued, ballot('Q01', S1))).toBe(true);
    expect(issuedHere(issued, ballot('q01', S1))).toBe(true);
    expect(issuedHere(issued, ballot('Q01', S2))).toBe(false);
    expect(issuedHere(issued, ballot('Q01', ''))).toBe(false);
    expect(issuedHere(issued, ballot('Q01', S1.toUpperCase()))).toBe(false);
    expect(issuedHere(issued, ballot('Q03', S1))).toBe(false);
    expect(issuedHere(issued, ballot('Q01', S1, { year: 2025 }))).toBe(false);
    expect(issuedHere(issued, ballot('Q02', S2, { round: 'peer', group: '第一党小组' }))).toBe(true);
    expect(issuedHere(issued, ballot('Q02', S2, { round: 'peer', group: '第二党小组' }))).toBe(false);
    // A first-version record (no secret) takes only a first-version ballot (no secret).
    const legacy = parseIssued(['2026\tpeer\t001\t\t张伟（第一党小组）']);
    expect(issuedHere(legacy, ballot('001', '', { round: 'peer' }))).toBe(true);
    expect(issuedHere(legacy, ballot('001', S1, { round: 'peer' }))).toBe(false);
  });

  it('handed out again on purpose, the earlier secret is void; made once more, both count', () => {
    const first = [q('Q01', S1)];
    const reissued = recordIssued(first, [q('Q01', S2)], true);
    expect(reissued).toEqual([{ ...first[0], void: true }, q('Q01', S2)]);
    const ballot = (secret: string) => ({ year: 2026, round: 'mass' as const, evaluator: 'Q01', group: '', secret });
    expect(issuedHere(reissued, ballot(S1))).toBe(false);
    expect(issuedHere(reissued, ballot(S2))).toBe(true);
    const twice = recordIssued(first, [q('Q01', S2)], false);
    expect([issuedHere(twice, ballot(S1)), issuedHere(twice, ballot(S2))]).toEqual([true, true]);
    // The same line recorded twice is kept once.
    expect(recordIssued(first, first, false)).toEqual(first);
  });

  it('a secret is 128 bits from the cryptographic source given; none without one', () => {
    const calls: number[] = [];
    const fake = {
      getRandomValues(a: Uint8Array) {
        calls.push(a.length);
        a.fill(0xab);
        return a;
      },
    };
    expect(newBallotSecret(fake)).toBe('ab'.repeat(16));
    expect(calls).toEqual([16]);
    expect(newBallotSecret()).toMatch(/^[0-9a-f]{32}$/);
    expect(newBallotSecret()).not.toBe(newBallotSecret());
    expect(() => newBallotSecret(null as never)).toThrow('crypto.getRandomValues');
    expect(() => newBallotSecret({} as never)).toThrow('crypto.getRandomValues');
    expect([sameSecret(S1, S1), sameSecret(S1, S2), sameSecret(S1, S1.slice(1))]).toEqual([true, false, false]);
  });
});

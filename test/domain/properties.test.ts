/** Property tests (fast-check) over generated branches. */
import fc from 'fast-check';
import { evaluate } from '../../src/domain/evaluate';
import type { MemberResult, RawCell } from '../../src/domain/types';
import { input, type World } from './build';

const POINTS = [10, 10, 15, 15, 15, 15, 10, 10];

/** Deterministic generator of a branch from a seed (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function world(seed: number, withBonus = false): World {
  const r = rng(seed);
  const n = 2 + Math.floor(r() * 7);
  const id = (i: number) => String(i + 1).padStart(3, '0');
  const scores = (): RawCell[] => POINTS.map((p) => Math.round(p * 10 * (0.5 + 0.5 * r())) / 10);
  const roster = Array.from({ length: n }, (_, i) => [id(i), `党员${i}`, i % 2 ? '第二党小组' : '第一党小组', '机关党员', '', '']);
  const self: RawCell[][] = [];
  const peer: RawCell[][] = [];
  const mass: RawCell[][] = [];
  const bonus: RawCell[][] = [];
  for (let i = 0; i < n; i++) {
    if (r() < 0.95) self.push([id(i), `党员${i}`, ...scores()]);
    for (let e = 0; e < n; e++) if (e !== i && e % 2 === i % 2 && r() < 0.8) peer.push([id(e), id(i), `党员${i}`, ...scores()]);
    const q = Math.floor(r() * 4);
    for (let k = 1; k <= q; k++) mass.push([`Q0${k}`, id(i), `党员${i}`, ...scores()]);
    if (withBonus && r() < 0.5) bonus.push([id(i), `党员${i}`, '表彰', Math.round(r() * 30 + 1) / 10, '']);
  }
  return { roster, self, peer, mass, bonus };
}

function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const strip = (m: MemberResult) => ({ ...m, notes: undefined });
const byId = (ms: MemberResult[]) => [...ms].sort((a, b) => a.id.localeCompare(b.id));
const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe('properties', () => {
  it('row order does not matter', () => {
    fc.assert(
      fc.property(seeds, seeds, (seed, s2) => {
        const w = world(seed, true);
        const r = rng(s2);
        const w2: World = { ...w, roster: shuffle(w.roster!, r), self: shuffle(w.self!, r), peer: shuffle(w.peer!, r), mass: shuffle(w.mass!, r), bonus: shuffle(w.bonus!, r) };
        const a = evaluate(input(w));
        const b = evaluate(input(w2));
        expect(byId(b.members)).toEqual(byId(a.members));
      }),
      { numRuns: 60 },
    );
  });

  it('adding a bad row never changes another member\'s result', () => {
    const badRows = (target: string, name: string): RawCell[][] => [
      ['X1', target, name, 16, 9, 13, 13, 13, 13, 9, 9], // out of range
      ['X2', target, name, '优', 9, 13, 13, 13, 13, 9, 9], // not a number
      ['X3', target, name, 9.25, 9, 13, 13, 13, 13, 9, 9], // too many decimals
      ['X4', target, name, 9, '', 13, 13, 13, 13, 9, 9], // incomplete
      ['', target, name, 9, 9, 13, 13, 13, 13, 9, 9], // no evaluator
      ['X5', target, name, '#N/A', 9, 13, 13, 13, 13, 9, 9], // error value
      ['X6', '999', '查无此人', 9, 9, 13, 13, 13, 13, 9, 9], // unknown member
    ];
    fc.assert(
      fc.property(seeds, fc.nat(), fc.nat(6), fc.constantFrom('peer', 'mass'), fc.nat(), (seed, who, kind, round, pos) => {
        const w = world(seed);
        const target = w.roster![who % w.roster!.length];
        const rows = [...(w[round as 'peer' | 'mass'] ?? [])];
        rows.splice(pos % (rows.length + 1), 0, badRows(target[0] as string, target[1] as string)[kind]);
        // Duplicating one of the target's forms is bad input too.
        const a = evaluate(input(w));
        const b = evaluate(input({ ...w, [round]: rows }));
        for (const m of a.members) {
          if (m.id === target[0]) continue;
          const other = b.members.find((x) => x.id === m.id)!;
          expect({ ...strip(other), rank: null }).toEqual({ ...strip(m), rank: null });
        }
        const t = b.members.find((x) => x.id === target[0])!;
        if (kind !== 6) expect(['invalid', 'incomplete']).toContain(t.status);
      }),
      { numRuns: 100 },
    );
  });

  it('a double entry affects only the member it is about', () => {
    fc.assert(
      fc.property(seeds, fc.nat(), (seed, k) => {
        const w = world(seed);
        if (w.mass!.length === 0) return;
        const dup = w.mass![k % w.mass!.length];
        const a = evaluate(input(w));
        const b = evaluate(input({ ...w, mass: [...w.mass!, dup] }));
        for (const m of a.members) {
          const other = b.members.find((x) => x.id === m.id)!;
          if (m.id === dup[1]) expect(['invalid', 'incomplete']).toContain(other.status);
          else expect({ ...strip(other), rank: null }).toEqual({ ...strip(m), rank: null });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a blank row changes nothing', () => {
    fc.assert(
      fc.property(seeds, fc.nat(), fc.constantFrom('self', 'peer', 'mass', 'roster', 'bonus'), fc.constantFrom<RawCell>('', null, ' ', '\u3000'), (seed, pos, table, blank) => {
        const w = world(seed, true);
        const rows = [...((w as Record<string, RawCell[][]>)[table] ?? [])];
        rows.splice(pos % (rows.length + 1), 0, Array.from({ length: 12 }, () => blank));
        const a = evaluate(input(w));
        const b = evaluate(input({ ...w, [table]: rows }));
        expect(b.members).toEqual(a.members);
        expect(b.problems.map((p) => p.code)).toEqual(a.problems.map((p) => p.code));
      }),
      { numRuns: 60 },
    );
  });

  it('final is average + bonus to the cent', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        for (const m of evaluate(input(world(seed, true))).members) {
          if (m.final === null) {
            expect(m.average).toBeNull();
            continue;
          }
          expect(Math.round(m.final * 100)).toBe(Math.round(m.average! * 100) + Math.round(m.bonus * 100));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('ranks are a competition ranking of finals', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ms = evaluate(input(world(seed, true))).members;
        for (const m of ms) {
          if (m.final === null) expect(m.rank).toBeNull();
          else expect(m.rank).toBe(1 + ms.filter((o) => o.final !== null && o.final > m.final!).length);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('round scores are exact means of the valid totals', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const w = world(seed);
        const ev = evaluate(input(w));
        for (const m of ev.members) {
          const rows = w.mass!.filter((r) => r[1] === m.id);
          if (rows.length === 0) {
            expect(m.mass).toBeNull();
            continue;
          }
          const tenths = rows.map((r) => r.slice(3).reduce<number>((s, v) => s + Math.round((v as number) * 10), 0));
          expect(m.mass).toBeCloseTo(tenths.reduce((s, t) => s + t, 0) / rows.length / 10, 6);
        }
      }),
      { numRuns: 60 },
    );
  });
});

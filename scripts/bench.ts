/**
 * `npm run bench`: prints the project's benchmark figures. Structured as a list of sections; each section
 * prints its own lines. Figures are printed, not asserted (the unit tests assert behaviour, not speed).
 */
import { benchBallots } from './bench-ballots';
import { benchRollup } from './bench-rollup';
import { COLUMNS, SHEETS, entryHeaders } from '../src/domain/contract';
import { evaluate } from '../src/domain/evaluate';
import { benchBundle } from './bench-bundle';
import { benchCommands } from './bench-commands';
import { benchXlsx } from './bench-xlsx';
import { DEFAULT_RUBRIC, dimensionColumns, rubricToRows } from '../src/domain/rubric';
import { DEFAULT_SETTINGS, settingsToRows } from '../src/domain/settings';
import type { EvaluationInput, RawCell, TableBlock } from '../src/domain/types';

export interface BenchSection {
  name: string;
  run(args: string[]): Promise<void>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * members × formsPerMember forms: 1 self form, (formsPerMember - 1) split between peer (same 党小组 of 20)
 * and mass (ballot codes). Scores are one-decimal numbers as Excel returns them.
 */
export function generateInput(members: number, formsPerMember: number, seed = 1): EvaluationInput {
  const rand = rng(seed);
  const rubric = DEFAULT_RUBRIC;
  const dims = dimensionColumns(rubric);
  const points = rubric.categories[0].dimensions.map((d) => d.points * 10);
  const id = (i: number) => String(i + 1).padStart(4, '0');
  const groupSize = 20;
  const block = (sheet: string, headers: string[], rows: RawCell[][]): TableBlock => ({ sheet, headers, rows, firstRow: 2, firstColumn: 0 });
  const scores = (): RawCell[] => points.map((p) => Math.round(p * (0.6 + 0.4 * rand())) / 10);
  const roster: RawCell[][] = [];
  for (let i = 0; i < members; i++) roster.push([id(i), `党员${i + 1}`, `第${Math.floor(i / groupSize) + 1}党小组`, '机关党员', '', '']);
  const self: RawCell[][] = [];
  const peer: RawCell[][] = [];
  const mass: RawCell[][] = [];
  const peerForms = Math.min(groupSize - 1, formsPerMember - 1);
  const massForms = formsPerMember - 1 - peerForms;
  for (let i = 0; i < members; i++) {
    self.push([id(i), `党员${i + 1}`, ...scores(), '']);
    const g0 = Math.floor(i / groupSize) * groupSize;
    for (let k = 0, e = 0; k < peerForms; e++) {
      const ev = g0 + (e % groupSize);
      if (ev === i || ev >= members) { if (e > 2 * groupSize) break; continue; }
      peer.push([id(ev), id(i), `党员${i + 1}`, ...scores(), '']);
      k++;
    }
    for (let k = 0; k < massForms; k++) mass.push([`Q${String(k + 1).padStart(2, '0')}`, id(i), `党员${i + 1}`, ...scores(), '']);
  }
  const settings = { ...DEFAULT_SETTINGS, year: 2026, branch: '基准测试党支部' };
  return {
    settings: block(SHEETS.settings, [...COLUMNS.settings], settingsToRows(settings)),
    rubric: block(SHEETS.rubric, [...COLUMNS.rubric], rubricToRows(rubric)),
    roster: block(SHEETS.roster, [...COLUMNS.roster], roster),
    self: block(SHEETS.self, entryHeaders('self', dims), self),
    peer: block(SHEETS.peer, entryHeaders('peer', dims), peer),
    mass: block(SHEETS.mass, entryHeaders('mass', dims), mass),
    bonus: block(SHEETS.bonus, [...COLUMNS.bonus], []),
    review: block(SHEETS.review, [...COLUMNS.review], []),
  };
}

/** The floor: one plain pass summing the same score cells from the same arrays. */
function floorPass(input: EvaluationInput): number {
  let s = 0;
  for (const b of [input.self, input.peer, input.mass]) {
    const start = b.headers.length - 9;
    for (const row of b.rows) for (let c = start; c < start + 8; c++) s += row[c] as number;
  }
  return s;
}

const scoring: BenchSection = {
  name: 'scoring',
  async run(args) {
    const members = Number(args.find((a) => a.startsWith('--members='))?.slice(10) ?? 2000);
    const formsPer = 60;
    const runs = 7;
    const input = generateInput(members, formsPer);
    const forms = input.self.rows.length + input.peer.rows.length + input.mass.rows.length;
    const evalTimes: number[] = [];
    const floorTimes: number[] = [];
    let sink = 0;
    evaluate(input); // warm-up
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      sink += floorPass(input);
      floorTimes.push(performance.now() - t);
      t = performance.now();
      const ev = evaluate(input);
      evalTimes.push(performance.now() - t);
      sink += ev.formsUsed;
    }
    const e = median(evalTimes);
    const f = median(floorTimes);
    console.log(`scoring: ${members} members, ${forms} forms, ${forms * 8} scores`);
    console.log(`  evaluate() median of ${runs}: ${e.toFixed(1)} ms (target < 300 ms)`);
    console.log(`  floor (plain sum of the same cells) median: ${f.toFixed(2)} ms`);
    console.log(`  ratio evaluate / floor: ${(e / f).toFixed(1)}×`);
    // Worst case for messages: every score typed as text (one warning per cell).
    const textMembers = Math.max(1, Math.round(members / 10));
    const text = generateInput(textMembers, formsPer);
    for (const r of ['self', 'peer', 'mass'] as const)
      text[r].rows = text[r].rows.map((row) => row.map((c) => (typeof c === 'number' ? ` ${c} ` : c)));
    const textTimes: number[] = [];
    let warnings = 0;
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      warnings = evaluate(text).problems.length;
      textTimes.push(performance.now() - t);
    }
    console.log(`  all scores as text (${textMembers} members, ${warnings} warnings): median ${median(textTimes).toFixed(1)} ms`);
    if (sink === 0.5) console.log(''); // keep the work observable
  },
};

const bundle: BenchSection = { name: 'bundle', run: () => benchBundle() };

/** `npm run bench` runs every section; `npm run bench -- scoring` runs the named ones only. */
const commands: BenchSection = { name: 'commands', run: () => benchCommands() };

const xlsx: BenchSection = { name: 'xlsx', run: () => benchXlsx() };

const ballots: BenchSection = { name: 'ballots', run: () => benchBallots() };

const rollup: BenchSection = { name: 'rollup', run: (args) => benchRollup(args) };

export const SECTIONS: BenchSection[] = [scoring, commands, xlsx, ballots, rollup, bundle];

export async function main(args: string[]): Promise<void> {
  const only = args.filter((a) => !a.startsWith('--'));
  for (const s of SECTIONS) if (only.length === 0 || only.includes(s.name)) await s.run(args);
}

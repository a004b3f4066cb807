/**
 * The committee's roll-up workbook as printed: three branches made by `kaoping init` and `kaoping compute`, rolled
 * up by `kaoping rollup`, and each of its four sheets rendered by LibreOffice to PDF. Every page is A4, one page
 * wide (the last column is on every page), and repeats the header row. KP_PRINT_PNG=DIR writes the pages as PNGs
 * (README and docs/ROLLUP.md screenshots).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawCell } from '../../src/domain/types';
import { loadXlsx, saveXlsx } from '../../src/host';
import { ATTENTION_HEADERS, PROBLEM_HEADERS, ROLLUP_BRANCH_HEADERS, ROLLUP_MEMBER_HEADERS, ROLLUP_SHEETS } from '../../src/workbook/rollup/layout';
import { cli } from '../support/cli';
import { fillCase, syntheticCase } from '../support/fillCase';
import { pagePngs, printSheets, type Printed } from '../support/render';

const flat = (s: string) => s.replace(/\s+/g, '');
const dir = mkdtempSync(join(tmpdir(), 'kp-rollup-print-'));
const PNG = process.env.KP_PRINT_PNG;
const printed: Record<string, Printed> = {};

/** A branch of n members typed in and computed; `low` members get half their scores (under 60). */
async function branch(name: string, n: number, low: number[]): Promise<string> {
  const raw = join(dir, `${name}-raw.xlsx`);
  expect((await cli('init', '--year', '2026', '--branch', name, '-o', raw)).code).toBe(0);
  const c = syntheticCase(n, 3);
  c.branch = name;
  const half = (rows: RawCell[][], idCol: number, from: number) =>
    rows.map((r) => (low.includes(Number(r[idCol]) - 1) ? r.map((v, j) => (j >= from && typeof v === 'number' ? Math.round(v * 5) / 10 : v)) : r));
  c.self = half(c.self, 0, 2);
  c.peer = half(c.peer, 1, 3);
  c.mass = half(c.mass, 1, 3);
  const wb = await fillCase(c, await loadXlsx(readFileSync(raw)));
  writeFileSync(raw, await saveXlsx(wb));
  const out = join(dir, `${name}.xlsx`);
  expect((await cli('compute', raw, '-o', out)).code).toBeLessThan(2);
  return out;
}

beforeAll(async () => {
  const files = [
    await branch('机关第一党支部', 40, [3]),
    await branch('机关第二党支部', 25, [0, 7]),
    await branch('离退休干部党支部', 12, []),
  ];
  writeFileSync(join(dir, '说明.xlsx'), '不是工作簿');
  const out = join(dir, '汇总2026.xlsx');
  expect((await cli('rollup', ...files, join(dir, '说明.xlsx'), '-o', out)).code).toBe(1);
  const wb = await loadXlsx(readFileSync(out));
  for (const s of Object.values(ROLLUP_SHEETS)) {
    printed[s] = await printSheets(wb, [s], s, dir);
    if (PNG) pagePngs(printed[s].pdf, join(PNG, `rollup-${s}`), 80);
  }
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the roll-up printed by LibreOffice', () => {
  const cases: [string, readonly string[]][] = [
    // 党支部 … 方案: the year, file, level, time and fingerprint columns stay on screen, off the print.
    [ROLLUP_SHEETS.branches, ROLLUP_BRANCH_HEADERS.slice(0, ROLLUP_BRANCH_HEADERS.indexOf('方案') + 1)],
    [ROLLUP_SHEETS.members, ROLLUP_MEMBER_HEADERS],
    [ROLLUP_SHEETS.attention, ATTENTION_HEADERS],
    [ROLLUP_SHEETS.problems, PROBLEM_HEADERS],
  ];
  it.each(cases)('%s: A4 pages, one page wide, each with the header row', (sheet, headers) => {
    const p = printed[sheet];
    expect(p.pages).toBeGreaterThan(0);
    const size = execFileSync('pdfinfo', [p.pdf]).toString();
    // A4 (595 × 842 pt), either way round.
    expect(size).toMatch(/Page size:\s+(595(\.\d+)? x 841(\.\d+)?|841(\.\d+)? x 595(\.\d+)?) pts \(A4\)/);
    for (const text of p.texts) {
      const t = flat(text);
      // First and last header on every page: the header repeats and no column spills onto a page of its own.
      expect(t).toContain(flat(headers[0]));
      expect(t).toContain(flat(headers[headers.length - 1]));
    }
  });

  it('shows what the committee needs: the branches, the follow-up list, the file that was not a workbook', () => {
    const branches = flat(printed[ROLLUP_SHEETS.branches].texts.join(''));
    for (const b of ['机关第一党支部', '机关第二党支部', '离退休干部党支部']) expect(branches).toContain(b);
    expect(branches).not.toContain('方案指纹');
    // The distribution beside the members is on screen only: the printed list is not shrunk to make room for it.
    expect(flat(printed[ROLLUP_SHEETS.members].texts.join(''))).not.toContain('分数段');
    const members = flat(printed[ROLLUP_SHEETS.members].texts.join(''));
    expect(members).toContain('机关第二党支部');
    // 40 + 25 + 12 members, each on the printed list once: the last rank's row is there.
    expect(printed[ROLLUP_SHEETS.members].pages).toBeGreaterThan(1);
    const attention = flat(printed[ROLLUP_SHEETS.attention].texts.join(''));
    expect(attention).toContain('诫勉谈话');
    expect(flat(printed[ROLLUP_SHEETS.problems].texts.join(''))).toContain('说明.xlsx');
  });
});

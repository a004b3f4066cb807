/**
 * A ballot counts only if this workbook handed it out: every forged or foreign ballot file gets its verdict, none
 * is merged, and the genuine ballot it pretends to be is still accepted afterwards. The forgeries are what a mass
 * evaluator holding ballot Q01 (and the open source) can make: Q02's identity computed, an identity copied from a
 * returned file, last year's ballot, another branch's ballot, a file handed out again since.
 */
import { ballotFingerprint, identityRows, makeIdentity, type BallotIdentity } from '../../../src/domain/ballotIdentity';
import { newBallotSecret } from '../../../src/domain/ballotIssue';
import type { RawCell, Round } from '../../../src/domain';
import { run, type HostWorkbook } from '../../../src/host';
import { blockAddress } from '../../../src/workbook/tables/a1';
import { getBallotsOut, issueBallots, type BallotOptions, type BallotSpec } from '../../../src/workbook/ballots/ballotFiles';
import { buildBallotFile, readBallotFiles } from '../../../src/workbook/ballots/ballotPackage';
import { collectBallots, type CollectReport } from '../../../src/workbook/ballots/collect';
import { compute } from '../../../src/workbook/results/compute';
import { saveForm } from '../../../src/workbook/entry/forms';
import { makePostingSheet } from '../../../src/workbook/results/postingPack';
import { queueReadTables } from '../../../src/workbook/tables/readTables';
import { makeScoreSheets } from '../../../src/workbook/results/scoreSheet';
import { ballotLayout, fillWithOpenpyxl, scoreEdits, type CellValue } from '../../support/ballotFill';
import { fillCase, loadCase } from '../../support/fillCase';

jest.setTimeout(300_000);

const { input: CASE } = loadCase('small-branch');
const MEMBERS = ['001', '002', '003', '004', '005', '006', '007'];
const DIMS = ['理想信念', '宗旨意识', '爱岗敬业', '学习教育', '工作绩效', '道德品质', '廉洁自律', '服务社会'];

function blankWorkbook(over: Partial<typeof CASE> = {}): Promise<HostWorkbook> {
  return fillCase({ ...CASE, self: [], peer: [], mass: [], ...over });
}

async function handOut(wb: HostWorkbook, round: Round, options: BallotOptions): Promise<{ spec: BallotSpec; bytes: Uint8Array }[]> {
  const { specs, problems } = await run(wb, (c) => issueBallots(c, round, options));
  expect(problems).toEqual([]);
  const out = [];
  for (const spec of specs) out.push({ spec, bytes: await buildBallotFile(spec) });
  return out;
}

/** Every member of a mass ballot scored `base` (minus a tenth per member, so copies differ visibly). */
function massScores(base: number): Record<string, Record<string, CellValue>> {
  return Object.fromEntries(MEMBERS.map((id, i) => [id, Object.fromEntries(DIMS.map((d) => [d, d === '爱岗敬业' || d === '学习教育' || d === '工作绩效' || d === '道德品质' ? base + 5 - i / 10 : base - i / 10]))]));
}

async function filled(bytes: Uint8Array, base: number, identity?: string[][]): Promise<Uint8Array> {
  return fillWithOpenpyxl(bytes, { edits: scoreEdits(await ballotLayout(bytes), massScores(base)), ...(identity ? { identityRows: identity } : {}) });
}

async function collect(wb: HostWorkbook, files: { name: string; bytes: Uint8Array }[]): Promise<CollectReport> {
  return run(wb, async (c) => collectBallots(c, await readBallotFiles(files)));
}

async function massRows(wb: HostWorkbook): Promise<RawCell[][]> {
  return run(wb, async (c) => {
    const p = queueReadTables(c, ['mass']);
    await c.sync();
    return p().mass.rows.filter((r) => r.some((v) => v !== '' && v !== null));
  });
}

/** The identity a forger computes from the source for another code: everything but the secret is public. */
function computedIdentity(of: BallotIdentity, evaluator: string, members: BallotSpec['members'], secret: string): BallotIdentity {
  const { seal: _seal, format: _format, ...rest } = of;
  return makeIdentity({ ...rest, evaluator, fingerprint: ballotFingerprint(of.year, of.round, of.mode, evaluator, of.group, members), secret });
}

const withoutSecretRow = (rows: string[][]) => rows.filter((r) => r[0] !== '防伪码');

describe('a ballot counts only if this workbook handed it out', () => {
  it('forged and foreign ballots are refused with their verdicts; the genuine ones are accepted afterwards', async () => {
    const wb = await blankWorkbook();
    const [q1, q2, q3] = await handOut(wb, 'mass', { codes: 3 });
    expect([q1, q2, q3].map((b) => b.spec.identity.evaluator)).toEqual(['Q01', 'Q02', 'Q03']);
    // Secrets: 128 random bits each, all different, recorded with the ballot.
    const secrets = [q1, q2, q3].map((b) => b.spec.identity.secret);
    for (const s of secrets) expect(s).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(secrets).size).toBe(3);

    // Q03 comes back and is taken in.
    const q3back = await filled(q3.bytes, 8);
    expect((await collect(wb, [{ name: 'Q03.xlsx', bytes: q3back }])).files[0].verdict).toBe('accepted');
    const q3rows = await massRows(wb);

    // 1. Q01's filled file with Q02's identity computed from the source (no secret, or a guessed one).
    const forgedQ2 = computedIdentity(q1.spec.identity, 'Q02', q1.spec.members, newBallotSecret());
    const computedNoSecret = await filled(q1.bytes, 9, withoutSecretRow(identityRows(forgedQ2)));
    const computedGuess = await filled(q1.bytes, 9, identityRows(forgedQ2));
    // 2. Q01's filled file with the identity copied from Q03's returned file (secret and all).
    const q3identity = identityRows((await ballotLayout(q3back)).identity);
    const copied = await filled(q1.bytes, 9, q3identity);
    // 3. Last year's ballot of this branch; and the same with its year rewritten (seal and fingerprint recomputed).
    const lastYearWb = await blankWorkbook({ year: 2025 });
    const [old] = await handOut(lastYearWb, 'mass', { codes: 1 });
    const lastYear = await filled(old.bytes, 9);
    const oldAsThisYear = makeIdentity({
      ...(({ seal: _s, format: _f, ...r }) => r)(old.spec.identity),
      year: 2026,
      fingerprint: ballotFingerprint(2026, 'mass', old.spec.identity.mode, 'Q01', '', old.spec.members),
    });
    const lastYearRewritten = await filled(old.bytes, 9, identityRows(oldAsThisYear));
    // 4. Another branch's workbook, same year and members: its own Q02.
    const otherWb = await blankWorkbook({ branch: '另一个党支部' });
    const [, otherQ2] = await handOut(otherWb, 'mass', { codes: 2 });
    const otherBranch = await filled(otherQ2.bytes, 9);
    // 5. Q02 handed out again (its file was lost): the first Q02 file no longer counts.
    const [q2again] = await handOut(wb, 'mass', { reissue: ['Q02'] });
    expect([q2again.spec.identity.evaluator, q2again.spec.fileName]).toEqual(['Q02', '2026-群众参评-Q02.xlsx']);
    expect(q2again.spec.identity.secret).not.toBe(q2.spec.identity.secret);
    const lostQ2 = await filled(q2.bytes, 9);

    const report = await collect(wb, [
      { name: '计算的Q02.xlsx', bytes: computedNoSecret },
      { name: '猜测防伪码的Q02.xlsx', bytes: computedGuess },
      { name: '抄来的Q03.xlsx', bytes: copied },
      { name: '去年的Q01.xlsx', bytes: lastYear },
      { name: '改成今年的Q01.xlsx', bytes: lastYearRewritten },
      { name: '另一支部的Q02.xlsx', bytes: otherBranch },
      { name: '作废的Q02.xlsx', bytes: lostQ2 },
    ]);
    const line = (f: CollectReport['files'][number]) => [f.file, f.verdict, f.forms, f.problems.find((p) => p.severity === 'error')?.code];
    expect(report.files.map(line)).toEqual([
      ['计算的Q02.xlsx', 'not_issued', 0, 'not_issued'],
      ['猜测防伪码的Q02.xlsx', 'not_issued', 0, 'not_issued'],
      // The genuine Q03's secret, but Q03 is already in: not overwritten (only the secretary's 替换 could).
      ['抄来的Q03.xlsx', 'duplicate', 0, 'already_in_workbook'],
      ['去年的Q01.xlsx', 'stale', 0, 'other_year'],
      ['改成今年的Q01.xlsx', 'not_issued', 0, 'not_issued'],
      ['另一支部的Q02.xlsx', 'not_issued', 0, 'not_issued'],
      ['作废的Q02.xlsx', 'not_issued', 0, 'not_issued'],
    ]);
    expect(report.files[0].problems[0].message).toBe('“计算的Q02.xlsx”：这份测评表不是本工作簿分发的，或身份信息被改动过（防伪码与分发记录不符，或已重新分发），未合并。');
    expect(report.written).toBe(0);
    expect(await massRows(wb)).toEqual(q3rows);

    // The genuine Q01 and the Q02 handed out again come back: both accepted, Q02 free although its name was used.
    const genuine = await collect(wb, [
      { name: 'Q01.xlsx', bytes: await filled(q1.bytes, 7) },
      { name: 'Q02.xlsx', bytes: await filled(q2again.bytes, 6) },
    ]);
    expect(genuine.files.map((f) => [f.verdict, f.forms])).toEqual([
      ['accepted', 7],
      ['accepted', 7],
    ]);
    const rows = await massRows(wb);
    expect(rows.map((r) => r[0])).toEqual([...MEMBERS.map(() => 'Q03'), ...MEMBERS.map(() => 'Q01'), ...MEMBERS.map(() => 'Q02')]);
    // Q02's forms are the re-issued file's scores (6 − a tenth per member), not the forger's 9.
    expect(rows.filter((r) => r[0] === 'Q02').map((r) => r[3])).toEqual(MEMBERS.map((_, i) => 6 - i / 10));

    // A printed paper ballot typed by the secretary needs no secret: Q04 (never a file) is saved as typed.
    const paper = await run(wb, (c) => saveForm(c, 'mass', 'Q04', MEMBERS.map((memberId) => ({ memberId, scores: massScores(8)[memberId] as Record<string, number> }))));
    expect([paper.written, paper.problems.filter((p) => p.severity === 'error')]).toEqual([7, []]);
    expect((await massRows(wb)).filter((r) => r[0] === 'Q04')).toHaveLength(7);

    // 发放情况: three codes out, all back, one handed out again (listed where it was first handed out).
    const out = await run(wb, (c) => getBallotsOut(c));
    expect(out.map((b) => [b.evaluator, b.back, b.reissued])).toEqual([
      ['Q01', true, 0],
      ['Q02', true, 1],
      ['Q03', true, 0],
    ]);
  });

  it('a named ballot handed out again on purpose voids the lost file; made once more, both files are its own', async () => {
    const wb = await blankWorkbook();
    const first = await handOut(wb, 'peer', { group: '第一党小组' });
    const more = await handOut(wb, 'peer', { group: '第一党小组' });
    const [again] = await handOut(wb, 'peer', { reissue: ['001'] });
    const pick = (list: typeof first, id: string) => list.find((b) => b.spec.identity.evaluator === id)!;
    expect([again.spec.identity.evaluator, again.spec.fileName, again.spec.anonymous]).toEqual(['001', '2026-互评-第一党小组-杜磊秀.xlsx', false]);
    const fill = async (bytes: Uint8Array, evaluator: string) => {
      const scores: Record<string, Record<string, CellValue>> = {};
      for (const r of CASE.peer) if (r[0] === evaluator) scores[String(r[1])] = Object.fromEntries(DIMS.map((d, j) => [d, r[3 + j] as CellValue]));
      return fillWithOpenpyxl(bytes, { edits: scoreEdits(await ballotLayout(bytes), scores) });
    };
    const r = await collect(wb, [
      { name: 'lost-001.xlsx', bytes: await fill(pick(first, '001').bytes, '001') },
      { name: 'lost-001-b.xlsx', bytes: await fill(pick(more, '001').bytes, '001') },
      { name: 'new-001.xlsx', bytes: await fill(again.bytes, '001') },
      { name: 'first-002.xlsx', bytes: await fill(pick(first, '002').bytes, '002') },
    ]);
    expect(r.files.map((f) => [f.file, f.verdict, f.forms])).toEqual([
      ['lost-001.xlsx', 'not_issued', 0],
      ['lost-001-b.xlsx', 'not_issued', 0],
      ['new-001.xlsx', 'accepted', 3],
      // 002's ballot was made twice (never re-issued): the first file still counts.
      ['first-002.xlsx', 'accepted', 3],
    ]);
    const out = await run(wb, (c) => getBallotsOut(c));
    expect(out.map((b) => [b.evaluator, b.back, b.reissued])).toEqual([
      ['001', true, 2],
      ['002', true, 0],
      ['003', false, 0],
      ['004', false, 0],
    ]);
    const bad = await run(wb, (c) => issueBallots(c, 'mass', { reissue: ['Q09'] }));
    expect(bad).toEqual({ specs: [], problems: ['群众参评测评表“Q09”在 2026 年度没有分发过，无法重新分发（请核对编号）。'] });
  });

  it('nothing is handed out when the record cannot be written (kp_State changed by hand)', async () => {
    const wb = await blankWorkbook();
    await run(wb, async (c) => {
      const p = queueReadTables(c, ['state']);
      await c.sync();
      const t = p().state;
      c.workbook.worksheets.getItem(t.sheet).getRange(blockAddress(t.firstRow - 1, t.firstColumn + 1, 1, 1)).values = [['说明']];
    });
    const r = await run(wb, (c) => issueBallots(c, 'mass', { codes: 2 }));
    expect(r.specs).toEqual([]);
    expect(r.problems).toEqual([expect.stringContaining('无法记录分发情况')]);
  });

  it('anonymity: kp_State names nobody for a code; no secret reaches results, posting or score sheets', async () => {
    const wb = await blankWorkbook({ self: CASE.self, peer: CASE.peer });
    const mass = await handOut(wb, 'mass', { codes: 3 });
    const report = await collect(wb, await Promise.all(mass.map(async (b, i) => ({ name: b.spec.fileName, bytes: await filled(b.bytes, 9 - i) }))));
    expect(report.files.map((f) => f.verdict)).toEqual(['accepted', 'accepted', 'accepted']);
    await run(wb, (c) => compute(c));
    const posting = await run(wb, (c) => makePostingSheet(c, { order: 'rank' }));
    const scoreSheets = await run(wb, (c) => makeScoreSheets(c, { members: MEMBERS }));
    expect([posting.created, scoreSheets.created]).toEqual([true, true]);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(['考评结果', '考评结果公示', '个人考评明细']));
    const secrets = mass.map((b) => b.spec.identity.secret);
    const names = CASE.roster.map((r) => String(r[1]));
    const cells = (sheet: string) => wb.snapshot(sheet).cells.flat().map((c) => (c.value === null ? '' : String(c.value)));
    const where = wb.sheetNames().filter((s) => cells(s).some((v) => secrets.some((x) => v.includes(x))));
    // Only the hidden bookkeeping sheet holds the secrets, as text, on lines that name no one.
    expect(where).toEqual(['kp_State']);
    expect(wb.snapshot('kp_State').visibility).not.toBe('Visible');
    const lines = cells('kp_State').flatMap((v) => v.split('\n')).filter((v) => secrets.some((x) => v.includes(x)));
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(l).toMatch(/^2026\tmass\tQ0[123]\t\t\t\d{4}-\d{2}-\d{2}\t[0-9a-f]{32}\t$/);
      expect(names.some((n) => l.includes(n))).toBe(false);
    }
  });
});

/**
 * Co-authoring (Excel on the web, AutoSave): two people save forms at the same time. Each save is one read and
 * one write; here the two batches interleave on one workbook (both read, then A writes, then B writes), which
 * is what two add-ins see when their batches cross. Saving writes only the evaluator's own rows.
 */
import { run, type HostWorkbook } from '../../../src/host';
import { check } from '../../../src/workbook/results/check';
import { saveForm } from '../../../src/workbook/entry/forms';
import { readTables } from '../../../src/workbook/tables/readTables';
import { fillCase, loadCase } from '../../support/fillCase';

const FULL = { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 };

/** A context whose second sync (the write) waits until released; `read` resolves once its first sync is done. */
function gated(wb: HostWorkbook) {
  const context = wb.createContext();
  const ctx = context as unknown as { sync: () => Promise<unknown> };
  const original = ctx.sync.bind(ctx);
  let release!: () => void;
  let readDone!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const read = new Promise<void>((r) => (readDone = r));
  let n = 0;
  ctx.sync = async () => {
    n++;
    if (n === 2) {
      readDone();
      await gate;
    }
    return original();
  };
  return { context, release, read };
}

async function interleave(wb: HostWorkbook, a: (c: Excel.RequestContext) => Promise<unknown>, b: (c: Excel.RequestContext) => Promise<unknown>) {
  const A = gated(wb);
  const B = gated(wb);
  const pa = a(A.context);
  const pb = b(B.context);
  await Promise.all([A.read, B.read]);
  A.release();
  await pa;
  B.release();
  await pb;
}

async function peerRows(wb: HostWorkbook) {
  const t = await run(wb, async (c) => (await readTables(c, ['peer'])).read.peer);
  return { rows: t.rows.map((r) => [r[0], r[1], r[3]]), outside: t.outsideFrom };
}

describe('co-authoring: two saves whose batches interleave', () => {
  it('different evaluators: both forms are kept, nobody else\'s row changes', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    const before = (await peerRows(wb)).rows;
    await interleave(
      wb,
      (c) => saveForm(c, 'peer', 'Q01', [{ memberId: '001', scores: FULL }, { memberId: '002', scores: FULL }]),
      (c) => saveForm(c, 'peer', 'Q02', [{ memberId: '001', scores: { ...FULL, 理想信念: 8 } }]),
    );
    const after = await peerRows(wb);
    expect(after.outside).toBeUndefined();
    expect(after.rows.slice(0, before.length)).toEqual(before);
    expect(after.rows.slice(before.length)).toEqual([['Q01', '001', 9], ['Q01', '002', 9], ['Q02', '001', 8]]);
  });

  it('the same evaluator\'s existing form: the last save wins, in place', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    const before = (await peerRows(wb)).rows;
    const i = before.findIndex((r) => r[0] === '001' && r[1] === '002');
    await interleave(
      wb,
      (c) => saveForm(c, 'peer', '001', [{ memberId: '002', scores: { ...FULL, 理想信念: 7 } }]),
      (c) => saveForm(c, 'peer', '001', [{ memberId: '002', scores: { ...FULL, 理想信念: 6 } }]),
    );
    const after = (await peerRows(wb)).rows;
    expect(after).toHaveLength(before.length);
    expect(after[i]).toEqual(['001', '002', 6]);
  });

  it('the same evaluator\'s new form saved twice at once: two rows, and check names both as duplicates', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    const before = (await peerRows(wb)).rows;
    await interleave(
      wb,
      (c) => saveForm(c, 'peer', 'Q07', [{ memberId: '003', scores: FULL }]),
      (c) => saveForm(c, 'peer', 'Q07', [{ memberId: '003', scores: { ...FULL, 理想信念: 8 } }]),
    );
    const after = (await peerRows(wb)).rows;
    expect(after.slice(before.length)).toEqual([['Q07', '003', 9], ['Q07', '003', 8]]);
    const report = await run(wb, (c) => check(c));
    const dup = report.problems.filter((p) => p.code === 'duplicate_form' && p.sheet === '党员互评');
    expect(dup.map((p) => p.cell)).toEqual([`A${before.length + 2}`, `A${before.length + 3}`]);
  });
});

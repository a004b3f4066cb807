/**
 * Bench section "commands": each command run by the headless host on synthetic branches of 10, 300 and 2,000
 * members (every member self-scored, peers within groups of 10, three mass ballots): context.sync() round trips,
 * queued operations, the largest request and the largest response of a sync (Excel on the web refuses either
 * over 5 MB; test/workbook/payload.test.ts keeps both under 4 MB) and wall time.
 */
import { createWorkbook, run, type HostWorkbook } from '../src/host';
import { check } from '../src/workbook/check';
import { compute } from '../src/workbook/compute';
import { saveForm } from '../src/workbook/entry';
import { install } from '../src/workbook/install';
import { newYear } from '../src/workbook/newYear';
import { undoNewYear } from '../src/workbook/newYearUndo';
import { newYearPlan } from '../src/workbook/paneInfo';
import { saveMemberReview } from '../src/workbook/review';
import { makePostingSheet } from '../src/workbook/posting';
import { makeScoreSheets } from '../src/workbook/scoreSheet';
import { fillCase, syntheticCase } from '../test/support/fillCase';

type Batch = Parameters<typeof run>[1];

async function measure(wb: HostWorkbook, f: Batch): Promise<string> {
  wb.resetStats();
  const t0 = performance.now();
  await run(wb, f);
  const ms = performance.now() - t0;
  const maxBytes = Math.max(0, ...wb.stats.bytesPerSync);
  const maxResponse = Math.max(0, ...wb.stats.responseBytesPerSync);
  return `${wb.stats.syncs} syncs, ${wb.stats.operations} ops, largest request ${(maxBytes / 1024).toFixed(0)} KB, largest response ${(maxResponse / 1024).toFixed(0)} KB, ${ms.toFixed(0)} ms`;
}

export async function benchCommands(): Promise<void> {
  console.log('commands: round trips and time in the headless host');
  for (const n of [10, 300, 2000]) {
    const wb = await fillCase(syntheticCase(n), createWorkbook());
    const rows = Array.from({ length: 9 }, (_, j) => ({
      memberId: String(j + 2).padStart(4, '0'),
      scores: { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 },
    }));
    console.log(`  ${n} members`);
    console.log(`    install (repair) ${await measure(wb, (c) => install(c))}`);
    console.log(`    save a form      ${await measure(wb, (c) => saveForm(c, 'peer', '0001', rows))}`);
    console.log(`    check            ${await measure(wb, (c) => check(c))}`);
    console.log(`    compute          ${await measure(wb, (c) => compute(c))}`);
    console.log(`    posting (3 sheets) ${await measure(wb, (c) => makePostingSheet(c, { order: 'rank' }))}`);
    console.log(`    score sheets (all) ${await measure(wb, (c) => makeScoreSheets(c, {}))}`);
    console.log(`    save a review    ${await measure(wb, (c) => saveMemberReview(c, '0002', { bonus: [{ item: '表彰', points: 1, basis: '' }], review: { veto: false, reason: '', opinion: '同意' } }))}`);
    console.log(`    new-year plan    ${await measure(wb, (c) => newYearPlan(c))}`);
    console.log(`    new year         ${await measure(wb, (c) => newYear(c, 2027))}`);
    console.log(`    undo new year    ${await measure(wb, (c) => undoNewYear(c))}`);
  }
  console.log('  budgets (SPEC §6): install ≤ 3, save a form ≤ 2, check ≤ 2, compute ≤ 3, posting ≤ 3, new year ≤ 4, undo new year ≤ 5; score sheets ≤ 3; save a review ≤ 2, new-year plan 1');
  console.log('  payload: Excel on the web refuses a request or a response over 5 MB; kept under 4 MB (payload.test.ts)');
}

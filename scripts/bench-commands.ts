/**
 * Bench section "commands": each command run by the headless host on synthetic branches of 10, 300 and 2,000
 * members (every member self-scored, peers within groups of 10, three mass ballots): context.sync() round trips,
 * queued operations, the largest request and the largest response of a sync (Excel on the web refuses either
 * over 5 MB) and wall time: medians of repeated runs, each on a copy of the workbook. Only what was measured in
 * the run is printed (the budgets are asserted by test/workbook/budgets.test.ts and payload.test.ts, not here).
 */
import { createWorkbook, run, type HostWorkbook } from '../src/host';
import { check } from '../src/workbook/results/check';
import { compute } from '../src/workbook/results/compute';
import { saveForm } from '../src/workbook/entry/forms';
import { install } from '../src/workbook/setup/install';
import { newYear } from '../src/workbook/year/newYear';
import { undoNewYear } from '../src/workbook/year/newYearUndo';
import { newYearPlan } from '../src/workbook/setup/paneInfo';
import { saveMemberReview } from '../src/workbook/entry/review';
import { makePostingSheet } from '../src/workbook/results/postingPack';
import { makeScoreSheets } from '../src/workbook/results/scoreSheet';
import { cloneWorkbook } from '../test/support/cloneWorkbook';
import { fillCase, syntheticCase } from '../test/support/fillCase';

type Batch = Parameters<typeof run>[1];

const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The largest request and response measured in this run, over every command. */
const largest = { request: 0, response: 0 };

/**
 * Runs the command RUNS times, each on a copy of the workbook as it is, then once on the workbook itself (so the
 * next command sees its effect); prints the medians of what wb.stats counted and of the wall time.
 */
async function measure(wb: HostWorkbook, f: Batch): Promise<string> {
  const syncs: number[] = [];
  const ops: number[] = [];
  const request: number[] = [];
  const response: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const target = i < RUNS ? cloneWorkbook(wb) : wb;
    target.resetStats();
    const t0 = performance.now();
    await run(target, f);
    if (i === RUNS) break;
    ms.push(performance.now() - t0);
    syncs.push(target.stats.syncs);
    ops.push(target.stats.operations);
    request.push(Math.max(0, ...target.stats.bytesPerSync));
    response.push(Math.max(0, ...target.stats.responseBytesPerSync));
  }
  largest.request = Math.max(largest.request, ...request);
  largest.response = Math.max(largest.response, ...response);
  const kb = (b: number) => (b / 1024).toFixed(0);
  return `${median(syncs)} syncs, ${median(ops)} ops, largest request ${kb(median(request))} KB, largest response ${kb(median(response))} KB, ${median(ms).toFixed(0)} ms`;
}

export async function benchCommands(): Promise<void> {
  console.log(`commands: round trips and time in the headless host (medians of ${RUNS} runs, each on a copy of the workbook)`);
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
  console.log(`  largest request measured: ${(largest.request / 1024).toFixed(0)} KB; largest response: ${(largest.response / 1024).toFixed(0)} KB (Excel on the web refuses over 5 MB)`);
}

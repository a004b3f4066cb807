/**
 * Bench section "ballots": a 40-member branch (four 党小组) hands out its peer ballots (40 files) and 20 mass
 * ballots, fills them (through the host) and collects all 60: time to make the files, their size, time to read
 * them back, and the collect merge's round trips and time (2 syncs whatever the number of files).
 */
import { createWorkbook, loadXlsx, run, saveXlsx } from '../src/host';
import { issueBallots, readBallotWorkbook } from '../src/workbook/ballots/ballotFiles';
import { buildBallotFile, readBallotFiles, zipFiles } from '../src/workbook/ballots/ballotPackage';
import { collectBallots } from '../src/workbook/ballots/collect';
import { fillCase, syntheticCase } from '../test/support/fillCase';

export async function benchBallots(): Promise<void> {
  const c = syntheticCase(40);
  const wb = await fillCase({ ...c, self: [], peer: [], mass: [] }, createWorkbook());
  const peer = await run(wb, (ctx) => issueBallots(ctx, 'peer', {}));
  const mass = await run(wb, (ctx) => issueBallots(ctx, 'mass', { codes: 20 }));
  const specs = [...peer.specs, ...mass.specs];
  let t = performance.now();
  const files = [];
  for (const s of specs) files.push({ name: s.fileName, bytes: await buildBallotFile(s) });
  const makeMs = performance.now() - t;
  const zip = await zipFiles(files);
  // Filled through the host: every score cell gets a number (what an evaluator returns).
  const filled = [];
  for (const f of files) {
    const book = await loadXlsx(f.bytes);
    await run(book, async (ctx) => {
      const r = await readBallotWorkbook(ctx);
      if (r.kind !== 'ballot' || !r.sheet) throw new Error('not a ballot');
      const sheet = ctx.workbook.worksheets.getItem(r.sheet);
      sheet.protection.unprotect();
      const n = r.identity.members.length;
      sheet.getRangeByIndexes(r.identity.headerRow, 3, n, 8).values = Array.from({ length: n }, () => [9, 9, 14, 14, 14, 14, 9, 9]);
    });
    filled.push({ name: f.name, bytes: await saveXlsx(book) });
  }
  t = performance.now();
  const read = await readBallotFiles(filled);
  const readMs = performance.now() - t;
  wb.resetStats();
  t = performance.now();
  const report = await run(wb, (ctx) => collectBallots(ctx, read));
  const mergeMs = performance.now() - t;
  const kb = (n: number) => (n / 1024).toFixed(0);
  console.log('ballots: 40 members, 40 peer + 20 mass ballot files');
  console.log(`  make ${specs.length} files: ${makeMs.toFixed(0)} ms (${(makeMs / specs.length).toFixed(0)} ms each), .zip ${kb(zip.length)} KB`);
  console.log(`  read ${filled.length} returned files: ${readMs.toFixed(0)} ms`);
  console.log(`  merge: ${wb.stats.syncs} syncs, max ${kb(Math.max(0, ...wb.stats.bytesPerSync))} KB/sync, ${mergeMs.toFixed(0)} ms, ${report.written} forms`);
}

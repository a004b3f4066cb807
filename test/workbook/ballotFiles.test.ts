/**
 * Ballot files: made for a fixture branch, filled by openpyxl, LibreOffice and ExcelJS, collected; the results
 * equal those of typing the same numbers. Every bad return gets its verdict and the workbook keeps the rest.
 */
import { DEFAULT_RUBRIC, type RawCell, type Round } from '../../src/domain';
import { loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { issueBallots, getBallotsOut, type BallotSpec } from '../../src/workbook/ballotFiles';
import { buildBallotFile, readBallotFiles } from '../../src/workbook/ballotPackage';
import { collectBallots, type CollectOptions, type CollectReport } from '../../src/workbook/collect';
import { compute } from '../../src/workbook/compute';
import { queueReadTables } from '../../src/workbook/readTables';
import { ballotLayout, fillWithExcelJS, fillWithOpenpyxl, resaveAllWithLibreOffice, scoreEdits, type CellValue } from '../support/ballotFill';
import { fillCase, loadCase, type CaseJson } from '../support/fillCase';

jest.setTimeout(600_000);

const DIMS = DEFAULT_RUBRIC.categories[0].dimensions.map((d) => d.name);
const { input: CASE } = loadCase('small-branch');

/** The branch with its roster, bonus and review but no forms typed yet. */
function blankWorkbook(): Promise<HostWorkbook> {
  return fillCase({ ...CASE, self: [], peer: [], mass: [] });
}

/** The case's scores an evaluator gave, by member: the numbers a secretary would type. */
function caseScores(c: CaseJson, round: Round, evaluator: string): Record<string, Record<string, CellValue>> {
  const out: Record<string, Record<string, CellValue>> = {};
  const keys = round === 'self' ? 2 : 3;
  for (const r of c[round]) {
    if (round === 'self' ? r[0] !== evaluator : r[0] !== evaluator) continue;
    const id = String(round === 'self' ? r[0] : r[1]);
    out[id] = Object.fromEntries(DIMS.map((d, j) => [d, r[keys + j] as CellValue]));
  }
  return out;
}

async function ballots(wb: HostWorkbook, round: Round, options: { group?: string; codes?: number } = {}): Promise<{ spec: BallotSpec; bytes: Uint8Array }[]> {
  const { specs, problems } = await run(wb, (c) => issueBallots(c, round, options));
  expect(problems).toEqual([]);
  const out = [];
  for (const spec of specs) out.push({ spec, bytes: await buildBallotFile(spec) });
  return out;
}

async function collect(wb: HostWorkbook, files: { name: string; bytes: Uint8Array }[], options: CollectOptions = {}): Promise<CollectReport> {
  const read = await readBallotFiles(files);
  return run(wb, (c) => collectBallots(c, read, options));
}

async function tableRows(wb: HostWorkbook, key: 'self' | 'peer' | 'mass'): Promise<RawCell[][]> {
  return run(wb, async (c) => {
    const p = queueReadTables(c, [key]);
    await c.sync();
    return p()[key].rows.filter((r) => r.some((v) => v !== '' && v !== null));
  });
}

async function results(wb: HostWorkbook) {
  const r = await run(wb, (c) => compute(c));
  return r.evaluation.members.map((m) => ({ id: m.id, self: m.self, peer: m.peer, mass: m.mass, final: m.final, status: m.status, rank: m.rank }));
}

describe('ballot files round trip', () => {
  it('openpyxl, LibreOffice and ExcelJS fills collect to the same results as typing the numbers', async () => {
    const typed = await fillCase(CASE);
    const expected = await results(typed);
    const wb = await blankWorkbook();
    const self = await ballots(wb, 'self');
    const peer = await ballots(wb, 'peer');
    const mass = await ballots(wb, 'mass', { codes: 3 });
    expect(self.map((b) => b.spec.fileName)).toContain('2026-自评-第一党小组-杜磊秀.xlsx');
    expect(peer.map((b) => b.spec.fileName)).toContain('2026-互评-第一党小组-杜磊秀.xlsx');
    expect(mass.map((b) => b.spec.fileName)).toEqual(['2026-群众参评-Q01.xlsx', '2026-群众参评-Q02.xlsx', '2026-群众参评-Q03.xlsx']);
    expect(peer.find((b) => b.spec.identity.evaluator === '001')?.spec.members.map((m) => m.id)).toEqual(['002', '003', '004']);
    const filled: { name: string; bytes: Uint8Array }[] = [];
    const viaLibre: { name: string; bytes: Uint8Array }[] = [];
    const all = [...self, ...peer, ...mass];
    for (let i = 0; i < all.length; i++) {
      const b = all[i];
      const layout = await ballotLayout(b.bytes);
      const edits = scoreEdits(layout, caseScores(CASE, b.spec.round, b.spec.identity.evaluator));
      // A third each: openpyxl; LibreOffice (an ExcelJS-edited copy re-saved by soffice); plain ExcelJS.
      if (i % 3 === 0) filled.push({ name: b.spec.fileName, bytes: fillWithOpenpyxl(b.bytes, { edits }) });
      else if (i % 3 === 1) viaLibre.push({ name: b.spec.fileName, bytes: await fillWithExcelJS(b.bytes, edits) });
      else filled.push({ name: b.spec.fileName, bytes: await fillWithExcelJS(b.bytes, edits) });
    }
    const resaved = resaveAllWithLibreOffice(viaLibre.map((f) => f.bytes));
    viaLibre.forEach((f, i) => filled.push({ name: f.name, bytes: resaved[i] }));
    wb.resetStats();
    const report = await collect(wb, filled);
    expect(wb.stats.syncs).toBeLessThanOrEqual(2);
    for (const f of report.files) expect([f.file, f.verdict, f.problems]).toEqual([f.file, 'accepted', []]);
    expect(report.written).toBe(CASE.self.length + CASE.peer.length + CASE.mass.length);
    expect(await results(wb)).toEqual(expected);
    // Saved and loaded again: the same.
    expect(await results(await loadXlsx(await saveXlsx(wb)))).toEqual(expected);
    // Every ballot handed out is back.
    const out = await run(wb, (c) => getBallotsOut(c));
    expect(out).toHaveLength(all.length);
    expect(out.every((b) => b.back)).toBe(true);
  });
});

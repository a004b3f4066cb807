/**
 * Ballot files: made for a fixture branch, filled by openpyxl, LibreOffice and ExcelJS, collected; the results
 * equal those of typing the same numbers. Every bad return gets its verdict and the workbook keeps the rest.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RUBRIC, type RawCell, type Round } from '../../../src/domain';
import { loadXlsx, run, saveXlsx, type HostWorkbook } from '../../../src/host';
import { issueBallots, getBallotsOut, type BallotSpec } from '../../../src/workbook/ballots/ballotFiles';
import { buildBallotFile, readBallotFiles } from '../../../src/workbook/ballots/ballotPackage';
import { collectBallots, type CollectOptions, type CollectReport } from '../../../src/workbook/ballots/collect';
import { compute } from '../../../src/workbook/results/compute';
import { getProgress } from '../../../src/workbook/entry/forms';
import { saveSettings } from '../../../src/workbook/setup/settings';
import { queueReadTables } from '../../../src/workbook/tables/readTables';
import { ballotLayout, fillWithExcelJS, fillWithOpenpyxl, resaveAllWithLibreOffice, scoreEdits, soffice, type CellValue } from '../../support/ballotFill';
import { fillCase, loadCase, syntheticCase, type CaseJson } from '../../support/fillCase';

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
    out[id] = Object.fromEntries(DIMS.map((d, j) => [d, r[keys + j] as CellValue]).filter(([, v]) => v !== null));
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

/** A peer ballot of evaluator 001 (scores 002, 003, 004) filled with the case's numbers, as edits. */
async function peerBallot001(wb: HostWorkbook) {
  const peer = await ballots(wb, 'peer', { group: '第一党小组' });
  const b = peer.find((x) => x.spec.identity.evaluator === '001');
  if (!b) throw new Error('no ballot for 001');
  const layout = await ballotLayout(b.bytes);
  const scores = caseScores(CASE, 'peer', '001');
  return { b, layout, scores, edits: scoreEdits(layout, scores) };
}

describe('returned ballots with problems', () => {
  it('gives each bad file its verdict with sheet and cell, and writes nothing from it', async () => {
    const wb = await blankWorkbook();
    const { b, layout, scores, edits } = await peerBallot001(wb);
    const row003 = layout.rows.get('003') as number;
    const with_ = (id: string, dim: string, value: CellValue) => scoreEdits(layout, { ...scores, [id]: { ...scores[id], [dim]: value } });
    const files: { name: string; bytes: Uint8Array }[] = [
      { name: 'over.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits: with_('003', '爱岗敬业', 15.5) }) },
      { name: 'text.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits: with_('002', '理想信念', '优') }) },
      { name: 'formula.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits: with_('004', '服务社会', '=1+1') }) },
      { name: 'deleted-row.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits, deleteRows: [{ sheet: layout.sheet, row: row003 }] }) },
      {
        name: 'added-row.xlsx',
        bytes: fillWithOpenpyxl(b.bytes, { edits, insertRows: [{ sheet: layout.sheet, row: row003 + 1, values: [9, '005', '熊建梅', 9, 9, 14, 14, 14, 14, 9, 9] }] }),
      },
      { name: 'identity.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits, identity: { label: '评价人', value: '002' } }) },
      { name: 'blank-member.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits: scoreEdits(layout, { '002': scores['002'], '003': scores['003'] }) }) },
      { name: 'roster.csv.xlsx', bytes: new TextEncoder().encode('编号,姓名\n001,杜磊秀\n') },
    ];
    // A plain workbook that is not a ballot, and last year's ballot.
    files.push({ name: 'plain.xlsx', bytes: await saveXlsx(await fillCase({ ...CASE, self: [], peer: [], mass: [] })) });
    const lastYear = await fillCase({ ...CASE, year: 2025, self: [], peer: [], mass: [] });
    const old = (await ballots(lastYear, 'peer', { group: '第一党小组' })).find((x) => x.spec.identity.evaluator === '001')!;
    files.push({ name: 'last-year.xlsx', bytes: fillWithOpenpyxl(old.bytes, { edits: scoreEdits(await ballotLayout(old.bytes), scores) }) });
    const before = { peer: await tableRows(wb, 'peer'), self: await tableRows(wb, 'self'), mass: await tableRows(wb, 'mass') };
    wb.resetStats();
    const report = await collect(wb, files);
    expect(wb.stats.syncs).toBeLessThanOrEqual(2);
    const by = Object.fromEntries(report.files.map((f) => [f.file, f]));
    const first = (name: string) => by[name].problems.find((p) => p.severity === 'error');
    const D = (dim: string) => String.fromCharCode(65 + (layout.columns.get(dim) as number));
    expect([by['over.xlsx'].verdict, first('over.xlsx')?.code, first('over.xlsx')?.cell, first('over.xlsx')?.sheet]).toEqual(['rejected', 'out_of_range', `${D('爱岗敬业')}${row003}`, '测评表']);
    expect(first('over.xlsx')?.message).toContain('测评表');
    expect([by['text.xlsx'].verdict, first('text.xlsx')?.code, first('text.xlsx')?.cell]).toEqual(['rejected', 'not_a_number', `${D('理想信念')}${layout.rows.get('002')}`]);
    expect([by['formula.xlsx'].verdict, first('formula.xlsx')?.code, first('formula.xlsx')?.cell]).toEqual(['rejected', 'formula_in_score', `${D('服务社会')}${layout.rows.get('004')}`]);
    expect([by['deleted-row.xlsx'].verdict, first('deleted-row.xlsx')?.code]).toEqual(['rejected', 'row_missing']);
    expect(first('deleted-row.xlsx')?.message).toContain('003');
    expect([by['added-row.xlsx'].verdict, first('added-row.xlsx')?.code, first('added-row.xlsx')?.cell]).toEqual(['rejected', 'row_added', `B${row003 + 1}`]);
    expect([by['identity.xlsx'].verdict, first('identity.xlsx')?.code]).toEqual(['rejected', 'identity_changed']);
    expect([by['blank-member.xlsx'].verdict, first('blank-member.xlsx')?.code]).toEqual(['rejected', 'member_not_scored']);
    expect([by['roster.csv.xlsx'].verdict, first('roster.csv.xlsx')?.code, by['roster.csv.xlsx'].evaluator]).toEqual(['not_a_ballot', 'not_a_workbook', null]);
    expect(first('roster.csv.xlsx')?.message).toBe('不是 Excel 工作簿（.xlsx）：文件内容是别的格式（可能是 .csv、.xls、.et 或其他文件改了扩展名），请另存为 .xlsx 后再交回。');
    expect([by['plain.xlsx'].verdict, first('plain.xlsx')?.code]).toEqual(['not_a_ballot', 'not_a_ballot']);
    expect([by['last-year.xlsx'].verdict, first('last-year.xlsx')?.code]).toEqual(['stale', 'other_year']);
    expect(report.files.every((f) => f.forms === 0)).toBe(true);
    expect(report.written).toBe(0);
    // Nothing entered the workbook.
    expect(await tableRows(wb, 'peer')).toEqual(before.peer);
    expect(await tableRows(wb, 'self')).toEqual(before.self);
    expect(await tableRows(wb, 'mass')).toEqual(before.mass);
    // The good copy next to them goes in.
    const good = await collect(wb, [...files.slice(0, 3), { name: 'good.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits }) }]);
    expect(good.files.map((f) => f.verdict)).toEqual(['rejected', 'rejected', 'rejected', 'accepted']);
    expect(good.files[3].forms).toBe(3);
    const rows = await tableRows(wb, 'peer');
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['001', '002', '周燕玉', 8.6],
      ['001', '003', '赵强敏', 9.8],
      ['001', '004', '谭华敏', 9.2],
    ]);
  });

  it('a number typed as text is counted with a warning', async () => {
    const wb = await blankWorkbook();
    const { b, layout, scores } = await peerBallot001(wb);
    const bytes = fillWithOpenpyxl(b.bytes, { edits: scoreEdits(layout, { ...scores, '002': { ...scores['002'], 理想信念: '８.６' } }) });
    const report = await collect(wb, [{ name: 'a.xlsx', bytes }]);
    expect(report.files[0].verdict).toBe('accepted');
    expect(report.files[0].problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'number_as_text']]);
    expect((await tableRows(wb, 'peer'))[0][3]).toBe(8.6);
  });

  it('the roster changed after the ballots went out: stale', async () => {
    const wb = await blankWorkbook();
    const { b, edits } = await peerBallot001(wb);
    await run(wb, async (c) => {
      const p = queueReadTables(c, ['roster']);
      await c.sync();
      const t = p().roster;
      t.table.rows.add(undefined, [['008', '新党员', '第一党小组', '机关党员', '', '']]);
    });
    const report = await collect(wb, [{ name: 'a.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits }) }]);
    expect([report.files[0].verdict, report.files[0].problems[0].code]).toEqual(['stale', 'member_list_changed']);
    expect(await tableRows(wb, 'peer')).toEqual([]);
  });

  it('two copies of one ballot: identical counted once, different neither', async () => {
    const wb = await blankWorkbook();
    const { b, layout, scores, edits } = await peerBallot001(wb);
    const one = fillWithOpenpyxl(b.bytes, { edits });
    const same = await fillWithExcelJS(b.bytes, edits);
    const report = await collect(wb, [{ name: 'a.xlsx', bytes: one }, { name: 'b.xlsx', bytes: same }]);
    expect(report.files.map((f) => [f.verdict, f.forms])).toEqual([['accepted', 3], ['duplicate', 0]]);
    expect(report.files[1].problems[0].code).toBe('duplicate_same');
    expect(await tableRows(wb, 'peer')).toHaveLength(3);

    const wb2 = await blankWorkbook();
    const b2 = (await peerBallot001(wb2)).b;
    const other = fillWithOpenpyxl(b2.bytes, { edits: scoreEdits(layout, { ...scores, '003': { ...scores['003'], 学习教育: 10 } }) });
    const r2 = await collect(wb2, [{ name: 'a.xlsx', bytes: fillWithOpenpyxl(b2.bytes, { edits }) }, { name: 'b.xlsx', bytes: other }]);
    expect(r2.files.map((f) => [f.verdict, f.forms, f.problems[0]?.code])).toEqual([
      ['duplicate', 0, 'duplicate_different'],
      ['duplicate', 0, 'duplicate_different'],
    ]);
    expect(await tableRows(wb2, 'peer')).toEqual([]);
  });

  it('the same ballot collected in two runs: identical is not counted again; different is not overwritten without replace', async () => {
    const wb = await blankWorkbook();
    const { b, layout, scores, edits } = await peerBallot001(wb);
    const first = await collect(wb, [{ name: 'a.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits }) }]);
    expect(first.files[0].verdict).toBe('accepted');
    const again = await collect(wb, [{ name: 'a-again.xlsx', bytes: await fillWithExcelJS(b.bytes, edits) }]);
    expect([again.files[0].verdict, again.files[0].forms, again.files[0].problems[0].code]).toEqual(['duplicate', 0, 'already_collected']);
    expect(await tableRows(wb, 'peer')).toHaveLength(3);
    const changed = fillWithOpenpyxl(b.bytes, { edits: scoreEdits(layout, { ...scores, '004': { ...scores['004'], 理想信念: 5 } }) });
    const refused = await collect(wb, [{ name: 'changed.xlsx', bytes: changed }]);
    expect([refused.files[0].verdict, refused.files[0].problems[0].code, refused.files[0].problems[0].sheet]).toEqual(['duplicate', 'already_in_workbook', '党员互评']);
    // The evaluator by name where the roster knows them, not only by 编号; no command-line option in the pane's words.
    expect(refused.files[0].problems[0].message).toMatch(/已有评价人 001 \S+ 的测评表/);
    expect(refused.files[0].problems[0].message).not.toContain('--');
    expect((await tableRows(wb, 'peer'))[2][3]).toBe(9.2);
    const replaced = await collect(wb, [{ name: 'changed.xlsx', bytes: changed }], { replace: ['changed.xlsx'] });
    expect([replaced.files[0].verdict, replaced.files[0].forms]).toEqual(['accepted', 3]);
    const rows = await tableRows(wb, 'peer');
    expect(rows).toHaveLength(3);
    expect(rows[2].slice(0, 4)).toEqual(['001', '004', '谭华敏', 5]);
  });

  it('mass ballots are anonymous: no name in the file, only the code is recorded', async () => {
    const wb = await blankWorkbook();
    const [q] = await ballots(wb, 'mass', { codes: 1 });
    expect(q.spec.identity.evaluator).toBe('Q01');
    expect(q.spec.anonymous).toBe(true);
    const layout = await ballotLayout(q.bytes);
    const bytes = fillWithOpenpyxl(q.bytes, { edits: scoreEdits(layout, caseScores(CASE, 'mass', 'Q01')) });
    const report = await collect(wb, [{ name: 'q.xlsx', bytes }]);
    expect([report.files[0].verdict, report.files[0].evaluator, report.files[0].forms]).toEqual(['accepted', 'Q01', 7]);
    const rows = await tableRows(wb, 'mass');
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Q01']));
    // Codes continue after those handed out: the next distribution starts at Q02.
    const next = await ballots(wb, 'mass', { codes: 2 });
    expect(next.map((x) => x.spec.identity.evaluator)).toEqual(['Q02', 'Q03']);
    const out = await run(wb, (c) => getBallotsOut(c));
    expect(out.map((o) => [o.evaluator, o.back])).toEqual([['Q01', true], ['Q02', false], ['Q03', false]]);
    // Typing a paper mass ballot proposes a code no ballot file has.
    expect((await run(wb, (c) => getProgress(c, 'mass'))).nextBallotCode).toBe('Q04');
  });
});

describe('collect budget', () => {
  it('merges 1 file and 40 files with the same 2 syncs (one read, one write)', async () => {
    const c = syntheticCase(40);
    const blank = () => fillCase({ ...c, self: [], peer: [], mass: [] });
    const wb = await blank();
    const made = await ballots(wb, 'peer');
    expect(made).toHaveLength(40);
    const files = [];
    for (const b of made) {
      const layout = await ballotLayout(b.bytes);
      files.push({ name: b.spec.fileName, bytes: await fillWithExcelJS(b.bytes, scoreEdits(layout, caseScores(c, 'peer', b.spec.identity.evaluator))) });
    }
    // Copies of the workbook that handed the ballots out (its record holds their secrets).
    const issuing = await saveXlsx(wb);
    const one = await loadXlsx(issuing);
    const readOne = await readBallotFiles(files.slice(0, 1));
    one.resetStats();
    const r1 = await run(one, (ctx) => collectBallots(ctx, readOne));
    const syncsOne = one.stats.syncs;
    const all = await loadXlsx(issuing);
    const readAll = await readBallotFiles(files);
    all.resetStats();
    const r40 = await run(all, (ctx) => collectBallots(ctx, readAll));
    expect([r1.written, r40.written]).toEqual([9, 360]);
    expect(syncsOne).toBe(2);
    expect(all.stats.syncs).toBe(2);
    expect((await tableRows(all, 'peer')).length).toBe(360);
    const typed = await fillCase({ ...c, self: [], mass: [] });
    const peerOf = async (w: HostWorkbook) => (await run(w, (ctx) => compute(ctx))).evaluation.members.map((m) => [m.id, m.peer]);
    expect(await peerOf(all)).toEqual(await peerOf(typed));
  });
});

describe('the ballot file as other programs see it', () => {
  it('openpyxl: title, instruction, protected without a password, only score cells unlocked and validated, identity very hidden', async () => {
    const wb = await fillCase({ ...syntheticCase(20), branch: '龙口市科技局机关党支部', self: [], peer: [], mass: [] });
    const [q] = await ballots(wb, 'mass', { codes: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'kp-ballot-inspect-'));
    try {
      const path = join(dir, q.spec.fileName);
      writeFileSync(path, q.bytes);
      const script = String.raw`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['测评表']
unlocked = sorted(c.coordinate for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column) for c in row if c.protection.locked is False)
dv = [[str(d.sqref), d.formula1, d.showErrorMessage, d.errorStyle] for d in ws.data_validations.dataValidation]
print(json.dumps({
  'sheets': [[s.title, s.sheet_state] for s in wb.worksheets],
  'title': ws['A1'].value, 'who': ws['A2'].value, 'howto': ws['A3'].value, 'header': [c.value for c in ws[4]],
  'protected': ws.protection.sheet, 'password': ws.protection.password,
  'unlocked': unlocked, 'dv': dv,
  'landscape': ws.page_setup.orientation, 'paper': ws.page_setup.paperSize,
}, ensure_ascii=False))
`;
      const info = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path]).toString());
      expect(info.sheets).toEqual([['测评表', 'visible'], ['评分标准', 'visible'], ['kp_Ballot', 'veryHidden']]);
      expect(info.title).toBe('龙口市科技局机关党支部2026年度党员分类量化考评群众参评测评表');
      expect(info.who).toBe('测评表编号：Q01');
      expect(info.howto).toMatch(/^填写说明：请在黄色单元格中填写各项分数（0 至该项分值，最多一位小数）.*本表匿名，请勿填写姓名。/);
      expect(info.header).toEqual(['序号', '党员编号', '姓名', ...DEFAULT_RUBRIC.categories[0].dimensions.map((d) => `${d.name}\n(${d.points}分)`), '合计']);
      expect([info.protected, info.password]).toEqual([true, null]);
      // Exactly the 20 × 8 score cells D5:K24 are unlocked.
      const cells = [];
      for (let r = 5; r <= 24; r++) for (const c of 'DEFGHIJK') cells.push(`${c}${r}`);
      expect(info.unlocked).toEqual(cells.sort());
      expect(info.dv.map((d: unknown[]) => d[0]).sort()).toEqual([...'DEFGHIJK'].map((c) => `${c}5:${c}24`));
      const points = DEFAULT_RUBRIC.categories[0].dimensions.map((d) => d.points);
      info.dv.forEach((d: [string, string, boolean, string]) => {
        const c = d[0][0];
        expect(d[1]).toBe(`AND(ISNUMBER(${c}5),${c}5>=0,${c}5<=${points['DEFGHIJK'.indexOf(c)]},ROUND(${c}5,1)=${c}5)`);
        // errorStyle absent means stop (ECMA-376 default).
        expect([d[2], d[3] ?? 'stop']).toEqual([true, 'stop']);
      });
      expect([info.landscape, info.paper]).toEqual(['landscape', 9]);
      // LibreOffice prints 测评表 of 20 members on one A4 landscape page (then 评分标准 on A4 portrait).
      execFileSync(soffice(), [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path], { stdio: 'pipe', timeout: 120_000 });
      const pdf = execFileSync('pdfinfo', ['-f', '1', '-l', '20', path.replace(/\.xlsx$/, '.pdf')]).toString();
      const sizes = [...pdf.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => (Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'));
      expect(sizes).toEqual(['landscape', 'portrait']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** small-categories made clean: no member of a category the rubric lacks, every score within its points. */
function cleanCategories(): CaseJson {
  const c = loadCase('small-categories').input;
  const points = (id: unknown, d: string): number | null => {
    const cat = c.roster.find((r) => r[0] === id)?.[3];
    if (cat === '机关党员') return DEFAULT_RUBRIC.categories[0].dimensions.find((x) => x.name === d)?.points ?? null;
    return (c.categories?.[String(cat)] ?? []).find(([n]) => n === d)?.[1] ?? null;
  };
  const roster = c.roster.filter((r) => r[3] !== '流动党员');
  const ids = new Set(roster.map((r) => r[0]));
  const fix = (rows: RawCell[][], keys: number) =>
    rows
      .filter((r) => ids.has(r[keys - 2]) && (keys === 2 || ids.has(r[0]) || !/^\d+$/.test(String(r[0]))))
      .map((r) => [...r.slice(0, keys), ...DIMS.map((d, j) => {
        const p = points(r[keys - 2], d);
        const v = r[keys + j];
        return p === null ? null : typeof v === 'number' ? Math.min(Math.max(v, 0), p) : p - 1;
      })]);
  return { ...c, roster, self: fix(c.self, 2), peer: fix(c.peer, 3), mass: fix(c.mass, 3) };
}

describe('categories and total-only entry', () => {
  it('a ballot over two categories greys the dimension one lacks; collected results equal typed ones', async () => {
    const c = cleanCategories();
    const typed = await fillCase(c);
    const expected = await results(typed);
    expect(expected.every((m) => m.status === 'ok')).toBe(true);
    const wb = await fillCase({ ...c, self: [], peer: [], mass: [] });
    const files = [];
    for (const round of ['self', 'peer', 'mass'] as Round[]) {
      for (const b of await ballots(wb, round, round === 'mass' ? { codes: 3 } : {})) {
        const layout = await ballotLayout(b.bytes);
        files.push({ name: b.spec.fileName, bytes: fillWithOpenpyxl(b.bytes, { edits: scoreEdits(layout, caseScores(c, round, b.spec.identity.evaluator)) }) });
      }
    }
    const mass = await ballots(await fillCase({ ...c, self: [], peer: [], mass: [] }), 'mass', { codes: 1 });
    const retired = mass[0].spec.members.find((m) => m.category === '离退休党员')!;
    expect(retired.dimensions.map((d) => d.name)).not.toContain('工作绩效');
    expect(mass[0].spec.columns.find((x) => x.name === '学习教育')).toEqual({ name: '学习教育', points: 20 });
    const report = await collect(wb, files);
    expect(report.files.filter((f) => f.verdict !== 'accepted').map((f) => [f.file, f.problems])).toEqual([]);
    expect(await results(wb)).toEqual(expected);
  });

  it('total-only peer entry: the ballot asks one 合计 (0–100) per member and collects it', async () => {
    const wb = await blankWorkbook();
    expect((await run(wb, (ctx) => saveSettings(ctx, { 'entryMode.peer': '合计' }))).filter((p) => p.severity === 'error')).toEqual([]);
    const peer = await ballots(wb, 'peer');
    expect(peer[0].spec.columns).toEqual([{ name: '合计', points: 100 }]);
    const files = [];
    for (const b of peer) {
      const layout = await ballotLayout(b.bytes);
      const totals: Record<string, Record<string, CellValue>> = {};
      for (const [id, dims] of Object.entries(caseScores(CASE, 'peer', b.spec.identity.evaluator))) {
        totals[id] = { 合计: Object.values(dims).reduce((a: number, v) => a + Math.round(Number(v) * 10), 0) / 10 };
      }
      files.push({ name: b.spec.fileName, bytes: await fillWithExcelJS(b.bytes, scoreEdits(layout, totals)) });
    }
    const firstLayout = await ballotLayout(peer[0].bytes);
    const overScores = Object.fromEntries([...firstLayout.rows.keys()].map((id, i) => [id, { 合计: i === 0 ? 100.5 : 90 }]));
    const over = await fillWithExcelJS(peer[0].bytes, scoreEdits(firstLayout, overScores));
    const report = await collect(wb, [...files, { name: 'over.xlsx', bytes: over }]);
    expect(report.files.map((f) => f.verdict)).toEqual([...files.map(() => 'accepted'), 'rejected']);
    expect(report.files[files.length].problems.map((p) => p.code)).toEqual(['out_of_range']);
    const typed = await results(await fillCase({ ...CASE, self: [], mass: [] }));
    const got = await results(wb);
    expect(got.map((m) => [m.id, m.peer])).toEqual(typed.map((m) => [m.id, m.peer]));
  });
});

describe('a protected entry sheet', () => {
  it('collect writes nothing and names the sheet to unprotect', async () => {
    const wb = await blankWorkbook();
    const { b, edits } = await peerBallot001(wb);
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('党员互评').protection.protect();
    });
    const read = await readBallotFiles([{ name: 'a.xlsx', bytes: fillWithOpenpyxl(b.bytes, { edits }) }]);
    await expect(run(wb, (c) => collectBallots(c, read))).rejects.toMatchObject({ code: 'SheetProtected', sheet: '党员互评' });
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('党员互评').protection.unprotect();
    });
    expect(await tableRows(wb, 'peer')).toEqual([]);
  });
});

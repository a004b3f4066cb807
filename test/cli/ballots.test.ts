/** kaoping ballots / kaoping collect (SPEC §5): files in a folder, a line or a JSON object per file, exit codes. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx, run, saveXlsx } from '../../src/host';
import { getBallotsOut } from '../../src/workbook/ballots/ballotFiles';
import { zipFiles } from '../../src/workbook/ballots/ballotPackage';
import { queueReadTables } from '../../src/workbook/tables/readTables';
import { ballotLayout, fillWithOpenpyxl, scoreEdits, type CellValue } from '../support/ballotFill';
import { cli } from '../support/cli';
import { fillCase, loadCase } from '../support/fillCase';

jest.setTimeout(300_000);

const { input: CASE } = loadCase('small-branch');
const DIMS = ['理想信念', '宗旨意识', '爱岗敬业', '学习教育', '工作绩效', '道德品质', '廉洁自律', '服务社会'];
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kp-cli-ballots-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function workbookFile(): Promise<string> {
  const path = join(dir, '考评2026.xlsx');
  writeFileSync(path, await saveXlsx(await fillCase({ ...CASE, self: [], peer: [], mass: [] })));
  return path;
}

function peerScores(evaluator: string): Record<string, Record<string, CellValue>> {
  const out: Record<string, Record<string, CellValue>> = {};
  for (const r of CASE.peer) if (r[0] === evaluator) out[String(r[1])] = Object.fromEntries(DIMS.map((d, j) => [d, r[3 + j] as CellValue]));
  return out;
}

async function fill(path: string, evaluator: string, change: (s: Record<string, Record<string, CellValue>>) => void = () => undefined): Promise<string> {
  const bytes = new Uint8Array(readFileSync(path));
  const scores = peerScores(evaluator);
  change(scores);
  const out = join(dir, `filled-${evaluator}-${Math.random().toString(36).slice(2, 7)}.xlsx`);
  writeFileSync(out, fillWithOpenpyxl(bytes, { edits: scoreEdits(await ballotLayout(bytes), scores) }));
  return out;
}

describe('kaoping ballots', () => {
  it('writes one file per evaluator into the folder, named by year, round, group and name or code; the input is unchanged', async () => {
    const wb = await workbookFile();
    const before = readFileSync(wb);
    const out = join(dir, 'out');
    const rec = join(dir, '记录.xlsx');
    const r = await cli('ballots', wb, '--round', 'peer', '--group', '第一党小组', '-o', out, '--record', rec);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2026-互评-第一党小组-周燕玉.xlsx', '2026-互评-第一党小组-杜磊秀.xlsx', '2026-互评-第一党小组-谭华敏.xlsx', '2026-互评-第一党小组-赵强敏.xlsx'].sort());
    expect(r.out).toContain('已生成 4 份测评表');
    expect(readFileSync(wb).equals(before)).toBe(true);
    const mass = await cli('ballots', rec, '--round', 'mass', '--codes', '3', '-o', out, '--record', rec);
    expect(mass.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.includes('群众参评')).sort()).toEqual(['2026-群众参评-Q01.xlsx', '2026-群众参评-Q02.xlsx', '2026-群众参评-Q03.xlsx']);
    const anon = await cli('ballots', rec, '--round', 'peer', '--codes', '2', '-o', out, '--record', rec);
    expect(anon.code).toBe(0);
    expect(readdirSync(out).filter((f) => /互评-.*-Q\d+/.test(f)).sort()).toEqual([
      '2026-互评-第一党小组-Q01.xlsx',
      '2026-互评-第一党小组-Q02.xlsx',
      '2026-互评-第二党小组-Q03.xlsx',
      '2026-互评-第二党小组-Q04.xlsx',
    ]);
  });

  it('refuses bad usage with one line and exit 2, writing nothing', async () => {
    const wb = await workbookFile();
    const out = join(dir, 'none');
    const rec = join(dir, 'rec.xlsx');
    for (const args of [
      ['--round', 'mass', '-o', out, '--record', rec],
      ['--round', 'peer', '--group', '第九党小组', '-o', out, '--record', rec],
      ['--round', 'team', '-o', out, '--record', rec],
      ['--round', 'mass', '--codes', 'x', '-o', out, '--record', rec],
      // Without a record the ballots could never be collected: refused.
      ['--round', 'peer', '-o', out],
      ['--round', 'peer', '-o', out, '--record', join(dir, 'rec.csv')],
      ['--round', 'mass', '--reissue', 'Q01', '-o', out, '--record', rec],
      ['--round', 'mass', '--reissue', 'Q01', '--codes', '2', '-o', out, '--record', rec],
    ]) {
      const r = await cli('ballots', wb, ...args);
      expect([r.code, r.err.trim().split('\n')]).toEqual([2, [expect.stringMatching(/^kaoping: /)]]);
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(rec)).toBe(false);
    expect((await cli('ballots', join(dir, 'missing.xlsx'), '--round', 'self', '-o', out, '--record', rec)).code).toBe(2);
  });
});

/** A mass ballot with every member scored `base` on each dimension (its points minus `9 − base`). */
async function fillMass(path: string, base: number): Promise<string> {
  const bytes = new Uint8Array(readFileSync(path));
  const layout = await ballotLayout(bytes);
  const scores = Object.fromEntries([...layout.rows.keys()].map((id) => [id, Object.fromEntries(DIMS.map((d, j) => [d, (j >= 2 && j <= 5 ? 15 : 10) - (10 - base)]))]));
  const out = join(dir, `mass-${base}-${Math.random().toString(36).slice(2, 7)}.xlsx`);
  writeFileSync(out, fillWithOpenpyxl(bytes, { edits: scoreEdits(layout, scores) }));
  return out;
}

async function ballotsOut(path: string) {
  return run(await loadXlsx(readFileSync(path)), (c) => getBallotsOut(c));
}

describe('kaoping ballots --record', () => {
  it('records what it hands out in OUT; only that workbook takes the ballots in; --reissue voids a lost file', async () => {
    const wb = await workbookFile();
    const before = readFileSync(wb);
    const out = join(dir, 'b');
    const rec = join(dir, '考评2026-已分发.xlsx');
    const r = await cli('ballots', wb, '--round', 'mass', '--codes', '2', '-o', out, '--record', rec);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`分发记录已写入 ${rec}`);
    expect(readFileSync(wb).equals(before)).toBe(true);
    expect((await ballotsOut(rec)).map((b) => [b.round, b.evaluator, b.back, b.reissued])).toEqual([
      ['mass', 'Q01', false, 0],
      ['mass', 'Q02', false, 0],
    ]);
    const q1 = await fillMass(join(out, '2026-群众参评-Q01.xlsx'), 9);
    const lostQ2 = await fillMass(join(out, '2026-群众参评-Q02.xlsx'), 9);
    // The workbook without the record refuses them; the recorded one takes Q01 in.
    const refused = await cli('collect', wb, q1, '-o', join(dir, 'x.xlsx'), '--json');
    expect([refused.code, JSON.parse(refused.out).files.map((f: { verdict: string }) => f.verdict)]).toEqual([1, ['not_issued']]);
    expect(JSON.parse(refused.out).files[0].problems[0].message).toContain('这份测评表不是本工作簿分发的，或身份信息被改动过');
    const taken = await cli('collect', rec, q1, '-o', rec, '--json');
    expect([taken.code, JSON.parse(taken.out).files[0].verdict]).toEqual([0, 'accepted']);
    // Q02's file was lost: handed out again (a second run), the lost file no longer counts, the new one does.
    const out2 = join(dir, 'b2');
    const again = await cli('ballots', rec, '--round', 'mass', '--reissue', 'Q02', '-o', out2, '--record', rec);
    expect(again.code).toBe(0);
    expect(readdirSync(out2)).toEqual(['2026-群众参评-Q02.xlsx']);
    expect((await ballotsOut(rec)).map((b) => [b.evaluator, b.back, b.reissued])).toEqual([
      ['Q01', true, 0],
      ['Q02', false, 1],
    ]);
    // A ballot of a run recorded in another file (from the same input): not this workbook's either.
    const elsewhere = join(dir, 'b3');
    expect((await cli('ballots', wb, '--round', 'mass', '--codes', '1', '-o', elsewhere, '--record', join(dir, 'other.xlsx'))).code).toBe(0);
    const foreign = await fillMass(join(elsewhere, '2026-群众参评-Q01.xlsx'), 8);
    const newQ2 = await fillMass(join(out2, '2026-群众参评-Q02.xlsx'), 7);
    const last = await cli('collect', rec, lostQ2, foreign, newQ2, '-o', rec, '--json');
    expect(last.code).toBe(1);
    expect(JSON.parse(last.out).files.map((f: { file: string; verdict: string; forms: number }) => [f.file, f.verdict, f.forms])).toEqual([
      [lostQ2, 'not_issued', 0],
      [foreign, 'not_issued', 0],
      [newQ2, 'accepted', 7],
    ]);
    const merged = await run(await loadXlsx(readFileSync(rec)), async (c) => {
      const p = queueReadTables(c, ['mass']);
      await c.sync();
      return p().mass.rows.filter((x) => x[1] !== '' && x[1] !== null).map((x) => [x[0], x[3]]);
    });
    expect(merged).toEqual([...Array.from({ length: 7 }, () => ['Q01', 9]), ...Array.from({ length: 7 }, () => ['Q02', 7])]);
  });
});

describe('kaoping collect', () => {
  it('prints the SPEC §5 JSON per file, merges the accepted ones, exit 1 when some were not accepted', async () => {
    const wb = await workbookFile();
    const out = join(dir, 'b');
    expect((await cli('ballots', wb, '--round', 'peer', '--group', '第一党小组', '-o', out, '--record', wb)).code).toBe(0);
    const good = await fill(join(out, '2026-互评-第一党小组-杜磊秀.xlsx'), '001');
    const bad = await fill(join(out, '2026-互评-第一党小组-周燕玉.xlsx'), '002', (s) => (s['003'].理想信念 = 12));
    const csv = join(dir, 'list.xlsx');
    writeFileSync(csv, '编号,姓名\n001,杜磊秀\n');
    const result = join(dir, '结果.xlsx');
    const r = await cli('collect', wb, good, bad, csv, '-o', result, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.files.map((f: { file: string; verdict: string; round: string | null; evaluator: string | null; forms: number }) => [f.file, f.verdict, f.round, f.evaluator, f.forms])).toEqual([
      [good, 'accepted', 'peer', '001', 3],
      [bad, 'rejected', 'peer', '002', 0],
      [csv, 'not_a_ballot', null, null, 0],
    ]);
    expect(json.files[1].problems[0]).toEqual({ severity: 'error', sheet: '测评表', cell: expect.stringMatching(/^D\d+$/), code: 'out_of_range', message: expect.stringContaining('超出范围') });
    const merged = await loadXlsx(readFileSync(result));
    const peer = await run(merged, async (c) => {
      const p = queueReadTables(c, ['peer']);
      await c.sync();
      return p().peer.rows.filter((x) => x[1] !== '');
    });
    expect(peer.map((x) => x.slice(0, 2))).toEqual([['001', '002'], ['001', '003'], ['001', '004']]);
    // Every file accepted: exit 0; human lines name each file.
    // Counts by their own words: two files are two 测评表, holding six 评分 (one per member scored).
    const r2 = await cli('collect', result, await fill(join(out, '2026-互评-第一党小组-赵强敏.xlsx'), '003'), await fill(join(out, '2026-互评-第一党小组-周燕玉.xlsx'), '002'), '-o', join(dir, 'r2.xlsx'));
    expect(r2.code).toBe(0);
    expect(r2.out).toMatch(/filled-003-.*\.xlsx：已接收（3 条评分）/);
    expect(r2.out).toContain('共 2 个文件：接收 2 份测评表，合并 6 条评分；未接收 0 个文件。');
    expect(r2.out).not.toContain('合并测评表');
  });

  it('takes a .zip of returned files; a different copy of a collected ballot needs --replace', async () => {
    const wb = await workbookFile();
    const out = join(dir, 'b');
    expect((await cli('ballots', wb, '--round', 'peer', '--group', '第一党小组', '-o', out, '--record', wb)).code).toBe(0);
    const a = await fill(join(out, '2026-互评-第一党小组-杜磊秀.xlsx'), '001');
    const b = await fill(join(out, '2026-互评-第一党小组-周燕玉.xlsx'), '002');
    const zip = join(dir, '回收.zip');
    writeFileSync(zip, await zipFiles([{ name: '杜磊秀.xlsx', bytes: readFileSync(a) }, { name: '周燕玉.xlsx', bytes: readFileSync(b) }]));
    const first = join(dir, 'first.xlsx');
    const r = await cli('collect', wb, zip, '-o', first, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files.map((f: { file: string; verdict: string }) => [f.file, f.verdict])).toEqual([
      [`${zip}/杜磊秀.xlsx`, 'accepted'],
      [`${zip}/周燕玉.xlsx`, 'accepted'],
    ]);
    // A .zip without any .xlsx in it is one line too.
    const empty = join(dir, '空.zip');
    writeFileSync(empty, await zipFiles([{ name: 'readme.txt', bytes: new TextEncoder().encode('hi') }]));
    const e = await cli('collect', wb, empty, '-o', join(dir, 'e.xlsx'), '--json');
    expect([e.code, JSON.parse(e.out).files.map((f: { file: string; verdict: string }) => [f.file, f.verdict])]).toEqual([1, [[empty, 'not_a_ballot']]]);
    const changed = await fill(join(out, '2026-互评-第一党小组-杜磊秀.xlsx'), '001', (s) => (s['004'].理想信念 = 3));
    const refused = await cli('collect', first, changed, '-o', join(dir, 'second.xlsx'));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('--replace');
    const replaced = await cli('collect', first, changed, '-o', join(dir, 'third.xlsx'), '--replace', '--json');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.out).files[0]).toMatchObject({ verdict: 'accepted', forms: 3 });
  });

  it('nothing done: exit 2 for a missing file or a workbook without kp_ tables', async () => {
    const wb = await workbookFile();
    const r = await cli('collect', wb, join(dir, 'nope.xlsx'), '-o', join(dir, 'x.xlsx'));
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
    expect((await cli('collect', wb, '-o', join(dir, 'x.xlsx'))).code).toBe(2);
  });
});

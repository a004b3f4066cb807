/**
 * Injection (issue 11): every user string — names, groups, notes, categories, the branch name, labels, the phone,
 * ballot codes, rubric texts, bonus and veto reasons — is written as text. A value starting with =, +, - or @
 * never becomes a formula in any sheet the add-in writes: checked through the host after every command (install,
 * settings, rubric, roster import, forms, compute, posting, a blank ballot, new year), and in the saved .xlsx as
 * LibreOffice reads it (converted by soffice and read back). The add-in's own formulas (合计 over kp_ columns)
 * are the only formulas anywhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RUBRIC, type Rubric } from '../../src/domain/rubric';
import { createWorkbook, loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { printBallot } from '../../src/workbook/ballots/paperBallot';
import { compute } from '../../src/workbook/results/compute';
import { saveForm } from '../../src/workbook/entry/forms';
import { importRoster } from '../../src/workbook/setup/rosterImport';
import { install } from '../../src/workbook/setup/install';
import { newYear } from '../../src/workbook/year/newYear';
import { makePostingSheet } from '../../src/workbook/results/postingPack';
import { queueReadTables } from '../../src/workbook/tables/readTables';
import { saveRubric } from '../../src/workbook/setup/rubric';
import { saveSettings } from '../../src/workbook/setup/settings';
import { texts } from '../../src/domain/texts/sheets';

const T = texts('zh-CN');

const NOW = () => new Date('2026-11-24T06:05:00Z');
const BRANCH = '=HYPERLINK("http://evil.example","点我")';
const RETIRED = '+离退休党员';
const NAMES = ['=1+1', '+1+1', '-1+1', '@SUM(1,1)', '=cmd|\' /C calc\'!A0', '-2', '+86', '@'];
const GROUPS = ['=A1', '-第二党小组'];
const NOTES = ['=备注', '+备注', '-备注', '@备注'];
const CODES = ['=Q01', '+Q02', '-Q03', '@Q04', '=SUM(A1)'];
const LABELS = { 'labels.eligible': '=可评先', 'labels.notEligible': '+不得评先', 'labels.admonish': '-诫勉', 'labels.incomplete': '@待补录', 'labels.exempt': '=免评', 'labels.invalid': '-待核实' };
const PHONE = '+86 0535-1234567';
const BONUS_REASON = '=市级表彰';
const VETO_REASON = '-违纪';
const REVIEW_OPINION = '@同意';

function rubric(): Rubric {
  const base = DEFAULT_RUBRIC.categories[0];
  return {
    categories: [
      base,
      {
        category: RETIRED,
        dimensions: [
          { name: '理想信念', points: 30, text: '=目标要求一' },
          { name: '宗旨意识', points: 30, text: '+目标要求二' },
          { name: '服务社会', points: 40, text: '@目标要求三' },
        ],
      },
    ],
  };
}

/** Every formula in the workbook that is not one of the add-in's 合计 formulas over kp_ table columns. */
function foreignFormulas(wb: HostWorkbook): string[] {
  const out: string[] = [];
  for (const name of wb.sheetNames()) {
    wb.snapshot(name).cells.forEach((row, r) => row.forEach((cell, c) => {
      if (cell.formula !== null && !/^=IF\(COUNT\(kp_(Self|Peer|Mass)\[@\[[^\]]+\]:\[[^\]]+\]\]\)=0,"",SUM\(kp_(Self|Peer|Mass)\[@\[[^\]]+\]:\[[^\]]+\]\]\)\)$/.test(cell.formula)) {
        out.push(`${name}!R${r + 1}C${c + 1}: ${cell.formula}`);
      }
    }));
  }
  return out;
}

interface Cell { value: unknown; formula: string | null; numberFormat: unknown }

/** The cells of a sheet, row by row. */
function grid(wb: HostWorkbook, sheet: string): Cell[][] {
  return wb.snapshot(sheet).cells as unknown as Cell[][];
}

/** One cell is the string given, stored as text: value exactly equal, a string, no formula. */
function expectTextCell(cell: Cell | undefined, value: string, where: string): void {
  expect({ where, value: cell?.value, type: typeof cell?.value, formula: cell?.formula ?? null }).toEqual({ where, value, type: 'string', formula: null });
}

/**
 * Each value is some cell of the sheet exactly (not a part of a longer text), and every cell holding it is
 * stored as text.
 */
function expectCells(wb: HostWorkbook, sheet: string, values: string[]): void {
  const cells = grid(wb, sheet).flat();
  for (const v of values) {
    const found = cells.filter((c) => c.value === v || c.formula === v);
    expect({ sheet, value: v, found: found.length > 0 }).toEqual({ sheet, value: v, found: true });
    for (const c of found) expectTextCell(c, v, `${sheet}: ${v}`);
  }
}

/** The cells under the header cell `header` (the first one found), down to the first blank row of that column. */
function columnBelow(wb: HostWorkbook, sheet: string, header: string): Cell[] {
  const g = grid(wb, sheet);
  for (let r = 0; r < g.length; r++) {
    const c = g[r].findIndex((cell) => cell.value === header);
    if (c < 0) continue;
    const out: Cell[] = [];
    for (let k = r + 1; k < g.length && g[k][c] && g[k][c].value !== null && g[k][c].value !== ''; k++) out.push(g[k][c]);
    return out;
  }
  throw new Error(`${sheet}: no column ${header}`);
}

/** A column holds exactly these strings, cell by cell (in order, or as a multiset when `anyOrder`), each as text. */
function expectColumn(wb: HostWorkbook, sheet: string, header: string, values: string[], anyOrder = false): void {
  const cells = columnBelow(wb, sheet, header);
  const got = cells.map((c) => c.value);
  if (anyOrder) expect({ sheet, header, values: [...got].sort() }).toEqual({ sheet, header, values: [...values].sort() });
  else expect({ sheet, header, values: got }).toEqual({ sheet, header, values });
  cells.forEach((c, i) => expectTextCell(c, String(c.value), `${sheet} ${header} #${i + 1}`));
}

async function typeRows(wb: HostWorkbook, key: 'bonus' | 'review', rows: (string | number)[][]): Promise<void> {
  await run(wb, async (c) => {
    const p = queueReadTables(c, [key]);
    await c.sync();
    const t = p()[key];
    const sheet = c.workbook.worksheets.getItem(t.sheet);
    const range = sheet.getRangeByIndexes(t.firstRow - 1, t.firstColumn, rows.length, rows[0].length);
    if (rows.length > 1) t.table.rows.add(undefined, rows.slice(1).map((r) => r.map(() => '')));
    range.numberFormat = rows.map((r) => r.map((v) => (typeof v === 'string' ? '@' : 'General')));
    range.values = rows;
    await c.sync();
  });
}

/** A whole year with hostile strings everywhere a user gives one. */
async function hostileYear(): Promise<HostWorkbook> {
  const wb = createWorkbook();
  await run(wb, (c) => install(c, { year: 2026, branch: BRANCH }));
  expect(await run(wb, (c) => saveSettings(c, { ...LABELS, phone: PHONE }))).toEqual([]);
  expect((await run(wb, (c) => saveRubric(c, rubric()))).written).toBe(true);
  // The roster, from a sheet of the user's where every string is text (as typed with a leading apostrophe).
  const members = NAMES.map((name, i) => ({ id: String(i + 1).padStart(3, '0'), name, group: GROUPS[i % 2], category: i % 4 === 3 ? RETIRED : '机关党员', note: NOTES[i % NOTES.length] }));
  await run(wb, async (c) => {
    const s = c.workbook.worksheets.add('名单');
    const rows = [['编号', '姓名', '党小组', '类别', '备注'], ...members.map((m) => [m.id, m.name, m.group, m.category, m.note])];
    const range = s.getRangeByIndexes(0, 0, rows.length, 5);
    range.numberFormat = rows.map((r) => r.map(() => '@'));
    range.values = rows;
    await c.sync();
  });
  const imported = await run(wb, (c) => importRoster(c, '名单'));
  expect(imported.added).toBe(members.length);
  const dims = (category: string) => rubric().categories.find((x) => x.category === category)!.dimensions;
  const full = (category: string) => Object.fromEntries(dims(category).map((d) => [d.name, d.points - 1]));
  for (const m of members) {
    await run(wb, (c) => saveForm(c, 'self', m.id, [{ memberId: m.id, scores: full(m.category) }]));
    const peers = members.filter((o) => o.group === m.group && o.id !== m.id);
    await run(wb, (c) => saveForm(c, 'peer', m.id, peers.map((o) => ({ memberId: o.id, scores: full(o.category) }))));
  }
  for (const code of CODES) await run(wb, (c) => saveForm(c, 'mass', code, members.map((o) => ({ memberId: o.id, scores: full(o.category) }))));
  await typeRows(wb, 'bonus', [['001', NAMES[0], BONUS_REASON, 1, '=文件']]);
  await typeRows(wb, 'review', [['002', NAMES[1], '是', VETO_REASON, REVIEW_OPINION]]);
  return wb;
}

describe('user strings are text, never formulas', () => {
  let year: HostWorkbook;
  let bytes: Uint8Array;
  /** A fresh copy of the hostile year for each test (no test sees another's commands). */
  const fresh = () => loadXlsx(bytes);

  beforeAll(async () => {
    year = await hostileYear();
    bytes = await saveXlsx(year);
  }, 300000);

  const MEMBER_GROUPS = NAMES.map((_, i) => GROUPS[i % 2]);
  const MEMBER_NOTES = NAMES.map((_, i) => NOTES[i % NOTES.length]);

  it('through the host: after install, settings, rubric, import and forms every user string is a text cell', () => {
    expect(foreignFormulas(year)).toEqual([]);
    expectCells(year, '考评参数', [BRANCH, PHONE, ...Object.values(LABELS)]);
    expectCells(year, '考评细则', [RETIRED, '=目标要求一', '+目标要求二', '@目标要求三']);
    expectColumn(year, '党员名册', '姓名', NAMES);
    expectColumn(year, '党员名册', '党小组', MEMBER_GROUPS);
    expectColumn(year, '党员名册', '备注', MEMBER_NOTES);
    expectCells(year, '党员名册', [RETIRED]);
    expectCells(year, '群众参评', CODES);
    expectCells(year, '加分项', [BONUS_REASON, '=文件']);
    expectCells(year, '支部审定', [VETO_REASON, REVIEW_OPINION]);
  });

  it('through the host: compute, the posting sheet and a blank ballot copy them as text cells', async () => {
    const wb = await fresh();
    const report = await run(wb, (c) => compute(c, NOW));
    expect(report.postingBlockedReasons).toEqual([]);
    const posting = await run(wb, (c) => makePostingSheet(c, { order: 'rank', phone: PHONE }, NOW));
    expect(posting.created).toBe(true);
    const ballot = await run(wb, (c) => printBallot(c, 'mass', CODES[0]));
    expect(foreignFormulas(wb)).toEqual([]);
    expectColumn(wb, '考评结果', '姓名', NAMES, true);
    expectColumn(wb, '考评结果', '党小组', MEMBER_GROUPS, true);
    expectCells(wb, '考评结果', [RETIRED, ...Object.values(LABELS).slice(0, 2)]);
    expectColumn(wb, posting.sheet, '姓名', NAMES, true);
    expectColumn(wb, posting.sheet, '党小组', MEMBER_GROUPS, true);
    expectCells(wb, posting.sheet, [T.postingTitle(BRANCH, 2026), T.postingPhone(PHONE)]);
    expectCells(wb, ballot, [T.ballotEvaluator(CODES[0])]);
    expectColumn(wb, ballot, '姓名', NAMES);
  });

  it('in the saved .xlsx read by LibreOffice (after compute, posting and new year)', async () => {
    const wb = await fresh();
    await run(wb, (c) => compute(c, NOW));
    expect((await run(wb, (c) => makePostingSheet(c, { order: 'rank', phone: PHONE }, NOW))).created).toBe(true);
    await run(wb, (c) => newYear(c, 2027));
    expect(foreignFormulas(wb)).toEqual([]);
    expectColumn(wb, '2026年考评结果', '姓名', NAMES, true);
    const bin = execFileSync('which', ['soffice']).toString().trim();
    const dir = mkdtempSync(join(tmpdir(), 'kp-injection-'));
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'profile'));
    writeFileSync(join(dir, 'in', 'year.xlsx'), await saveXlsx(wb));
    execFileSync(bin, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', dir, join(dir, 'in', 'year.xlsx')], { timeout: 180000, stdio: 'pipe' });
    const back = await loadXlsx(readFileSync(join(dir, 'year.xlsx')));
    expect(foreignFormulas(back)).toEqual([]);
    expectCells(back, '考评参数', [BRANCH, PHONE, ...Object.values(LABELS)]);
    expectColumn(back, '党员名册', '姓名', NAMES);
    expectColumn(back, '党员名册', '党小组', MEMBER_GROUPS);
    expectColumn(back, '党员名册', '备注', MEMBER_NOTES);
    expectColumn(back, '2026年考评结果', '姓名', NAMES, true);
    expectColumn(back, '2026年考评结果', '党小组', MEMBER_GROUPS, true);
    expectColumn(back, '2026年考评结果公示', '姓名', NAMES, true);
    expectCells(back, '2026年考评结果公示', [T.postingTitle(BRANCH, 2026), T.postingPhone(PHONE)]);
    expectCells(back, '考评细则', ['=目标要求一', '+目标要求二', '@目标要求三']);
  }, 300000);

  it('the check can fail: a string written without the text format becomes a formula', async () => {
    const probe = createWorkbook();
    await run(probe, async (c) => {
      c.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['=1+1']];
      await c.sync();
    });
    expect(foreignFormulas(probe)).toEqual(['Sheet1!R1C1: =1+1']);
  });
});

/**
 * Confidentiality (issue 11): the results sheet, the posting sheet and new year's printable results archive carry
 * no evaluator identity (no 评价人 column, no ballot code, no evaluator's name, not even in 说明 when a ballot is wrong), and
 * anonymous ballot codes stay anonymous: a code is written only in the entry table it was entered in and on its own
 * blank ballot (and, after a new year, in the hidden year archive that keeps that table), never next to a person
 * (progress reports no name for it; kp_State holds none).
 */
import { run, type HostWorkbook } from '../../src/host';
import { printBallot } from '../../src/workbook/ballots/paperBallot';
import { compute } from '../../src/workbook/results/compute';
import { getProgress, saveForm } from '../../src/workbook/entry/forms';
import { newYear } from '../../src/workbook/year/newYear';
import { makePostingSheet } from '../../src/workbook/results/postingPack';
import { fillCase, loadCase } from '../support/fillCase';
import { issueBallots } from '../../src/workbook/ballots/ballotFiles';
import { queueReadTables } from '../../src/workbook/tables/readTables';

const NOW = () => new Date('2026-11-24T06:05:00Z');
const full = { 理想信念: 9, 宗旨意识: 9, 爱岗敬业: 14, 学习教育: 14, 工作绩效: 14, 道德品质: 14, 廉洁自律: 9, 服务社会: 9 };
/** Anonymous codes nobody else would write: if one shows up somewhere, it was copied there. */
const PEER_CODES = ['P秘密01', 'P秘密02', 'P秘密03'];
const MASS_CODES = ['Q秘密01', 'Q秘密02'];

/** Every string value of a sheet, joined per cell. */
function strings(wb: HostWorkbook, sheet: string): string[] {
  return wb.snapshot(sheet).cells.flat().map((c) => (c.value === null ? '' : String(c.value))).filter((v) => v !== '');
}

function sheetsWith(wb: HostWorkbook, needle: string): string[] {
  return wb.sheetNames().filter((s) => strings(wb, s).some((v) => v.includes(needle)));
}

/** Every evaluator of the peer and mass forms: their 评价人 values, and the names of members among them. */
async function evaluatorIdentities(wb: HostWorkbook): Promise<string[]> {
  const read = await run(wb, async (c) => {
    const p = queueReadTables(c, ['roster', 'peer', 'mass']);
    await c.sync();
    return p();
  });
  const out = new Set<string>();
  const nameOf = new Map(read.roster.rows.map((r) => [String(r[read.roster.headers.indexOf('编号')]), String(r[read.roster.headers.indexOf('姓名')])]));
  for (const t of [read.peer, read.mass]) {
    const c = t.headers.indexOf('评价人');
    for (const r of t.rows) {
      const who = String(r[c] ?? '').trim();
      if (who === '') continue;
      out.add(who);
      if (nameOf.has(who)) out.add(nameOf.get(who) as string);
    }
  }
  return [...out];
}

async function year(): Promise<HostWorkbook> {
  const wb = await fillCase(loadCase('small-branch').input);
  // Anonymous peer ballots for the second group and mass ballots for everyone, with distinctive codes.
  for (const code of PEER_CODES) await run(wb, (c) => saveForm(c, 'peer', code, ['005', '006', '007'].map((memberId) => ({ memberId, scores: full }))));
  for (const code of MASS_CODES) await run(wb, (c) => saveForm(c, 'mass', code, ['001', '002', '003', '004', '005', '006', '007'].map((memberId) => ({ memberId, scores: full }))));
  return wb;
}

describe('results and posting carry no evaluator identity', () => {
  it('results, posting and the archive name no evaluator and no ballot code', async () => {
    const wb = await year();
    const computed = await run(wb, (c) => compute(c, NOW));
    expect(computed.postingBlockedReasons).toEqual([]);
    const posting = await run(wb, (c) => makePostingSheet(c, { order: 'rank' }, NOW));
    const results = wb.snapshot('考评结果');
    expect(results.tables[0].columns).not.toContain('评价人');
    expect(wb.snapshot(posting.sheet).cells[2].map((c) => c.value)).toEqual(['序号', '姓名', '党小组', '最终得分', '评定结果']);
    for (const code of [...PEER_CODES, ...MASS_CODES]) expect({ code, sheets: sheetsWith(wb, code) }).toEqual({ code, sheets: ['党员互评', '群众参评'].filter((s) => strings(wb, s).includes(code)) });
    await run(wb, (c) => newYear(c, 2027));
    // Last year's forms are kept (undo, reprints) only in the hidden year archive, as they were in the entry tables.
    for (const code of [...PEER_CODES, ...MASS_CODES]) expect(sheetsWith(wb, code)).toEqual(['2026年考评存档']);
    expect(wb.snapshot('2026年考评存档').visibility).toBe('Hidden');
    const archive = strings(wb, '2026年考评结果');
    expect(archive).not.toContain('评价人');
    expect(wb.sheetNames()).toContain('2026年考评结果公示');
  });

  it('a wrong ballot: 说明 says what is wrong without naming the ballot or its evaluator', async () => {
    const wb = await year();
    await run(wb, (c) => saveForm(c, 'mass', 'Q秘密99', [{ memberId: '003', scores: { ...full, 服务社会: 11 } }]));
    await run(wb, (c) => saveForm(c, 'peer', '001', [{ memberId: '002', scores: { ...full, 理想信念: '优' } }]));
    const report = await run(wb, (c) => compute(c, NOW));
    expect(report.summary.invalid).toBeGreaterThan(0);
    const results = strings(wb, '考评结果');
    expect(results.filter((v) => v.includes('Q秘密99') || v.includes('评价人'))).toEqual([]);
    // The check report (for the secretary's eyes, in the task pane) does point at the cell, as it must.
    expect(report.evaluation.problems.some((p) => p.sheet === '群众参评')).toBe(true);
    // No evaluator of any form (named peer evaluators by 编号 and name, ballot codes) is in any member's 说明.
    const sheet = wb.snapshot('考评结果');
    const header = sheet.cells.findIndex((r) => r.some((c) => c.value === '说明'));
    expect(header).toBeGreaterThanOrEqual(0);
    const column = sheet.cells[header].findIndex((c) => c.value === '说明');
    const notes = sheet.cells.slice(header + 1).map((r) => String(r[column]?.value ?? '')).filter((n) => n !== '');
    expect(notes.length).toBeGreaterThan(0);
    const identities = await evaluatorIdentities(wb);
    expect(identities).toEqual(expect.arrayContaining(['001', '杜磊秀', 'Q秘密99', ...PEER_CODES]));
    for (const who of identities) expect({ who, notes: notes.filter((n) => n.includes(who)) }).toEqual({ who, notes: [] });
  });
});

describe('anonymous ballot codes stay anonymous', () => {
  it('a code is never put next to a person: progress has no name for it, its ballot names no evaluator, kp_State holds none', async () => {
    const wb = await year();
    const progress = await run(wb, (c) => getProgress(c, 'mass'));
    for (const code of MASS_CODES) expect(progress.evaluators.find((e) => e.evaluator === code)).toMatchObject({ name: '' });
    const peer = await run(wb, (c) => getProgress(c, 'peer'));
    for (const code of PEER_CODES) expect(peer.evaluators.find((e) => e.evaluator === code)).toMatchObject({ name: '' });
    const ballot = await run(wb, (c) => printBallot(c, 'mass', MASS_CODES[0]));
    const onBallot = strings(wb, ballot);
    expect(onBallot.some((v) => v.includes(MASS_CODES[0]))).toBe(true);
    // The members to be scored are listed; nothing says who holds the code.
    expect(onBallot.filter((v) => /评价人[:：]\s*\S*(杜磊秀|周燕玉|赵强敏|谭华敏|熊建梅|郭杰|尹秀英)/.test(v))).toEqual([]);
    await run(wb, (c) => compute(c, NOW));
    expect(strings(wb, 'kp_State').filter((v) => [...PEER_CODES, ...MASS_CODES].some((code) => v.includes(code)))).toEqual([]);
  });

  it('kp_State after ballot files were issued: a code handed out is recorded with its 党小组, never with a person', async () => {
    const wb = await year();
    const mass = await run(wb, (c) => issueBallots(c, 'mass', { codes: 2 }));
    const peer = await run(wb, (c) => issueBallots(c, 'peer', { codes: 2, group: '第二党小组' }));
    const named = await run(wb, (c) => issueBallots(c, 'peer', { group: '第一党小组' }));
    const codes = [...mass.specs, ...peer.specs].map((s) => s.identity.evaluator);
    expect(codes).toHaveLength(4);
    expect(named.specs.length).toBeGreaterThan(0);
    const { input } = loadCase('small-branch');
    const people = input.roster.flatMap((r) => [String(r[0]), String(r[1])]);
    const lines = strings(wb, 'kp_State').flatMap((v) => v.split('\n'));
    // Each code handed out is there, on a line of its own that names no member (编号 or name).
    for (const code of codes) {
      const mine = lines.filter((l) => l.split('\t').includes(code));
      expect({ code, lines: mine.length }).toEqual({ code, lines: 1 });
      // A member's 编号 as a whole field (a random secret may well contain "003"); a name anywhere in the line.
      const fields = mine[0].split(/[\t;,:!= ]/);
      expect({ code, people: people.filter((p) => fields.includes(p) || (/[^ -~]/.test(p) && mine[0].includes(p))) }).toEqual({ code, people: [] });
    }
    // Named ballots are recorded with their evaluator (they name him in 党员互评 anyway); nothing else names anyone.
    const namedLines = new Set(named.specs.map((s) => lines.find((l) => l.split('\t')[2] === s.identity.evaluator)));
    expect(namedLines.has(undefined)).toBe(false);
    const others = lines.filter((l) => !namedLines.has(l));
    expect(others.filter((l) => people.some((p) => l.split(/[\t;,:!]/).includes(p)))).toEqual([]);
  });
});

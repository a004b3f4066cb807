/**
 * 示例工作簿: a small, made-up branch with a filled-in year, built at run time with the add-in's own commands
 * over the headless host — exactly what a secretary would do in Excel: a hand-made member list, 安装考评表,
 * 导入名册, every self form, every peer form (each member scores the others of their 党小组), three anonymous
 * mass ballots, 计算结果. No binary file is shipped; the same code runs in the web page and in the tests.
 */
import { createWorkbook, run, type HostWorkbook } from '../host';
import type { Round } from '../domain/types';
import { createCommands } from '../workbook/createCommands';
import type { BatchRunner, ComputeReport, FormRowInput, KaopingCommands } from '../workbook/commandTypes';

export const SAMPLE_YEAR = 2026;
export const SAMPLE_BRANCH = '示例单位机关党支部';
/** The hand-made list the roster is imported from (kept in the workbook, as a secretary's own sheet would be). */
export const SAMPLE_SOURCE_SHEET = '示例名册';
export const SAMPLE_FILE_NAME = `示例-考评${SAMPLE_YEAR}.xlsx`;
export const SAMPLE_MASS_BALLOTS = ['Q01', 'Q02', 'Q03'];

/** Made-up members: 编号, 姓名, 党小组. Names are common given names, not real people. */
export const SAMPLE_MEMBERS: readonly [string, string, string][] = [
  ['001', '王建国', '第一党小组'],
  ['002', '李秀英', '第一党小组'],
  ['003', '张志强', '第一党小组'],
  ['004', '刘丽华', '第一党小组'],
  ['005', '陈海燕', '第二党小组'],
  ['006', '杨明', '第二党小组'],
  ['007', '赵晓东', '第二党小组'],
  ['008', '孙玉梅', '第二党小组'],
];

const ROUNDS: Round[] = ['self', 'peer', 'mass'];
/** Tenths taken off one dimension: varied by member, dimension and round, so the results have a spread. */
const DEDUCTIONS = [0, 5, 10, 0, 20, 5, 30, 10, 0, 15];
/** 杨明 (006) is the member whose scores fall under the eligible line, so the highlight has something to show. */
const LOW_MEMBER = '006';

/** The score (points, one decimal at most) the sample gives member `id` for a dimension worth `points`. */
export function sampleScore(id: string, dimensionIndex: number, points: number, round: Round, evaluatorIndex: number): number {
  const n = Number(id);
  let off = DEDUCTIONS[(n * 3 + dimensionIndex + ROUNDS.indexOf(round) * 2 + evaluatorIndex) % DEDUCTIONS.length];
  if (id === LOW_MEMBER) off += Math.round(points * 2.5); // a quarter of the points off every dimension
  return Math.max(0, points * 10 - off) / 10;
}

async function fillForm(commands: KaopingCommands, round: Round, evaluator: string, evaluatorIndex: number): Promise<void> {
  const form = await commands.getEntryForm(round, evaluator);
  const rows: FormRowInput[] = form.members.map((m) => ({
    memberId: m.id,
    scores: Object.fromEntries(m.dimensions.map((d, j) => [d.name, sampleScore(m.id, j, d.points, round, evaluatorIndex)])),
  }));
  const report = await commands.saveForm(round, evaluator, rows);
  const errors = report.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`示例工作簿：${round} ${evaluator} 的测评表有错误：${errors.map((p) => p.message).join('；')}`);
}

export interface Sample {
  workbook: HostWorkbook;
  report: ComputeReport;
}

/** Builds the sample workbook: the member list, installed sheets, every form of the year, computed results. */
export async function makeSampleWorkbook(): Promise<Sample> {
  const workbook = createWorkbook();
  const runner: BatchRunner = (batch) => run(workbook, batch);
  // A new workbook's only sheet (Sheet1), renamed and filled the way a secretary types a member list.
  await runner(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const sheet = sheets.items[0];
    sheet.name = SAMPLE_SOURCE_SHEET;
    const rows = [['编号', '姓名', '党小组', '类别'], ...SAMPLE_MEMBERS.map(([id, name, group]) => [id, name, group, '机关党员'])];
    const range = sheet.getRange(`A1:D${rows.length}`);
    range.numberFormat = rows.map((r) => r.map(() => '@'));
    range.values = rows;
    range.format.autofitColumns();
    await context.sync();
  });
  const commands = createCommands(runner);
  await commands.install({ year: SAMPLE_YEAR, branch: SAMPLE_BRANCH });
  const imported = await commands.importRoster(SAMPLE_SOURCE_SHEET);
  if (imported.added !== SAMPLE_MEMBERS.length) {
    throw new Error(`示例工作簿：名册导入了 ${imported.added} 人，应为 ${SAMPLE_MEMBERS.length} 人`);
  }
  for (const [i, [id]] of SAMPLE_MEMBERS.entries()) await fillForm(commands, 'self', id, i);
  for (const [i, [id]] of SAMPLE_MEMBERS.entries()) await fillForm(commands, 'peer', id, i);
  for (const [i, code] of SAMPLE_MASS_BALLOTS.entries()) await fillForm(commands, 'mass', code, i);
  const report = await commands.compute();
  return { workbook, report };
}

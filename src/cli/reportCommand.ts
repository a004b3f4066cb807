/**
 * kaoping report: score sheets (个人考评明细), one A4 page per member; --member for one (or "001,002"); --year for
 * a past year archived in the workbook by new year. OUT is a workbook of its own holding only the score sheet
 * (SPEC §5): no entries, no evaluator, no other member's page. IN is only read.
 */
import { createWorkbook, run } from '../host';
import { planScoreSheets, writeScoreSheetWorkbook } from '../workbook/results/scoreSheet';
import { evaluateRead } from '../workbook/results/check';
import type { TablesRead } from '../workbook/tables/readTables';
import { tablesOfYear } from '../workbook/year/yearArchive';
import { yearOption, type Parsed } from './args';
import { ExpectedError } from './errors';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { hasProblems } from './problemReport';
import { requireInstalled } from './workbookGuard';

export async function reportCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const member = typeof p.options.member === 'string' ? p.options.member : undefined;
  const ids = member ? member.split(/[,，\s]+/).filter(Boolean) : undefined;
  if (member !== undefined && (!ids || ids.length === 0)) throw new ExpectedError('--member 需要党员编号，如 --member 001。');
  const year = yearOption(p.options.year);
  const wb = await readWorkbook(input);
  await requireInstalled(wb, input);
  const { plan, unknown, problem } = await run(wb, (c) => planScoreSheets(c, { members: ids, year }));
  if (problem) throw new ExpectedError(problem);
  if (unknown.length > 0) throw new ExpectedError(`党员名册中没有编号 ${unknown.join('、')}，未生成考评明细。`);
  if (!plan) throw new ExpectedError(`${input} 的党员名册中没有可生成考评明细的党员。`);
  // The figures of the year the sheets show (a past year's from its archive).
  const evaluation = await run(wb, async (c) => evaluateRead((await tablesOfYear(c, year)) as TablesRead).evaluation);
  // The file of its own: a new workbook with the score sheet alone.
  const file = createWorkbook();
  await run(file, (c) => writeScoreSheetWorkbook(c, plan));
  const out = String(p.options.output);
  await writeWorkbook(file, out);
  const sheet = plan.past ? `${plan.settings.year}年个人考评明细` : '个人考评明细';
  o.out(`已生成考评明细：${plan.members.length} 名党员，每人一页（A4）；文件中只有工作表“${sheet}”，不含测评表和评价人。`);
  if (plan.last) o.out(`上年得分取自工作表“${plan.last.sheet}”。`);
  if (!plan.resultsCurrent) o.out('  注意：考评结果尚未按当前数据计算（kaoping compute），明细按当前数据汇总，可能与考评结果、公示表不同；文件每页页眉写明了这一点。');
  const selected = new Set(plan.members.map((m) => m.id));
  const pending = evaluation.members.filter((m) => selected.has(m.id) && (m.status === 'incomplete' || m.status === 'invalid'));
  for (const m of pending) o.out(`  注意：${m.id} ${m.name} ${m.result}${m.notes ? `（${m.notes}）` : ''}，明细中的分数不是最终结果。`);
  o.out(`已写入 ${out}。`);
  return hasProblems({ ...evaluation, members: evaluation.members.filter((m) => selected.has(m.id)) }) ? 1 : 0;
}

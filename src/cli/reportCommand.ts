/** kaoping report: score sheets (个人考评明细), one A4 page per member; --member for one (or "001,002"). */
import { run } from '../host';
import { makeScoreSheets } from '../workbook/scoreSheet';
import { evaluateRead } from '../workbook/check';
import type { TablesRead } from '../workbook/readTables';
import { tablesOfYear } from '../workbook/yearArchive';
import { yearOption, type Parsed } from './args';
import { ExpectedError } from './errors';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { hasProblems } from './report';
import { requireInstalled } from './workbookGuard';

export async function reportCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const member = typeof p.options.member === 'string' ? p.options.member : undefined;
  const ids = member ? member.split(/[,，\s]+/).filter(Boolean) : undefined;
  if (member !== undefined && (!ids || ids.length === 0)) throw new ExpectedError('--member 需要党员编号，如 --member 001。');
  const year = yearOption(p.options.year);
  const wb = await readWorkbook(input);
  await requireInstalled(wb, input);
  const report = await run(wb, (c) => makeScoreSheets(c, { members: ids, year }));
  if (report.problem) throw new ExpectedError(report.problem);
  if (report.unknown.length > 0) throw new ExpectedError(`党员名册中没有编号 ${report.unknown.join('、')}，未生成考评明细。`);
  if (!report.created) throw new ExpectedError(`${input} 的党员名册中没有可生成考评明细的党员。`);
  // The figures of the year the sheets show (a past year's from its archive).
  const evaluation = await run(wb, async (c) => evaluateRead((await tablesOfYear(c, year)) as TablesRead).evaluation);
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  o.out(`已生成工作表“${report.sheet}”：${report.members.length} 名党员，每人一页（A4）。`);
  if (report.lastYearSheet) o.out(`上年得分取自工作表“${report.lastYearSheet}”。`);
  const selected = new Set(report.members.map((m) => m.id));
  const pending = evaluation.members.filter((m) => selected.has(m.id) && (m.status === 'incomplete' || m.status === 'invalid'));
  for (const m of pending) o.out(`  注意：${m.id} ${m.name} ${m.result}${m.notes ? `（${m.notes}）` : ''}，明细中的分数不是最终结果。`);
  o.out(`已写入 ${out}。`);
  return hasProblems({ ...evaluation, members: evaluation.members.filter((m) => selected.has(m.id)) }) ? 1 : 0;
}

/** kaoping new-year: roll last year's workbook over to a new year (archived in the workbook), or undo that. */
import { run } from '../host';
import { newYear } from '../workbook/newYear';
import { undoNewYear } from '../workbook/newYearUndo';
import type { Parsed } from './args';
import { yearOption } from './args';
import { ExpectedError } from './errors';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';

export async function newYearCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const undo = p.options.undo === true;
  if (undo && p.options.year !== undefined) throw new ExpectedError('--undo 与 --year 不能同时使用：撤销新年度回到存档的年度。');
  if (!undo && p.options.year === undefined) throw new ExpectedError('缺少 --year（新的考评年度）或 --undo（撤销新年度）。用法：kaoping new-year IN.xlsx --year Y -o OUT.xlsx');
  const year = undo ? undefined : (yearOption(p.options.year) as number);
  const wb = await readWorkbook(input);
  const out = String(p.options.output);
  if (year === undefined) {
    const report = await run(wb, (c) => undoNewYear(c));
    // Refused: nothing written, the reason names the sheet.
    if (!report.restored) throw new ExpectedError(report.messages.join(' '));
    await writeWorkbook(wb, out);
    for (const m of report.messages) o.out(m);
    o.out(`已写入 ${out}。`);
    return 0;
  }
  const report = await run(wb, (c) => newYear(c, year));
  await writeWorkbook(wb, out);
  for (const m of report.messages) if (!m.includes('kp_State')) o.out(m);
  o.out(`已写入 ${out}。`);
  return 0;
}

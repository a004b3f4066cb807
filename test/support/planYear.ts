/**
 * A fixture year with work plans: a fixture case typed in (fillCase), install run again (it adds a kp_Plans row
 * for every roster member), then plans typed into 工作计划 / 附件 for the members given, like a secretary.
 */
import type { RawCell } from '../../src/domain/types';
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { blockAddress } from '../../src/workbook/tables/a1';
import { install } from '../../src/workbook/setup/install';
import { col, queueReadTables } from '../../src/workbook/tables/readTables';
import { fillCase, type CaseJson } from './fillCase';

/** Plans by member 编号: the text, and optionally an attachment reference. */
export type Plans = Record<string, string | { plan: string; attachment: string }>;

/** Types plans into kp_Plans (the rows must exist: install adds them). */
export async function typePlans(wb: HostWorkbook, plans: Plans): Promise<void> {
  await run(wb, async (context) => {
    const pending = queueReadTables(context, ['plans']);
    await context.sync();
    const t = pending().plans;
    const cId = col(t, '党员编号');
    const cPlan = col(t, '工作计划');
    const cAtt = col(t, '附件');
    const sheet = context.workbook.worksheets.getItem(t.sheet);
    t.rows.forEach((r: RawCell[], i) => {
      const p = plans[String(r[cId])];
      if (p === undefined) return;
      const { plan, attachment } = typeof p === 'string' ? { plan: p, attachment: '' } : p;
      const cells = sheet.getRange(blockAddress(t.firstRow + i, t.firstColumn + cPlan, 1, 1));
      cells.numberFormat = [['@']];
      cells.values = [[plan]];
      if (attachment) {
        const a = sheet.getRange(blockAddress(t.firstRow + i, t.firstColumn + cAtt, 1, 1));
        a.numberFormat = [['@']];
        a.values = [[attachment]];
      }
    });
    await context.sync();
  });
}

/** The case typed in, the plan rows added by install, the plans typed. */
export async function planYear(c: CaseJson, plans: Plans, wb: HostWorkbook = createWorkbook()): Promise<HostWorkbook> {
  await fillCase(c, wb);
  await run(wb, (context) => install(context));
  await typePlans(wb, plans);
  return wb;
}

/** A plan text of a few lines, different per member. */
export function samplePlan(name: string, i: number): string {
  const items = [
    `1. 认真学习党的理论，全年参加支部学习不少于 ${10 + i} 次，撰写学习心得 ${2 + (i % 3)} 篇。`,
    `2. 围绕本职岗位，按期完成年度重点工作任务，力争所在科室工作在全局考核中位居前列。`,
    `3. 带头参加志愿服务和帮扶结对活动，联系困难群众 ${1 + (i % 2)} 户。（${name}）`,
  ];
  return items.join('\n');
}

/**
 * The file name a download gets: the year and the step the workbook is at, so a secretary's folder reads
 * 考评2026-名册.xlsx, 考评2026-录入.xlsx, 考评2026-结果.xlsx. A workbook without the evaluation sheets keeps
 * the name it was opened with.
 */
import type { KaopingCommands, WorkbookStatus } from '../workbook/commandTypes';

export type Step = '名册' | '录入' | '结果';

/** The step: results computed and still current → 结果; any form entered → 录入; members imported → 名册. */
export function stepOf(status: WorkbookStatus): Step | null {
  if (status.computedAt && !status.resultsStale) return '结果';
  if (status.forms.self + status.forms.peer + status.forms.mass > 0) return '录入';
  if (status.members > 0) return '名册';
  return null;
}

export function fileNameFor(status: WorkbookStatus, opened: string): string {
  if (!status.installed || !status.year) return opened.toLowerCase().endsWith('.xlsx') ? opened : `${opened}.xlsx`;
  const step = stepOf(status);
  return `考评${status.year}${step ? `-${step}` : ''}.xlsx`;
}

export async function downloadName(commands: Pick<KaopingCommands, 'getStatus'>, opened: string): Promise<string> {
  return fileNameFor(await commands.getStatus(), opened);
}

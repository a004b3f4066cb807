/**
 * A score sheet file (个人考评明细 as a workbook of its own): the pages written by the add-in's own layout
 * (writeScoreSheetWorkbook) on a new headless workbook and saved as .xlsx bytes, so the command line, the web
 * page and the task pane hand out a file that holds only the score sheets — for one member only their page —
 * and nothing else of the secretary's workbook. Pulls in the host: the task pane loads it on demand.
 */
import { createWorkbook, run, saveXlsx } from '../../host';
import { SCORE_SHEET } from '../../domain/contract';
import { scoreSheetText } from '../../domain/texts/scoreSheet';
import { writeScoreSheetWorkbook, type ScoreSheetPlan } from './scoreSheet';

/** The .xlsx bytes of a workbook holding only the plan's score sheet. */
export async function buildScoreSheetFile(plan: ScoreSheetPlan): Promise<Uint8Array> {
  const wb = createWorkbook();
  await run(wb, (c) => writeScoreSheetWorkbook(c, plan));
  return saveXlsx(wb);
}

/** "2026年个人考评明细-周燕玉（002）.xlsx", or "…-全体党员.xlsx" / "…-3名党员.xlsx". */
export function scoreSheetFileName(plan: ScoreSheetPlan, all: boolean): string {
  const year = plan.settings.year;
  const T = scoreSheetText(plan.settings.language);
  const who = plan.members.length === 1 && !all ? `${plan.members[0].name}（${plan.members[0].id}）` : all ? T.fileAll : T.fileMembers(plan.members.length);
  return `${year}年${SCORE_SHEET}-${who}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}

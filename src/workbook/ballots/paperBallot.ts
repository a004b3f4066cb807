/**
 * Printable blank ballot (测评表) for one evaluator: title, evaluator, the members they score with one column per
 * dimension (points in the header), 合计, a date line; A4, fitted to the page width. The sheet is the add-in's
 * own (remembered in kp_State) and is rebuilt on each print. One read, one write.
 */
import { dimensionColumns } from '../../domain/rubric';
import type { Round } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import { buildEntryForm } from '../entry/forms';
import { currentModel } from '../tables/model';
import { dimensionMax, freeSheetName, printScale } from '../tables/layout';
import { ALL_KEYS, readTables } from '../tables/readTables';
import { parseState, queueWriteState, takenIfStateLost } from '../tables/state';
import { texts } from '../../domain/texts/sheets';
import { refuseProtected } from '../tables/protection';

export const BALLOT_SHEET = '测评表';

export async function printBallot(context: Excel.RequestContext, round: Round, evaluator: string, group?: string): Promise<string> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const { rubric, settings } = currentModel(read);
  const T = texts(settings.language);
  refuseProtected(read, ['state'], currentModel(read).settings.language);
  const form = buildEntryForm(read, round, evaluator, group);
  const state = parseState(read.state);
  const names = sheets.items.map((s) => s.name);
  const previous = state.printSheets.find((n) => n.startsWith(BALLOT_SHEET) && names.includes(n));
  const name = previous ?? freeSheetName(BALLOT_SHEET, new Set(names));
  // Ours before it exists: a run that stops part-way leaves a sheet the next run rebuilds (not "测评表 (2)").
  // A lost kp_State is made again, so the ballot sheet stays known as ours.
  queueWriteState(context, read.state, { ...state, printSheets: [...state.printSheets.filter((s) => s !== name), name] }, takenIfStateLost(read, [...names, name]));
  if (previous) context.workbook.worksheets.getItem(previous).delete();
  const sheet = context.workbook.worksheets.add(name);
  // The points of each dimension for the members on this ballot ("10/15分" when their categories differ).
  const points = new Map<string, Set<number>>();
  for (const m of form.members) for (const d of m.dimensions) points.set(d.name, (points.get(d.name) ?? new Set()).add(d.points));
  const max = dimensionMax(rubric);
  const label = (d: string) => [...(points.get(d) ?? new Set([max.get(d) ?? 0]))].sort((a, b) => a - b).join('/');
  const dims = form.mode === 'total' ? [] : dimensionColumns(rubric).filter((d) => points.has(d) || form.members.length === 0);
  const headers = ['序号', '党员编号', '姓名', ...dims.map((d) => `${d}\n(${label(d)}分)`), form.mode === 'total' ? '合计\n(100分)' : '合计'];
  const width = headers.length;
  const text = (row: number, value: string, bold = false, size = 11) => {
    const r = sheet.getRange(blockAddress(row, 0, 1, width));
    r.merge(false);
    r.numberFormat = [headers.map(() => '@')];
    r.values = [[value, ...headers.slice(1).map(() => '')]];
    r.format.font.bold = bold;
    r.format.font.size = size;
    return r;
  };
  text(1, T.ballotTitle(T.rounds[round], settings.year), true, 14).format.horizontalAlignment = 'Center';
  text(2, T.ballotEvaluator(round === 'self' ? `${form.members[0]?.name ?? evaluator}` : evaluator));
  const header = sheet.getRange(blockAddress(3, 0, 1, width));
  header.numberFormat = [headers.map(() => '@')];
  header.values = [headers];
  header.format.font.bold = true;
  header.format.wrapText = true;
  header.format.horizontalAlignment = 'Center';
  header.format.rowHeight = 32;
  const n = form.members.length;
  if (n > 0) {
    const body = sheet.getRange(blockAddress(4, 0, n, width));
    body.numberFormat = form.members.map(() => headers.map((_, c) => (c === 0 ? 'General' : '@')));
    body.values = form.members.map((m, i) => [
      i + 1,
      m.id,
      m.name,
      ...dims.map((d) => (m.dimensions.some((x) => x.name === d) ? '' : '／')),
      '',
    ]);
    body.format.rowHeight = 24;
    body.format.horizontalAlignment = 'Center';
    body.format.verticalAlignment = 'Center';
  }
  const grid = sheet.getRange(blockAddress(3, 0, n + 1, width));
  for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const) {
    grid.format.borders.getItem(side).style = 'Continuous';
  }
  text(n + 5, T.ballotSign);
  const widths = headers.map((_, c) => (c === 0 ? 36 : c === 2 ? 70 : c === 1 ? 60 : 56));
  widths.forEach((w, c) => (sheet.getRange(blockAddress(3, c, 1, 1)).format.columnWidth = w));
  const page = sheet.pageLayout;
  page.paperSize = 'A4';
  const orientation = width > 9 ? 'Landscape' : 'Portrait';
  page.orientation = orientation;
  page.centerHorizontally = true;
  page.zoom = { scale: printScale(widths, orientation) };
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.setPrintTitleRows('$3:$3');
  page.setPrintArea(blockAddress(1, 0, n + 5, width));
  await context.sync();
  return name;
}

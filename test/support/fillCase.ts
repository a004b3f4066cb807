/**
 * Fills a headless-host workbook with a fixture case (../shared/fixtures/cases/*.json) the way a secretary
 * would: install, add the case's extra categories to kp_Rubric, then type the rows into kp_Roster, kp_Self,
 * kp_Peer, kp_Mass, kp_Bonus, kp_Review exactly as given (numbers as numbers, text as text: "优" and "001" stay
 * text), and set 年度 / 党支部名称. Everything goes through the Excel API of the host.
 */
import { COLUMNS, DEFAULT_RUBRIC, dimensionColumns, type RawCell } from '../../src/domain';
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { blockAddress } from '../../src/workbook/tables/a1';
import { install } from '../../src/workbook/setup/install';
import { col, queueReadTables, type ReadKey, type TableRead } from '../../src/workbook/tables/readTables';
import { totalFormula } from '../../src/workbook/tables/layout';
import type { CaseJson } from './caseInput';

export { loadCase, type CaseJson, type ExpectedMember } from './caseInput';

/** Types rows into a table: appended with one rows.add, each cell formatted by its kind first. */
function queueType(context: Excel.RequestContext, t: TableRead, rows: RawCell[][], formulaCol = -1, formula = ''): void {
  if (rows.length === 0) return;
  const width = t.headers.length;
  // The blank row an empty table keeps is filled first (in place), then the rest is appended with one rows.add:
  // the same result whether or not an Excel would put the first added row into that blank row.
  const blank = t.rows.length === 1 && t.rows[0].every((v) => v === '' || v === null) ? 1 : 0;
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  const cells = rows.map((r) => Array.from({ length: width }, (_, c) => (c === formulaCol ? formula : r[c] === undefined || r[c] === null ? '' : r[c])));
  const formats = cells.map((r, i) => r.map((_, c) => (c === formulaCol ? 'General' : typeof rows[i][c] === 'string' ? '@' : 'General')));
  const write = (row1: number, from: number, to: number) => {
    const range = sheet.getRange(blockAddress(row1, t.firstColumn, to - from, width));
    range.numberFormat = formats.slice(from, to);
    range.values = cells.slice(from, to) as (string | number | boolean)[][];
  };
  if (blank) write(t.firstRow, 0, 1);
  if (rows.length > blank) {
    t.table.rows.add(undefined, Array.from({ length: rows.length - blank }, () => Array.from({ length: width }, () => '')));
    write(t.firstRow + t.bodyRows, blank, rows.length);
  }
}

/** Entry rows of a case carry the 8 default dimensions; map them onto the table's columns by name. */
function entryRows(t: TableRead, keyCount: number, rows: RawCell[][]): RawCell[][] {
  const fixtureDims = DEFAULT_RUBRIC.categories[0].dimensions.map((d) => d.name);
  return rows.map((r) => {
    const out: RawCell[] = t.headers.map(() => null);
    for (let k = 0; k < keyCount; k++) out[k] = r[k];
    fixtureDims.forEach((d, j) => {
      const c = col(t, d);
      if (c >= 0) out[c] = r[keyCount + j];
    });
    return out;
  });
}

/** Installs into `wb` (new by default) and types the case in. Returns the workbook. */
export async function fillCase(c: CaseJson, wb: HostWorkbook = createWorkbook()): Promise<HostWorkbook> {
  await run(wb, (context) => install(context, { year: c.year, branch: c.branch }));
  // What a secretary types by hand is not an add-in request: no payload limit while typing a big case in.
  const limit = wb.payloadLimit;
  wb.payloadLimit = null;
  try {
    await typeCase(c, wb);
  } finally {
    wb.payloadLimit = limit;
  }
  return wb;
}

async function typeCase(c: CaseJson, wb: HostWorkbook): Promise<void> {
  await run(wb, async (context) => {
    const pending = queueReadTables(context);
    await context.sync();
    const read = pending();
    const extra: RawCell[][] = [];
    for (const [category, dims] of Object.entries(c.categories ?? {})) {
      dims.forEach(([name, points], i) => extra.push([category, String(i + 1), name, points, '']));
    }
    queueType(context, read.rubric, extra);
    queueType(context, read.roster, c.roster);
    const dims = dimensionColumns(DEFAULT_RUBRIC);
    const entry = (key: ReadKey & ('self' | 'peer' | 'mass'), keys: number, rows: RawCell[][]) => {
      const t = read[key];
      queueType(context, t, entryRows(t, keys, rows), col(t, COLUMNS.total), totalFormula(t.name, dims));
    };
    entry('self', COLUMNS.selfKeys.length, c.self);
    entry('peer', COLUMNS.peerKeys.length, c.peer);
    entry('mass', COLUMNS.massKeys.length, c.mass);
    queueType(context, read.bonus, c.bonus);
    queueType(context, read.review, c.review);
    await context.sync();
  });
}

/**
 * A clean synthetic case of n members in groups of 10: every member self-scores, peers score their group, three
 * mass ballots score everyone. Scores vary with the member so ranks differ.
 */
export function syntheticCase(n: number, massBallots = 3): CaseJson {
  const id = (i: number) => String(i + 1).padStart(4, '0');
  const roster = Array.from({ length: n }, (_, i) => [id(i), `党员${i + 1}`, `第${Math.floor(i / 10) + 1}党小组`, '机关党员', null, null]);
  const dims = (i: number, k: number) => {
    const d = ((i * 7 + k * 3) % 20) / 10; // 0.0 … 1.9 below full marks
    return [10 - d, 10 - d, 15 - d, 15 - d, 15 - d, 15 - d, 10 - d, 10 - d].map((v) => Math.round(v * 10) / 10);
  };
  const self = roster.map((r, i) => [r[0], r[1], ...dims(i, 0)]);
  const peer: RawCell[][] = [];
  for (let i = 0; i < n; i++) {
    const g = Math.floor(i / 10);
    for (let j = g * 10; j < Math.min(n, g * 10 + 10); j++) if (j !== i) peer.push([id(i), id(j), `党员${j + 1}`, ...dims(j, i)]);
  }
  const mass: RawCell[][] = [];
  for (let q = 1; q <= massBallots; q++) for (let j = 0; j < n; j++) mass.push([`Q${String(q).padStart(2, '0')}`, id(j), `党员${j + 1}`, ...dims(j, q)]);
  return { name: `synthetic-${n}`, year: 2026, branch: '测试党支部', roster, self, peer, mass, bonus: [], review: [] };
}

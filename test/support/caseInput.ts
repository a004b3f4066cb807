/**
 * Builds an EvaluationInput from a fixture case (../shared/fixtures/cases/*.json) exactly as the kp_ tables
 * would hold it: settings rows from DEFAULT_SETTINGS with the case's year and branch, rubric rows from
 * DEFAULT_RUBRIC plus the case's extra categories, entry tables with entryHeaders(round, dimensionColumns(rubric)),
 * rows as given (合计 left blank: it is a formula), firstRow 2, firstColumn 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMNS, SHEETS, entryHeaders } from '../../src/domain/contract';
import { DEFAULT_RUBRIC, dimensionColumns, rubricToRows, type Rubric } from '../../src/domain/rubric';
import { DEFAULT_SETTINGS, settingsToRows } from '../../src/domain/settings';
import type { EvaluationInput, RawCell, TableBlock } from '../../src/domain/types';
import { CASES_DIR } from './paths';

export { CASES_DIR };

export interface CaseJson {
  name: string;
  year: number;
  branch: string;
  roster: RawCell[][];
  self: RawCell[][];
  peer: RawCell[][];
  mass: RawCell[][];
  bonus: RawCell[][];
  review: RawCell[][];
  categories?: Record<string, [string, number][]>;
}

export interface ExpectedMember {
  id: string;
  name: string;
  status?: string;
  status_any?: string[];
  [field: string]: unknown;
}

export function loadCase(name: string): { input: CaseJson; expected: { members: ExpectedMember[] } } {
  return {
    input: JSON.parse(readFileSync(join(CASES_DIR, `${name}.json`), 'utf8')),
    expected: JSON.parse(readFileSync(join(CASES_DIR, `${name}.expected.json`), 'utf8')),
  };
}

/** The rubric of a case: the default plus the case's extra categories (no texts). */
export function caseRubric(c: CaseJson): Rubric {
  const extra = Object.entries(c.categories ?? {}).map(([category, dims]) => ({
    category,
    dimensions: dims.map(([name, points]) => ({ name, points, text: '' })),
  }));
  return { categories: [...DEFAULT_RUBRIC.categories, ...extra] };
}

function block(sheet: string, headers: string[], rows: RawCell[][]): TableBlock {
  // Excel gives '' for blank cells; fixtures write null: both are blank.
  return { sheet, headers, rows: rows.map((r) => headers.map((_, i) => (r[i] === undefined ? '' : r[i]))), firstRow: 2, firstColumn: 0 };
}

/** Default entry rows in a fixture carry the 8 default dimensions; they map onto the table's columns by name. */
function entryBlock(sheet: string, round: 'self' | 'peer' | 'mass', dims: string[], rows: RawCell[][]): TableBlock {
  const headers = entryHeaders(round, dims);
  const keyCount = round === 'self' ? COLUMNS.selfKeys.length : COLUMNS.peerKeys.length;
  const fixtureDims = DEFAULT_RUBRIC.categories[0].dimensions.map((d) => d.name);
  const mapped = rows.map((r) => {
    const out: RawCell[] = headers.map(() => '');
    for (let k = 0; k < keyCount; k++) out[k] = r[k] ?? '';
    fixtureDims.forEach((d, j) => {
      const col = headers.indexOf(d);
      if (col >= 0) out[col] = r[keyCount + j] ?? '';
    });
    return out;
  });
  return { sheet, headers, rows: mapped, firstRow: 2, firstColumn: 0 };
}

export function caseToInput(c: CaseJson): EvaluationInput {
  const rubric = caseRubric(c);
  const dims = dimensionColumns(rubric);
  const settings = { ...DEFAULT_SETTINGS, year: c.year, branch: c.branch };
  return {
    settings: block(SHEETS.settings, [...COLUMNS.settings], settingsToRows(settings)),
    rubric: block(SHEETS.rubric, [...COLUMNS.rubric], rubricToRows(rubric)),
    roster: block(SHEETS.roster, [...COLUMNS.roster], c.roster),
    self: entryBlock(SHEETS.self, 'self', dims, c.self),
    peer: entryBlock(SHEETS.peer, 'peer', dims, c.peer),
    mass: entryBlock(SHEETS.mass, 'mass', dims, c.mass),
    bonus: block(SHEETS.bonus, [...COLUMNS.bonus], c.bonus),
    review: block(SHEETS.review, [...COLUMNS.review], c.review),
  };
}

/**
 * Table-level notices that are not about a cell's value: rows typed below a table that did not grow (WPS,
 * LibreOffice and other tools do not extend a table when one types under it), and a kp_Settings / kp_Rubric
 * that is not in the workbook at all (the defaults are used). Both are warnings: nothing is lost or miscounted.
 */
import { TABLES } from './contract';
import { message } from './texts/messages';
import { cellAddress } from './parse';
import { makeProblem } from './table';
import type { Language, Problem, TableBlock } from './types';

/** The warning for rows outside the table (rows[outsideFrom..] lie directly below it), or null. */
export function outsideRowsProblem(block: TableBlock, lang: Language): Problem | null {
  const from = block.outsideFrom;
  if (from === undefined || from >= block.rows.length) return null;
  const first = block.firstRow + from;
  const last = block.firstRow + block.rows.length - 1;
  const rows = first === last ? String(first) : `${first}–${last}`;
  const cell = cellAddress(first, block.firstColumn);
  return makeProblem(lang, 'warning', block.sheet, cell, 'rows_outside_table', { rows });
}

/** A table the workbook lacks: its block has no header row (a real table always has one). */
export function isMissingTable(block: TableBlock): boolean {
  return block.headers.length === 0;
}

/** The warning for a missing kp_Settings or kp_Rubric. */
export function missingTableProblem(key: 'settings' | 'rubric', sheet: string, lang: Language): Problem {
  return makeProblem(lang, 'warning', sheet, '', 'table_missing', { table: TABLES[key], what: message(lang, key === 'settings' ? 'what.settings' : 'what.rubric') });
}


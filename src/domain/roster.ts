/**
 * kp_Roster (党员名册): the members to score. Rows with a blank or duplicate 编号, a blank 姓名 or a 类别 the
 * rubric lacks are errors and those members are not scored. Blank 类别 means the default category.
 */
import { SHEETS } from './contract';
import { idKey, isBlank, normalizeId, normalizeName, parseYesNo, rawText } from './parse';
import { categoryOf, type CategoryRubric, type Rubric } from './rubric';
import { bodyCell, detail, findColumn, headerCell, isBlankRow, makeProblem } from './table';
import type { Language, Problem, TableBlock } from './types';

export interface RosterMember {
  id: string;
  key: string;
  name: string;
  group: string;
  category: CategoryRubric;
  /** Index of the category in rubric.categories. */
  categoryIndex: number;
  exempt: boolean;
  /** Index of the row in the roster block. */
  row: number;
}

export interface Roster {
  members: RosterMember[];
  byKey: Map<string, number>;
  /** idKeys of roster rows that could not be scored: forms about them are not counted (the roster error says why). */
  rejected: Set<string>;
  problems: Problem[];
}

export function parseRoster(block: TableBlock, rubric: Rubric, lang: Language): Roster {
  const sheet = block.sheet || SHEETS.roster;
  const problems: Problem[] = [];
  const members: RosterMember[] = [];
  const byKey = new Map<string, number>();
  const rejected = new Set<string>();
  const cId = findColumn(block, '编号');
  const cName = findColumn(block, '姓名');
  const cGroup = findColumn(block, '党小组');
  const cCat = findColumn(block, '类别');
  const cExempt = findColumn(block, '免评');
  if (cId < 0 || cName < 0) {
    for (const column of [cId < 0 ? '编号' : '', cName < 0 ? '姓名' : ''].filter(Boolean))
      problems.push(makeProblem(lang, 'error', sheet, headerCell(block), 'missing_column', { column, effect: detail(lang, 'effect.table') }));
    return { members, byKey, rejected, problems };
  }
  // First pass: 编号 usage, for duplicates (every copy is an error).
  const rowsOfKey = new Map<string, number[]>();
  block.rows.forEach((row, i) => {
    if (isBlank(row[cId])) return;
    const k = idKey(normalizeId(row[cId]));
    const list = rowsOfKey.get(k);
    if (list) list.push(i);
    else rowsOfKey.set(k, [i]);
  });
  const categories = rubric.categories.map((c) => c.category).join(detail(lang, 'list.sep'));
  block.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const id = normalizeId(row[cId]);
    const name = normalizeName(row[cName]);
    if (id === '') {
      problems.push(makeProblem(lang, 'error', sheet, bodyCell(block, i, cId), 'roster_blank_id', {}));
      return;
    }
    const key = idKey(id);
    const same = rowsOfKey.get(key)!;
    let ok = true;
    if (same.length > 1) {
      ok = false;
      problems.push(
        makeProblem(lang, 'error', sheet, bodyCell(block, i, cId), 'roster_duplicate_id', {
          value: id,
          rows: same.map((r) => block.firstRow + r).join(detail(lang, 'list.sep')),
        }, id),
      );
    }
    if (name === '') {
      ok = false;
      problems.push(makeProblem(lang, 'error', sheet, bodyCell(block, i, cName), 'roster_blank_name', { id }, id));
    }
    const catName = cCat >= 0 ? normalizeName(row[cCat]) : '';
    const category = catName === '' ? rubric.categories[0] : categoryOf(rubric, catName);
    if (!category) {
      ok = false;
      problems.push(
        makeProblem(lang, 'error', sheet, bodyCell(block, i, cCat), 'roster_unknown_category', { value: catName, id, categories }, id),
      );
    }
    let exempt = false;
    if (cExempt >= 0) {
      const e = parseYesNo(row[cExempt]);
      if (e === 'invalid')
        problems.push(makeProblem(lang, 'error', sheet, bodyCell(block, i, cExempt), 'roster_bad_exempt', { value: rawText(row[cExempt]) }, id));
      else exempt = e === true;
    }
    if (!ok || !category) {
      rejected.add(key);
      return;
    }
    byKey.set(key, members.length);
    members.push({
      id,
      key,
      name,
      group: cGroup >= 0 ? normalizeName(row[cGroup]) : '',
      category,
      categoryIndex: rubric.categories.indexOf(category),
      exempt,
      row: i,
    });
  });
  return { members, byKey, rejected, problems };
}

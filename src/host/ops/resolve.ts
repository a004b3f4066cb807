/** Resolves address strings (optionally sheet-qualified, or a defined name / table name) to a range target. */
import { splitSheet, tryParseLocal } from '../model/address';
import { fail } from '../model/errors';
import type { Sheet, WorkbookModel } from '../model/model';
import type { RangeTarget } from './rangeOps';

export function resolveAddress(wb: WorkbookModel, sheet: Sheet | null, address: string): RangeTarget {
  const { sheet: sheetName, local } = splitSheet(address);
  let target = sheet;
  if (sheetName !== null) {
    const s = wb.sheetByName(sheetName);
    if (!s) fail('InvalidArgument', `The worksheet "${sheetName}" in the address "${address}" doesn't exist.`);
    if (sheet && s !== sheet) fail('InvalidArgument', `The address "${address}" is on another worksheet.`);
    target = s;
  }
  const rect = tryParseLocal(local);
  if (rect && target) return { sheet: target, rect };
  if (sheetName === null) {
    const name = wb.names.find((n) => n.name.toLowerCase() === local.trim().toLowerCase());
    if (name) {
      const r = resolveAddress(wb, null, name.formula.replace(/^=/, ''));
      if (sheet && r.sheet !== sheet) fail('InvalidArgument', `The name "${local}" refers to another worksheet.`);
      return r;
    }
    const table = wb.tableByName(local.trim());
    if (table && (!sheet || table.sheet === sheet)) return { sheet: table.sheet, rect: table.rect };
  }
  fail('InvalidArgument', `The address "${address}" is not valid.`);
}

/** The lossless check shared by the corpus tests: install + compute + save, then compare with the input. */
import { unzipSync } from 'fflate';
import { loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { relsPartOf } from '../../src/host/xlsx/opc';
import { sourceOf } from '../../src/host/xlsx/read';
import { SHEETS } from '../../src/domain/contract';
import { compute, install } from '../../src/workbook';

/** Parts the commands edit in a user's workbook (everything else must be byte-identical). */
export const EDITED = /^(\[Content_Types\]\.xml|xl[\\/]workbook\.xml|xl[\\/]_rels[\\/]workbook\.xml\.rels|xl[\\/]styles\.xml|xl[\\/]sharedStrings\.xml|xl[\\/]calcChain\.xml|workbook\.xml|_rels[\\/]workbook\.xml\.rels|styles\.xml)$/i;

export interface SheetRead { name: string; values: unknown[][]; formulas: unknown[][] }

export async function readAll(wb: HostWorkbook, names?: string[]): Promise<SheetRead[]> {
  return run(wb, async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const wanted = sheets.items.filter((s) => !names || names.includes(s.name));
    const ranges = wanted.map((s) => s.getUsedRangeOrNullObject(false).load('values, formulas, address'));
    await context.sync();
    return wanted.map((s, i) => ({ name: s.name, values: ranges[i].isNullObject ? [] : ranges[i].values, formulas: ranges[i].isNullObject ? [] : ranges[i].formulas }));
  });
}

/** Parts of the add-in's own sheets (a workbook made by `kaoping init` and filled by another tool), which compute rewrites. */
export function addInParts(wb: HostWorkbook): Set<string> {
  const src = sourceOf(wb.model)!;
  const out = new Set<string>();
  for (const [sheet, ss] of src.sheets) {
    const ours = wb.model.tablesOf(sheet).some((t) => t.name.startsWith('kp_')) || sheet.name === SHEETS.posting;
    if (!ours) continue;
    out.add(`sheet:${sheet.name}`);
    out.add(ss.part);
    out.add(relsPartOf(ss.part));
    for (const rel of src.pkg.rels(ss.part)) {
      if (rel.external) continue;
      out.add(rel.part);
      out.add(relsPartOf(rel.part));
      for (const sub of src.pkg.rels(rel.part)) if (!sub.external) out.add(sub.part);
    }
  }
  return out;
}

/**
 * Installs, computes and saves; returns the saved bytes after checking that every part of the user's own workbook
 * is byte-identical and every original sheet reads back the same, cell by cell.
 */
export async function expectLossless(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = await loadXlsx(bytes);
  const originalNames = wb.sheetNames();
  const ours = addInParts(wb);
  const before = await readAll(wb);
  await run(wb, async (context) => { await install(context); });
  await run(wb, async (context) => { await compute(context); });
  const out = await saveXlsx(wb);
  const a = unzipSync(bytes), b = unzipSync(out);
  const changed = Object.keys(a).filter((k) => !k.endsWith('/') && !EDITED.test(k) && !ours.has(k) && (!b[k] || Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) !== 0));
  expect(changed).toEqual([]);
  const back = await loadXlsx(out);
  expect(back.sheetNames().slice(0, originalNames.length)).toEqual(originalNames);
  const userSheets = originalNames.filter((n) => !ours.has(`sheet:${n}`));
  const after = await readAll(back, userSheets);
  expect(after).toEqual(before.filter((x) => userSheets.includes(x.name)));
  expect(back.sheetNames()).toContain(SHEETS.results);
  return out;
}

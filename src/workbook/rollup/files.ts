/**
 * Roll-up inputs as bytes: each file (a branch workbook, a roll-up workbook, or a .zip of them) is loaded into
 * the headless host, read, and dropped before the next one, so memory holds the members kept and one workbook
 * at a time. The same code runs on the command line and in the web page.
 */
import { createWorkbook, loadXlsx, run, saveXlsx, type HostWorkbook } from '../../host';
import { readZip, inflateEntry } from '../../host/xlsx/zip';
import { finishRollup, schemeOf, type BranchRead, type RollupResult, type Scheme } from '../../domain/rollup';
import { currentModel } from '../tables/model';
import { readTables } from '../tables/readTables';
import { fingerprint, parseState } from '../tables/state';
import { quickReadTables } from './quickRead';
import { branchFromTables, readForRollup } from './read';
import { writeRollup } from './write';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** A .zip that is not itself a workbook: its .xlsx entries, inflated one at a time; null for anything else. */
export function zipMembers(f: NamedBytes): { name: string; open: () => Uint8Array }[] | null {
  if (!isZip(f.bytes)) return null;
  let entries;
  try {
    entries = readZip(f.bytes);
  } catch {
    return null;
  }
  if (entries.some((e) => e.name === '[Content_Types].xml')) return null;
  return entries
    .filter((e) => /\.xlsx$/i.test(e.name) && !/(^|\/)(__MACOSX|\.)/.test(e.name) && e.raw)
    .map((e) => ({ name: `${f.name}/${e.name}`, open: () => inflateEntry(e.name, e.raw!) }));
}

function notAWorkbook(file: string, why: string): BranchRead {
  return { file, branch: '', year: null, members: null, stale: false, differs: [], problems: [{ file, sheet: '', cell: '', code: 'not_a_workbook', message: `${file}：${why}` }], computedAt: null, level: '', scheme: null };
}

/** Reads one file for the roll-up (a roll-up workbook gives several branches). */
export async function readRollupInput(f: NamedBytes, committee: Scheme | null): Promise<BranchRead[]> {
  if (!isZip(f.bytes)) return [notAWorkbook(f.name, '不是 .xlsx 工作簿，未计入。')];
  // The quick path, when it proves the results current (see quickRead.ts); otherwise the host decides.
  try {
    const quick = quickReadTables(f.bytes);
    if (quick && !quick.rollup) {
      const state = parseState(quick.read.state);
      if (state.computedAt !== null && state.pending === null && state.fingerprint === fingerprint(quick.read)) return [branchFromTables(quick.read, f.name, committee)];
    }
  } catch {
    // Read through the host below (which says what is wrong with the file, if anything).
  }
  let wb;
  try {
    wb = await loadXlsx(f.bytes);
  } catch (e) {
    return [notAWorkbook(f.name, `无法读取（${e instanceof Error ? e.message.split('\n')[0] : String(e)}），未计入。`)];
  }
  return run(wb, (c) => readForRollup(c, f.name, committee));
}

/** Reads every file, one at a time; a .zip counts as the workbooks in it. `next` yields the files lazily. */
export async function readRollupInputs(files: AsyncIterable<NamedBytes> | Iterable<NamedBytes>, committee: Scheme | null): Promise<BranchRead[]> {
  const reads: BranchRead[] = [];
  for await (const f of files) {
    const inner = zipMembers(f);
    if (inner === null) {
      reads.push(...(await readRollupInput(f, committee)));
      continue;
    }
    if (inner.length === 0) reads.push(notAWorkbook(f.name, '压缩包中没有 .xlsx 工作簿。'));
    for (const m of inner) {
      let bytes: Uint8Array;
      try {
        bytes = m.open();
      } catch {
        reads.push(notAWorkbook(m.name, '无法解压，未计入。'));
        continue;
      }
      reads.push(...(await readRollupInput({ name: m.name, bytes }, committee)));
    }
  }
  return reads;
}

/** The committee's scheme from a scheme file (or any branch workbook): its settings and rubric. */
export async function readScheme(f: NamedBytes): Promise<Scheme> {
  const wb = await loadXlsx(f.bytes);
  return run(wb, async (c) => {
    const { read } = await readTables(c, ['settings', 'rubric']);
    if (!read.settings.exists || !read.rubric.exists) throw new Error(`${f.name} 不是统一方案（缺少考评参数表或考评细则表）`);
    const { settings, rubric } = currentModel(read);
    return schemeOf(settings, rubric);
  });
}

/** The roll-up workbook as .xlsx bytes. */
export async function rollupWorkbook(result: RollupResult, madeAt: string, unit = ''): Promise<Uint8Array> {
  return saveXlsx(await buildRollupWorkbook(result, madeAt, unit));
}

/** The roll-up workbook in the headless host (the web page shows it before it is downloaded). */
export async function buildRollupWorkbook(result: RollupResult, madeAt: string, unit = ''): Promise<HostWorkbook> {
  const wb = createWorkbook();
  // Always a new workbook in the headless host, never a request to Excel: Excel on the web's 5 MB request limit
  // (which the host enforces for the add-in's commands) does not apply to a file of 25,000 members made here.
  wb.payloadLimit = null;
  await run(wb, (c) => writeRollup(c, result, { madeAt, unit }));
  return wb;
}

export { finishRollup };

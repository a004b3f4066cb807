/**
 * Ballot files as bytes: each ballot workbook is made by the add-in's own code (writeBallotWorkbook) over the
 * headless host (createWorkbook / run / saveXlsx), so the same code runs in the task pane (in the browser) and on
 * the command line; returned files are loaded into the host and read with readBallotWorkbook. Several files
 * travel as one .zip (fflate, the zip library the host uses). The task pane loads this module on demand (it pulls
 * in the host).
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { createWorkbook, loadXlsx, run, saveXlsx } from '../../host';
import { readBallotWorkbook, writeBallotWorkbook, type BallotRead, type BallotSpec } from './ballotFiles';
import type { BallotFileInput } from './collect';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** One ballot workbook as .xlsx bytes. */
export async function buildBallotFile(spec: BallotSpec): Promise<Uint8Array> {
  const wb = createWorkbook();
  await run(wb, (c) => writeBallotWorkbook(c, spec));
  return saveXlsx(wb);
}

export async function buildBallotFiles(specs: BallotSpec[]): Promise<NamedBytes[]> {
  const out: NamedBytes[] = [];
  for (const s of specs) out.push({ name: s.fileName, bytes: await buildBallotFile(s) });
  return out;
}

/** Files in one .zip (UTF-8 names: 2026-互评-第一党小组-张伟.xlsx). */
export async function zipFiles(files: NamedBytes[]): Promise<Uint8Array> {
  const entries: Zippable = {};
  // .xlsx files are zips already: stored, not compressed again.
  for (const f of files) entries[f.name] = [f.bytes, { level: 0, mtime: new Date(Date.UTC(2026, 0, 1)) }];
  return zipSync(entries);
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A .zip of ballots (not a workbook: no [Content_Types].xml) is opened into its .xlsx files. */
async function expand(f: NamedBytes): Promise<NamedBytes[] | null> {
  if (!isZip(f.bytes)) return null;
  const names: string[] = [];
  try {
    // Names first (nothing inflated), to tell a workbook from a .zip of workbooks.
    unzipSync(f.bytes, {
      filter: (e) => {
        names.push(e.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  if (names.includes('[Content_Types].xml')) return null;
  const wanted = (name: string) => /\.xlsx$/i.test(name) && !/(^|\/)(__MACOSX|\.)/.test(name);
  let inner: Record<string, Uint8Array>;
  try {
    inner = unzipSync(f.bytes, { filter: (e) => wanted(e.name) });
  } catch {
    return null;
  }
  return Object.entries(inner).map(([name, bytes]) => ({ name: `${f.name}/${name}`, bytes }));
}

/** Reads one returned file: a ballot, a workbook that is not one, or not a workbook at all. */
export async function readBallotFile(f: NamedBytes): Promise<BallotFileInput> {
  if (!isZip(f.bytes)) return { file: f.name, read: { kind: 'not_a_workbook', detail: 'not_zip' } };
  let read: BallotRead;
  try {
    const wb = await loadXlsx(f.bytes);
    read = await run(wb, (c) => readBallotWorkbook(c));
  } catch {
    // A zip that is no workbook, or a damaged one: the reader's own words mean nothing to a secretary.
    read = { kind: 'not_a_workbook', detail: 'broken' };
  }
  return { file: f.name, read };
}

/** Reads the returned files (a .zip counts as the ballots inside it). */
export async function readBallotFiles(files: NamedBytes[]): Promise<BallotFileInput[]> {
  const out: BallotFileInput[] = [];
  for (const f of files) {
    const inner = await expand(f);
    if (inner && inner.length === 0) out.push({ file: f.name, read: { kind: 'not_a_workbook', detail: 'empty_zip' } });
    for (const x of inner ?? [f]) out.push(await readBallotFile(x));
  }
  return out;
}

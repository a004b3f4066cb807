/**
 * kaoping rollup FILE... -o OUT.xlsx [--year Y] [--scheme SCHEME.xlsx] [--json]: the committee's roll-up (汇总).
 * Files are read from disk one at a time (a .zip counts as the workbooks in it). Exit 0 when every file is ok,
 * 1 when some are not (the roll-up is still written), 2 when nothing was done.
 */
import { promises as fs } from 'node:fs';
import { rollupJson, schemeFingerprint, VERDICT_TEXT, type Scheme } from '../domain/rollup';
import { finishRollup, readRollupInputs, readScheme, rollupWorkbook, type NamedBytes } from '../workbook/rollup/files';
import type { Parsed } from './args';
import { yearOption } from './args';
import { ExpectedError } from './errors';
import { writeBytes } from './io';
import type { Output } from './output';
import { cliText as T } from '../domain/texts/cli';

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const data = await fs.readFile(path);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ExpectedError(code === 'ENOENT' ? T.fileNotFound(path) : T.fileUnreadable(path, (e as Error).message));
  }
}

async function* filesOf(paths: string[]): AsyncGenerator<NamedBytes> {
  for (const path of paths) yield { name: path, bytes: await readBytes(path) };
}

export async function rollupCommand(p: Parsed, o: Output): Promise<number> {
  const paths = p.positionals;
  const year = yearOption(p.options.year);
  for (const path of paths) await fs.access(path).catch(() => { throw new ExpectedError(T.fileNotFound(path)); });
  let scheme: Scheme | null = null;
  if (typeof p.options.scheme === 'string') {
    try {
      scheme = await readScheme({ name: p.options.scheme, bytes: await readBytes(p.options.scheme) });
    } catch (e) {
      if (e instanceof ExpectedError) throw e;
      throw new ExpectedError(T.schemeUnreadable(p.options.scheme, (e as Error).message.split('\n')[0]));
    }
  }
  const reads = await readRollupInputs(filesOf(paths), scheme);
  if (!reads.some((r) => r.members !== null)) throw new ExpectedError(T.noWorkbooks);
  const result = finishRollup(reads, { year: year ?? scheme?.year, scheme: scheme ? schemeFingerprint(scheme) : null });
  const out = String(p.options.output);
  await writeBytes(await rollupWorkbook(result, new Date().toISOString()), out);
  if (p.options.json) o.out(JSON.stringify(rollupJson(result)));
  else {
    for (const b of result.branches) {
      o.out(T.rollupBranch(b.file, b.branch, VERDICT_TEXT[b.verdict], b.counted ? b.figures : null));
      for (const x of b.problems) o.out(`  ${x.message}`);
    }
    const t = result.totals;
    o.out(T.rollupDone(result.year, t, out));
  }
  return result.branches.every((b) => b.verdict === 'ok') ? 0 : 1;
}

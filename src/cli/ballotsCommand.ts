/**
 * kaoping ballots: one ballot file per evaluator of a round, written into a folder (each file atomically), and
 * the workbook with the ballots recorded as handed out (their secrets) written to --record (may be IN itself).
 * Collecting accepts only recorded ballots, so the record is required. The files are written first; when the
 * record cannot be written they are removed again (no ballot goes out unrecorded).
 */
import { promises as fs } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Round } from '../domain/types';
import { run } from '../host';
import { issueBallots } from '../workbook/ballots/ballotFiles';
import { buildBallotFile } from '../workbook/ballots/ballotPackage';
import type { Parsed } from './args';
import { ExpectedError } from './errors';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { requireInstalled } from './workbookGuard';
import { cliText as T } from '../domain/texts/cli';

const ROUNDS: Record<string, Round> = { self: 'self', peer: 'peer', mass: 'mass', 自评: 'self', 互评: 'peer', 群众参评: 'mass' };

export async function ballotsCommand(p: Parsed, o: Output): Promise<number> {
  const [input] = p.positionals;
  const round = ROUNDS[String(p.options.round)];
  if (!round) throw new ExpectedError(T.badRound(String(p.options.round)));
  let codes: number | undefined;
  if (p.options.codes !== undefined) {
    const v = String(p.options.codes);
    if (!/^\d{1,3}$/.test(v) || Number(v) < 1 || Number(v) > 999) throw new ExpectedError(T.badCodes(v));
    codes = Number(v);
  }
  const group = p.options.group === undefined ? undefined : String(p.options.group);
  const reissue = p.options.reissue === undefined ? undefined : String(p.options.reissue).split(/[,，、\s]+/).filter((x) => x !== '');
  if (reissue !== undefined && reissue.length === 0) throw new ExpectedError(T.reissueEmpty);
  const record = String(p.options.record);
  if (!/\.xlsx$/i.test(record)) throw new ExpectedError(T.badRecord(record));
  const wb = await readWorkbook(input);
  await requireInstalled(wb, input);
  const { specs, problems } = await run(wb, (c) => issueBallots(c, round, { group, codes, reissue }, true));
  // The command's words are the pane's; the options that say 份数 and 重新分发 here are --codes and --reissue.
  if (problems.length > 0) throw new ExpectedError(T.ballotProblems(problems));
  if (specs.length === 0) throw new ExpectedError(T.noBallots);
  const dir = resolve(String(p.options.output));
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw new ExpectedError(T.folderNotMade(dir, (e as Error).message));
  }
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const s of specs) files.push({ name: s.fileName, bytes: await buildBallotFile(s) });
  const written: string[] = [];
  const removeWritten = () => Promise.all(written.map((t) => fs.rm(t, { force: true }).catch(() => undefined)));
  for (const f of files) {
    const target = join(dir, f.name);
    const temp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
    try {
      await fs.writeFile(temp, f.bytes);
      await fs.rename(temp, target);
      written.push(target);
    } catch (e) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      await removeWritten();
      throw new ExpectedError(T.notWritable(target, (e as Error).message));
    }
  }
  try {
    await writeWorkbook(wb, record);
  } catch (e) {
    // Unrecorded ballots would all be refused when they come back: none is left to hand out.
    await removeWritten();
    throw e instanceof ExpectedError ? new ExpectedError(T.ballotsUndone(e.message)) : e;
  }
  o.out(T.ballotsMade(files.length, dir));
  for (const f of files) o.out(`  ${f.name}`);
  o.out(T.recordWritten(resolve(record)));
  return 0;
}

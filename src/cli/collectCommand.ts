/**
 * kaoping collect: take returned ballot files in (a .zip counts as the ballots inside it). One line per file;
 * the accepted files' forms are merged and the workbook written to -o. Exit 0 when every file was accepted,
 * 1 when some were not (the accepted ones are merged), 2 when nothing was done.
 */
import { promises as fs } from 'node:fs';
import { verdictText } from '../domain/ballotIdentity';
import { bt } from '../domain/texts/paneBallots';
import { run } from '../host';
import { readBallotFiles } from '../workbook/ballots/ballotPackage';
import { collectBallots } from '../workbook/ballots/collect';
import type { Parsed } from './args';
import { ExpectedError } from './errors';
import { readWorkbook, writeWorkbook } from './io';
import type { Output } from './output';
import { requireInstalled } from './workbookGuard';
import { cliText as T } from '../domain/texts/cli';

export async function collectCommand(p: Parsed, o: Output): Promise<number> {
  const [input, ...paths] = p.positionals;
  const wb = await readWorkbook(input);
  await requireInstalled(wb, input);
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const path of paths) {
    try {
      const data = await fs.readFile(path);
      files.push({ name: path, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ExpectedError(code === 'ENOENT' ? T.fileNotFound(path) : T.fileUnreadable(path, (e as Error).message));
    }
  }
  const read = await readBallotFiles(files);
  const report = await run(wb, (c) => collectBallots(c, read, { replace: p.options.replace === true }));
  const out = String(p.options.output);
  await writeWorkbook(wb, out);
  if (p.options.json) {
    o.out(
      JSON.stringify({
        files: report.files.map((f) => ({
          file: f.file,
          verdict: f.verdict,
          round: f.round,
          evaluator: f.evaluator,
          forms: f.forms,
          problems: f.problems.map((x) => ({ severity: x.severity, sheet: x.sheet, cell: x.cell, code: x.code, message: x.message })),
        })),
      }),
    );
  } else {
    for (const f of report.files) {
      o.out(T.collectedFile(f.file, verdictText('zh-CN', f.verdict, f.forms)));
      for (const x of f.problems) {
        o.out(T.collectProblem(x.severity === 'error', x.message));
        if (x.code === 'already_in_workbook') o.out(T.replaceHint);
      }
    }
    for (const n of report.notes ?? []) o.out(n);
    const accepted = report.files.filter((f) => f.verdict === 'accepted').length;
    o.out(T.collectDone(bt('zh-CN', 'summary', { files: report.files.length, accepted, written: report.written, others: report.files.length - accepted }), out));
  }
  return report.files.every((f) => f.verdict === 'accepted') ? 0 : 1;
}

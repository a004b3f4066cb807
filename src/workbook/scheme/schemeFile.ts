/**
 * The scheme and roll-up files as bytes, made and read with the headless host: the task pane loads this module on
 * demand (it pulls in the host), the same code the command line runs.
 */
import { createWorkbook, loadXlsx, run, saveXlsx } from '../../host';
import type { Rubric } from '../../domain/rubric';
import type { Settings } from '../../domain/settings';
import { VERDICT_TEXT } from '../../domain/rollup';
import type { PickedFile } from '../commandTypes';
import { buildRollupWorkbook, finishRollup, readRollupInputs } from '../rollup/files';
import { readSchemeSource, schemeSettings, writeSchemeTables } from './template';

export async function buildSchemeFile(settings: Settings, rubric: Rubric): Promise<{ bytes: Uint8Array; fingerprint: string }> {
  const wb = createWorkbook();
  const fingerprint = await run(wb, (c) => writeSchemeTables(c, schemeSettings(settings), rubric, { note: true }));
  return { bytes: await saveXlsx(wb), fingerprint };
}

export async function readSchemeFile(f: PickedFile): Promise<{ settings: Settings; rubric: Rubric }> {
  let src;
  try {
    src = await run(await loadXlsx(f.bytes), (c) => readSchemeSource(c));
  } catch {
    throw new Error(`${f.name} 不是 .xlsx 工作簿。`);
  }
  if (!src.found) throw new Error(`${f.name} 不是统一方案（缺少考评参数表或考评细则表）。`);
  return src;
}

/** The roll-up of picked files: the workbook's bytes, its file name and one line per file that is not ok. */
export async function rollupPicked(files: PickedFile[]): Promise<{ bytes: Uint8Array; fileName: string; summary: string; notOk: string[] }> {
  const reads = await readRollupInputs(files, null);
  if (!reads.some((r) => r.members !== null)) throw new Error('所选文件中没有考评工作簿。');
  const result = finishRollup(reads);
  const bytes = await saveXlsx(await buildRollupWorkbook(result, new Date().toISOString()));
  const t = result.totals;
  return {
    bytes,
    fileName: `汇总${result.year ?? ''}.xlsx`,
    summary: `${result.year ?? ''} 年度：计入 ${t.branches} 个党支部，党员 ${t.members} 名，平均分 ${t.mean ?? '—'}，可评先树优 ${t.eligible} 名，诫勉谈话 ${t.below_admonish} 名。`,
    notOk: result.branches.filter((b) => b.verdict !== 'ok').map((b) => `${b.file}：${VERDICT_TEXT[b.verdict]}`),
  };
}

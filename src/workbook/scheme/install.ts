/**
 * 按上级方案安装 (the pane's 开始) and init --template (the command line): a workbook installed from the committee's
 * scheme. The scheme's settings (with the branch's name, its posting dates and phone blank) and rubric become
 * kp_Settings and kp_Rubric, install makes everything else for that rubric, and the workbook remembers the scheme
 * (kp_Scheme). kp_Scheme is written first: a run that stops part-way leaves a workbook that already says which
 * scheme it is being installed from (设置 and the roll-up compare against it), and check reports the unfinished
 * install (write_interrupted); running it again completes it, as does 修复 once kp_Settings and kp_Rubric are there.
 */
import { SCHEME_KEYS, schemeFingerprint, schemeOf, schemeText, settingLabel } from '../../domain/rollup';
import type { Rubric } from '../../domain/rubric';
import { DEFAULT_SETTINGS, type Settings } from '../../domain/settings';
import type { InstallReport, SchemeSummary } from '../commandTypes';
import { install } from '../setup/install';
import { readTables } from '../tables/readTables';
import { cellOf, remember } from './apply';
import { queueReadRemembered, schemeSettings } from './template';

export interface SchemeSource {
  settings: Settings;
  rubric: Rubric;
}

export function schemeSummary(src: SchemeSource): SchemeSummary {
  const changed: string[] = [];
  for (const k of SCHEME_KEYS) {
    const v = cellOf(src.settings, k);
    if (String(v ?? '') !== String(cellOf(DEFAULT_SETTINGS, k) ?? '')) changed.push(`${settingLabel(k)} ${v === null || v === '' ? '（空）' : String(v)}`);
  }
  return {
    year: src.settings.year,
    fingerprint: schemeFingerprint(schemeOf(src.settings, src.rubric)),
    fixed: SCHEME_KEYS.length,
    changed,
    categories: src.rubric.categories.map((c) => ({
      category: c.category,
      dimensions: c.dimensions.length,
      points: Math.round(c.dimensions.reduce((a, d) => a + d.points, 0) * 10) / 10,
    })),
  };
}

export interface SchemeInstallOptions {
  /** The branch's name ('' when not given). */
  branch: string;
  /** The year the secretary typed: refused when it is not the scheme's. */
  year?: number;
}

/**
 * Why the scheme cannot be installed here (another year was asked for, or the workbook is installed already
 * and not from this scheme: 设置 → 按上级方案应用 is for that), or null. One sync.
 */
export async function schemeInstallRefused(context: Excel.RequestContext, src: SchemeSource, options: SchemeInstallOptions): Promise<string | null> {
  if (options.year !== undefined && options.year !== src.settings.year) return `统一方案是 ${src.settings.year} 年度的，与所填年度 ${options.year} 不一致。`;
  const { read, extra } = await readTables(context, ['settings', 'rubric'], () => queueReadRemembered(context));
  const remembered = extra();
  const fingerprint = schemeFingerprint(schemeOf(src.settings, src.rubric));
  // A workbook this command began (it remembers this scheme) is completed; any other installed one is refused.
  if ((read.settings.exists || read.rubric.exists) && remembered?.fingerprint !== fingerprint) {
    return '工作簿中已有考评参数表或考评细则表：请在“设置”中用“按上级方案应用…”。';
  }
  return null;
}

/** Installs the workbook from the scheme (see the file comment); nothing is written when it is refused. */
export async function installFromScheme(
  context: Excel.RequestContext,
  src: SchemeSource,
  options: SchemeInstallOptions,
): Promise<{ refused: string | null; fingerprint: string; year: number; report: InstallReport | null }> {
  const settings = schemeSettings(src.settings, options.branch);
  const scheme = schemeOf(settings, src.rubric);
  const fingerprint = schemeFingerprint(scheme);
  const year = src.settings.year;
  const refused = await schemeInstallRefused(context, src, options);
  if (refused) return { refused, fingerprint, year, report: null };
  await remember(context, year, fingerprint, schemeText(scheme), () => undefined);
  const report = await install(context, { year, branch: options.branch, scheme: { settings, rubric: src.rubric } });
  return { refused: null, fingerprint, year, report };
}

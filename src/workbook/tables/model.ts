/** The model a command works with, from what it read: the rubric, the settings and the entry tables' dimension columns. */
import { DEFAULT_RUBRIC, dimensionColumns, parseRubric, type Rubric } from '../../domain/rubric';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../domain/settings';
import type { Language } from '../../domain/types';
import type { TablesRead } from './readTables';

/** What the read says the workbook has: rubric, settings and the dimension columns the tables should have. */
export function currentModel(read: TablesRead, lang: Language = 'zh-CN'): { rubric: Rubric; settings: Settings; dims: string[] } {
  const rubric = read.rubric.exists ? parseRubric(read.rubric, lang).rubric : DEFAULT_RUBRIC;
  const settings = read.settings.exists ? parseSettings(read.settings, lang).settings : { ...DEFAULT_SETTINGS };
  return { rubric, settings, dims: dimensionColumns(rubric) };
}

/**
 * Settings (考评参数) stored in kp_Settings as rows of 项目, 值. Rows are found by their 项目 label (zh or en);
 * a missing row takes its default; a bad value is an error naming the cell and the default is used.
 */
import { SHEETS } from './contract';
import { message } from './texts/messages';
import { numberText, parseScoreFast, parseYesNo, parsed, P_NUMBER, P_TEXT_NUMBER, rawText, trimAll, toHalfWidth } from './parse';
import { detail, findColumn, bodyCell, headerCell, headerKey, isBlankRow, makeProblem } from './table';
import type { Language, Problem, RawCell, Round, TableBlock } from './types';

export type EntryMode = 'dimensions' | 'total';

export interface ResultLabels {
  eligible: string;
  notEligible: string;
  admonish: string;
  incomplete: string;
  exempt: string;
  invalid: string;
}

export interface Settings {
  year: number;
  branch: string;
  /** Relative weights of the rounds (exact decimals, at most four places); the average divides by their sum. */
  weights: Record<Round, number>;
  entryMode: Record<Round, EntryMode>;
  trimPeer: boolean;
  trimMass: boolean;
  /** Trimming applies when a member has at least this many valid forms in the round. */
  trimMinForms: number;
  /** Cap on a member's bonus sum; null = no cap. */
  bonusCap: number | null;
  allowDeductions: boolean;
  eligibleThreshold: number;
  admonishThreshold: number;
  labels: ResultLabels;
  postingStart: string;
  postingEnd: string;
  phone: string;
  language: Language;
}

export const DEFAULT_SETTINGS: Settings = {
  year: new Date().getFullYear(),
  branch: '',
  weights: { self: 1, peer: 1, mass: 1 },
  entryMode: { self: 'dimensions', peer: 'dimensions', mass: 'dimensions' },
  trimPeer: false,
  trimMass: false,
  trimMinForms: 5,
  bonusCap: null,
  allowDeductions: false,
  eligibleThreshold: 90,
  admonishThreshold: 60,
  labels: {
    eligible: message('zh-CN', 'label.eligible'),
    notEligible: message('zh-CN', 'label.notEligible'),
    admonish: message('zh-CN', 'label.admonish'),
    incomplete: message('zh-CN', 'label.incomplete'),
    exempt: message('zh-CN', 'label.exempt'),
    invalid: message('zh-CN', 'label.invalid'),
  },
  postingStart: '',
  postingEnd: '',
  phone: '',
  language: 'zh-CN',
};

export type SettingKey =
  | 'year' | 'branch'
  | 'weights.self' | 'weights.peer' | 'weights.mass'
  | 'entryMode.self' | 'entryMode.peer' | 'entryMode.mass'
  | 'trimPeer' | 'trimMass' | 'trimMinForms' | 'bonusCap' | 'allowDeductions'
  | 'eligibleThreshold' | 'admonishThreshold'
  | 'labels.eligible' | 'labels.notEligible' | 'labels.admonish' | 'labels.incomplete' | 'labels.exempt' | 'labels.invalid'
  | 'postingStart' | 'postingEnd' | 'phone' | 'language';

type Kind = 'year' | 'text' | 'weight' | 'entryMode' | 'yesNo' | 'minForms' | 'cap' | 'threshold' | 'date' | 'language';

export interface SettingItem {
  key: SettingKey;
  /** The 项目 text written in kp_Settings (zh). */
  label: string;
  labelEn: string;
  /** Help text for the task pane / input prompt (zh). */
  help: string;
  kind: Kind;
}

export const SETTING_ITEMS: readonly SettingItem[] = [
  { key: 'year', label: '年度', labelEn: 'Year', help: '考评年度，如 2026。', kind: 'year' },
  { key: 'branch', label: '党支部名称', labelEn: 'Branch', help: '公示表标题中的党支部名称。', kind: 'text' },
  { key: 'weights.self', label: '自评权重', labelEn: 'Self weight', help: '平均分中自评的权重，默认三项相等（均为 1）。', kind: 'weight' },
  { key: 'weights.peer', label: '互评权重', labelEn: 'Peer weight', help: '平均分中互评的权重。', kind: 'weight' },
  { key: 'weights.mass', label: '群众参评权重', labelEn: 'Mass weight', help: '平均分中群众参评的权重。', kind: 'weight' },
  { key: 'entryMode.self', label: '自评录入方式', labelEn: 'Self entry mode', help: '“分项”：每个维度一个分数；“合计”：只录入总分（0～100）。', kind: 'entryMode' },
  { key: 'entryMode.peer', label: '互评录入方式', labelEn: 'Peer entry mode', help: '“分项”或“合计”。', kind: 'entryMode' },
  { key: 'entryMode.mass', label: '群众参评录入方式', labelEn: 'Mass entry mode', help: '“分项”或“合计”。', kind: 'entryMode' },
  { key: 'trimPeer', label: '互评去掉最高分和最低分', labelEn: 'Trim peer totals', help: '“是”：互评表数达到下限时去掉一个最高分和一个最低分。', kind: 'yesNo' },
  { key: 'trimMass', label: '群众参评去掉最高分和最低分', labelEn: 'Trim mass totals', help: '“是”：群众参评表数达到下限时去掉一个最高分和一个最低分。', kind: 'yesNo' },
  { key: 'trimMinForms', label: '去掉最高最低分的最少表数', labelEn: 'Minimum forms for trimming', help: '有效测评表不少于此数时才去掉最高分和最低分，默认 5。', kind: 'minForms' },
  { key: 'bonusCap', label: '加分上限', labelEn: 'Bonus cap', help: '每名党员加分合计的上限；空表示不设上限。', kind: 'cap' },
  { key: 'allowDeductions', label: '允许扣分', labelEn: 'Allow deductions', help: '“是”：加分项可填负数（扣分）。', kind: 'yesNo' },
  { key: 'eligibleThreshold', label: '评先树优分数线', labelEn: 'Award threshold', help: '最终得分不低于此分且无一票否决，可参加评先树优，默认 90。', kind: 'threshold' },
  { key: 'admonishThreshold', label: '诫勉谈话分数线', labelEn: 'Admonishment threshold', help: '最终得分低于此分的，进行诫勉谈话，默认 60。', kind: 'threshold' },
  { key: 'labels.eligible', label: '评定结果：可评先树优', labelEn: 'Label: eligible', help: '评定结果的文字。', kind: 'text' },
  { key: 'labels.notEligible', label: '评定结果：不得评先树优', labelEn: 'Label: not eligible', help: '评定结果的文字。', kind: 'text' },
  { key: 'labels.admonish', label: '评定结果：诫勉谈话', labelEn: 'Label: admonishment', help: '评定结果的文字。', kind: 'text' },
  { key: 'labels.incomplete', label: '评定结果：待补录', labelEn: 'Label: incomplete', help: '缺少某一轮有效测评表时的文字。', kind: 'text' },
  { key: 'labels.exempt', label: '评定结果：免于考评', labelEn: 'Label: exempt', help: '免评党员的文字。', kind: 'text' },
  { key: 'labels.invalid', label: '评定结果：待核实', labelEn: 'Label: to be checked', help: '有错误待更正时的文字。', kind: 'text' },
  { key: 'postingStart', label: '公示开始日期', labelEn: 'Posting from', help: '公示期开始日期，如 2026-12-20。', kind: 'date' },
  { key: 'postingEnd', label: '公示结束日期', labelEn: 'Posting until', help: '公示期结束日期。', kind: 'date' },
  { key: 'phone', label: '监督电话', labelEn: 'Phone for objections', help: '公示表上受理意见的电话。', kind: 'text' },
  { key: 'language', label: '界面语言', labelEn: 'Language', help: '中文 或 English。', kind: 'language' },
];

function getValue(s: Settings, key: SettingKey): unknown {
  const [a, b] = key.split('.') as [string, string | undefined];
  const v = (s as unknown as Record<string, unknown>)[a];
  return b === undefined ? v : (v as Record<string, unknown>)[b];
}

function setValue(s: Settings, key: SettingKey, value: unknown): void {
  const [a, b] = key.split('.') as [string, string | undefined];
  const rec = s as unknown as Record<string, unknown>;
  if (b === undefined) rec[a] = value;
  else (rec[a] as Record<string, unknown>)[b] = value;
}

function cloneDefaults(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    weights: { ...DEFAULT_SETTINGS.weights },
    entryMode: { ...DEFAULT_SETTINGS.entryMode },
    labels: { ...DEFAULT_SETTINGS.labels },
  };
}

/** A number parsed from its decimal text with at most `places` decimals, or null. */
export function decimalValue(raw: RawCell, places: number): number | null {
  const text = typeof raw === 'number' ? numberText(raw) : trimAll(toHalfWidth(String(raw ?? '')));
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return null;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > places) return null;
  return Number(`${m[1]}${m[2]}${frac ? '.' + frac : ''}`);
}

/** An Excel date serial (days since 1899-12-30) as yyyy-mm-dd. */
function serialToDate(n: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86400000);
  return d.toISOString().slice(0, 10);
}

/** Parses one value; undefined = invalid. */
function parseValue(kind: Kind, raw: RawCell): unknown {
  const text = trimAll(rawText(raw));
  switch (kind) {
    case 'year': {
      const v = decimalValue(raw, 0);
      return v !== null && v >= 2000 && v <= 2100 ? v : undefined;
    }
    case 'text':
      return text;
    case 'date':
      return typeof raw === 'number' && raw > 20000 && raw < 80000 ? serialToDate(raw) : text;
    case 'weight': {
      const v = decimalValue(raw, 4);
      return v !== null && v >= 0 ? v : undefined;
    }
    case 'entryMode': {
      const t = text.toLowerCase();
      if (t === '分项' || t === 'dimensions') return 'dimensions';
      if (t === '合计' || t === 'total') return 'total';
      return undefined;
    }
    case 'yesNo': {
      const v = parseYesNo(raw);
      return v === 'invalid' || v === null ? undefined : v;
    }
    case 'minForms': {
      const v = decimalValue(raw, 0);
      return v !== null && v >= 3 ? v : undefined;
    }
    case 'cap': {
      const code = parseScoreFast(raw);
      return (code === P_NUMBER || code === P_TEXT_NUMBER) && parsed.tenths > 0 ? parsed.tenths / 10 : undefined;
    }
    case 'threshold': {
      const v = decimalValue(raw, 2);
      return v !== null && v >= 0 && v <= 100 ? v : undefined;
    }
    case 'language': {
      const t = text.toLowerCase();
      if (t === 'zh-cn' || t === '中文' || t === 'zh') return 'zh-CN';
      if (t === 'en-us' || t === 'english' || t === 'en' || t === '英文') return 'en-US';
      return undefined;
    }
  }
}

const EXPECTED: Record<Kind, Parameters<typeof detail>[1]> = {
  year: 'setting.expected.year',
  text: 'setting.expected.text',
  date: 'setting.expected.text',
  weight: 'setting.expected.weight',
  entryMode: 'setting.expected.entryMode',
  yesNo: 'setting.expected.yesNo',
  minForms: 'setting.expected.minForms',
  cap: 'setting.expected.cap',
  threshold: 'setting.expected.threshold',
  language: 'setting.expected.language',
};

/** A setting's value as written in kp_Settings (是/否 for yes/no, 分项/合计 for entry modes). */
/** How the sheet shows a language: in words a person reads (中文, English), not a code. */
export function languageCell(v: unknown): string {
  return v === 'en-US' ? 'English' : '中文';
}

function valueToCell(kind: Kind, v: unknown): RawCell {
  if (kind === 'yesNo') return v ? '是' : '否';
  if (kind === 'language') return languageCell(v);
  if (kind === 'entryMode') return v === 'total' ? '合计' : '分项';
  if (v === null || v === undefined) return '';
  return v as RawCell;
}

function displayDefault(lang: Language, kind: Kind, v: unknown): string {
  const c = valueToCell(kind, v);
  return c === '' || c === null ? message(lang, 'setting.none') : String(c);
}

/** Reads kp_Settings (项目, 值). */
export function parseSettings(block: TableBlock, lang: Language): { settings: Settings; problems: Problem[] } {
  const settings = cloneDefaults();
  const problems: Problem[] = [];
  const sheet = block.sheet || SHEETS.settings;
  const cItem = findColumn(block, '项目');
  const cValue = findColumn(block, '值');
  if (cItem < 0 || cValue < 0) {
    for (const column of [cItem < 0 ? '项目' : '', cValue < 0 ? '值' : ''].filter(Boolean))
      problems.push(makeProblem(lang, 'error', sheet, headerCell(block), 'missing_column', { column, effect: detail(lang, 'effect.defaults') }));
    return { settings, problems };
  }
  const byLabel = new Map<string, SettingItem>();
  for (const item of SETTING_ITEMS) {
    byLabel.set(headerKey(item.label), item);
    byLabel.set(headerKey(item.labelEn).toLowerCase(), item);
  }
  const weightCells: Partial<Record<Round, string>> = {};
  const given = new Set<SettingKey>();
  block.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const label = headerKey(rawText(row[cItem]));
    const item = byLabel.get(label) ?? byLabel.get(label.toLowerCase());
    if (!item) return; // the secretary's own notes rows are allowed
    const raw = row[cValue] ?? '';
    const isBlankValue = trimAll(rawText(raw)) === '';
    if (isBlankValue && (item.kind === 'text' || item.kind === 'date' || item.kind === 'cap')) {
      setValue(settings, item.key, item.kind === 'cap' ? null : '');
      return;
    }
    if (isBlankValue) return; // blank: the default
    const value = parseValue(item.kind, raw);
    const cell = bodyCell(block, i, cValue);
    if (value === undefined) {
      problems.push(
        makeProblem(lang, 'error', sheet, cell, 'setting_invalid', {
          label: item.label,
          value: rawText(raw),
          expected: detail(lang, EXPECTED[item.kind]),
          default: displayDefault(lang, item.kind, getValue(DEFAULT_SETTINGS, item.key)),
        }),
      );
      return;
    }
    setValue(settings, item.key, value);
    given.add(item.key);
    if (item.key.startsWith('weights.')) weightCells[item.key.slice(8) as Round] = cell;
  });
  // Labels the workbook does not set follow the language setting.
  if (settings.language !== 'zh-CN')
    for (const k of Object.keys(settings.labels) as (keyof ResultLabels)[])
      if (!given.has(`labels.${k}`)) settings.labels[k] = message(settings.language, `label.${k}`);
  const w = settings.weights;
  if (w.self + w.peer + w.mass <= 0) {
    problems.push(
      makeProblem(lang, 'error', sheet, weightCells.self ?? weightCells.peer ?? weightCells.mass ?? '', 'setting_invalid', {
        label: '自评权重、互评权重、群众参评权重',
        value: '0',
        expected: detail(lang, 'setting.expected.weight'),
        default: '1',
      }),
    );
    settings.weights = { ...DEFAULT_SETTINGS.weights };
  }
  return { settings, problems };
}

/** kp_Settings rows (项目, 值) of the settings, in SETTING_ITEMS order. */
export function settingsToRows(settings: Settings): RawCell[][] {
  return SETTING_ITEMS.map((item) => [item.label, valueToCell(item.kind, getValue(settings, item.key))]);
}

/**
 * The committee's scheme (统一方案): the year, the rubric of every category (points) and every setting that
 * decides a score or a result. Its fingerprint is a hash of exactly that, so two workbooks with the same scheme
 * have the same fingerprint whatever their branch, roster, entries, posting dates or language. Differences are
 * named by the 项目 text of kp_Settings and by 考评细则 category and dimension.
 */
import type { Rubric } from '../rubric';
import { SETTING_ITEMS, type SettingKey, type Settings } from '../settings';

/** Settings the scheme fixes (every one that changes a score, a result or its label). */
export const SCHEME_KEYS: readonly SettingKey[] = [
  'weights.self', 'weights.peer', 'weights.mass',
  'entryMode.self', 'entryMode.peer', 'entryMode.mass',
  'trimPeer', 'trimMass', 'trimMinForms', 'bonusCap', 'allowDeductions',
  'eligibleThreshold', 'admonishThreshold',
  'labels.eligible', 'labels.notEligible', 'labels.admonish', 'labels.incomplete', 'labels.exempt', 'labels.invalid',
];

export interface Scheme {
  year: number;
  settings: Record<string, string | number | boolean | null>;
  /** Category → dimension → points (sub-items as "维度/细则"). */
  rubric: { category: string; items: [string, number][] }[];
}

function settingValue(s: Settings, key: SettingKey): string | number | boolean | null {
  const [a, b] = key.split('.') as [string, string | undefined];
  const v = (s as unknown as Record<string, unknown>)[a];
  const x = b === undefined ? v : (v as Record<string, unknown>)[b];
  return x as string | number | boolean | null;
}

export function schemeOf(settings: Settings, rubric: Rubric): Scheme {
  const out: Scheme['settings'] = {};
  for (const k of SCHEME_KEYS) out[k] = settingValue(settings, k);
  return {
    year: settings.year,
    settings: out,
    rubric: rubric.categories.map((c) => ({
      category: c.category,
      items: c.dimensions.flatMap((d): [string, number][] => [[d.name, d.points], ...(d.items ?? []).map((i): [string, number] => [`${d.name}/${i.name}`, i.points])]),
    })),
  };
}

/** A stable text of the scheme (keys in a fixed order): what the fingerprint hashes. */
export function schemeText(s: Scheme): string {
  return JSON.stringify([s.year, SCHEME_KEYS.map((k) => [k, s.settings[k] ?? null]), s.rubric.map((c) => [c.category, c.items])]);
}

/** 16 hex digits (two 32-bit multiplicative hashes of the scheme text). */
export function schemeFingerprint(s: Scheme): string {
  const t = schemeText(s);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function settingLabel(key: SettingKey): string {
  return SETTING_ITEMS.find((i) => i.key === key)?.label ?? key;
}

/** What differs between the committee's scheme and a branch's: 项目 names and 考评细则 items (year not included). */
export function schemeDifferences(committee: Scheme, branch: Scheme): string[] {
  const out: string[] = [];
  for (const k of SCHEME_KEYS) if (JSON.stringify(committee.settings[k] ?? null) !== JSON.stringify(branch.settings[k] ?? null)) out.push(settingLabel(k));
  const cats = new Map(branch.rubric.map((c) => [c.category, c]));
  for (const c of committee.rubric) {
    const b = cats.get(c.category);
    if (!b) {
      out.push(`考评细则：缺少类别“${c.category}”`);
      continue;
    }
    const items = new Map(b.items);
    for (const [name, points] of c.items) {
      if (!items.has(name)) out.push(`考评细则：${c.category}·${name}（缺少）`);
      else if (items.get(name) !== points) out.push(`考评细则：${c.category}·${name}（${points}→${items.get(name)}）`);
    }
    const mine = new Set(c.items.map(([n]) => n));
    for (const [name] of b.items) if (!mine.has(name)) out.push(`考评细则：${c.category}·${name}（新增）`);
  }
  const committeeCats = new Set(committee.rubric.map((c) => c.category));
  for (const c of branch.rubric) if (!committeeCats.has(c.category)) out.push(`考评细则：新增类别“${c.category}”`);
  return out;
}

/** The scheme back from its text (schemeText); null when the text is not one. */
export function schemeFromText(text: string): Scheme | null {
  try {
    const [year, settings, rubric] = JSON.parse(text) as [number, [string, string | number | boolean | null][], [string, [string, number][]][]];
    if (typeof year !== 'number' || !Array.isArray(settings) || !Array.isArray(rubric)) return null;
    return { year, settings: Object.fromEntries(settings), rubric: rubric.map(([category, items]) => ({ category, items })) };
  } catch {
    return null;
  }
}

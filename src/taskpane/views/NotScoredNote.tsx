/**
 * Members whose 类别 is not in the rubric are not scored (SPEC §3.4). Said at the top of the import preview and
 * of 结果 — 未参评 5 人, with their names per category — with 添加此类别, which opens the rubric editor in 设置
 * with that category added.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Language } from '../../domain/types';
import type { KaopingCommands, WorkbookStatus } from '../../workbook/commandTypes';
import { joinList, text } from '../../domain/texts/pane';

const useStyles = makeStyles({
  lines: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  actions: { flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** The rubric's category names (read again whenever the status changes); null until known. */
export function useRubricCategories(commands: KaopingCommands, status: WorkbookStatus | null): string[] | null {
  const [categories, setCategories] = useState<string[] | null>(null);
  useEffect(() => {
    if (!status?.installed) return;
    let live = true;
    commands
      .getSettings()
      .then((s) => live && setCategories(s.rubric.map((c) => c.category)))
      .catch((e) => console.error(e));
    return () => {
      live = false;
    };
  }, [commands, status]);
  return categories;
}

/** category → names of the members in it, for categories the rubric lacks (blank 类别 = the default: fine). */
export function unknownCategories(members: readonly { name: string; category: string; exempt?: boolean }[], categories: readonly string[]): Map<string, string[]> {
  const known = new Set(categories.map((c) => c.trim()));
  const out = new Map<string, string[]>();
  for (const m of members) {
    const c = m.category.trim();
    if (c === '' || known.has(c) || m.exempt) continue;
    out.set(c, [...(out.get(c) ?? []), m.name]);
  }
  return out;
}

export function NotScoredNote({
  lang,
  members,
  categories,
  onAddCategory,
}: {
  lang: Language;
  members: readonly { name: string; category: string; exempt?: boolean }[];
  categories: readonly string[] | null;
  onAddCategory?: (category: string) => void;
}) {
  const styles = useStyles();
  if (!categories) return null;
  const missing = unknownCategories(members, categories);
  if (missing.size === 0) return null;
  const total = [...missing.values()].reduce((n, names) => n + names.length, 0);
  return (
    <MessageBar intent="warning" layout="multiline" role="status" data-not-scored={total}>
      <MessageBarBody>
        <MessageBarTitle>{text(lang, 'notScoredTitle', { count: total })}</MessageBarTitle>
        <ul className={styles.lines}>
          {[...missing.entries()].map(([category, names]) => (
            <li key={category}>{text(lang, 'notScoredLine', { category, names: joinList(lang, names) })}</li>
          ))}
        </ul>
      </MessageBarBody>
      {onAddCategory && (
        <MessageBarActions className={styles.actions}>
          {[...missing.keys()].map((category) => (
            <Button key={category} size="small" onClick={() => onAddCategory(category)}>
              {missing.size > 1 ? text(lang, 'addCategoryOf', { category }) : text(lang, 'addCategory')}
            </Button>
          ))}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

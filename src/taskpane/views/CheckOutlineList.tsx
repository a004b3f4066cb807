/**
 * The check report as the domain orders and groups it (domain/checkOutline.ts): a section per kind — errors,
 * forms still missing, warnings — each line a problem or a group of the same problem ("40 名党员还没有填写个人年度
 * 工作计划：…") that expands to every occurrence. A line with a cell is a button selecting that cell.
 */
import { Badge, Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CheckOutline, ProblemGroup, SectionKind } from '../../domain/checkOutline';
import type { Language, Problem } from '../../domain/types';
import { text } from '../../domain/texts/pane';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  heading: { margin: '0', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  list: { margin: '0', padding: '0', listStyleType: 'none' },
  item: {
    marginBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-word',
  },
  link: { display: 'block', textAlign: 'left', fontSize: tokens.fontSizeBase200 },
  nested: { margin: `${tokens.spacingVerticalXS} 0 0`, padding: `0 0 0 ${tokens.spacingHorizontalM}`, listStyleType: 'none' },
});

const BADGE: Record<SectionKind, 'danger' | 'important' | 'warning'> = { error: 'danger', missing: 'important', warning: 'warning' };

type Select = (sheet: string, cell: string) => void;

function ProblemLine({ problem, line, lang, onSelect }: { problem: Problem; line: string; lang: Language; onSelect?: Select }) {
  const styles = useStyles();
  if (!onSelect || !problem.cell) return <>{line}</>;
  return (
    <Link
      as="button"
      className={styles.link}
      title={text(lang, 'goToCell', { sheet: problem.sheet, cell: problem.cell })}
      onClick={() => onSelect(problem.sheet, problem.cell)}
    >
      {line}
    </Link>
  );
}

function GroupItem({ group, lang, onSelect }: { group: ProblemGroup; lang: Language; onSelect?: Select }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  if (group.problems.length === 1)
    return (
      <li className={styles.item}>
        <ProblemLine problem={group.problems[0]} line={group.line} lang={lang} onSelect={onSelect} />
      </li>
    );
  return (
    <li className={styles.item} data-group={group.key}>
      <span>{group.line}</span>{' '}
      <Button appearance="transparent" size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? text(lang, 'hideAll') : text(lang, 'showAll', { count: group.problems.length })}
      </Button>
      {open && (
        <ul className={styles.nested}>
          {group.problems.map((p, i) => (
            <li key={`${p.cell}-${i}`}>
              <ProblemLine problem={p} line={p.message} lang={lang} onSelect={onSelect} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function CheckOutlineList({ outline, lang, onSelect }: { outline: CheckOutline; lang: Language; onSelect?: Select }) {
  const styles = useStyles();
  return (
    <div>
      {outline.sections.map((s) => (
        <section key={s.kind} className={styles.section} aria-label={s.title} data-section={s.kind}>
          <Text as="h3" weight="semibold" className={styles.heading}>
            <Badge appearance="filled" color={BADGE[s.kind]} size="small">
              {s.count}
            </Badge>
            {s.title}
          </Text>
          <ul className={styles.list}>
            {s.groups.map((g, i) => (
              <GroupItem key={`${g.key}-${i}`} group={g} lang={lang} onSelect={onSelect} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

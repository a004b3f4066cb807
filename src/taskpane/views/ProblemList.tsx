/**
 * Problems grouped by sheet, then severity. With `onSelect` every problem that has a cell is a button that
 * selects the cell in the workbook.
 */
import { Badge, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Language, Problem, Severity } from '../../domain/types';
import { severityName, text } from '../../domain/texts/pane';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  list: { margin: '0', padding: '0', listStyleType: 'none' },
  item: {
    marginBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-word',
  },
  link: { display: 'block', textAlign: 'left', fontSize: tokens.fontSizeBase200 },
  heading: { margin: '0', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  sub: { margin: `${tokens.spacingVerticalXS} 0 0`, fontSize: tokens.fontSizeBase200 },
});

const ORDER: Severity[] = ['error', 'warning'];

export function ProblemList({
  problems,
  lang,
  onSelect,
  level = 3,
}: {
  problems: readonly Problem[];
  lang: Language;
  onSelect?: (sheet: string, cell: string) => void;
  /** Heading level of the sheet names, one below the heading the list sits under. */
  level?: 2 | 3 | 4;
}) {
  const styles = useStyles();
  if (problems.length === 0) return null;
  const sheets = [...new Set(problems.map((p) => p.sheet))];
  return (
    <div>
      {sheets.map((sheet) => {
        const inSheet = problems.filter((p) => p.sheet === sheet);
        return (
          <section key={sheet} className={styles.group} aria-label={sheet}>
            <Text as={`h${level}` as 'h3'} weight="semibold" className={styles.heading}>
              {sheet}
              <Badge appearance="tint" color="informative">
                {inSheet.length}
              </Badge>
            </Text>
            {ORDER.map((severity) => {
              const list = inSheet.filter((p) => p.severity === severity);
              if (list.length === 0) return null;
              return (
                <div key={severity}>
                  <Text as={`h${level + 1}` as 'h4'} className={styles.sub} weight="semibold">
                    <Badge appearance="filled" color={severity === 'error' ? 'danger' : 'warning'} size="small">
                      {list.length}
                    </Badge>{' '}
                    {severityName(lang, severity)}
                  </Text>
                  <ul className={styles.list}>
                    {list.map((p, i) => (
                      <li key={`${p.cell}-${p.code}-${i}`} className={styles.item}>
                        {onSelect && p.cell ? (
                          <Link
                            as="button"
                            className={styles.link}
                            title={text(lang, 'goToCell', { sheet: p.sheet, cell: p.cell })}
                            onClick={() => onSelect(p.sheet, p.cell)}
                          >
                            {p.message}
                          </Link>
                        ) : (
                          p.message
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}

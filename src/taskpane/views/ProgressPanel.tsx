/** A round's progress: who has scored whom and which members still have no form at all. */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Language, Round } from '../../domain/types';
import type { ProgressReport, RosterEntry } from '../../workbook/commandTypes';
import { Busy, ErrorBar } from '../feedback';
import { joinList, roundName, text } from '../../domain/texts/pane';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  list: { margin: '0', paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  h2: { margin: '0' },
});

export function ProgressPanel({
  lang,
  round,
  report,
  busy,
  error,
  members,
}: {
  lang: Language;
  round: Round;
  report: ProgressReport | null;
  busy: boolean;
  error: string | null;
  members: readonly RosterEntry[];
}) {
  const styles = useStyles();
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  return (
    <section className={styles.section} aria-labelledby="kp-progress-title">
      <Text as="h2" id="kp-progress-title" weight="semibold" size={300} className={styles.h2}>
        {text(lang, 'progress')} · {roundName(lang, round)}
      </Text>
      {busy && <Busy label={text(lang, 'loading')} />}
      <ErrorBar message={error} />
      {report && report.round === round && (
        <>
          <Text size={200}>{text(lang, 'progressEvaluators', { count: report.evaluators.length })}</Text>
          {report.evaluators.length > 0 && (
            <ul className={styles.list}>
              {report.evaluators.map((e) => (
                <li key={e.evaluator}>
                  {e.name && e.name !== e.evaluator ? `${e.name}（${e.evaluator}）` : e.evaluator}：
                  {text(lang, 'scoredOf', { scored: e.scored.length, missing: e.missing.length })}
                  {e.missing.length > 0 && e.missing.length <= 8 ? ` — ${joinList(lang, e.missing.map(nameOf))}` : ''}
                </li>
              ))}
            </ul>
          )}
          <Text size={200}>
            {report.membersWithoutForms.length === 0
              ? text(lang, 'allHaveForms')
              : `${text(lang, 'withoutForms')}${joinList(lang, report.membersWithoutForms.map(nameOf))}`}
          </Text>
        </>
      )}
    </section>
  );
}

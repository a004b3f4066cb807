/**
 * The welcome card on 开始: the year's six steps ①安装 ②导入名册 ③录入 ④校验 ⑤结果 ⑥公示, each done or not
 * done from the workbook's status, each a button to its view. Done means: installed; a roster; forms in all
 * three rounds; results computed and current (compute runs every check, so ④ and ⑤ are done together); the
 * posting sheet made after the last change.
 */
import { Badge, Card, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { SHEETS } from '../../domain/contract';
import type { Language } from '../../domain/types';
import type { WorkbookStatus } from '../../workbook/commandTypes';
import { text, type StringKey } from '../../domain/texts/pane';
import type { ViewName } from '../viewProps';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalS, gap: tokens.spacingVerticalXS },
  list: {
    listStyleType: 'none',
    margin: '0',
    padding: '0',
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(132px, 1fr))',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
  },
  item: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalXS, minWidth: '0' },
  step: { minWidth: '0', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  h2: { margin: '0' },
});

const MARKS = ['①', '②', '③', '④', '⑤', '⑥'];

export interface Step {
  key: StringKey;
  view: ViewName;
  done: boolean;
}

export function welcomeSteps(status: WorkbookStatus): Step[] {
  const current = status.computedAt !== null && !status.resultsStale;
  return [
    { key: 'stepInstall', view: 'start', done: status.installed },
    { key: 'stepRoster', view: 'start', done: status.installed && status.members > 0 },
    { key: 'stepEntry', view: 'entry', done: status.installed && status.forms.self > 0 && status.forms.peer > 0 && status.forms.mass > 0 },
    { key: 'stepCheck', view: 'check', done: status.installed && current },
    { key: 'stepResults', view: 'results', done: status.installed && current },
    // Made after the last change: a posting sheet out of date (derived sheets) is not done.
    { key: 'stepPosting', view: 'posting', done: status.installed && current && status.sheets.includes(SHEETS.posting) && !(status.staleSheets ?? []).some((s) => s.kind === 'results_posting') },
  ];
}

export function WelcomeCard({ lang, status, onNavigate }: { lang: Language; status: WorkbookStatus; onNavigate?: (view: ViewName) => void }) {
  const styles = useStyles();
  const steps = welcomeSteps(status);
  return (
    <Card className={styles.card} appearance="filled-alternative" role="region" aria-labelledby="kp-welcome-title">
      <Text as="h2" id="kp-welcome-title" weight="semibold" size={300} className={styles.h2}>
        {text(lang, 'welcome')}
      </Text>
      <ol className={styles.list}>
        {steps.map((s, i) => (
          <li key={s.key} className={styles.item} data-step={i + 1} data-done={s.done}>
            {/* Links (not buttons): they go to a step's view. */}
            <Link
              href={`#${s.view}`}
              className={styles.step}
              onClick={(e) => {
                e.preventDefault();
                onNavigate?.(s.view);
              }}
            >
              {MARKS[i]}
              {text(lang, s.key)}
            </Link>
            <Badge size="small" appearance={s.done ? 'filled' : 'outline'} color={s.done ? 'success' : 'informative'}>
              {s.done ? text(lang, 'done') : text(lang, 'notDone')}
            </Badge>
          </li>
        ))}
      </ol>
    </Card>
  );
}

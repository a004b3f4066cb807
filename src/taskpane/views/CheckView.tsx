/** 校验: runs check() and lists every problem; clicking one selects its cell. */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Busy, ErrorBar, Note } from '../feedback';
import { text } from '../strings';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { ProblemList } from './ProblemList';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export function CheckView({ commands, lang }: ViewProps) {
  const styles = useStyles();
  const check = useAction(lang, () => commands.check());
  const select = useAction(lang, (sheet: string, cell: string) => commands.selectCell(sheet, cell));
  const report = check.result;
  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Button appearance="primary" disabled={check.busy} onClick={() => void check.run()}>
          {text(lang, 'runCheck')}
        </Button>
        {check.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={check.error ?? select.error} />
      {report &&
        (report.problems.length === 0 ? (
          <Note intent="success">{text(lang, 'noProblems')}</Note>
        ) : (
          <>
            <div role="status">
              <Text as="h2" weight="semibold" size={300} style={{ margin: 0 }}>
                {text(lang, 'checkSummary', { errors: report.counts.error, warnings: report.counts.warning })}
              </Text>
            </div>
            <ProblemList problems={report.problems} lang={lang} onSelect={(s, c) => void select.run(s, c)} />
          </>
        ))}
    </div>
  );
}

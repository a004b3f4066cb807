/**
 * 校验: runs check() and shows the report as the domain orders it (checkOutline.ts): what to do next, then
 * errors, forms still missing and warnings, the same problem for many members as one expandable line; clicking
 * a problem selects its cell.
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { outlineProblems } from '../../domain/checkOutline';
import { Busy, ErrorBar, Note } from '../feedback';
import { text } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { CheckOutlineList } from './CheckOutlineList';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export function CheckView({ commands, lang }: ViewProps) {
  const styles = useStyles();
  const check = useAction(lang, () => commands.check());
  const select = useAction(lang, (sheet: string, cell: string) => commands.selectCell(sheet, cell));
  const report = check.result;
  const outline = report ? outlineProblems(report.problems, lang) : null;
  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Button appearance="primary" disabled={check.busy} onClick={() => void check.run()}>
          {text(lang, 'runCheck')}
        </Button>
        {check.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={check.error ?? select.error} />
      {outline &&
        (outline.sections.length === 0 ? (
          <Note intent="success">{outline.summary}</Note>
        ) : (
          <>
            <div role="status">
              <Text as="h2" weight="semibold" size={300} style={{ margin: 0 }}>
                {outline.summary}
              </Text>
            </div>
            <CheckOutlineList outline={outline} lang={lang} onSelect={(s, c) => void select.run(s, c)} />
          </>
        ))}
    </div>
  );
}

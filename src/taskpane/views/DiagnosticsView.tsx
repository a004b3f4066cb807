/**
 * 自检: runs the host conformance suite through the same batch runner the commands use. In Excel this
 * checks that the behaviour the headless host assumes is what real Excel does.
 */
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Language } from '../../domain/types';
import type { BatchRunner } from '../../workbook/commandTypes';
import type { ConformanceTest } from '../selfcheck/conformanceTypes';
import { errorText } from '../errorText';
import { Busy, ErrorBar, Note } from '../feedback';
import { text } from '../../domain/texts/pane';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  list: { listStyleType: 'none', margin: '0', padding: '0', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { fontSize: tokens.fontSizeBase200, wordBreak: 'break-word' },
  h2: { margin: '0' },
});

interface Outcome {
  name: string;
  ok: boolean;
  message: string;
}

export function DiagnosticsView({
  lang,
  runner,
  loadConformance,
  onBack,
}: {
  lang: Language;
  runner?: BatchRunner;
  loadConformance?: () => Promise<readonly ConformanceTest[]>;
  onBack: () => void;
}) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const available = Boolean(runner && loadConformance);

  const runAll = async () => {
    if (!runner || !loadConformance) return;
    setBusy(true);
    setError(null);
    setOutcomes([]);
    try {
      const tests = await loadConformance();
      const results: Outcome[] = [];
      // One test at a time: each makes its own batch and cleans up its scratch sheet.
      for (const t of tests) {
        try {
          await runner((context) => t.run(context));
          results.push({ name: t.name, ok: true, message: '' });
        } catch (e) {
          console.error(t.name, e);
          results.push({ name: t.name, ok: false, message: e instanceof Error ? e.message.split('\n')[0] : String(e) });
        }
        setOutcomes([...results]);
      }
    } catch (e) {
      console.error(e);
      setError(errorText(lang, e));
    } finally {
      setBusy(false);
    }
  };

  const passed = outcomes?.filter((o) => o.ok).length ?? 0;
  return (
    <div className={styles.stack}>
      <Text as="h2" weight="semibold" size={300} className={styles.h2}>
        {text(lang, 'diagTitle')}
      </Text>
      <Text size={200}>{text(lang, 'diagHint')}</Text>
      {!available && <Note intent="info">{text(lang, 'diagUnavailable')}</Note>}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!available || busy} onClick={() => void runAll()}>
          {text(lang, 'diagRun')}
        </Button>
        <Button onClick={onBack}>{text(lang, 'back')}</Button>
        {busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={error} />
      {outcomes && outcomes.length > 0 && (
        <>
          <Text weight="semibold" role="status">
            {text(lang, 'diagPassed', { passed, total: outcomes.length })}
          </Text>
          <ul className={styles.list}>
            {outcomes.map((o) => (
              <li key={o.name} className={styles.item}>
                <Badge color={o.ok ? 'success' : 'danger'} appearance="filled" size="small">
                  {o.ok ? text(lang, 'pass') : text(lang, 'fail')}
                </Badge>{' '}
                {o.name}
                {o.message ? ` — ${o.message}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

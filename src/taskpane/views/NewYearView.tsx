/** 新年度: says what is kept, archived and cleared, asks for confirmation, then newYear(year). */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { Busy, ErrorBar, Note } from '../feedback';
import { joinList, text } from '../strings';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: '0', paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  h2: { margin: '0' },
});

export function NewYearView({ commands, lang, status, onChanged }: ViewProps) {
  const styles = useStyles();
  // Until the user types, follow the workbook's year (the status may arrive after the first render).
  const [typed, setYear] = useState<string | null>(null);
  const year = typed ?? String((status?.year ?? new Date().getFullYear() - 1) + 1);
  const [confirming, setConfirming] = useState(false);
  const action = useAction(lang, async (y: number) => {
    const r = await commands.newYear(y);
    onChanged();
    return r;
  });
  const y = Number(year.trim());
  const yearError = Number.isInteger(y) && y >= 2000 && y <= 2100 ? undefined : text(lang, 'errYear');
  const report = action.result;

  return (
    <div className={styles.stack}>
      <Text as="h2" weight="semibold" size={300} className={styles.h2}>
        {text(lang, 'newYearTitle')}
      </Text>
      <ul className={styles.list}>
        <li>{text(lang, 'kept')}</li>
        <li>{text(lang, 'archived')}</li>
        <li>{text(lang, 'cleared')}</li>
      </ul>
      <Text>{text(lang, 'nothingLost')}</Text>
      <Field label={text(lang, 'newYear')} validationMessage={yearError} validationState={yearError ? 'error' : 'none'}>
        <Input value={year} inputMode="numeric" onChange={(_, d) => setYear(d.value)} style={{ maxWidth: '8em' }} />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={Boolean(yearError) || action.busy} onClick={() => setConfirming(true)}>
          {text(lang, 'startNewYear')}
        </Button>
        {action.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <Dialog open={confirming} onOpenChange={(_, d) => setConfirming(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{text(lang, 'confirmTitle', { year: y })}</DialogTitle>
            <DialogContent>{text(lang, 'confirmBody')}</DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  setConfirming(false);
                  void action.run(y);
                }}
              >
                {text(lang, 'confirm')}
              </Button>
              <Button onClick={() => setConfirming(false)}>{text(lang, 'cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <ErrorBar message={action.error} />
      {report && (
        <Note intent="success">
          {text(lang, 'newYearDone', { year: report.year })}
          {/* The command's own lines when it gives them (in the workbook's language), else a summary. */}
          {report.messages.length > 0 ? (
            report.messages.map((m) => <div key={m}>{m}</div>)
          ) : (
            <>
              {report.archivedSheet && <div>{text(lang, 'archivedAs', { sheet: report.archivedSheet })}</div>}
              {report.clearedTables.length > 0 && <div>{text(lang, 'clearedTables', { list: joinList(lang, report.clearedTables) })}</div>}
            </>
          )}
        </Note>
      )}
    </div>
  );
}

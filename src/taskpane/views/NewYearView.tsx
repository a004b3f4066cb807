/**
 * 新年度: says in plain words, with counts and sheet names, what is archived (every table, in a hidden sheet of
 * the workbook) and then cleared; refuses to go on without an explicit second confirmation while this year's
 * results were never computed or are older than the last change to the forms; after success says 已是2027年度
 * instead of offering to roll over again, and offers 撤销新年度 (refused by the workbook, with the reason, once
 * something of the new year was entered). A backup download (the `backup` prop) is a separate convenience: the
 * new year never depends on it, since a download may not happen at all (Excel for Mac's task pane).
 */
import {
  Button,
  Checkbox,
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
import { useEffect, useState } from 'react';
import type { Language } from '../../domain/types';
import type { NewYearPlan } from '../../workbook/commandTypes';
import { backupFileName, sizeText, type BackupResult } from '../backup';
import { errorText } from '../errorText';
import { Busy, ErrorBar, Note } from '../feedback';
import { joinList, text } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: '0', paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  h2: { margin: '0' },
});

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);

function clearLine(lang: Language, c: NewYearPlan['clears'][number], archive: string | null): string {
  const params = { sheet: c.sheet, rows: count(c.rows), ballots: count(c.ballots ?? c.rows), archive: archive ?? '' };
  switch (c.kind) {
    case 'forms':
      return text(lang, 'nyClearForms', params);
    case 'bonus':
      return text(lang, 'nyClearBonus', params);
    case 'review':
      return text(lang, 'nyClearReview', params);
    case 'results':
      return text(lang, 'nyClearResults', params);
    case 'plans':
      return text(lang, 'nyClearPlans', params);
  }
}

export function NewYearView({ commands, lang, status, onChanged, backup }: ViewProps) {
  const styles = useStyles();
  const plan = useAction(lang, () => commands.newYearPlan());
  // Until the user types, follow the workbook's year (the status may arrive after the first render).
  const [typed, setYear] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [again, setAgain] = useState(false);
  const [saved, setSaved] = useState<BackupResult | null>(null);
  const [backupError, setBackupError] = useState<string | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const action = useAction(lang, async (y: number) => {
    const r = await commands.newYear(y);
    onChanged();
    return r;
  });
  const undo = useAction(lang, async () => {
    const r = await commands.undoNewYear();
    // Back in the old year: the new year's report no longer describes the workbook.
    if (r.restored) action.reset();
    onChanged();
    return r;
  });
  const runPlan = plan.run;
  // Counted again whenever the workbook may have changed (the status is read after every command).
  useEffect(() => {
    void runPlan();
  }, [runPlan, status]);

  const p = plan.result;
  const year = typed ?? String((p?.year ?? status?.year ?? new Date().getFullYear() - 1) + 1);
  const y = Number(year.trim());
  const yearError = Number.isInteger(y) && y >= 2000 && y <= 2100 ? undefined : text(lang, 'errYear');
  const report = action.result;
  const toClear = p ? p.clears.filter((c) => c.rows > 0) : [];
  const total = toClear.filter((c) => c.kind !== 'results').reduce((n, c) => n + c.rows, 0);
  const hasForms = p ? p.clears.some((c) => c.kind === 'forms' && c.rows > 0) : false;
  const neverComputed = Boolean(p && hasForms && !p.computed);
  const stale = Boolean(p && p.computed && p.stale);
  const needsSecond = neverComputed || stale;
  // Nothing to roll over: this workbook has just been rolled over (or is a fresh year).
  const already = Boolean(report || (p && p.installed && toClear.length === 0 && p.year !== null));
  const fileName = backupFileName(p?.year ?? status?.year ?? null);

  const start = async () => {
    setConfirming(false);
    undo.reset();
    const r = await action.run(y);
    if (r) {
      setAgain(false);
      setTyped(null);
      setUnderstood(false);
    }
  };
  /** The optional backup: its outcome is reported on its own and never gates the new year. */
  const downloadBackup = async () => {
    setBackupError(null);
    setSaved(null);
    if (!backup) return;
    setBackingUp(true);
    try {
      setSaved(await backup.save(fileName));
    } catch (e) {
      console.error(e);
      setBackupError(text(lang, 'nyBackupFailed', { message: errorText(lang, e) }));
    } finally {
      setBackingUp(false);
    }
  };
  const setTyped = setYear;

  return (
    <div className={styles.stack}>
      {already && !again ? (
        <>
          <Text as="h2" weight="semibold" size={300} className={styles.h2} data-already-year>
            {text(lang, 'nyAlready', { year: report?.year ?? p?.year ?? '' })}
          </Text>
          <Text>{text(lang, 'nyAlreadyBody', { year: report?.year ?? p?.year ?? '' })}</Text>
        </>
      ) : (
        <Text as="h2" weight="semibold" size={300} className={styles.h2}>
          {text(lang, 'newYearTitle')}
        </Text>
      )}
      {report && (
        <Note intent="success">
          {text(lang, 'newYearDone', { year: report.year })}
          {report.yearArchive && <div>{text(lang, 'nyArchivedAll', { sheet: report.yearArchive })}</div>}
          {report.archivedSheet && <div>{text(lang, 'archivedAs', { sheet: report.archivedSheet })}</div>}
          {report.clearedTables.length > 0 && <div>{text(lang, 'nyDoneCleared', { list: joinList(lang, report.clearedTables) })}</div>}
        </Note>
      )}
      {plan.busy && !p && <Busy label={text(lang, 'nyLoading')} />}
      <ErrorBar message={plan.error} />
      {p && (!already || again) && (
        <>
          <Text weight="semibold">{text(lang, 'nyWillClear')}</Text>
          <ul className={styles.list}>
            {toClear.length === 0 ? <li>—</li> : toClear.map((c) => <li key={c.sheet}>{clearLine(lang, c, p.archiveSheet)}</li>)}
          </ul>
          <Text>{text(lang, 'nyKeep', { members: count(p.members) })}</Text>
          <Text>{text(lang, 'nothingLost')}</Text>
          {neverComputed && <Note intent="warning">{text(lang, 'nyNeverComputed')}</Note>}
          {stale && <Note intent="warning">{text(lang, 'nyStale')}</Note>}
          <Field label={text(lang, 'newYear')} validationMessage={yearError} validationState={yearError ? 'error' : 'none'}>
            <Input value={year} inputMode="numeric" onChange={(_, d) => setYear(d.value)} style={{ maxWidth: '8em' }} />
          </Field>
        </>
      )}
      {undo.result && <Note intent={undo.result.restored ? 'success' : 'warning'}>{undo.result.messages.join(' ')}</Note>}
      {p?.undoArchive && (
        <>
          <Text>{text(lang, 'nyUndoHint', { archive: p.undoArchive })}</Text>
          <div className={styles.row}>
            <Button appearance="secondary" disabled={undo.busy} onClick={() => void undo.run()}>
              {text(lang, 'nyUndo')}
            </Button>
            {undo.busy && <Busy label={text(lang, 'nyUndoWorking')} />}
          </div>
        </>
      )}
      <div className={styles.row}>
        {already && !again ? (
          <Button appearance="secondary" onClick={() => setAgain(true)}>
            {text(lang, 'nyAgain')}
          </Button>
        ) : (
          <Button appearance="primary" disabled={Boolean(yearError) || action.busy || backingUp || !p} onClick={() => setConfirming(true)}>
            {text(lang, 'startNewYear')}
          </Button>
        )}
        {backup && (
          <Button appearance="subtle" disabled={backingUp} onClick={() => void downloadBackup()}>
            {text(lang, 'nyBackup')}
          </Button>
        )}
        {backingUp && <Busy label={text(lang, 'nyBackingUp')} />}
        {action.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <Dialog open={confirming} onOpenChange={(_, d) => setConfirming(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{text(lang, 'nyConfirmTitle', { year: y })}</DialogTitle>
            <DialogContent>
              <p>{text(lang, 'nyConfirmBody', { total: count(total), archive: p?.yearArchive ?? '' })}</p>
              <ul className={styles.list}>
                {toClear.map((c) => (
                  <li key={c.sheet}>{clearLine(lang, c, p?.archiveSheet ?? null)}</li>
                ))}
              </ul>
              {needsSecond && (
                <>
                  <Note intent="warning">{neverComputed ? text(lang, 'nyNeverComputed') : text(lang, 'nyStale')}</Note>
                  <Checkbox checked={understood} onChange={(_, d) => setUnderstood(Boolean(d.checked))} label={text(lang, 'nyIUnderstand')} />
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={needsSecond && !understood} onClick={() => void start()}>
                {text(lang, 'nyBackupThenStart')}
              </Button>
              <Button onClick={() => setConfirming(false)}>{text(lang, 'cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {saved && <Note intent="info">{text(lang, saved.how === 'open' ? 'nyBackupOpened' : 'nyBackupDone', { file: saved.fileName, size: sizeText(saved.bytes) })}</Note>}
      <ErrorBar message={backupError ?? action.error ?? undo.error} />
    </div>
  );
}

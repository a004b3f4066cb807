/**
 * 录入: pick a round (or the fourth step, 支部审定) and an evaluator, open the form listing exactly the members
 * this evaluator scores, type the scores, save once. The form always says whose ballot it is; changing the
 * round, evaluator, type or group closes it (asking first when scores are unsaved); a save clears it; saving
 * over rows already saved asks first. Ctrl+Enter saves and opens the next evaluator still missing.
 */
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
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ROUNDS, type Round } from '../../domain/types';
import type { EntryForm, FormRowInput, ProgressReport, RosterEntry, SaveFormReport } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { roundName, text } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { EntryTable, existingRows } from './EntryTable';
import { ProblemList } from './ProblemList';
import { BallotFilesView } from './BallotFilesView';
import { PlanNote } from './PlanNote';
import { ProgressPanel } from './ProgressPanel';
import { ReviewPanel } from './ReviewPanel';
import { useMembers } from './useMembers';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  grow: { flexGrow: 1, minWidth: '10em' },
  // Radio labels stay on one line at 320 px: the group wraps between radios, never inside a label.
  radios: { flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  radioLabel: { whiteSpace: 'nowrap' },
});

type Kind = 'member' | 'code';
type Step = Round | 'review';
const STEPS: readonly Step[] = [...ROUNDS, 'review'];
const MEMORY = 'kaoping.entry.last';

interface Remembered {
  step: Step;
  memberId: string;
  kind: Kind;
}

function recall(): Remembered | null {
  try {
    const v = JSON.parse(window.localStorage.getItem(MEMORY) ?? 'null') as Remembered | null;
    return v && STEPS.includes(v.step) ? v : null;
  } catch {
    return null;
  }
}

function remember(v: Remembered): void {
  try {
    window.localStorage.setItem(MEMORY, JSON.stringify(v));
  } catch {
    // private mode or no storage: the view still keeps them while the pane is open
  }
}

/** The next code after Q07 is Q08 (same prefix and width); '' when the code has no number. */
export function nextCode(code: string): string {
  const m = /^(.*?)(\d+)$/.exec(code.trim());
  if (!m) return '';
  return `${m[1]}${String(Number(m[2]) + 1).padStart(m[2].length, '0')}`;
}

/**
 * The next roster evaluator who has not handed in this round's form: after `current` in roster order, members
 * of the same 党小组 first (a group's ballots are collected together), then the others; '' when none is left.
 */
export function nextMissingEvaluator(members: readonly RosterEntry[], progress: ProgressReport | null, round: Round, current: string): string {
  const done = new Set((progress?.evaluators ?? []).filter((e) => e.scored.length > 0).map((e) => e.evaluator));
  done.add(current);
  const active = members.filter((m) => !m.exempt);
  const at = active.findIndex((m) => m.id === current);
  const ordered = [...active.slice(at + 1), ...active.slice(0, Math.max(at, 0))];
  const group = active[at]?.group;
  const candidates = round === 'peer' && group !== undefined ? [...ordered.filter((m) => m.group === group), ...ordered.filter((m) => m.group !== group)] : ordered;
  return candidates.find((m) => !done.has(m.id))?.id ?? '';
}

interface Pending {
  kind: 'unsaved' | 'overwrite';
  count: number;
  evaluator: string;
  round: Round;
  resolve: (ok: boolean) => void;
}

export function EntryView({ commands, lang, status, onChanged, files, onUnsavedInput }: ViewProps) {
  const styles = useStyles();
  const members = useMembers(commands, status);
  const memory = useRef(recall());
  const [step, setStep] = useState<Step>(memory.current?.step ?? 'self');
  const round: Round = step === 'review' ? 'self' : step;
  const [kind, setKind] = useState<Kind>(memory.current?.kind ?? 'member');
  const [memberId, setMemberId] = useState(memory.current?.memberId ?? '');
  const [code, setCode] = useState('');
  const [group, setGroup] = useState('');
  const [form, setForm] = useState<EntryForm | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(0);
  const [pending, setPending] = useState<Pending | null>(null);
  const [saved, setSaved] = useState<{ report: SaveFormReport; evaluator: string; round: Round } | null>(null);
  const [noNext, setNoNext] = useState(false);
  const progress = useAction(lang, (r: Round) => commands.getProgress(r));
  const open = useAction(lang, (r: Round, evaluator: string, g?: string) => commands.getEntryForm(r, evaluator, g));
  const saveAction = useAction(lang, (r: Round, evaluator: string, rows: FormRowInput[]) => commands.saveForm(r, evaluator, rows));
  const ballot = useAction(lang, (r: Round, evaluator: string, g?: string) => commands.printBallot(r, evaluator, g));
  const pickerRef = useRef<HTMLSelectElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  useEffect(() => onUnsavedInput?.(form ? dirty : 0), [form, dirty, onUnsavedInput]);
  /** The box of the open form the cursor was last in: 继续填写 puts it back there. */
  const lastCell = useRef<HTMLElement | null>(null);
  /** The dialog's safe button (继续填写 / 取消): it takes the focus when the dialog opens. */
  const safeRef = useRef<HTMLButtonElement>(null);

  const effectiveKind: Kind = round === 'self' ? 'member' : round === 'mass' ? 'code' : kind;
  const evaluator = (effectiveKind === 'member' ? memberId : code).trim();
  // An anonymous ballot may cover one 党小组 only (peer ballots are collected per group meeting).
  const groupArg = effectiveKind === 'code' && group ? group : undefined;
  const groups = [...new Set(members.map((m) => m.group).filter(Boolean))];
  const proposedCode = progress.result?.round === 'mass' && round === 'mass' ? progress.result.nextBallotCode : '';
  const runProgress = progress.run;

  // Read again when the step or round changes, and after ballot files were collected (they add forms).
  const [filesMerged, setFilesMerged] = useState(0);
  useEffect(() => {
    if (step !== 'review') void runProgress(round);
  }, [step, round, runProgress, filesMerged]);
  const ballotFilesChanged = useCallback(() => {
    setFilesMerged((n) => n + 1);
    onChanged();
  }, [onChanged]);

  useEffect(() => remember({ step, memberId, kind }), [step, memberId, kind]);

  // A new year (or another workbook) makes an open form meaningless: close it.
  const year = status?.year ?? null;
  useEffect(() => {
    setForm(null);
    setSaved(null);
  }, [year]);

  // Propose the next free anonymous ballot code for the mass round (Q01, Q02, …), unless the user typed
  // their own evaluator (a representative's name stays until they change it).
  const proposed = useRef('');
  useEffect(() => {
    if (round !== 'mass' || !proposedCode) return;
    const previous = proposed.current;
    proposed.current = proposedCode;
    setCode((current) => (current === '' || current === previous ? proposedCode : current));
  }, [proposedCode, round]);

  const evaluatorLabel = useCallback(
    (id: string) => {
      const m = members.find((x) => x.id === id);
      return m ? `${m.name}（${m.id}）` : id;
    },
    [members],
  );

  const ask = (p: Omit<Pending, 'resolve'>) => new Promise<boolean>((resolve) => setPending({ ...p, resolve }));
  useEffect(() => {
    if (!pending) return;
    // After the dialog's own first focus (in a webview without layout it focuses its surface).
    const t = setTimeout(() => safeRef.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [pending]);
  /** Closes the question. The safe answer (继续填写 / 取消, Escape) puts the cursor back in the form where it was. */
  const answer = (p: Pending, choice: boolean) => {
    p.resolve(choice);
    setPending(null);
    if (choice) return;
    const cell = lastCell.current;
    // After the dialog has gone (it hands the focus back to what opened it first).
    if (cell) setTimeout(() => cell.isConnected && cell.focus(), 0);
  };

  /** Runs a change that would close the open form: at once when nothing is unsaved, else after asking. */
  const guarded = async (change: () => void) => {
    if (form && dirty > 0) {
      const ok = await ask({ kind: 'unsaved', count: dirty, evaluator: form.evaluator, round: form.round });
      if (!ok) return false;
    }
    setForm(null);
    setDirty(0);
    change();
    return true;
  };

  const openFor = async (r: Round, ev: string, g?: string) => {
    if (!ev) return;
    saveAction.reset();
    ballot.reset();
    setNoNext(false);
    const f = await open.run(r, ev, g);
    if (f) {
      setForm(f);
      setDirty(0);
      setFormKey((k) => k + 1);
    }
  };
  const openForm = async () => {
    if (await guarded(() => undefined)) await openFor(round, evaluator, groupArg);
  };

  const save = async (rows: FormRowInput[], next: boolean) => {
    if (!form) return;
    const existing = existingRows(form);
    if (existing > 0) {
      const ok = await ask({ kind: 'overwrite', count: existing, evaluator: form.evaluator, round: form.round });
      if (!ok) return;
    }
    const { round: r, evaluator: ev } = form;
    const report = await saveAction.run(r, ev, rows);
    if (!report) return;
    onChanged();
    setSaved({ report, evaluator: ev, round: r });
    setForm(null);
    setDirty(0);
    const after = await runProgress(r);
    if (!next) {
      (effectiveKind === 'member' ? pickerRef.current : codeRef.current)?.focus();
      return;
    }
    // 保存并录入下一张: the next evaluator still missing, its form open with the cursor in the first box.
    let following = '';
    if (effectiveKind === 'member') {
      following = nextMissingEvaluator(members, after ?? null, r, ev);
      if (following) setMemberId(following);
    } else {
      following = (r === 'mass' && after?.round === 'mass' && after.nextBallotCode) || nextCode(ev);
      if (following) setCode(following);
    }
    if (!following) {
      setNoNext(true);
      pickerRef.current?.focus();
      return;
    }
    await openFor(r, following, groupArg);
  };

  const formHeading = form
    ? text(lang, 'evaluatorHeading', { evaluator: form.round === 'self' || members.some((m) => m.id === form.evaluator) ? evaluatorLabel(form.evaluator) : form.evaluator, round: roundName(lang, form.round) })
    : '';

  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Field label={text(lang, 'round')}>
          <Select
            value={step}
            onChange={(_, d) => {
              const next = d.value as Step;
              if (next === step) return;
              void guarded(() => {
                setStep(next);
                setCode('');
                setSaved(null);
              });
            }}
          >
            {STEPS.map((r) => (
              <option key={r} value={r}>
                {r === 'review' ? text(lang, 'reviewStep') : roundName(lang, r)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {step === 'review' ? (
        <ReviewPanel commands={commands} lang={lang} status={status} onChanged={onChanged} members={members} />
      ) : (
        <>
          {round === 'peer' && (
            <Field label={text(lang, 'evaluatorKind')}>
              <RadioGroup
                className={styles.radios}
                value={kind}
                onChange={(_, d) => void guarded(() => setKind(d.value as Kind))}
                layout="horizontal"
              >
                <Radio value="member" label={{ children: text(lang, 'kindMember'), className: styles.radioLabel }} />
                <Radio value="code" label={{ children: text(lang, 'kindBallot'), className: styles.radioLabel }} />
              </RadioGroup>
            </Field>
          )}
          <div className={styles.row}>
            {effectiveKind === 'member' ? (
              <Field label={text(lang, 'evaluatorMember')} className={styles.grow}>
                <Select
                  ref={pickerRef}
                  value={memberId}
                  onChange={(_, d) => void guarded(() => setMemberId(d.value))}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.altKey) {
                      e.preventDefault();
                      void openForm();
                    }
                  }}
                >
                  <option value="">{text(lang, 'pickEvaluator')}</option>
                  {members.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.id} {m.name}
                      {m.group ? ` · ${m.group}` : ''}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : (
              <Field
                label={text(lang, 'evaluatorCode')}
                hint={round === 'mass' && proposedCode ? text(lang, 'proposedCode', { code: proposedCode }) : undefined}
                className={styles.grow}
              >
                <Input
                  ref={codeRef}
                  value={code}
                  onChange={(_, d) => {
                    const v = d.value;
                    void guarded(() => setCode(v));
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void openForm();
                    }
                  }}
                />
              </Field>
            )}
            {effectiveKind === 'code' && groups.length > 1 && (
              <Field label={text(lang, 'groupFilter')}>
                <Select value={group} onChange={(_, d) => void guarded(() => setGroup(d.value))}>
                  <option value="">{text(lang, 'allGroups')}</option>
                  {groups.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
          </div>
          <div className={styles.row}>
            <Button appearance="primary" disabled={!evaluator || open.busy} onClick={() => void openForm()}>
              {text(lang, 'openForm')}
            </Button>
            <Button disabled={!evaluator || ballot.busy} onClick={() => void ballot.run(round, evaluator, groupArg)}>
              {text(lang, 'printBallot')}
            </Button>
            {(open.busy || ballot.busy) && <Busy label={text(lang, 'working')} />}
          </div>
          <ErrorBar message={open.error ?? ballot.error ?? saveAction.error} />
          {ballot.result && <Note intent="success">{text(lang, 'ballotDone', { sheet: ballot.result })}</Note>}
          {saved && (
            <>
              <Note intent="success">
                {text(lang, 'savedFor', {
                  evaluator: saved.round === 'self' || members.some((m) => m.id === saved.evaluator) ? evaluatorLabel(saved.evaluator) : saved.evaluator,
                  round: roundName(lang, saved.round),
                  written: saved.report.written,
                  added: saved.report.added,
                  updated: saved.report.updated,
                })}
              </Note>
              {saved.report.problems.length > 0 && <ProblemList problems={saved.report.problems} lang={lang} />}
            </>
          )}
          {noNext && <Note intent="info">{text(lang, 'noNext')}</Note>}
          {form?.round === 'self' && form.evaluator && <PlanNote commands={commands} lang={lang} memberId={form.evaluator} />}
          {form && (
            <div
              onFocus={(e) => {
                if (e.target instanceof HTMLInputElement) lastCell.current = e.target;
              }}
            >
              <EntryTable
                key={formKey}
                form={form}
                lang={lang}
                heading={formHeading}
                evaluatorLabel={form.round === 'self' || members.some((m) => m.id === form.evaluator) ? evaluatorLabel(form.evaluator) : form.evaluator}
                onSave={(rows, next) => void save(rows, next)}
                saving={saveAction.busy}
                onDirty={setDirty}
              />
            </div>
          )}
          <ProgressPanel lang={lang} round={round} report={progress.result} busy={progress.busy} error={progress.error} members={members} />
        </>
      )}
      {step !== 'review' && <BallotFilesView commands={commands} lang={lang} status={status} onChanged={ballotFilesChanged} files={files} />}
      <Dialog open={pending !== null} onOpenChange={(_, d) => !d.open && pending && answer(pending, false)}>
        <DialogSurface>
          {pending && (
            <DialogBody>
              <DialogTitle>
                {pending.kind === 'overwrite'
                  ? text(lang, 'overwriteTitle', { evaluator: evaluatorLabel(pending.evaluator), rows: pending.count })
                  : text(lang, 'unsavedTitle', { count: pending.count })}
              </DialogTitle>
              <DialogContent>
                {pending.kind === 'overwrite'
                  ? text(lang, 'overwriteBody', { round: roundName(lang, pending.round) })
                  : text(lang, 'unsavedBody', { evaluator: evaluatorLabel(pending.evaluator) })}
              </DialogContent>
              {/* The safe choice comes first and has the focus: a habitual Enter keeps the scores. */}
              <DialogActions>
                <Button ref={safeRef} appearance="primary" onClick={() => answer(pending, false)}>
                  {pending.kind === 'overwrite' ? text(lang, 'cancel') : text(lang, 'keepEditing')}
                </Button>
                <Button onClick={() => answer(pending, true)}>
                  {pending.kind === 'overwrite' ? text(lang, 'overwrite') : text(lang, 'discard')}
                </Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </div>
  );
}

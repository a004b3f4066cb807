/**
 * 录入: pick a round and an evaluator, open the form listing exactly the members this evaluator scores,
 * type the scores, save once. Also the round's progress and a printable blank ballot.
 */
import { Button, Field, Input, Radio, RadioGroup, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { ROUNDS, type Round } from '../../domain/types';
import type { EntryForm, FormRowInput } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { roundName, text } from '../strings';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { BallotFilesView } from './BallotFilesView';
import { EntryGrid } from './EntryGrid';
import { PlanNote } from './PlanNote';
import { ProgressPanel } from './ProgressPanel';
import { useMembers } from './useMembers';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  grow: { flexGrow: 1, minWidth: '10em' },
});

type Kind = 'member' | 'code';

export function EntryView({ commands, lang, status, onChanged }: ViewProps) {
  const styles = useStyles();
  const members = useMembers(commands, status);
  const [round, setRound] = useState<Round>('self');
  const [kind, setKind] = useState<Kind>('member');
  const [memberId, setMemberId] = useState('');
  const [code, setCode] = useState('');
  const [group, setGroup] = useState('');
  const [form, setForm] = useState<EntryForm | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [progressVersion, setProgressVersion] = useState(0);
  const progress = useAction(lang, (r: Round) => commands.getProgress(r));
  const open = useAction(lang, (r: Round, evaluator: string, g?: string) => commands.getEntryForm(r, evaluator, g));
  const saveAction = useAction(lang, async (r: Round, evaluator: string, rows: FormRowInput[]) => {
    const report = await commands.saveForm(r, evaluator, rows);
    onChanged();
    setProgressVersion((v) => v + 1);
    return report;
  });
  const ballot = useAction(lang, (r: Round, evaluator: string, g?: string) => commands.printBallot(r, evaluator, g));

  const effectiveKind: Kind = round === 'self' ? 'member' : round === 'mass' ? 'code' : kind;
  const evaluator = (effectiveKind === 'member' ? memberId : code).trim();
  // An anonymous ballot may cover one 党小组 only (peer ballots are collected per group meeting).
  const groupArg = effectiveKind === 'code' && group ? group : undefined;
  const groups = [...new Set(members.map((m) => m.group).filter(Boolean))];
  const nextCode = progress.result?.round === 'mass' ? progress.result.nextBallotCode : '';
  const runProgress = progress.run;

  useEffect(() => {
    void runProgress(round);
  }, [round, runProgress, progressVersion]);

  // Propose the next free anonymous ballot code for the mass round (Q01, Q02, …), unless the user typed
  // their own evaluator (a representative's name stays until they change it).
  const proposed = useRef('');
  useEffect(() => {
    if (round !== 'mass' || !nextCode) return;
    const previous = proposed.current;
    proposed.current = nextCode;
    setCode((current) => (current === '' || current === previous ? nextCode : current));
  }, [nextCode, round]);

  const openForm = async () => {
    if (!evaluator) return;
    saveAction.reset();
    ballot.reset();
    const f = await open.run(round, evaluator, groupArg);
    if (f) {
      setForm(f);
      setFormKey((k) => k + 1);
    }
  };

  const evaluatorLabel = (id: string) => {
    const m = members.find((x) => x.id === id);
    return m ? `${m.name}（${m.id}）` : id;
  };

  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Field label={text(lang, 'round')}>
          <Select
            value={round}
            onChange={(_, d) => {
              if (d.value === round) return;
              setRound(d.value as Round);
              setForm(null);
              setCode('');
            }}
          >
            {ROUNDS.map((r) => (
              <option key={r} value={r}>
                {roundName(lang, r)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {round === 'peer' && (
        <Field label={text(lang, 'evaluatorKind')}>
          <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as Kind)} layout="horizontal">
            <Radio value="member" label={text(lang, 'kindMember')} />
            <Radio value="code" label={text(lang, 'kindBallot')} />
          </RadioGroup>
        </Field>
      )}
      <div className={styles.row}>
        {effectiveKind === 'member' ? (
          <Field label={text(lang, 'evaluatorMember')} className={styles.grow}>
            <Select value={memberId} onChange={(_, d) => setMemberId(d.value)}>
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
            hint={round === 'mass' && nextCode ? text(lang, 'proposedCode', { code: nextCode }) : undefined}
            className={styles.grow}
          >
            <Input
              value={code}
              onChange={(_, d) => setCode(d.value)}
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
            <Select value={group} onChange={(_, d) => setGroup(d.value)}>
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
      <ErrorBar message={open.error ?? ballot.error} />
      {ballot.result && <Note intent="success">{text(lang, 'ballotDone', { sheet: ballot.result })}</Note>}
      {form?.round === 'self' && form.evaluator && <PlanNote commands={commands} lang={lang} memberId={form.evaluator} />}
      {form && (
        <EntryGrid
          key={formKey}
          form={form}
          lang={lang}
          title={text(lang, 'formFor', {
            evaluator: form.evaluator && members.some((m) => m.id === form.evaluator) ? evaluatorLabel(form.evaluator) : form.evaluator,
            round: roundName(lang, form.round),
          })}
          save={(rows) => saveAction.run(form.round, form.evaluator, rows)}
          saving={saveAction.busy}
          saveError={saveAction.error}
          saved={saveAction.result}
        />
      )}
      <ProgressPanel lang={lang} round={round} report={progress.result} busy={progress.busy} error={progress.error} members={members} />
      <BallotFilesView commands={commands} lang={lang} status={status} onChanged={onChanged} />
      {!status?.installed && status && <Text>{text(lang, 'notInstalled')}</Text>}
    </div>
  );
}

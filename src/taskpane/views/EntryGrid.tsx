/**
 * One evaluator's form: a block per member, one score box per dimension with its maximum, a live total and
 * inline errors. Enter moves to the next box like Tab (across members), so a paper ballot can be typed
 * without the mouse; the last Enter lands on 保存.
 */
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Language, Problem } from '../../domain/types';
import type { EntryForm, FormMember, FormRowInput, SaveFormReport } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { checkScore, formatTenths } from '../scoreInput';
import { text } from '../strings';
import { ProblemList } from './ProblemList';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  member: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`,
    margin: '0',
    minWidth: '0',
  },
  legend: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  total: { display: 'block', textAlign: 'right', marginTop: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(76px, 1fr))',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  input: { width: '100%', minWidth: '0' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  actions: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    position: 'sticky',
    bottom: '0',
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `${tokens.spacingVerticalS} 0`,
    maxHeight: '45vh',
    overflowY: 'auto',
  },
});

type Values = Record<string, Record<string, string>>;

function initialValues(form: EntryForm): Values {
  const values: Values = {};
  for (const m of form.members) {
    values[m.id] = {};
    for (const d of m.dimensions) {
      const v = m.existing[d.name];
      values[m.id][d.name] = v === null || v === undefined ? '' : String(v);
    }
  }
  return values;
}

interface MemberState {
  total: string;
  errors: number;
  blanks: number;
  filled: number;
}

function memberState(m: FormMember, values: Record<string, string>): MemberState {
  let tenths = 0;
  let errors = 0;
  let blanks = 0;
  for (const d of m.dimensions) {
    const c = checkScore(values[d.name] ?? '', d.points);
    if (c.kind === 'ok') tenths += c.tenths;
    else if (c.kind === 'error') errors++;
    else blanks++;
  }
  return { total: formatTenths(tenths), errors, blanks, filled: m.dimensions.length - blanks };
}

export interface EntryGridProps {
  form: EntryForm;
  lang: Language;
  title: string;
  save: (rows: FormRowInput[]) => Promise<SaveFormReport | undefined>;
  saving: boolean;
  saveError: string | null;
  saved: SaveFormReport | null;
}

export function EntryGrid({ form, lang, title, save, saving, saveError, saved }: EntryGridProps) {
  const styles = useStyles();
  const [values, setValues] = useState<Values>(() => initialValues(form));
  const [attempted, setAttempted] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const states = useMemo(
    () => Object.fromEntries(form.members.map((m) => [m.id, memberState(m, values[m.id] ?? {})])),
    [form, values],
  );

  const inputs = () => Array.from(gridRef.current?.querySelectorAll<HTMLInputElement>('input[data-score]') ?? []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || !target.matches('input[data-score]') || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const all = inputs();
    const i = all.indexOf(target as HTMLInputElement);
    const next = e.shiftKey ? all[i - 1] : all[i + 1];
    if (next) next.focus();
    else if (!e.shiftKey) saveRef.current?.focus();
  };

  const onSave = async () => {
    setAttempted(true);
    let problems = 0;
    const rows: FormRowInput[] = [];
    for (const m of form.members) {
      const st = states[m.id];
      const hadExisting = m.dimensions.some((d) => m.existing[d.name] !== null && m.existing[d.name] !== undefined && m.existing[d.name] !== '');
      problems += st.errors + (st.filled > 0 && st.blanks > 0 ? 1 : 0);
      if (st.filled === 0 && !hadExisting) continue;
      const scores: FormRowInput['scores'] = {};
      for (const d of m.dimensions) {
        const c = checkScore(values[m.id][d.name] ?? '', d.points);
        scores[d.name] = c.kind === 'ok' ? c.tenths / 10 : null;
      }
      rows.push({ memberId: m.id, scores });
    }
    if (problems > 0) {
      setBlocked(text(lang, 'saveBlocked', { count: problems }));
      const firstBad = inputs().find((el) => el.getAttribute('aria-invalid') === 'true');
      firstBad?.focus();
      return;
    }
    if (rows.length === 0) {
      setBlocked(text(lang, 'nothingToSave'));
      return;
    }
    setBlocked(null);
    await save(rows);
  };

  if (form.members.length === 0) return <Note intent="info">{text(lang, 'formEmpty')}</Note>;

  return (
    <form
      className={styles.form}
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <Text size={200}>{text(lang, 'enterHint')}</Text>
      <div ref={gridRef} className={styles.form} onKeyDown={onKeyDown}>
        {form.members.map((m) => {
          const st = states[m.id];
          const incomplete = attempted && st.filled > 0 && st.blanks > 0;
          return (
            <fieldset key={m.id} className={styles.member}>
              <legend className={styles.legend}>
                <Text weight="semibold">{m.name}</Text>
                <Text size={200}>
                  {m.id}
                  {m.group ? ` · ${m.group}` : ''}
                </Text>
              </legend>
              <div className={styles.grid}>
                {m.dimensions.map((d) => {
                  const raw = values[m.id]?.[d.name] ?? '';
                  const c = checkScore(raw, d.points);
                  const message =
                    c.kind === 'error'
                      ? text(lang, c.key, { points: d.points })
                      : incomplete && c.kind === 'blank'
                        ? text(lang, 'errIncomplete', { count: st.blanks })
                        : undefined;
                  return (
                    <Field
                      key={d.name}
                      label={d.name}
                      hint={text(lang, 'maxPoints', { points: d.points })}
                      validationState={message ? 'error' : 'none'}
                      validationMessage={message}
                      size="small"
                    >
                      <Input
                        className={styles.input}
                        size="small"
                        inputMode="decimal"
                        autoComplete="off"
                        data-score={`${m.id}:${d.name}`}
                        value={raw}
                        onFocus={(e) => e.target.select()}
                        onChange={(_, data) =>
                          setValues((v) => ({ ...v, [m.id]: { ...v[m.id], [d.name]: data.value } }))
                        }
                      />
                    </Field>
                  );
                })}
              </div>
              <Text className={styles.total} aria-live="polite" data-total={m.id}>
                {text(lang, 'total', { total: st.total })}
              </Text>
            </fieldset>
          );
        })}
      </div>
      <div className={styles.actions}>
        <div className={styles.buttons}>
          <Button appearance="primary" type="submit" ref={saveRef} disabled={saving}>
            {text(lang, 'save')}
          </Button>
          {saving && <Busy label={text(lang, 'working')} />}
        </div>
        {blocked && <Note intent="warning">{blocked}</Note>}
        <ErrorBar message={saveError} />
        {saved && <SavedNote report={saved} lang={lang} />}
      </div>
    </form>
  );
}

function SavedNote({ report, lang }: { report: SaveFormReport; lang: Language }) {
  return (
    <>
      <Note intent="success">
        {text(lang, 'saved', { written: report.written, added: report.added, updated: report.updated })}
      </Note>
      {report.problems.length > 0 && (
        <>
          <Text weight="semibold">{text(lang, 'savedProblems')}</Text>
          <ProblemList problems={report.problems as Problem[]} lang={lang} level={2} />
        </>
      )}
    </>
  );
}

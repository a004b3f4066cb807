/**
 * One evaluator's form as the paper ballot prints it: a compact table, one row per member, the dimensions as
 * columns in the printed order. A dimension the member's category lacks is a "/" cell with no box, so Enter
 * (next box) and Shift+Enter (previous) skip it; the last Enter lands on 保存. Ctrl+Enter anywhere saves and
 * opens the next evaluator's form. The running 合计 shows "—（1处错误）" while a box is invalid. At 320 px the
 * table scrolls sideways inside its own region (the member column stays), never the page.
 */
import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Language } from '../../domain/types';
import type { EntryForm, FormMember, FormRowInput } from '../../workbook/commandTypes';
import { Busy, Note } from '../feedback';
import { checkScore, formatTenths } from '../scoreInput';
import { text, type StringKey } from '../../domain/texts/pane';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: '0' },
  scroll: {
    overflowX: 'auto',
    maxWidth: '100%',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, minWidth: '100%' },
  th: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'center',
    verticalAlign: 'bottom',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: 'normal',
    minWidth: '3.4em',
  },
  max: { display: 'block', fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  memberCell: {
    position: 'sticky',
    left: '0',
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  memberId: { display: 'block', fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  td: { padding: '2px', textAlign: 'center', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  slash: { color: tokens.colorNeutralForeground3 },
  input: {
    width: '3em',
    boxSizing: 'border-box',
    padding: '3px 2px',
    textAlign: 'center',
    fontSize: tokens.fontSizeBase300,
    fontFamily: tokens.fontFamilyBase,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusSmall,
    ':focus': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`, outlineOffset: '0' },
  },
  invalid: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  missing: { border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteMarigoldBorder2}` },
  total: { padding: `0 ${tokens.spacingHorizontalXS}`, textAlign: 'right', whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  totalBad: { color: tokens.colorPaletteRedForeground1 },
  errors: { margin: '0', paddingLeft: tokens.spacingHorizontalL, color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  bar: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    position: 'sticky',
    bottom: '0',
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3 },
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

interface RowState {
  tenths: number;
  errors: number;
  blanks: number;
  filled: number;
}

function rowState(m: FormMember, values: Record<string, string>): RowState {
  let tenths = 0;
  let errors = 0;
  let blanks = 0;
  for (const d of m.dimensions) {
    const c = checkScore(values[d.name] ?? '', d.points);
    if (c.kind === 'ok') tenths += c.tenths;
    else if (c.kind === 'error') errors++;
    else blanks++;
  }
  return { tenths, errors, blanks, filled: m.dimensions.length - blanks };
}

/** Members with a value already saved by this evaluator (the rows a save would overwrite). */
export function existingRows(form: EntryForm): number {
  return form.members.filter((m) => m.dimensions.some((d) => m.existing[d.name] !== null && m.existing[d.name] !== undefined && m.existing[d.name] !== '')).length;
}

export interface EntryTableProps {
  form: EntryForm;
  lang: Language;
  /** 评价人：汪红勇（001）· 党员互评 — shown as the heading and again in the save bar. */
  heading: string;
  /** Label of the evaluator alone (汪红勇（001）), for the table's name. */
  evaluatorLabel: string;
  /** Called with the rows to save; `next` for 保存并录入下一张. */
  onSave: (rows: FormRowInput[], next: boolean) => void;
  saving: boolean;
  /** Number of boxes that differ from what was loaded (so the view can ask before throwing them away). */
  onDirty: (count: number) => void;
}

export function EntryTable({ form, lang, heading, evaluatorLabel, onSave, saving, onDirty }: EntryTableProps) {
  const styles = useStyles();
  const initial = useMemo(() => initialValues(form), [form]);
  const [values, setValues] = useState<Values>(initial);
  const [attempted, setAttempted] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const states = useMemo(() => Object.fromEntries(form.members.map((m) => [m.id, rowState(m, values[m.id] ?? {})])), [form, values]);
  const idBase = `kp-form-${form.round}`;

  const dirty = useMemo(() => {
    let n = 0;
    for (const m of form.members) for (const d of m.dimensions) if ((values[m.id]?.[d.name] ?? '') !== (initial[m.id]?.[d.name] ?? '')) n++;
    return n;
  }, [form, values, initial]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  useEffect(() => () => onDirty(0), [onDirty]);

  const inputs = () => Array.from(tableRef.current?.querySelectorAll<HTMLInputElement>('input[data-score]') ?? []);
  // A form that opens puts the cursor in its first box.
  useEffect(() => {
    inputs()[0]?.focus();
  }, []);

  const submit = (next: boolean) => {
    setAttempted(true);
    let problems = 0;
    const rows: FormRowInput[] = [];
    for (const m of form.members) {
      const st = states[m.id];
      const hadExisting = m.dimensions.some((d) => m.existing[d.name] !== null && m.existing[d.name] !== undefined && m.existing[d.name] !== '');
      problems += st.errors + (st.filled > 0 && st.blanks > 0 ? st.blanks : 0);
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
      inputs().find((el) => el.getAttribute('aria-invalid') === 'true')?.focus();
      return;
    }
    if (rows.length === 0) {
      setBlocked(text(lang, 'nothingToSave'));
      return;
    }
    setBlocked(null);
    onSave(rows, next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.nativeEvent.isComposing || e.key !== 'Enter') return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      if (!saving) submit(true);
      return;
    }
    const target = e.target as HTMLElement;
    if (!target.matches('input[data-score]')) return;
    e.preventDefault();
    const all = inputs();
    const i = all.indexOf(target as HTMLInputElement);
    const next = e.shiftKey ? all[i - 1] : all[i + 1];
    if (next) next.focus();
    else if (!e.shiftKey) saveRef.current?.focus();
  };

  if (form.members.length === 0) return <Note intent="info">{text(lang, 'formEmpty')}</Note>;

  const errorItems: { id: string; message: string }[] = [];
  const columns = form.columns;
  return (
    <form
      className={styles.form}
      aria-labelledby={`${idBase}-heading`}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        if (!saving) submit(false);
      }}
    >
      <Text as="h2" id={`${idBase}-heading`} weight="semibold" size={300} className={styles.heading} data-form-heading>
        {heading}
      </Text>
      <Text size={200} className={styles.hint}>
        {text(lang, 'entryKeysHint')}
      </Text>
      <div className={styles.scroll} role="region" tabIndex={0} aria-label={text(lang, 'table', { evaluator: evaluatorLabel })}>
        <table className={styles.table} ref={tableRef}>
          <thead>
            <tr>
              <th className={styles.memberCell} scope="col">
                {text(lang, 'colName')}
              </th>
              {columns.map((c) => {
                const points = Math.max(0, ...form.members.map((m) => m.dimensions.find((d) => d.name === c)?.points ?? 0));
                return (
                  <th key={c} className={styles.th} scope="col">
                    {c}
                    <span className={styles.max}>{text(lang, 'maxShort', { points })}</span>
                  </th>
                );
              })}
              <th className={styles.th} scope="col">
                {text(lang, 'totalHeader')}
              </th>
            </tr>
          </thead>
          <tbody>
            {form.members.map((m) => {
              const st = states[m.id];
              const incomplete = attempted && st.filled > 0 && st.blanks > 0;
              return (
                <tr key={m.id}>
                  <th className={styles.memberCell} scope="row">
                    {m.name}
                    <span className={styles.memberId}>{m.id}</span>
                  </th>
                  {columns.map((c) => {
                    const d = m.dimensions.find((x) => x.name === c);
                    if (!d)
                      return (
                        <td key={c} className={mergeClasses(styles.td, styles.slash)} title={text(lang, 'notInCategory', { category: m.category })}>
                          <span aria-label={text(lang, 'notInCategory', { category: m.category })}>/</span>
                        </td>
                      );
                    const raw = values[m.id]?.[d.name] ?? '';
                    const check = checkScore(raw, d.points);
                    const errorId = `${idBase}-err-${m.id}-${columns.indexOf(c)}`;
                    const message =
                      check.kind === 'error'
                        ? text(lang, check.key as StringKey, { points: d.points })
                        : incomplete && check.kind === 'blank'
                          ? text(lang, 'errIncomplete', { count: st.blanks })
                          : undefined;
                    if (message) errorItems.push({ id: errorId, message: `${m.name} ${d.name}：${message}` });
                    return (
                      <td key={c} className={styles.td}>
                        <input
                          className={mergeClasses(styles.input, check.kind === 'error' && styles.invalid, message && check.kind === 'blank' && styles.missing)}
                          inputMode="decimal"
                          autoComplete="off"
                          aria-label={text(lang, 'dimension', { name: m.name, dimension: d.name })}
                          aria-describedby={message ? errorId : undefined}
                          aria-invalid={check.kind === 'error' || Boolean(message) ? true : undefined}
                          title={text(lang, 'maxPoints', { points: d.points })}
                          data-score={`${m.id}:${d.name}`}
                          value={raw}
                          onFocus={(e) => e.target.select()}
                          onChange={(e) => {
                            const v = e.target.value;
                            setValues((prev) => ({ ...prev, [m.id]: { ...prev[m.id], [d.name]: v } }));
                          }}
                        />
                      </td>
                    );
                  })}
                  <td className={mergeClasses(styles.td, styles.total, st.errors > 0 && styles.totalBad)} data-total={m.id} aria-live="polite">
                    {st.errors > 0 ? text(lang, 'totalErrors', { count: st.errors }) : formatTenths(st.tenths)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {errorItems.length > 0 && (
        <ul className={styles.errors} aria-label={text(lang, 'errors')}>
          {errorItems.map((e) => (
            <li key={e.id} id={e.id}>
              {e.message}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.bar}>
        <Text size={200} weight="semibold" data-save-bar-evaluator>
          {heading}
        </Text>
        <div className={styles.buttons}>
          <Button appearance="primary" type="submit" ref={saveRef} disabled={saving}>
            {text(lang, 'save')}
          </Button>
          <Button disabled={saving} onClick={() => submit(true)} aria-keyshortcuts="Control+Enter" title={text(lang, 'saveNextKey')}>
            {text(lang, 'saveNext')}
          </Button>
          {saving && <Busy label={text(lang, 'working')} />}
        </div>
        {blocked && <Note intent="warning">{blocked}</Note>}
      </div>
    </form>
  );
}

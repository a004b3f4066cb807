/**
 * 第四步 支部审定 in 录入: pick a member, list their bonus items (事项, 分值, 依据; the cap and whether deductions
 * are allowed shown above), record 一票否决 是/否 with 事由 and 审定意见, validated inline, saved in one batch
 * (saveMemberReview writes kp_Bonus and kp_Review together). Drafts are kept per member, so switching members
 * loses nothing typed.
 */
import { Button, Field, Input, Select, Switch, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Language } from '../../domain/types';
import type { KaopingCommands, MemberReviewInput, ReviewData, RosterEntry, WorkbookStatus } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { toHalfWidth } from '../scoreInput';
import { text } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import { ProblemList } from './ProblemList';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h2: { margin: '0' },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 5em',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    margin: '0',
    minWidth: '0',
  },
  wide: { gridColumn: '1 / -1', minWidth: '0' },
  // Grid items and inputs shrink to the 320 px pane (an <input> is ~20 characters wide by default).
  cell: { minWidth: '0' },
  full: { width: '100%', minWidth: '0' },
  legend: { padding: `0 ${tokens.spacingHorizontalXS}`, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

interface Draft {
  items: { item: string; points: string; basis: string }[];
  veto: boolean;
  reason: string;
  opinion: string;
}

function draftOf(data: ReviewData | null, memberId: string): Draft {
  const items = (data?.bonus ?? []).filter((b) => b.memberId === memberId).map((b) => ({ item: b.item, points: String(b.points ?? ''), basis: b.basis }));
  const r = data?.review.find((x) => x.memberId === memberId);
  const veto = r ? /^(是|y|yes|1|true)$/i.test(r.veto.trim()) || (r.veto.trim() !== '' && !/^(否|n|no|0|false)$/i.test(r.veto.trim())) : false;
  return { items, veto, reason: r?.reason ?? '', opinion: r?.opinion ?? '' };
}

/** Points as tenths, or the key of the inline error. */
function pointsCheck(raw: string, allowDeductions: boolean): { tenths: number } | { error: 'errPoints' | 'errPositive' | 'errZero' } {
  const s = toHalfWidth(raw);
  if (!/^-?\d+(\.\d)?$/.test(s)) return { error: 'errPoints' };
  const tenths = Math.round(Number(s) * 10);
  if (tenths === 0) return { error: 'errZero' };
  if (tenths < 0 && !allowDeductions) return { error: 'errPositive' };
  return { tenths };
}

function tenthsText(t: number): string {
  const sign = t < 0 ? '-' : '';
  const a = Math.abs(t);
  return a % 10 === 0 ? `${sign}${a / 10}` : `${sign}${Math.floor(a / 10)}.${a % 10}`;
}

export function ReviewPanel({
  commands,
  lang,
  status,
  onChanged,
  members,
}: {
  commands: KaopingCommands;
  lang: Language;
  status: WorkbookStatus | null;
  onChanged: () => void;
  members: readonly RosterEntry[];
}) {
  const styles = useStyles();
  const load = useAction(lang, () => commands.getReview());
  const save = useAction(lang, (id: string, input: MemberReviewInput) => commands.saveMemberReview(id, input));
  const [memberId, setMemberId] = useState('');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [attempted, setAttempted] = useState(false);
  const [savedFor, setSavedFor] = useState<{ id: string; items: number } | null>(null);
  const runLoad = load.run;
  const year = status?.year ?? null;
  useEffect(() => {
    void runLoad();
    setDrafts({});
  }, [runLoad, year]);
  const data = load.result;
  const draft = memberId ? (drafts[memberId] ?? draftOf(data, memberId)) : null;
  const setDraft = (d: Draft) => setDrafts((all) => ({ ...all, [memberId]: d }));
  const allow = data?.allowDeductions ?? false;
  const cap = data?.bonusCap ?? null;
  const nameOf = (id: string) => {
    const m = members.find((x) => x.id === id);
    return m ? `${m.name}（${m.id}）` : id;
  };

  const checks = useMemo(() => (draft ? draft.items.map((i) => ({ item: i.item.trim() === '', points: pointsCheck(i.points, allow) })) : []), [draft, allow]);
  const errors = checks.filter((c) => c.item || 'error' in c.points).length + (draft?.veto && draft.reason.trim() === '' ? 1 : 0);
  const sum = checks.reduce((s, c) => s + ('tenths' in c.points ? c.points.tenths : 0), 0);
  const summary = useMemo(() => {
    if (!data) return null;
    const bonus = new Set(data.bonus.map((b) => b.memberId)).size;
    const veto = data.review.filter((r) => draftOf(data, r.memberId).veto).length;
    return { bonus, veto };
  }, [data]);

  const onSave = async () => {
    if (!draft) return;
    setAttempted(true);
    if (errors > 0) return;
    const input: MemberReviewInput = {
      bonus: draft.items.map((i) => ({ item: i.item.trim(), points: toHalfWidth(i.points), basis: i.basis.trim() })),
      review: { veto: draft.veto, reason: draft.reason.trim(), opinion: draft.opinion.trim() },
    };
    const report = await save.run(memberId, input);
    if (report && report.problems.length === 0) {
      setSavedFor({ id: memberId, items: report.bonusRows });
      setDrafts((all) => {
        const next = { ...all };
        delete next[memberId];
        return next;
      });
      setAttempted(false);
      onChanged();
      await runLoad();
    }
  };

  return (
    <section className={styles.stack} aria-labelledby="kp-review-title">
      <Text as="h2" id="kp-review-title" weight="semibold" size={300} className={styles.h2}>
        {text(lang, 'fourthStep')}
      </Text>
      {load.busy && !data && <Busy label={text(lang, 'loading')} />}
      <ErrorBar message={load.error} />
      {summary && <Text size={200}>{text(lang, 'reviewSummary', summary)}</Text>}
      <Field label={text(lang, 'member')}>
        <Select
          value={memberId}
          onChange={(_, d) => {
            setMemberId(d.value);
            setAttempted(false);
            setSavedFor(null);
            save.reset();
          }}
        >
          <option value="">{text(lang, 'pickMember')}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id} {m.name}
              {drafts[m.id] ? ' *' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {savedFor && <Note intent="success">{text(lang, 'reviewSaved', { member: nameOf(savedFor.id), items: savedFor.items })}</Note>}
      {draft && data && (
        <form
          noValidate
          className={styles.stack}
          aria-label={`${text(lang, 'fourthStep')} · ${nameOf(memberId)}`}
          onSubmit={(e) => {
            e.preventDefault();
            void onSave();
          }}
        >
          <Text weight="semibold">{text(lang, 'bonusItems')}</Text>
          <Text size={200} className={styles.muted}>
            {text(lang, 'bonusRules', {
              cap: cap === null ? text(lang, 'noCap') : text(lang, 'cap', { cap }),
              deductions: allow ? text(lang, 'deductionsAllowed') : text(lang, 'deductionsNotAllowed'),
            })}
          </Text>
          {draft.items.length === 0 && <Text size={200}>{text(lang, 'noBonus')}</Text>}
          {draft.items.map((item, i) => {
            const c = checks[i];
            const itemError = attempted && c.item ? text(lang, 'errItem') : undefined;
            const pointsError = (attempted || item.points !== '') && 'error' in c.points ? text(lang, c.points.error) : undefined;
            const update = (patch: Partial<Draft['items'][number]>) => setDraft({ ...draft, items: draft.items.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <fieldset key={i} className={styles.item}>
                <legend className={styles.legend}>{text(lang, 'bonusRow', { n: i + 1 })}</legend>
                <Field className={styles.cell} label={text(lang, 'bonusItem')} validationMessage={itemError} validationState={itemError ? 'error' : 'none'}>
                  <Input className={styles.full} size="small" value={item.item} onChange={(_, d) => update({ item: d.value })} />
                </Field>
                <Field className={styles.cell} label={text(lang, 'bonusPoints')} validationMessage={pointsError} validationState={pointsError ? 'error' : 'none'}>
                  <Input className={styles.full} size="small" inputMode="decimal" value={item.points} onChange={(_, d) => update({ points: d.value })} />
                </Field>
                <Field label={text(lang, 'bonusBasis')} className={styles.wide}>
                  <Input className={styles.full} size="small" value={item.basis} onChange={(_, d) => update({ basis: d.value })} />
                </Field>
                <div className={styles.wide}>
                  <Button size="small" onClick={() => setDraft({ ...draft, items: draft.items.filter((_, j) => j !== i) })}>
                    {text(lang, 'removeBonus', { n: i + 1 })}
                  </Button>
                </div>
              </fieldset>
            );
          })}
          <div className={styles.row}>
            <Button size="small" onClick={() => setDraft({ ...draft, items: [...draft.items, { item: '', points: '', basis: '' }] })}>
              {text(lang, 'addBonus')}
            </Button>
            {draft.items.length > 0 && (
              <Text size={200} className={cap !== null && sum > cap * 10 ? styles.bad : undefined} aria-live="polite">
                {cap !== null && sum > cap * 10 ? text(lang, 'bonusCapped', { sum: tenthsText(sum), cap }) : text(lang, 'bonusSum', { sum: tenthsText(sum) })}
              </Text>
            )}
          </div>
          <Switch
            checked={draft.veto}
            onChange={(_, d) => setDraft({ ...draft, veto: d.checked })}
            label={`${text(lang, 'veto')}：${draft.veto ? text(lang, 'vetoYes') : text(lang, 'vetoNo')}`}
          />
          {(() => {
            const reasonError = attempted && draft.veto && draft.reason.trim() === '' ? text(lang, 'errReason') : undefined;
            return (
              <Field label={text(lang, 'vetoReason')} validationMessage={reasonError} validationState={reasonError ? 'error' : 'none'} required={draft.veto}>
                <Input className={styles.full} size="small" value={draft.reason} onChange={(_, d) => setDraft({ ...draft, reason: d.value })} />
              </Field>
            );
          })()}
          <Field label={text(lang, 'opinion')}>
            <Textarea className={styles.full} size="small" resize="vertical" value={draft.opinion} onChange={(_, d) => setDraft({ ...draft, opinion: d.value })} />
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" type="submit" disabled={save.busy}>
              {text(lang, 'saveReview')}
            </Button>
            {save.busy && <Busy label={text(lang, 'working')} />}
          </div>
          {attempted && errors > 0 && <Note intent="warning">{text(lang, 'saveBlocked', { count: errors })}</Note>}
          <ErrorBar message={save.error} />
          {save.result && save.result.problems.length > 0 && (
            <>
              <Text weight="semibold">{text(lang, 'reviewProblems')}</Text>
              <ProblemList problems={save.result.problems} lang={lang} />
            </>
          )}
        </form>
      )}
    </section>
  );
}

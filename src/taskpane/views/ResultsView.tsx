/** 结果: compute() and show the summary counts, a small distribution chart and who needs attention. */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ComputeReport } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { formatTime, statusName, text, type Params, type StringKey } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { DistributionBars } from './DistributionBars';
import { NotScoredNote, useRubricCategories } from './NotScoredNote';
import { ScoreSheetList } from './ScoreSheetList';
import { StaleSheetsNote } from './StaleSheetsNote';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  counts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(86px, 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: '0',
  },
  count: {
    display: 'flex',
    flexDirection: 'column-reverse',
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  countLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  countValue: { margin: '0', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  list: { margin: '0', paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  h2: { margin: '0' },
});

const COUNTS: { key: keyof ComputeReport['summary']; label: StringKey }[] = [
  { key: 'members', label: 'sumMembers' },
  { key: 'eligible', label: 'sumEligible' },
  { key: 'belowEligible', label: 'sumUnder90' },
  { key: 'belowAdmonish', label: 'sumUnder60' },
  { key: 'vetoed', label: 'sumVetoed' },
  { key: 'incomplete', label: 'sumIncomplete' },
  { key: 'invalid', label: 'sumInvalid' },
  { key: 'exempt', label: 'sumExempt' },
];

export function ResultsView({ commands, lang, status, onChanged, onAddCategory, fileOut }: ViewProps) {
  const styles = useStyles();
  const categories = useRubricCategories(commands, status);
  const compute = useAction(lang, async () => {
    const r = await commands.compute();
    onChanged();
    return r;
  });
  const report = compute.result;
  // The thresholds are settings (kp_Settings); the labels say the numbers the workbook uses.
  const [thresholds, setThresholds] = useState({ eligible: 90, admonish: 60 });
  useEffect(() => {
    let live = true;
    commands
      .getSettings()
      .then((s) => {
        const num = (key: string, fallback: number) => {
          const v = Number(s.items.find((i) => i.key === key)?.value);
          return Number.isFinite(v) && v > 0 ? v : fallback;
        };
        if (live) setThresholds({ eligible: num('eligibleThreshold', 90), admonish: num('admonishThreshold', 60) });
      })
      .catch((e) => console.error(e)); // the defaults are shown instead
    return () => {
      live = false;
    };
  }, [commands]);
  const countParams = (key: StringKey): Params =>
    key === 'sumUnder90' ? { points: thresholds.eligible } : key === 'sumUnder60' ? { points: thresholds.admonish } : {};
  const attention = report?.evaluation.members.filter((m) => m.status === 'incomplete' || m.status === 'invalid') ?? [];
  return (
    <div className={styles.stack}>
      <NotScoredNote lang={lang} members={status?.roster ?? []} categories={categories} onAddCategory={onAddCategory} />
      {status?.resultsStale && !compute.busy && <Note intent="warning">{text(lang, 'staleResults')}</Note>}
      <StaleSheetsNote lang={lang} status={status} />
      {status?.computedAt && !report && <Text size={200}>{text(lang, 'computedAt', { time: formatTime(status.computedAt) })}</Text>}
      <div className={styles.row}>
        <Button appearance="primary" disabled={compute.busy} onClick={() => void compute.run()}>
          {text(lang, 'compute')}
        </Button>
        {compute.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={compute.error} />
      {report && (
        <>
          <Note intent="success">{text(lang, 'computedDone', { time: formatTime(report.computedAt) })}</Note>
          <section aria-labelledby="kp-summary-title">
            <Text as="h2" id="kp-summary-title" weight="semibold" size={300} className={styles.h2}>
              {text(lang, 'summary')}
            </Text>
            <dl className={styles.counts}>
              {COUNTS.map((c) => (
                <div key={c.key} className={styles.count} data-count={c.key}>
                  <dd className={styles.countValue}>{report.summary[c.key]}</dd>
                  <dt className={styles.countLabel}>{text(lang, c.label, countParams(c.label))}</dt>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="kp-dist-title">
            <Text as="h2" id="kp-dist-title" weight="semibold" size={300} className={styles.h2}>
              {text(lang, 'distribution')}
            </Text>
            <DistributionBars lang={lang} buckets={report.distribution} />
          </section>
          {attention.length > 0 && (
            <section aria-labelledby="kp-attention-title">
              <Text as="h2" id="kp-attention-title" weight="semibold" size={300} className={styles.h2}>
                {text(lang, 'needsAttention')}
              </Text>
              <ul className={styles.list}>
                {attention.map((m) => (
                  <li key={m.id}>
                    {m.name}（{m.id}）{statusName(lang, m.status)}
                    {m.notes ? `：${m.notes}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <ScoreSheetList commands={commands} lang={lang} members={report.evaluation.members} onChanged={onChanged} fileOut={fileOut} />
          {report.postingAllowed ? (
            <Note intent="info">{text(lang, 'postingReady')}</Note>
          ) : (
            <Note intent="warning">
              {text(lang, 'postingBlocked')}
              <ul className={styles.list}>
                {report.postingBlockedReasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </Note>
          )}
        </>
      )}
    </div>
  );
}

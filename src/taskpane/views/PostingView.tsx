/** 公示: posting period, phone and order, then makePostingSheet; explains why when it is refused. */
import { Button, Field, Input, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PostingOptions, PostingReport } from '../../workbook/commandTypes';
import { dt } from '../../domain/texts/paneDerived';
import { Busy, ErrorBar, Note } from '../feedback';
import { text } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { StaleSheetsNote } from './StaleSheetsNote';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  list: { margin: '0', paddingLeft: tokens.spacingHorizontalL },
});

/** Reads posting defaults from the settings, whatever their keys are called, by label. */
function settingValue(items: { key: string; label: string; value: unknown }[], ...names: string[]): string {
  const item = items.find((i) => names.some((n) => i.key === n || i.label === n));
  return item && item.value !== null && item.value !== undefined ? String(item.value) : '';
}

export function PostingView({ commands, lang, status, onChanged }: ViewProps) {
  const styles = useStyles();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [phone, setPhone] = useState('');
  const [order, setOrder] = useState<PostingOptions['order']>('rank');
  const [settingsPhone, setSettingsPhone] = useState<string | null>(null);
  const [phoneRemembered, setPhoneRemembered] = useState(false);
  // recompute: the results were stale, the secretary chose to compute first (and is told so).
  const make = useAction(lang, async (options: PostingOptions, recompute: boolean): Promise<PostingReport & { recomputed: boolean }> => {
    // A phone typed here is kept in 考评参数 (监督电话), so next year's posting has it (new year keeps settings).
    const typed = options.phone ?? '';
    if (typed !== '' && settingsPhone !== null && typed !== settingsPhone) {
      const problems = await commands.saveSettings({ phone: typed });
      if (!problems.some((p) => p.severity === 'error')) {
        setSettingsPhone(typed);
        setPhoneRemembered(true);
      }
    }
    if (recompute) await commands.compute();
    const r = await commands.makePostingSheet(options);
    onChanged();
    return { ...r, recomputed: recompute };
  });

  useEffect(() => {
    let live = true;
    commands
      .getSettings()
      .then((s) => {
        if (!live) return;
        const isoDate = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
        setStart((v) => v || isoDate(settingValue(s.items, 'postingStart', '公示开始日期')));
        setEnd((v) => v || isoDate(settingValue(s.items, 'postingEnd', '公示结束日期')));
        setPhone((v) => v || settingValue(s.items, 'phone', '监督电话'));
        setSettingsPhone(settingValue(s.items, 'phone', '监督电话'));
      })
      .catch((e) => console.error(e)); // defaults only; the form works without them
    return () => {
      live = false;
    };
  }, [commands]);

  const dateError = start && end && end < start ? text(lang, 'errDateOrder') : undefined;
  const report = make.result;
  const options = (): PostingOptions => ({ order, periodStart: start || undefined, periodEnd: end || undefined, phone: phone.trim() || undefined });
  return (
    <div className={styles.stack}>
      <Note intent="info">{text(lang, 'postingNote')}</Note>
      <StaleSheetsNote lang={lang} status={status} />
      <div className={styles.row}>
        <Field label={text(lang, 'periodStart')}>
          <Input type="date" value={start} onChange={(_, d) => setStart(d.value)} />
        </Field>
        <Field label={text(lang, 'periodEnd')} validationMessage={dateError} validationState={dateError ? 'error' : 'none'}>
          <Input type="date" value={end} onChange={(_, d) => setEnd(d.value)} />
        </Field>
      </div>
      <Field label={text(lang, 'phone')}>
        <Input type="tel" value={phone} onChange={(_, d) => setPhone(d.value)} />
      </Field>
      <Field label={text(lang, 'order')}>
        <RadioGroup value={order} onChange={(_, d) => setOrder(d.value as PostingOptions['order'])} layout="horizontal" style={{ flexWrap: 'wrap' }}>
          <Radio value="rank" label={{ children: text(lang, 'orderRank'), style: { whiteSpace: 'nowrap' } }} />
          <Radio value="roster" label={{ children: text(lang, 'orderRoster'), style: { whiteSpace: 'nowrap' } }} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={make.busy || Boolean(dateError)}
          onClick={() => void make.run(options(), false)}
        >
          {text(lang, 'makePosting')}
        </Button>
        {make.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={make.error} />
      {report &&
        (report.created ? (
          <Note intent="success">
            {report.recomputed && <div>{dt(lang, 'recomputed')}</div>}
            {text(lang, 'postingDone', { sheets: (report.sheets ?? [report.sheet]).join('、'), rows: report.rows })}
            <div className={styles.row}>
              {(report.sheets ?? [report.sheet]).map((s) => (
                <Button key={s} size="small" appearance="subtle" onClick={() => void commands.selectCell(s, 'A1').catch((e) => console.error(e))}>
                  {text(lang, 'goToSheet', { sheet: s })}
                </Button>
              ))}
            </div>
            {text(lang, 'postingPrintHint')}
            {phoneRemembered && <div>{text(lang, 'phoneRemembered')}</div>}
          </Note>
        ) : (
          <Note intent="warning">
            {text(lang, 'postingRefused')}
            <ul className={styles.list}>
              {report.blockedReasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            {report.resultsStale && (
              <Button size="small" disabled={make.busy || Boolean(dateError)} onClick={() => void make.run(options(), true)}>
                {dt(lang, 'recomputeAndPost')}
              </Button>
            )}
          </Note>
        ))}
    </div>
  );
}

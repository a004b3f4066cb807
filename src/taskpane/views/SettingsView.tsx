/**
 * 设置: kp_Settings items in groups (基本信息 / 计分规则 / 评定结果文字 / 公示), each with the control that fits
 * it (a switch for 是/否, radios for 分项/合计, number boxes, date pickers, text) and its help text under it;
 * the rubric editor; the pane's language; the self-test link (for support). A save keeps the valid fields and
 * names the ones it did not save.
 */
import { Button, Field, Input, Link, Radio, RadioGroup, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { SETTING_ITEMS, type SettingKey } from '../../domain/settings';
import type { Language, Problem } from '../../domain/types';
import type { SettingsView as Settings } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { joinList, text, type StringKey } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { ProblemList } from './ProblemList';
import { RubricEditor } from './RubricEditor';
import { SchemePanel } from './SchemePanel';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  items: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`,
    margin: '0',
    minWidth: '0',
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  radios: { flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  nowrap: { whiteSpace: 'nowrap' },
  number: { maxWidth: '8em' },
  h2: { margin: '0' },
  footer: { textAlign: 'right' },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

type Draft = Record<string, string>;
type Kind = (typeof SETTING_ITEMS)[number]['kind'];

const GROUPS: { key: StringKey; items: SettingKey[] }[] = [
  { key: 'groupBasic', items: ['year', 'branch'] },
  {
    key: 'groupRules',
    items: ['weights.self', 'weights.peer', 'weights.mass', 'entryMode.self', 'entryMode.peer', 'entryMode.mass', 'trimPeer', 'trimMass', 'trimMinForms', 'bonusCap', 'allowDeductions', 'eligibleThreshold', 'admonishThreshold'],
  },
  { key: 'groupLabels', items: ['labels.eligible', 'labels.notEligible', 'labels.admonish', 'labels.incomplete', 'labels.exempt', 'labels.invalid'] },
  { key: 'groupPosting', items: ['postingStart', 'postingEnd', 'phone'] },
];

const META = new Map(SETTING_ITEMS.map((i) => [i.key as string, i]));

/** A cell value as the control edits it: 是/否 as "true"/"false", 分项/合计 as "dimensions"/"total", dates as yyyy-mm-dd. */
function toDraftValue(kind: Kind | undefined, v: string | number | boolean | null): string {
  if (v === null || v === undefined) return '';
  if (kind === 'yesNo') return /^(是|y|yes|1|true)$/i.test(String(v).trim()) ? 'true' : 'false';
  if (kind === 'entryMode') return /^(合计|total)$/i.test(String(v).trim()) ? 'total' : 'dimensions';
  if (kind === 'date' && typeof v === 'number' && v > 20000 && v < 80000) {
    const d = new Date(Date.UTC(1899, 11, 30) + v * 86400000);
    return d.toISOString().slice(0, 10);
  }
  return String(v);
}

function toDraft(s: Settings): Draft {
  return Object.fromEntries(s.items.map((i) => [i.key, toDraftValue(META.get(i.key)?.kind, i.value)]));
}

/** The draft value as saveSettings takes it. */
function toValue(kind: Kind | undefined, now: string): string | number | boolean | null {
  if (now.trim() === '') return null;
  if (kind === 'yesNo') return now === 'true';
  if (kind === 'entryMode') return now === 'total' ? '合计' : '分项';
  if ((kind === 'year' || kind === 'weight' || kind === 'minForms' || kind === 'cap' || kind === 'threshold') && /^-?\d+(\.\d+)?$/.test(now.trim())) return Number(now);
  return now;
}

interface SaveOutcome {
  saved: string[];
  failed: { label: string; problems: Problem[] }[];
}

export function SettingsView({
  commands,
  lang,
  onChanged,
  onLanguage,
  onNavigate,
  categoryRequest,
}: ViewProps & { onLanguage: (l: Language) => void; categoryRequest?: { category: string; n: number } | null }) {
  const styles = useStyles();
  const load = useAction(lang, () => commands.getSettings());
  const [draft, setDraft] = useState<Draft>({});
  // All changed fields at once; when that is refused, one by one, so the valid ones are kept.
  const save = useAction(lang, async (values: Record<string, string | number | boolean | null>): Promise<SaveOutcome> => {
    const keys = Object.keys(values);
    const label = (k: string) => settings?.items.find((i) => i.key === k)?.label ?? k;
    const outcome: SaveOutcome = { saved: [], failed: [] };
    if (keys.length === 0) return outcome;
    const all = await commands.saveSettings(values);
    if (!all.some((p) => p.severity === 'error')) outcome.saved = keys.map(label);
    else
      for (const k of keys) {
        const problems = await commands.saveSettings({ [k]: values[k] });
        if (problems.some((p) => p.severity === 'error')) outcome.failed.push({ label: label(k), problems: problems.filter((p) => p.severity === 'error') });
        else outcome.saved.push(label(k));
      }
    onChanged();
    return outcome;
  });
  const saveLanguage = useAction(lang, (l: Language) => commands.saveSettings({ language: l }));
  const runLoad = load.run;
  useEffect(() => {
    void runLoad().then((s) => s && setDraft(toDraft(s)));
  }, [runLoad]);

  const settings = load.result;
  const changed = () => {
    if (!settings) return {};
    const before = toDraft(settings);
    const out: Record<string, string | number | boolean | null> = {};
    for (const item of settings.items.filter((i) => i.key !== 'language')) {
      const now = draft[item.key] ?? '';
      if (now !== (before[item.key] ?? '')) out[item.key] = toValue(META.get(item.key)?.kind, now);
    }
    return out;
  };

  const control = (key: string, label: string) => {
    const meta = META.get(key);
    const kind = meta?.kind;
    const help = lang === 'zh-CN' ? meta?.help : undefined;
    const value = draft[key] ?? '';
    const set = (v: string) => setDraft((d) => ({ ...d, [key]: v }));
    const shownLabel = lang === 'zh-CN' ? label : (meta?.labelEn ?? label);
    if (kind === 'yesNo')
      return (
        <Field key={key} hint={help}>
          <Switch checked={value === 'true'} onChange={(_, d) => set(d.checked ? 'true' : 'false')} label={`${shownLabel}：${value === 'true' ? text(lang, 'yes') : text(lang, 'no')}`} />
        </Field>
      );
    if (kind === 'entryMode')
      return (
        <Field key={key} label={shownLabel} hint={help}>
          <RadioGroup className={styles.radios} layout="horizontal" value={value || 'dimensions'} onChange={(_, d) => set(d.value)}>
            <Radio value="dimensions" label={{ children: text(lang, 'modeDims'), className: styles.nowrap }} />
            <Radio value="total" label={{ children: text(lang, 'modeTotal'), className: styles.nowrap }} />
          </RadioGroup>
        </Field>
      );
    const numeric = kind === 'year' || kind === 'weight' || kind === 'minForms' || kind === 'cap' || kind === 'threshold';
    return (
      <Field key={key} label={shownLabel} hint={help}>
        <Input
          size="small"
          className={numeric || kind === 'date' ? styles.number : undefined}
          type={kind === 'date' ? 'date' : numeric ? 'number' : 'text'}
          inputMode={numeric ? 'decimal' : undefined}
          step={kind === 'year' || kind === 'minForms' ? 1 : numeric ? 'any' : undefined}
          value={value}
          onChange={(_, d) => set(d.value)}
        />
      </Field>
    );
  };

  const outcome = save.result;
  return (
    <div className={styles.stack}>
      <Field label={text(lang, 'language')}>
        <RadioGroup
          className={styles.radios}
          value={lang}
          onChange={(_, d) => {
            const next = d.value as Language;
            onLanguage(next);
            // The workbook remembers the language (kp_Settings 界面语言) so everyone opening it gets the same.
            if (settings?.items.some((i) => i.key === 'language')) void saveLanguage.run(next);
          }}
          layout="horizontal"
        >
          <Radio value="zh-CN" label={{ children: text(lang, 'langZh'), className: styles.nowrap }} />
          <Radio value="en-US" label={{ children: text(lang, 'langEn'), className: styles.nowrap }} />
        </RadioGroup>
      </Field>
      {load.busy && <Busy label={text(lang, 'loading')} />}
      <ErrorBar message={load.error ?? saveLanguage.error} />
      {settings && (
        <>
          {settings.scheme && (
            <Note intent={settings.scheme.differs.length > 0 ? 'warning' : 'info'}>
              {settings.scheme.differs.length > 0
                ? text(lang, 'schemeChanged', { names: joinList(lang, settings.scheme.differs) })
                : text(lang, 'schemeFollowed', { fingerprint: settings.scheme.fingerprint })}
            </Note>
          )}
          <section className={styles.items} aria-labelledby="kp-settings-title">
            <Text as="h2" id="kp-settings-title" weight="semibold" size={300} className={styles.h2}>
              {text(lang, 'settingsItems')}
            </Text>
            {GROUPS.map((g) => {
              const items = g.items.map((k) => settings.items.find((i) => i.key === k)).filter((i): i is Settings['items'][number] => Boolean(i));
              if (items.length === 0) return null;
              return (
                <fieldset key={g.key} className={styles.group}>
                  <legend className={styles.legend}>{text(lang, g.key)}</legend>
                  {items.map((item) => control(item.key, item.label))}
                </fieldset>
              );
            })}
            {/* Items this pane does not group (a newer workbook's) are still editable. */}
            {settings.items
              .filter((i) => i.key !== 'language' && !GROUPS.some((g) => (g.items as string[]).includes(i.key)))
              .map((item) => control(item.key, item.label))}
            <div className={styles.row}>
              <Button appearance="primary" disabled={save.busy} onClick={() =>
                  void save.run(changed()).then(async (o) => {
                    if (o && o.failed.length === 0 && o.saved.length > 0) {
                      const s = await runLoad();
                      if (s) setDraft(toDraft(s));
                    }
                  })
                }>
                {text(lang, 'saveSettings')}
              </Button>
              {save.busy && <Busy label={text(lang, 'working')} />}
            </div>
            <ErrorBar message={save.error} />
            {outcome &&
              (outcome.failed.length === 0 ? (
                <Note intent="success">{outcome.saved.length === 0 ? text(lang, 'settingsNoChange') : text(lang, 'settingsSaved')}</Note>
              ) : (
                <>
                  <Note intent="warning">
                    {text(lang, 'settingsPartSaved', {
                      saved: outcome.saved.length,
                      count: outcome.failed.length,
                      names: joinList(lang, outcome.failed.map((f) => f.label)),
                    })}
                  </Note>
                  <ProblemList problems={outcome.failed.flatMap((f) => f.problems)} lang={lang} />
                </>
              ))}
          </section>
          <section aria-labelledby="kp-rubric-title">
            <Text as="h2" id="kp-rubric-title" weight="semibold" size={300} className={styles.h2}>
              {text(lang, 'rubric')}
            </Text>
            <RubricEditor
              commands={commands}
              lang={lang}
              rubric={settings.rubric}
              request={categoryRequest}
              onSaved={() => {
                onChanged();
                void runLoad();
              }}
            />
          </section>
          <SchemePanel
            commands={commands}
            lang={lang}
            onChanged={() => {
              onChanged();
              void runLoad().then((v) => v && setDraft(toDraft(v)));
            }}
          />
        </>
      )}
      <div className={styles.footer}>
        <Link className={styles.small} onClick={() => onNavigate?.('diagnostics')}>
          {text(lang, 'selfTestLink')}
        </Link>
      </div>
    </div>
  );
}

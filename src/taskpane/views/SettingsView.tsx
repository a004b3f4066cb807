/** 设置: edit kp_Settings items, edit the rubric per category (RubricEditor), switch the pane's language. */
import { Button, Field, Input, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Language } from '../../domain/types';
import type { SettingsView as Settings } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { text } from '../strings';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { ProblemList } from './ProblemList';
import { RubricEditor } from './RubricEditor';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  items: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  h2: { margin: '0' },
});

type Draft = Record<string, string>;

function toDraft(s: Settings): Draft {
  return Object.fromEntries(s.items.map((i) => [i.key, i.value === null || i.value === undefined ? '' : String(i.value)]));
}

export function SettingsView({ commands, lang, onChanged, onLanguage }: ViewProps & { onLanguage: (l: Language) => void }) {
  const styles = useStyles();
  const load = useAction(lang, () => commands.getSettings());
  const [draft, setDraft] = useState<Draft>({});
  const save = useAction(lang, async (values: Record<string, string | number | boolean | null>) => {
    const problems = await commands.saveSettings(values);
    onChanged();
    return problems;
  });
  const runLoad = load.run;
  useEffect(() => {
    void runLoad().then((s) => s && setDraft(toDraft(s)));
  }, [runLoad]);

  const settings = load.result;
  const changed = () => {
    if (!settings) return {};
    const out: Record<string, string | number | boolean | null> = {};
    for (const item of settings.items.filter((i) => i.key !== 'language')) {
      const before = item.value === null || item.value === undefined ? '' : String(item.value);
      const now = draft[item.key] ?? '';
      if (now !== before) out[item.key] = now === '' ? null : typeof item.value === 'number' && /^-?\d+(\.\d+)?$/.test(now.trim()) ? Number(now) : now;
    }
    return out;
  };

  return (
    <div className={styles.stack}>
      <Field label={text(lang, 'language')}>
        <RadioGroup
          value={lang}
          onChange={(_, d) => {
            const next = d.value as Language;
            onLanguage(next);
            // The workbook remembers the language (kp_Settings 界面语言) so everyone opening it gets the same.
            if (settings?.items.some((i) => i.key === 'language')) void save.run({ language: next });
          }}
          layout="horizontal"
        >
          <Radio value="zh-CN" label={text(lang, 'langZh')} />
          <Radio value="en-US" label={text(lang, 'langEn')} />
        </RadioGroup>
      </Field>
      {load.busy && <Busy label={text(lang, 'loading')} />}
      <ErrorBar message={load.error} />
      {settings && (
        <>
          <section className={styles.items} aria-labelledby="kp-settings-title">
            <Text as="h2" id="kp-settings-title" weight="semibold" size={300} className={styles.h2}>
              {text(lang, 'settingsItems')}
            </Text>
            {settings.items.filter((item) => item.key !== 'language').map((item) => (
              <Field key={item.key} label={item.label}>
                <Input
                  size="small"
                  value={draft[item.key] ?? ''}
                  onChange={(_, d) => setDraft((v) => ({ ...v, [item.key]: d.value }))}
                />
              </Field>
            ))}
            <div className={styles.row}>
              <Button
                appearance="primary"
                disabled={save.busy}
                onClick={() =>
                  void save.run(changed()).then((problems) => {
                    if (problems && problems.length === 0) void runLoad().then((s) => s && setDraft(toDraft(s)));
                  })
                }
              >
                {text(lang, 'saveSettings')}
              </Button>
              {save.busy && <Busy label={text(lang, 'working')} />}
            </div>
            <ErrorBar message={save.error} />
            {save.result &&
              (save.result.length === 0 ? (
                <Note intent="success">{text(lang, 'settingsSaved')}</Note>
              ) : (
                <>
                  <Text weight="semibold">{text(lang, 'settingsProblems')}</Text>
                  <ProblemList problems={save.result} lang={lang} />
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
              onSaved={() => {
                onChanged();
                void runLoad();
              }}
            />
          </section>
        </>
      )}
    </div>
  );
}

/**
 * 设置 → 上级统一方案与汇总: export this workbook's settings and rubric as the committee's scheme (导出为统一方案),
 * apply a scheme file from the committee to this workbook (the changes are listed first; roster and entries are
 * kept), and roll up branch workbooks (党委汇总: pick the files, download the roll-up). Shown where the host has
 * these commands.
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { Language } from '../../domain/types';
import type { KaopingCommands, PickedFile } from '../../workbook/commandTypes';
import { downloadBytes } from '../backup';
import { Busy, ErrorBar, Note } from '../feedback';
import { text } from '../../domain/texts/pane';
import { useAction } from '../useAction';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalL },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  list: { margin: '0', paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  hidden: { display: 'none' },
});

async function picked(list: FileList | null): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  for (const f of Array.from(list ?? [])) out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  return out;
}

export function SchemePanel({ commands, lang, onChanged }: { commands: KaopingCommands; lang: Language; onChanged: () => void }) {
  const styles = useStyles();
  const schemeInput = useRef<HTMLInputElement>(null);
  const rollupInput = useRef<HTMLInputElement>(null);
  const [scheme, setScheme] = useState<PickedFile | null>(null);
  const exporting = useAction(lang, async () => {
    const r = await commands.exportScheme!();
    downloadBytes(r.bytes, r.fileName);
    return r;
  });
  const plan = useAction(lang, (f: PickedFile) => commands.applySchemeFile!(f, false));
  const apply = useAction(lang, async (f: PickedFile) => {
    const r = await commands.applySchemeFile!(f, true);
    onChanged();
    return r;
  });
  const rollup = useAction(lang, async (files: PickedFile[]) => {
    const r = await commands.rollupFiles!(files);
    downloadBytes(r.bytes, r.fileName);
    return r;
  });
  if (!commands.exportScheme || !commands.applySchemeFile || !commands.rollupFiles) return null;
  const busy = exporting.busy || plan.busy || apply.busy || rollup.busy;
  return (
    <section className={styles.section} aria-labelledby="kp-scheme-title">
      <Text as="h2" id="kp-scheme-title" weight="semibold" size={300}>
        {text(lang, 'schemeTitle')}
      </Text>
      <Text size={200}>
        {text(lang, 'schemeIntro')}
      </Text>
      <input ref={schemeInput} className={styles.hidden} type="file" accept=".xlsx" aria-label={text(lang, 'schemePickFile')}
        onChange={(e) => {
          void picked(e.target.files).then((fs) => {
            if (fs[0]) {
              setScheme(fs[0]);
              apply.reset();
              void plan.run(fs[0]);
            }
          });
          e.target.value = '';
        }}
      />
      <input ref={rollupInput} className={styles.hidden} type="file" multiple accept=".xlsx,.zip" aria-label={text(lang, 'rollupPickFiles')}
        onChange={(e) => {
          void picked(e.target.files).then((fs) => fs.length > 0 && void rollup.run(fs));
          e.target.value = '';
        }}
      />
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => void exporting.run()}>{text(lang, 'schemeExport')}</Button>
        <Button disabled={busy} onClick={() => schemeInput.current?.click()}>{text(lang, 'schemeApplyFile')}</Button>
        <Button disabled={busy} onClick={() => rollupInput.current?.click()}>{text(lang, 'rollupRun')}</Button>
        {busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={exporting.error ?? plan.error ?? apply.error ?? rollup.error} />
      {exporting.result && <Note intent="success">{text(lang, 'schemeExported', { file: exporting.result.fileName, fingerprint: exporting.result.fingerprint })}</Note>}
      {plan.result && !apply.result && scheme && (
        plan.result.refused ? <Note intent="warning">{plan.result.refused}</Note> : plan.result.changes.length === 0 ? (
          <Note intent="info">{text(lang, 'schemeAlreadyFollowed')}</Note>
        ) : (
          <>
            <Text size={200}>{text(lang, 'schemeWillChange', { file: scheme.name, count: plan.result.changes.length })}</Text>
            <ul className={styles.list}>
              {plan.result.changes.map((c) => <li key={c.item}>{text(lang, 'schemeChangeLine', { item: c.item, from: c.from, to: c.to })}</li>)}
            </ul>
            <div className={styles.row}>
              <Button appearance="primary" disabled={busy} onClick={() => void apply.run(scheme)}>{text(lang, 'schemeApply')}</Button>
            </div>
          </>
        )
      )}
      {apply.result && (apply.result.refused ? <Note intent="warning">{apply.result.refused}</Note> : <Note intent="success">{text(lang, 'schemeApplied', { count: apply.result.changes.length })}</Note>)}
      {rollup.result && (
        <>
          <Note intent={rollup.result.notOk.length ? 'warning' : 'success'}>{text(lang, 'rollupDone', { file: rollup.result.fileName, summary: rollup.result.summary })}</Note>
          {rollup.result.notOk.length > 0 && <ul className={styles.list}>{rollup.result.notOk.map((l) => <li key={l}>{l}</li>)}</ul>}
        </>
      )}
    </section>
  );
}

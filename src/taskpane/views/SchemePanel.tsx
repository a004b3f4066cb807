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
  const zh = lang !== 'en-US';
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
        {zh ? '上级统一方案与党委汇总' : "Committee's scheme and roll-up"}
      </Text>
      <Text size={200}>
        {zh
          ? '上级党组织：把本工作簿的参数和细则导出为统一方案发给各党支部；年底选中各党支部交回的工作簿生成汇总。党支部：应用上级发来的方案（名册和录入保留）。'
          : 'Committee: export this workbook’s settings and rubric as the scheme for all branches; at year end pick the branches’ workbooks to roll them up. Branch: apply the scheme the committee sent (roster and entries are kept).'}
      </Text>
      <input ref={schemeInput} className={styles.hidden} type="file" accept=".xlsx" aria-label={zh ? '选择统一方案文件' : 'Pick the scheme file'}
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
      <input ref={rollupInput} className={styles.hidden} type="file" multiple accept=".xlsx,.zip" aria-label={zh ? '选择各党支部的考评工作簿' : 'Pick the branches’ workbooks'}
        onChange={(e) => {
          void picked(e.target.files).then((fs) => fs.length > 0 && void rollup.run(fs));
          e.target.value = '';
        }}
      />
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => void exporting.run()}>{zh ? '导出为统一方案' : 'Export as scheme'}</Button>
        <Button disabled={busy} onClick={() => schemeInput.current?.click()}>{zh ? '按上级方案应用…' : 'Apply a scheme…'}</Button>
        <Button disabled={busy} onClick={() => rollupInput.current?.click()}>{zh ? '党委汇总…' : 'Roll up…'}</Button>
        {busy && <Busy label={zh ? '正在处理…' : 'Working…'} />}
      </div>
      <ErrorBar message={exporting.error ?? plan.error ?? apply.error ?? rollup.error} />
      {exporting.result && <Note intent="success">{zh ? `已下载 ${exporting.result.fileName}（方案指纹 ${exporting.result.fingerprint}）。` : `Downloaded ${exporting.result.fileName}.`}</Note>}
      {plan.result && !apply.result && scheme && (
        plan.result.refused ? <Note intent="warning">{plan.result.refused}</Note> : plan.result.changes.length === 0 ? (
          <Note intent="info">{zh ? '本工作簿已与该方案一致。' : 'This workbook already follows the scheme.'}</Note>
        ) : (
          <>
            <Text size={200}>{zh ? `应用“${scheme.name}”将改动以下 ${plan.result.changes.length} 项（名册和录入保留）：` : `Applying ${scheme.name} changes:`}</Text>
            <ul className={styles.list}>
              {plan.result.changes.map((c) => <li key={c.item}>{`${c.item}：${c.from} → ${c.to}`}</li>)}
            </ul>
            <div className={styles.row}>
              <Button appearance="primary" disabled={busy} onClick={() => void apply.run(scheme)}>{zh ? '应用方案' : 'Apply'}</Button>
            </div>
          </>
        )
      )}
      {apply.result && (apply.result.refused ? <Note intent="warning">{apply.result.refused}</Note> : <Note intent="success">{zh ? `已按统一方案改动 ${apply.result.changes.length} 项。` : `Applied: ${apply.result.changes.length} changes.`}</Note>)}
      {rollup.result && (
        <>
          <Note intent={rollup.result.notOk.length ? 'warning' : 'success'}>{`${zh ? '已下载' : 'Downloaded'} ${rollup.result.fileName}。${rollup.result.summary}`}</Note>
          {rollup.result.notOk.length > 0 && <ul className={styles.list}>{rollup.result.notOk.map((l) => <li key={l}>{l}</li>)}</ul>}
        </>
      )}
    </section>
  );
}

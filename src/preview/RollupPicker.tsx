/**
 * 党委汇总 in the web page: pick the branches' workbooks (or .zip files of them); they are read one at a time in
 * this browser and the roll-up workbook (汇总表, 全体党员, 需关注名单, 问题) opens in the grid, to check and
 * download. The roll-up code is loaded when first used.
 */
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { HostWorkbook } from '../host';

const useStyles = makeStyles({
  summary: { display: 'block', marginTop: tokens.spacingVerticalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface RollupPickerProps {
  onRolledUp: (wb: HostWorkbook, name: string) => void;
}

export function RollupPicker({ onRolledUp }: RollupPickerProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const pick = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const files = [...list];
    setError(null);
    setSummary(null);
    try {
      const m = await import('../workbook/rollup/files');
      const d = await import('../domain/rollup');
      let n = 0;
      async function* each() {
        for (const f of files) {
          setBusy(`正在读取 ${++n}/${files.length}：${f.name}`);
          yield { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
        }
      }
      const reads = await m.readRollupInputs(each(), null);
      if (!reads.some((r) => r.members !== null)) throw new Error('所选文件中没有考评工作簿。');
      setBusy('正在生成汇总工作簿…');
      const result = m.finishRollup(reads);
      const wb = await m.buildRollupWorkbook(result, new Date().toISOString());
      const t = result.totals;
      const notOk = result.branches.filter((b) => b.verdict !== 'ok');
      setSummary(
        `${result.year ?? ''} 年度：计入 ${t.branches} 个党支部，党员 ${t.members} 名，平均分 ${t.mean ?? '—'}。` +
          (notOk.length ? `有 ${notOk.length} 个文件需要注意：${notOk.map((b) => `${b.file}（${d.VERDICT_TEXT[b.verdict]}）`).join('；')}。详见“问题”工作表。` : '所有文件均正常。'),
      );
      onRolledUp(wb, `汇总${result.year ?? ''}.xlsx`);
    } catch (e) {
      setError(`无法汇总：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div data-testid="rollup">
      <input
        ref={input}
        id="kp-rollup-files"
        type="file"
        multiple
        accept=".xlsx,.zip"
        hidden
        aria-label="选择各党支部的考评工作簿"
        onChange={(e) => void pick(e.currentTarget.files)}
      />
      <Button disabled={busy !== null} onClick={() => input.current?.click()} icon={busy ? <Spinner size="tiny" /> : undefined}>
        党委汇总…
      </Button>
      {busy && (
        <Text as="p" block role="status" className={styles.summary}>
          {busy}
        </Text>
      )}
      {summary && (
        <Text as="p" block role="status" className={styles.summary} data-testid="rollup-summary">
          {summary}
        </Text>
      )}
      {error && (
        <Text as="p" block role="alert" className={`${styles.summary} ${styles.error}`}>
          {error}
        </Text>
      )}
    </div>
  );
}

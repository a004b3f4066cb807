/**
 * 结果 → 个人考评明细: the members of the last computation; clicking one makes their score sheet (one A4 page)
 * and shows it; a button makes them for all members.
 */
import { Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Language, MemberResult } from '../../domain/types';
import type { KaopingCommands } from '../../workbook/commandTypes';
import { dt } from '../../domain/texts/paneDerived';
import { Busy, ErrorBar, Note } from '../feedback';
import type { FileOut, FileOutcome } from '../fileOut';
import { text } from '../../domain/texts/pane';
import { useAction } from '../useAction';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: '0', paddingLeft: '0', listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', fontSize: tokens.fontSizeBase200 },
  rank: { minWidth: '2em', textAlign: 'right', color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export interface ScoreSheetListProps {
  commands: KaopingCommands;
  lang: Language;
  members: MemberResult[];
  onChanged: () => void;
  /** Hands a score sheet file out (download, or a new Excel window); without it no file links are shown. */
  fileOut?: FileOut;
}

export function ScoreSheetList({ commands, lang, members, onChanged, fileOut }: ScoreSheetListProps) {
  const styles = useStyles();
  const make = useAction(lang, async (ids?: string[]) => {
    const r = await commands.makeScoreSheets({ members: ids, activate: true });
    onChanged();
    return r;
  });
  // A file of its own holding only the score sheet (for one member only their page).
  const canGive = Boolean(fileOut && commands.scoreSheetFile);
  const give = useAction(lang, async (ids?: string[]): Promise<{ outcome: FileOutcome; file: string } | null> => {
    const f = await commands.scoreSheetFile!({ members: ids });
    if (!f.bytes) return null;
    return { outcome: await fileOut!.give(f.bytes, f.name), file: f.name };
  });
  const busy = make.busy || give.busy;
  const ordered = [...members.filter((m) => m.rank !== null).sort((a, b) => a.rank! - b.rank!), ...members.filter((m) => m.rank === null)];
  return (
    <section aria-labelledby="kp-score-title" className={styles.stack}>
      <Text as="h2" id="kp-score-title" weight="semibold" size={300} style={{ margin: 0 }}>
        {text(lang, 'scoreSheets')}
      </Text>
      <Text size={200}>{text(lang, 'scoreSheetHint')}</Text>
      <ul className={styles.list}>
        {ordered.map((m) => (
          <li key={m.id} className={styles.item}>
            <span className={styles.rank}>{m.rank ?? '—'}</span>
            <Link disabled={busy} onClick={() => void make.run([m.id])}>
              {m.name}（{m.id}）
            </Link>
            <span>{m.final === null ? m.result : `${m.final.toFixed(2)} · ${m.result}`}</span>
            {canGive && (
              <Link disabled={busy} data-testid={`score-file-${m.id}`} aria-label={`${dt(lang, 'fileOne')}：${m.name}`} onClick={() => void give.run([m.id])}>
                {dt(lang, 'fileOne')}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <div className={styles.row}>
        <Button size="small" disabled={busy || members.length === 0} onClick={() => void make.run(undefined)}>
          {text(lang, 'scoreSheetAll')}
        </Button>
        {canGive && (
          <Button size="small" disabled={busy || members.length === 0} onClick={() => void give.run(undefined)}>
            {dt(lang, 'fileAll')}
          </Button>
        )}
        {busy && <Busy label={text(lang, 'working')} />}
      </div>
      {canGive && <Text size={200}>{dt(lang, 'fileHint')}</Text>}
      <ErrorBar message={make.error ?? give.error} />
      {give.result && <Note intent={give.result.outcome === 'offered' ? 'warning' : 'success'}>{dt(lang, give.result.outcome, { file: give.result.file })}</Note>}
      {make.result?.created && <Note intent="success">{text(lang, 'scoreSheetDone', { sheet: make.result.sheet, count: make.result.members.length })}</Note>}
    </section>
  );
}

/**
 * 结果 → 个人考评明细: the members of the last computation; clicking one makes their score sheet (one A4 page)
 * and shows it; a button makes them for all members.
 */
import { Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Language, MemberResult } from '../../domain/types';
import type { KaopingCommands } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { text } from '../strings';
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
}

export function ScoreSheetList({ commands, lang, members, onChanged }: ScoreSheetListProps) {
  const styles = useStyles();
  const make = useAction(lang, async (ids?: string[]) => {
    const r = await commands.makeScoreSheets({ members: ids, activate: true });
    onChanged();
    return r;
  });
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
            <Link disabled={make.busy} onClick={() => void make.run([m.id])}>
              {m.name}（{m.id}）
            </Link>
            <span>{m.final === null ? m.result : `${m.final.toFixed(2)} · ${m.result}`}</span>
          </li>
        ))}
      </ul>
      <div className={styles.row}>
        <Button size="small" disabled={make.busy || members.length === 0} onClick={() => void make.run(undefined)}>
          {text(lang, 'scoreSheetAll')}
        </Button>
        {make.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={make.error} />
      {make.result?.created && <Note intent="success">{text(lang, 'scoreSheetDone', { sheet: make.result.sheet, count: make.result.members.length })}</Note>}
    </section>
  );
}

/** A small horizontal bar chart of the score distribution, in plain elements (no chart library). */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Language } from '../../domain/types';
import { text } from '../../domain/texts/pane';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: '0', padding: '0', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  row: {
    display: 'grid',
    gridTemplateColumns: '5.5em 1fr 2.5em',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
  },
  track: { height: '12px', backgroundColor: tokens.colorNeutralBackground4, borderRadius: tokens.borderRadiusSmall },
  bar: { height: '100%', backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall },
  count: { textAlign: 'right' },
});

export function DistributionBars({ lang, buckets }: { lang: Language; buckets: readonly { label: string; count: number }[] }) {
  const styles = useStyles();
  const max = Math.max(1, ...buckets.map((b) => b.count));
  return (
    <ul className={styles.list}>
      {buckets.map((b) => (
        <li key={b.label} className={styles.row} aria-label={text(lang, 'distributionItem', { label: b.label, count: b.count })}>
          <span aria-hidden="true">{b.label}</span>
          <span className={styles.track} aria-hidden="true">
            <span className={styles.bar} style={{ width: `${(b.count / max) * 100}%`, display: 'block' }} />
          </span>
          <span className={styles.count} aria-hidden="true">
            {b.count}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Derived sheets out of date (公示, 个人考评明细): which, and why, from the status (公示 and 结果 tabs). */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Language } from '../../domain/types';
import type { WorkbookStatus } from '../../workbook/commandTypes';
import { dt } from '../../domain/texts/paneDerived';
import { Note } from '../feedback';

const useStyles = makeStyles({
  list: { margin: '0', paddingLeft: tokens.spacingHorizontalL },
});

export function StaleSheetsNote({ lang, status }: { lang: Language; status: WorkbookStatus | null }) {
  const styles = useStyles();
  const stale = status?.staleSheets ?? [];
  if (stale.length === 0) return null;
  return (
    <Note intent="warning">
      <strong>{dt(lang, 'staleTitle')}</strong>
      <ul className={styles.list} data-testid="stale-sheets">
        {stale.map((s) => (
          <li key={s.sheet}>{dt(lang, 'staleLine', { sheet: s.sheet, reason: s.why })}</li>
        ))}
      </ul>
      {dt(lang, 'staleHint')}
    </Note>
  );
}

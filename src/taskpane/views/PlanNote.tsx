/**
 * The member's own 个人年度工作计划 above the self-evaluation form (the scheme: self evaluation is made
 * "对照个人年度工作计划"). Read-only; the plan is written in the 年度工作计划 sheet.
 */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Language } from '../../domain/types';
import type { KaopingCommands } from '../../workbook/commandTypes';
import { text } from '../../domain/texts/pane';
import { useAction } from '../useAction';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  plan: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '12em', overflowY: 'auto', margin: '0' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface PlanNoteProps {
  commands: KaopingCommands;
  lang: Language;
  /** The member whose self-evaluation form is open. */
  memberId: string;
}

export function PlanNote({ commands, lang, memberId }: PlanNoteProps) {
  const styles = useStyles();
  // Wrapped so that "loaded, no row for this member" (plan null) differs from "not loaded yet" (result null).
  const load = useAction(lang, async (id: string) => ({ id, plan: await commands.getPlan(id) }));
  const run = load.run;
  useEffect(() => {
    void run(memberId);
  }, [run, memberId]);
  if (load.busy || load.error || !load.result || load.result.id !== memberId) return null;
  const p = load.result.plan;
  return (
    <section className={styles.box} aria-label={text(lang, 'planTitle')} data-testid="plan-note">
      <Text weight="semibold" size={200}>
        {text(lang, 'planTitle')}
      </Text>
      {p && (p.plan || p.attachment) ? (
        <>
          {p.plan && <p className={styles.plan}>{p.plan}</p>}
          {p.attachment && <Text size={200}>{text(lang, 'planAttachment', { name: p.attachment })}</Text>}
        </>
      ) : (
        <Text size={200} className={styles.muted}>
          {text(lang, 'planNone', { sheet: p?.sheet ?? '年度工作计划', cell: p?.cell ?? '' })}
        </Text>
      )}
    </section>
  );
}

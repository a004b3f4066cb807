/**
 * 考评细则 editor in 设置: per category a table of dimensions with editable points and the live sum; add a category
 * (a copy of the default category, to be trimmed: 离退休党员 without 工作绩效), remove dimensions or categories,
 * then 保存细则 — the workbook command checks the rubric with the domain and writes nothing when it is invalid.
 */
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Rubric } from '../../domain/rubric';
import type { Language } from '../../domain/types';
import type { KaopingCommands, SettingsView } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { text } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import { ProblemList } from './ProblemList';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  table: { borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', fontSize: tokens.fontSizeBase200 },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    wordBreak: 'break-word',
  },
  pointsCol: { width: '72px' },
  actionCol: { width: '52px' },
  pointsInput: { width: '100%', minWidth: '0' },
  // Fluent's small button is 64 px wide by default: too wide for the column in a 320 px pane.
  removeButton: { minWidth: '0', paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXS} 0` },
  sum: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap', justifyContent: 'space-between' },
  sumError: { color: tokens.colorPaletteRedForeground1 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '120px' },
});

interface DraftDimension {
  name: string;
  /** As typed: validated live, sent as a number. */
  points: string;
  text: string;
}
interface DraftCategory {
  category: string;
  dimensions: DraftDimension[];
}

function toDraft(rubric: SettingsView['rubric']): DraftCategory[] {
  return rubric.map((c) => ({ category: c.category, dimensions: c.dimensions.map((d) => ({ name: d.name, points: String(d.points), text: d.text })) }));
}

/** Points as integer tenths: a number above 0 with at most one decimal ("7.5"), else NaN. */
export function pointsTenths(typed: string): number {
  const s = typed.trim();
  if (!/^\d+(\.\d)?$/.test(s)) return NaN;
  const tenths = Math.round(Number(s) * 10);
  return tenths > 0 ? tenths : NaN;
}

function sumTenths(c: DraftCategory): number {
  return c.dimensions.reduce((a, d) => a + (Number.isNaN(pointsTenths(d.points)) ? 0 : pointsTenths(d.points)), 0);
}

function toRubric(draft: DraftCategory[]): Rubric {
  return {
    categories: draft.map((c) => ({
      category: c.category,
      dimensions: c.dimensions.map((d) => ({ name: d.name, points: Number(d.points.trim()), text: d.text })),
    })),
  };
}

export function RubricEditor({
  commands,
  lang,
  rubric,
  onSaved,
  request,
}: {
  commands: KaopingCommands;
  lang: Language;
  rubric: SettingsView['rubric'];
  /** Called after the workbook was written (the parent reads the settings and the status again). */
  onSaved: () => void;
  /** 添加此类别 from the import preview or 结果: the category is added to the draft (n changes per request). */
  request?: { category: string; n: number } | null;
}) {
  const styles = useStyles();
  const [draft, setDraft] = useState<DraftCategory[]>(() => toDraft(rubric));
  const [newName, setNewName] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  useEffect(() => setDraft(toDraft(rubric)), [rubric]);
  const requestN = request?.n;
  const requestCategory = request?.category;
  useEffect(() => {
    if (!requestCategory) return;
    setDraft((v) => (v.length === 0 || v.some((c) => c.category === requestCategory) ? v : [...v, { category: requestCategory, dimensions: v[0].dimensions.map((d) => ({ ...d })) }]));
    setAdded(requestCategory);
    // The secretary checks the copied points, then saves: the cursor waits on 保存细则.
    setTimeout(() => {
      saveRef.current?.scrollIntoView?.({ block: 'center' });
      saveRef.current?.focus();
    }, 0);
  }, [requestN, requestCategory]);
  const save = useAction(lang, async (r: Rubric) => {
    const result = await commands.saveRubric(r);
    if (result.written) onSaved();
    return result;
  });

  const trimmed = newName.trim();
  const taken = draft.some((c) => c.category === trimmed);
  const setPoints = (ci: number, di: number, points: string) =>
    setDraft((v) => v.map((c, i) => (i !== ci ? c : { ...c, dimensions: c.dimensions.map((d, j) => (j === di ? { ...d, points } : d)) })));
  const removeDimension = (ci: number, di: number) =>
    setDraft((v) => v.map((c, i) => (i !== ci ? c : { ...c, dimensions: c.dimensions.filter((_, j) => j !== di) })));
  const addCategory = () => {
    if (trimmed === '' || taken || draft.length === 0) return;
    // A copy of the default category: the secretary then edits points or removes what does not apply.
    setDraft((v) => [...v, { category: trimmed, dimensions: v[0].dimensions.map((d) => ({ ...d })) }]);
    setNewName('');
  };

  return (
    <div className={styles.stack}>
      <Text size={200}>{text(lang, 'rubricHint')}</Text>
      {draft.map((cat, ci) => {
        const sum = sumTenths(cat);
        const sumText = String(sum / 10);
        return (
          <div key={cat.category}>
            <table className={styles.table} aria-label={cat.category}>
              <caption className={styles.caption}>
                <div className={styles.sum}>
                  <span>
                    {cat.category}
                    {ci === 0 ? text(lang, 'rubricDefault') : ''}
                  </span>
                  {ci > 0 && (
                    <Button size="small" appearance="subtle" aria-label={text(lang, 'rubricRemoveCategoryOf', { category: cat.category })} onClick={() => setDraft((v) => v.filter((_, i) => i !== ci))}>
                      {text(lang, 'rubricRemoveCategory')}
                    </Button>
                  )}
                </div>
              </caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.cell}>
                    {text(lang, 'rubricDimension')}
                  </th>
                  <th scope="col" className={`${styles.cell} ${styles.pointsCol}`}>
                    {text(lang, 'rubricPoints')}
                  </th>
                  <td className={`${styles.cell} ${styles.actionCol}`} />
                </tr>
              </thead>
              <tbody>
                {cat.dimensions.map((d, di) => {
                  const bad = Number.isNaN(pointsTenths(d.points));
                  return (
                    <tr key={d.name}>
                      {/* 目标要求 as a tooltip: the long texts do not fit a 320 px pane next to the inputs. */}
                      <th scope="row" className={styles.cell} title={d.text || undefined}>
                        {d.name}
                      </th>
                      <td className={styles.cell}>
                        <Field validationState={bad ? 'error' : 'none'} validationMessage={bad ? text(lang, 'rubricPointsError') : undefined}>
                          <Input
                            size="small"
                            className={styles.pointsInput}
                            inputMode="decimal"
                            aria-label={text(lang, 'rubricPointsOf', { category: cat.category, dimension: d.name })}
                            value={d.points}
                            onChange={(_, data) => setPoints(ci, di, data.value)}
                          />
                        </Field>
                      </td>
                      <td className={styles.cell}>
                        <Button
                          size="small"
                          appearance="subtle"
                          className={styles.removeButton}
                          disabled={ci === 0 && cat.dimensions.length <= 1}
                          aria-label={text(lang, 'rubricRemoveDimensionOf', { category: cat.category, dimension: d.name })}
                          title={text(lang, 'rubricRemoveDimension')}
                          onClick={() => removeDimension(ci, di)}
                        >
                          {text(lang, 'rubricRemove')}
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Text size={200} role="status" className={sum === 1000 ? undefined : styles.sumError}>
              {sum === 1000 ? text(lang, 'rubricSum', { sum: sumText }) : text(lang, 'rubricSumError', { sum: sumText })}
            </Text>
          </div>
        );
      })}
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label={text(lang, 'rubricNewCategory')}
          validationState={taken ? 'error' : 'none'}
          validationMessage={taken ? text(lang, 'rubricCategoryTaken', { category: trimmed }) : undefined}
        >
          <Input size="small" value={newName} onChange={(_, d) => setNewName(d.value)} onKeyDown={(e) => e.key === 'Enter' && addCategory()} />
        </Field>
        <Button size="small" disabled={trimmed === '' || taken} onClick={addCategory}>
          {text(lang, 'rubricAddCategory')}
        </Button>
      </div>
      {added && !save.result && <Note intent="info">{text(lang, 'categoryAdded', { category: added })}</Note>}
      <div className={styles.row}>
        <Button appearance="primary" ref={saveRef} disabled={save.busy} onClick={() => void save.run(toRubric(draft))}>
          {text(lang, 'rubricSave')}
        </Button>
        {save.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={save.error} />
      {save.result &&
        (save.result.written ? (
          <Note intent="success">{text(lang, 'rubricSaved')}</Note>
        ) : (
          <>
            <Text weight="semibold">{text(lang, 'rubricProblems')}</Text>
            <ProblemList problems={save.result.problems} lang={lang} />
          </>
        ))}
    </div>
  );
}

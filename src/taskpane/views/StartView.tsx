/** 开始: workbook status, install/repair, and roster import with a preview of the mapping. */
import { Button, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { SHEETS, TABLES } from '../../domain/contract';
import { ROUNDS, type Language } from '../../domain/types';
import type { GridSource } from '../../domain/rosterGrid';
import type { PickedFile, SchemeSummary } from '../../workbook/commandTypes';
import { Busy, ErrorBar, Note } from '../feedback';
import { formatTime, joinList, roundName, text } from '../../domain/texts/pane';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { NotScoredNote, useRubricCategories } from './NotScoredNote';
import { ProblemList } from './ProblemList';
import { WelcomeCard } from './WelcomeCard';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: '0',
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: '0', fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  scroll: { maxHeight: '240px', overflowY: 'auto' },
  h2: { margin: '0' },
});

export function StartView({ commands, lang, status, onChanged, onNavigate, onAddCategory }: ViewProps) {
  const styles = useStyles();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [branch, setBranch] = useState('');
  const [branchFromTitle, setBranchFromTitle] = useState(false);
  const categories = useRubricCategories(commands, status);
  // Before install: the branch name from the workbook's title row (龙口市科技局机关党支部2025年度…汇总表), if any.
  const notInstalled = status !== null && !status.installed;
  const sheetsKey = status?.sheets.join('\u0001') ?? '';
  useEffect(() => {
    if (!notInstalled) return;
    let live = true;
    commands
      .suggestBranch()
      .then((b) => {
        if (!live || !b) return;
        setBranch((current) => {
          if (current.trim() !== '') return current;
          setBranchFromTitle(true);
          return b;
        });
      })
      .catch((e) => console.error(e));
    return () => {
      live = false;
    };
  }, [commands, notInstalled, sheetsKey]);
  const [sheet, setSheet] = useState('');
  const install = useAction(lang, async () => {
    const y = Number(year);
    const report = await commands.install(status?.installed ? undefined : { year: Number.isInteger(y) ? y : undefined, branch: branch.trim() || undefined });
    onChanged();
    return report;
  });
  // 按上级方案安装: the scheme file read and summed up first (nothing written), installed on confirmation.
  const schemeRef = useRef<HTMLInputElement>(null);
  const [schemeFile, setSchemeFile] = useState<PickedFile | null>(null);
  const installOptions = () => {
    const y = Number(year);
    return { branch: branch.trim(), year: year.trim() !== '' && Number.isInteger(y) ? y : undefined };
  };
  const schemePlan = useAction(lang, (f: PickedFile) => commands.installSchemeFile!(f, installOptions(), false));
  const schemeInstall = useAction(lang, async (f: PickedFile) => {
    const r = await commands.installSchemeFile!(f, installOptions(), true);
    if (!r.refused) onChanged();
    return r;
  });
  // The source: a sheet of this workbook, or a grid read from a file (any format; the file itself is only read).
  const [fromFile, setFromFile] = useState<{ name: string; grid: GridSource; note: string | null } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const preview = useAction(lang, (s: string | GridSource) => (typeof s === 'string' ? commands.previewRosterImport(s) : commands.previewRosterImportGrid!(s)));
  const doImport = useAction(lang, async (s: string | GridSource) => {
    const report = typeof s === 'string' ? await commands.importRoster(s) : await commands.importRosterGrid!(s);
    onChanged();
    return report;
  });
  const readFile = useAction(lang, async (file: File) => {
    // The host and the format readers load only now (not in the pane's first load).
    const { readRosterFile } = await import(/* webpackChunkName: "rosterFile" */ '../../workbook/setup/rosterFile');
    const read = await readRosterFile(new Uint8Array(await file.arrayBuffer()), file.name);
    setFromFile({ name: file.name, ...read });
    setSheet('');
    doImport.reset();
    await preview.run(read.grid);
    return read;
  });

  if (!status) return <Busy label={text(lang, 'loading')} />;
  const partly = !status.installed && status.missingTables.length > 0 && status.missingTables.length < 9;
  const busy = install.busy || preview.busy || doImport.busy || readFile.busy || schemePlan.busy || schemeInstall.busy;
  const sheetChoices = status.sheets;
  // A committee's roll-up (kaoping rollup / 党委汇总) is read, printed and rolled up again, never installed into.
  const rollupBook = !!status.rollup && !status.installed;

  return (
    <div className={styles.stack}>
      <WelcomeCard lang={lang} status={status} onNavigate={onNavigate} />
      <section className={styles.section} aria-labelledby="kp-status-title">
        <Text as="h2" id="kp-status-title" weight="semibold" size={300} className={styles.h2}>
          {text(lang, 'statusTitle')}
        </Text>
        <Text>
          {status.installed
            ? text(lang, 'installed')
            : partly
              ? text(lang, 'partlyInstalled', { tables: joinList(lang, status.missingTables.map(sheetOfTable)) })
              : text(lang, 'notInstalled')}
        </Text>
        {status.installed && (
          <dl className={styles.facts}>
            <dt className={styles.term}>{text(lang, 'year')}</dt>
            <dd className={styles.value}>{status.year ?? '—'}</dd>
            <dt className={styles.term}>{text(lang, 'branch')}</dt>
            <dd className={styles.value}>{status.branch || '—'}</dd>
            <dt className={styles.term}>{text(lang, 'members')}</dt>
            <dd className={styles.value}>{status.members}</dd>
            {ROUNDS.map((r) => (
              <FormsFact key={r} label={roundName(lang, r)} count={status.forms[r]} termClass={styles.term} valueClass={styles.value} />
            ))}
          </dl>
        )}
        {status.computedAt && <Text size={200}>{text(lang, 'computedAt', { time: formatTime(status.computedAt) })}</Text>}
        {status.resultsStale && <Note intent="warning">{text(lang, 'staleResults')}</Note>}
        {rollupBook && <Note intent="info">{text(lang, 'rollupWorkbook')}</Note>}
      </section>

      {!rollupBook && <section className={styles.section}>
        {!status.installed && (
          <div className={styles.row}>
            <Field label={text(lang, 'year')}>
              <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" size="small" style={{ width: '6em' }} />
            </Field>
            <Field label={text(lang, 'branch')} hint={branchFromTitle ? text(lang, 'branchFromTitle') : undefined}>
              <Input
                value={branch}
                onChange={(_, d) => {
                  setBranch(d.value);
                  setBranchFromTitle(false);
                }}
                size="small"
              />
            </Field>
          </div>
        )}
        <div className={styles.row}>
          <Button appearance={status.installed ? 'secondary' : 'primary'} disabled={busy} onClick={() => void install.run()}>
            {status.installed ? text(lang, 'repair') : text(lang, 'install')}
          </Button>
          {!status.installed && commands.installSchemeFile && (
            <>
              <input
                ref={schemeRef}
                type="file"
                hidden
                accept=".xlsx"
                aria-label={text(lang, 'schemeInstallPick')}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (!file) return;
                  void file.arrayBuffer().then((buffer) => {
                    const picked = { name: file.name, bytes: new Uint8Array(buffer) };
                    setSchemeFile(picked);
                    schemeInstall.reset();
                    void schemePlan.run(picked);
                  });
                }}
              />
              <Button disabled={busy} onClick={() => schemeRef.current?.click()}>
                {text(lang, 'schemeInstall')}
              </Button>
            </>
          )}
          {(install.busy || schemePlan.busy || schemeInstall.busy) && <Busy label={text(lang, 'working')} />}
        </div>
        <ErrorBar message={install.error ?? schemePlan.error ?? schemeInstall.error} />
        {schemePlan.result && schemeFile && !schemeInstall.result && (
          <>
            <Text size={200}>{schemeLines(lang, schemeFile.name, schemePlan.result.summary)}</Text>
            {schemePlan.result.refused ? (
              <Note intent="warning">{schemePlan.result.refused}</Note>
            ) : (
              <div className={styles.row}>
                <Button appearance="primary" disabled={busy} onClick={() => void schemeInstall.run(schemeFile)}>
                  {text(lang, 'schemeInstallConfirm')}
                </Button>
              </div>
            )}
          </>
        )}
        {schemeInstall.result &&
          (schemeInstall.result.refused ? (
            <Note intent="warning">{schemeInstall.result.refused}</Note>
          ) : (
            <Note intent="success">{text(lang, 'schemeInstallDone', { fingerprint: schemeInstall.result.summary.fingerprint })}</Note>
          ))}
        {install.result && (
          <Note intent="success">
            {install.result.createdSheets.length + install.result.repaired.length === 0
              ? text(lang, 'nothingChanged')
              : text(lang, 'installDone')}
            {install.result.messages.slice(0, 3).map((m) => (
              <div key={m}>{m}</div>
            ))}
            {install.result.messages.length > 3 && <div>…（{install.result.messages.length}）</div>}
          </Note>
        )}
      </section>}

      {status.installed && (
        <section className={styles.section} aria-labelledby="kp-import-title">
          <Text as="h2" id="kp-import-title" weight="semibold" size={300} className={styles.h2}>
            {text(lang, 'importTitle')}
          </Text>
          <Text size={200}>{text(lang, 'importHint')}</Text>
          <div className={styles.row}>
            <Field label={text(lang, 'sourceSheet')}>
              <Select
                value={sheet}
                onChange={(_, d) => {
                  setSheet(d.value);
                  setFromFile(null);
                  preview.reset();
                  doImport.reset();
                }}
              >
                <option value="">{text(lang, 'pickSheet')}</option>
                {sheetChoices.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </Select>
            </Field>
            <Button disabled={!sheet || busy} onClick={() => void preview.run(sheet)}>
              {text(lang, 'previewImport')}
            </Button>
          </div>
          {commands.previewRosterImportGrid && (
            <div className={styles.row}>
              <input
                ref={fileRef}
                type="file"
                hidden
                data-testid="roster-file"
                accept=".xlsx,.xlsm,.xls,.et,.ods,.csv,.txt"
                aria-label={text(lang, 'importFromFile')}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void readFile.run(file);
                  e.target.value = '';
                }}
              />
              <Button disabled={busy} onClick={() => fileRef.current?.click()}>
                {text(lang, 'importFromFile')}
              </Button>
              {fromFile && <Text size={200}>{fromFile.name}</Text>}
            </div>
          )}
          {fromFile?.note && <Text size={200}>{fromFile.note}</Text>}
          <ErrorBar message={readFile.error} />
          {(preview.busy || doImport.busy) && <Busy label={text(lang, 'working')} />}
          <ErrorBar message={preview.error ?? doImport.error} />
          {preview.result && !doImport.result && (
            <>
              <NotScoredNote lang={lang} members={preview.result.members} categories={categories} onAddCategory={onAddCategory} />
              <Text size={200}>{text(lang, 'headerRowFound', { row: preview.result.headerRow })}</Text>
              <Text size={200}>
                {text(lang, 'mapping')}：{preview.result.mapping.map((m) => `${m.source} → ${m.target}`).join('；')}
              </Text>
              <Text weight="semibold">{text(lang, 'membersFound', { count: preview.result.members.length })}</Text>
              {/* A focusable, named scroll region so keyboard users can scroll a long roster. */}
              <div className={styles.scroll} tabIndex={0} role="region" aria-label={text(lang, 'membersFound', { count: preview.result.members.length })}>
                <table className={styles.table}>
                  <thead>
                    <tr>
                      <th className={styles.cell}>{text(lang, 'colId')}</th>
                      <th className={styles.cell}>{text(lang, 'colName')}</th>
                      <th className={styles.cell}>{text(lang, 'colGroup')}</th>
                      <th className={styles.cell}>{text(lang, 'colCategory')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.result.members.map((m) => (
                      <tr key={`${m.sourceRow}`}>
                        <td className={styles.cell}>{m.id}</td>
                        <td className={styles.cell}>{m.name}</td>
                        <td className={styles.cell}>{m.group}</td>
                        <td className={styles.cell}>{m.category}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {preview.result.skipped.length > 0 && (
                <>
                  <Text weight="semibold">{text(lang, 'skippedRows', { count: preview.result.skipped.length })}</Text>
                  <ul>
                    {preview.result.skipped.map((s) => (
                      <li key={s.row}>
                        {text(lang, 'rowN', { row: s.row })}：{s.reason}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <ProblemList problems={preview.result.problems} lang={lang} />
              <div className={styles.row}>
                <Button appearance="primary" disabled={busy || preview.result.members.length === 0} onClick={() => void doImport.run(fromFile ? fromFile.grid : sheet)}>
                  {text(lang, 'doImport')}
                </Button>
              </div>
            </>
          )}
          {doImport.result && (
            <Note intent="success">
              {text(lang, 'importDone', {
                added: doImport.result.added,
                updated: doImport.result.updated,
                unchanged: doImport.result.unchanged,
              })}
            </Note>
          )}
          {doImport.result && <NotScoredNote lang={lang} members={status.roster ?? []} categories={categories} onAddCategory={onAddCategory} />}
          {doImport.result && <ProblemList problems={doImport.result.problems} lang={lang} />}
        </section>
      )}
    </div>
  );
}

/** The scheme file in two sentences: its year and fingerprint, then what it fixes. */
function schemeLines(lang: Language, file: string, s: SchemeSummary): string {
  const changed = s.changed.length === 0 ? text(lang, 'schemeInstallAllDefault') : text(lang, 'schemeInstallNotDefault', { list: joinList(lang, s.changed) });
  const categories = joinList(lang, s.categories.map((c) => text(lang, 'schemeInstallCategory', { category: c.category, dimensions: c.dimensions, points: c.points })));
  return `${text(lang, 'schemeInstallWhat', { file, year: s.year, fingerprint: s.fingerprint })}${lang === 'zh-CN' ? '' : ' '}${text(lang, 'schemeInstallFixes', { count: s.fixed, changed, categories })}`;
}

function FormsFact({ label, count, termClass, valueClass }: { label: string; count: number; termClass: string; valueClass: string }) {
  return (
    <>
      <dt className={termClass}>{label}</dt>
      <dd className={valueClass}>{count}</dd>
    </>
  );
}

/** kp_Peer → 党员互评: the user reads sheet names, never kp_ table names. */
function sheetOfTable(table: string): string {
  const key = (Object.keys(TABLES) as (keyof typeof TABLES)[]).find((k) => TABLES[k] === table);
  return key ? SHEETS[key] : table;
}

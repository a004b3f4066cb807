/**
 * The task pane: one FluentProvider, a header, the section tabs and the current view. Components get the
 * workbook only through `commands` (KaopingCommands); nothing here calls Excel directly.
 */
import {
  Button,
  FluentProvider,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Language } from '../domain/types';
import type { BatchRunner, KaopingCommands, WorkbookStatus } from '../workbook/commandTypes';
import type { WorkbookBackup } from './backup';
import type { FileOutlet } from './files';
import type { FileOut } from './fileOut';
import type { ConformanceTest } from './selfcheck/conformanceTypes';
import { ErrorBar } from './feedback';
import { text, type StringKey } from '../domain/texts/pane';
import { useAction } from './useAction';
import { CheckView } from './views/CheckView';
import { DiagnosticsView } from './views/DiagnosticsView';
import { EntryView } from './views/EntryView';
import { NewYearView } from './views/NewYearView';
import { PostingView } from './views/PostingView';
import { ResultsView } from './views/ResultsView';
import { SettingsView } from './views/SettingsView';
import { StartView } from './views/StartView';
import type { ViewName } from './viewProps';

export type { ViewName } from './viewProps';
/** Views that need the sheets installed; until then they say 请先安装. */
const NEEDS_INSTALL: ReadonlySet<ViewName> = new Set<ViewName>(['entry', 'check', 'results', 'posting', 'newYear']);
const TABS: { view: ViewName; key: StringKey }[] = [
  { view: 'start', key: 'navStart' },
  { view: 'entry', key: 'navEntry' },
  { view: 'check', key: 'navCheck' },
  { view: 'results', key: 'navResults' },
  { view: 'posting', key: 'navPosting' },
  { view: 'newYear', key: 'navNewYear' },
  { view: 'settings', key: 'navSettings' },
];

export interface AppProps {
  commands: KaopingCommands;
  /** Runs a raw batch; only the hidden self-test uses it. */
  runner?: BatchRunner;
  /** Loads the host conformance suite lazily so it stays out of the first load. */
  loadConformance?: () => Promise<readonly ConformanceTest[]>;
  /** Fixed language; otherwise the workbook's language from getStatus(). */
  language?: Language;
  initialView?: ViewName;
  /** Saves a complete copy of the workbook (Excel: getFileAsync; preview: the host's saveXlsx). */
  backup?: WorkbookBackup;
  /** How files leave the pane (ballots): a download, or a new Excel window on Mac / iPad (officeFiles.ts). */
  files?: FileOutlet;
  /** Told how many typed scores the open form holds unsaved (the web page warns before losing them). */
  onUnsavedInput?: (count: number) => void;
  /** Hands out files the add-in made (score sheets): a download, or a new Excel window. */
  fileOut?: FileOut;
}

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100%',
    minWidth: '0',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
  },
  // One line at 320 px: seven two- or three-character tabs with tight padding.
  tabs: {
    flexWrap: 'nowrap',
    padding: '0',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '& button': { paddingLeft: '5px', paddingRight: '5px', minWidth: '0' },
  },
  main: {
    flexGrow: 1,
    padding: tokens.spacingHorizontalM,
    minWidth: '0',
  },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  h2: { margin: '0' },
});

export function App({ commands, runner, loadConformance, language, initialView = 'start', backup, files, onUnsavedInput, fileOut }: AppProps) {
  const styles = useStyles();
  const [chosenLang, setChosenLang] = useState<Language | null>(language ?? null);
  const [view, setViewState] = useState<ViewName>(initialView);
  // Views stay mounted once visited (hidden when not shown), so a half-typed ballot, the chosen round and
  // evaluator survive a trip to another tab.
  const [visited, setVisited] = useState<ReadonlySet<ViewName>>(() => new Set([initialView]));
  const [categoryRequest, setCategoryRequest] = useState<{ category: string; n: number } | null>(null);
  const setView = useCallback((v: ViewName) => {
    setViewState(v);
    setVisited((s) => (s.has(v) ? s : new Set([...s, v])));
  }, []);
  const [status, setStatus] = useState<WorkbookStatus | null>(null);
  const lang: Language = chosenLang ?? status?.language ?? 'zh-CN';
  const statusAction = useAction(lang, () => commands.getStatus());
  const runStatus = statusAction.run;

  const refresh = useCallback(async () => {
    const s = await runStatus();
    if (s) setStatus(s);
  }, [runStatus]);

  useEffect(() => {
    void refresh();
  }, [refresh, commands]);

  // Ctrl+Shift+Alt+D opens the self-test; it is for support, not for everyday use.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.shiftKey && e.altKey && e.key.toLowerCase() === 'd') setView('diagnostics');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView]);

  const onAddCategory = useCallback(
    (category: string) => {
      setCategoryRequest((r) => ({ category, n: (r?.n ?? 0) + 1 }));
      setView('settings');
    },
    [setView],
  );
  const props = { commands, lang, status, onChanged: () => void refresh(), onNavigate: setView, onAddCategory, backup, files, onUnsavedInput, fileOut };
  const panel = (name: ViewName, node: ReactNode) => {
    if (!visited.has(name) && view !== name) return null;
    const blocked = status !== null && !status.installed && NEEDS_INSTALL.has(name);
    return (
      <div key={name} hidden={view !== name} data-view={name}>
        {blocked ? (
          <div className={styles.stack}>
            <Text as="h2" weight="semibold" size={300} className={styles.h2}>
              {text(lang, 'installFirst')}
            </Text>
            <Text>{text(lang, 'installFirstBody')}</Text>
            <Button appearance="primary" onClick={() => setView('start')}>
              {text(lang, 'goInstall')}
            </Button>
          </div>
        ) : (
          node
        )}
      </div>
    );
  };
  return (
    <FluentProvider theme={webLightTheme} lang={lang} className={styles.root}>
      <header className={styles.header}>
        <Text as="h1" weight="semibold" size={400}>
          {text(lang, 'appTitle')}
        </Text>
        {status?.year ? <Text size={200}>{status.year}</Text> : null}
      </header>
      <nav aria-label={text(lang, 'nav')}>
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={view}
          onTabSelect={(_, data) => {
            setView(data.value as ViewName);
            void refresh(); // the user may have edited the sheets in between
          }}
        >
          {TABS.map((tab) => (
            <Tab key={tab.view} value={tab.view}>
              {text(lang, tab.key)}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        <ErrorBar message={statusAction.error} />
        {panel('start', <StartView {...props} />)}
        {panel('entry', <EntryView {...props} />)}
        {panel('check', <CheckView {...props} />)}
        {panel('results', <ResultsView {...props} />)}
        {panel('posting', <PostingView {...props} />)}
        {panel('newYear', <NewYearView {...props} />)}
        {panel('settings', <SettingsView {...props} onLanguage={setChosenLang} categoryRequest={categoryRequest} />)}
        {view === 'diagnostics' && (
          <DiagnosticsView lang={lang} runner={runner} loadConformance={loadConformance} onBack={() => setView('settings')} />
        )}
      </main>
    </FluentProvider>
  );
}

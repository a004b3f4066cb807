/**
 * The task pane: one FluentProvider, a header, the section tabs and the current view. Components get the
 * workbook only through `commands` (KaopingCommands); nothing here calls Excel directly.
 */
import {
  FluentProvider,
  Link,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Language } from '../domain/types';
import type { BatchRunner, KaopingCommands, WorkbookStatus } from '../workbook/commandTypes';
import type { ConformanceTest } from './conformanceTypes';
import { ErrorBar } from './feedback';
import { text, type StringKey } from './strings';
import { useAction } from './useAction';
import { CheckView } from './views/CheckView';
import { DiagnosticsView } from './views/DiagnosticsView';
import { EntryView } from './views/EntryView';
import { NewYearView } from './views/NewYearView';
import { PostingView } from './views/PostingView';
import { ResultsView } from './views/ResultsView';
import { SettingsView } from './views/SettingsView';
import { StartView } from './views/StartView';

export type ViewName = 'start' | 'entry' | 'check' | 'results' | 'posting' | 'newYear' | 'settings' | 'diagnostics';
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
  tabs: {
    flexWrap: 'wrap',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: {
    flexGrow: 1,
    padding: tokens.spacingHorizontalM,
    minWidth: '0',
  },
  footer: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    textAlign: 'right',
  },
  hiddenLink: {
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground3,
  },
});

export function App({ commands, runner, loadConformance, language, initialView = 'start' }: AppProps) {
  const styles = useStyles();
  const [chosenLang, setChosenLang] = useState<Language | null>(language ?? null);
  const [view, setView] = useState<ViewName>(initialView);
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
  }, []);

  const props = { commands, lang, status, onChanged: () => void refresh() };
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
        {view === 'start' && <StartView {...props} />}
        {view === 'entry' && <EntryView {...props} />}
        {view === 'check' && <CheckView {...props} />}
        {view === 'results' && <ResultsView {...props} />}
        {view === 'posting' && <PostingView {...props} />}
        {view === 'newYear' && <NewYearView {...props} />}
        {view === 'settings' && <SettingsView {...props} onLanguage={setChosenLang} />}
        {view === 'diagnostics' && (
          <DiagnosticsView lang={lang} runner={runner} loadConformance={loadConformance} onBack={() => setView('start')} />
        )}
      </main>
      <footer className={styles.footer}>
        <Link className={styles.hiddenLink} onClick={() => setView('diagnostics')}>
          {text(lang, 'navDiagnostics')}
        </Link>
      </footer>
    </FluentProvider>
  );
}

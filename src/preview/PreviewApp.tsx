/**
 * The web page (and the dev preview): the task pane (left) over a headless workbook shown as a grid (right).
 * Until a workbook is opened or made, the grid's place shows the first screen (Welcome).
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  FluentProvider,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SHEETS } from '../domain/contract';
import { createWorkbook, run, saveXlsx, type HostWorkbook } from '../host';
import { conformanceTests } from '../taskpane/selfcheck/conformance';
import { App } from '../taskpane/App';
import { downloadBytes, type WorkbookBackup } from '../taskpane/backup';
import { browserFileOut } from '../taskpane/fileOut';
import { createCommands } from '../workbook/createCommands';
import type { BatchRunner, KaopingCommands } from '../workbook/commandTypes';
import { downloadName } from './downloadName';
import { SAMPLE_FILE_NAME, makeSampleWorkbook } from './sample';
import { changesWorkbook, sheetWritten, watchCommands } from './watchCommands';
import { RollupPicker } from './RollupPicker';
import { Welcome } from './Welcome';
import { WorkbookView } from './WorkbookView';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    height: '100%',
    '@media (max-width: 720px)': { flexDirection: 'column', height: 'auto' },
  },
  pane: {
    width: '340px',
    flexShrink: 0,
    overflowY: 'auto',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    '@media (max-width: 720px)': { width: '100%', borderRight: 'none', overflowY: 'visible' },
  },
  sheet: { flexGrow: 1, minWidth: '0', display: 'flex', flexDirection: 'column' },
});

export function PreviewApp({ initial }: { initial: HostWorkbook }) {
  const styles = useStyles();
  const [wb, setWb] = useState(initial);
  const [fileName, setFileName] = useState('考评.xlsx');
  const [version, setVersion] = useState(0);
  const [selection, setSelection] = useState<{ sheet: string; cell: string } | null>(null);
  /** Counts the files opened: the pane starts afresh with each, its messages (安装完成, 导入完成…) go with the file. */
  const [opened, setOpened] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const [follow, setFollow] = useState<{ sheet: string; n: number } | null>(null);
  /** The first screen shows until a workbook is opened, made or changed by a command. */
  const [welcome, setWelcome] = useState(true);
  const [making, setMaking] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);
  /** Work not yet downloaded: a change since the last open or download, or scores typed into a form not saved. */
  const [changed, setChanged] = useState(false);
  const [typing, setTyping] = useState(0);
  const unsaved = changed || typing > 0;
  const [asking, setAsking] = useState<{ what: string; go: () => void } | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Closing or reloading the tab with such work: the browser asks (beforeunload).
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
      return '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  useEffect(() => {
    if (!asking) return;
    const t = setTimeout(() => cancelRef.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [asking]);
  /** Replaces the workbook at once, or after asking when there is work not yet downloaded. */
  const confirmReplace = useCallback((what: string, go: () => void) => (unsaved ? setAsking({ what, go }) : go()), [unsaved]);
  const onDone = useCallback(
    (name: keyof KaopingCommands, args: unknown[], result: unknown) => {
      if (changesWorkbook(name)) setChanged(true);
      const sheet = sheetWritten(name, args, result);
      if (sheet) setFollow((f) => ({ sheet, n: (f?.n ?? 0) + 1 }));
      if (sheet || name === 'install' || name === 'newYear' || name === 'saveRubric') setWelcome(false);
      bump();
    },
    [bump],
  );
  const runner: BatchRunner = useMemo(() => (batch) => run(wb, batch), [wb]);
  const commands = useMemo(
    () => watchCommands(createCommands(runner), onDone, (sheet, cell) => setSelection({ sheet, cell })),
    [runner, onDone],
  );
  // The preview's backup: the same bytes as 下载 .xlsx (the host's writer), offered as a download.
  const backup: WorkbookBackup = useMemo(
    () => ({
      save: async (name: string) => {
        const bytes = await saveXlsx(wb);
        downloadBytes(bytes, name);
        return { fileName: name, bytes: bytes.length };
      },
    }),
    [wb],
  );
  const open = useCallback(
    (next: HostWorkbook, name: string) => {
      setWb(next);
      setOpened((n) => n + 1);
      setChanged(false);
      setFileName(name);
      setSelection(null);
      setWelcome(false);
      bump();
    },
    [bump],
  );
  const sample = async () => {
    setMaking(true);
    setSampleError(null);
    try {
      const made = await makeSampleWorkbook();
      open(made.workbook, SAMPLE_FILE_NAME);
      setFollow((f) => ({ sheet: SHEETS.results, n: (f?.n ?? 0) + 1 })); // show the year's results first
    } catch (e) {
      console.error(e);
      setSampleError(`无法生成示例工作簿：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      setMaking(false);
    }
  };
  const saveName = useCallback(() => downloadName(createCommands(runner), fileName), [runner, fileName]);
  return (
    <FluentProvider theme={webLightTheme} className={styles.page}>
      <div className={styles.pane} data-testid="taskpane">
        <App key={opened} commands={commands} runner={runner} backup={backup} fileOut={browserFileOut} loadConformance={async () => conformanceTests} onUnsavedInput={setTyping} />
      </div>
      <div className={styles.sheet}>
        <WorkbookView
          wb={wb}
          version={version}
          fileName={fileName}
          selection={selection}
          follow={follow}
          onOpen={open}
          onEdited={() => {
            setWelcome(false);
            setChanged(true);
            bump();
          }}
          confirmReplace={confirmReplace}
          onNew={() => confirmReplace('新建', () => open(createWorkbook(), '考评.xlsx'))}
          onDownloaded={() => setChanged(false)}
          saveName={saveName}
          intro={
            welcome ? (
              <Welcome
                making={making}
                error={sampleError}
                onSample={() => confirmReplace('示例工作簿', () => void sample())}
                onOpen={() => document.getElementById('kp-open-xlsx')?.click()}
                onNew={() => confirmReplace('新建', () => open(createWorkbook(), '考评.xlsx'))}
                rollup={<RollupPicker onRolledUp={(wb, name) => confirmReplace('党委汇总', () => open(wb, name))} />}
              />
            ) : null
          }
        />
      </div>
      <Dialog open={asking !== null} onOpenChange={(_, d) => !d.open && setAsking(null)}>
        <DialogSurface>
          {asking && (
            <DialogBody>
              <DialogTitle>替换当前工作簿？</DialogTitle>
              <DialogContent>
                当前工作簿有尚未下载的修改{typing > 0 ? `（其中有 ${typing} 个分数还没有保存到测评表）` : ''}。{asking.what}会替换它，这些修改将丢失。要保留，请先取消，保存测评表并点“下载 .xlsx”。
              </DialogContent>
              {/* The safe choice first and focused: a habitual Enter keeps the work. */}
              <DialogActions>
                <Button ref={cancelRef} appearance="primary" onClick={() => setAsking(null)}>
                  取消
                </Button>
                <Button
                  onClick={() => {
                    const go = asking.go;
                    setAsking(null);
                    setTyping(0);
                    go();
                  }}
                >
                  不保存，替换
                </Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </FluentProvider>
  );
}

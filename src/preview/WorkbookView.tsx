/**
 * The preview's workbook: open/download buttons, sheet tabs and a cell grid drawn from the host's
 * snapshot (values as Excel would show them, fills, bold, merges, frozen header rows, the selected cell).
 */
import { Button, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { loadXlsx, saveXlsx, type HostWorkbook } from '../host';
import { SheetGrid } from './SheetGrid';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: '0' },
  toolbar: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  fileInput: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' },
  tabs: { overflowX: 'auto', flexShrink: 0, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  error: { color: tokens.colorPaletteRedForeground1 },
  grid: { flexGrow: 1, minHeight: '0', overflow: 'auto' },
});

export interface WorkbookViewProps {
  wb: HostWorkbook;
  /** Bumped after every command so the grid is read again. */
  version: number;
  fileName: string;
  selection: { sheet: string; cell: string } | null;
  onOpen: (wb: HostWorkbook, fileName: string) => void;
}

export function WorkbookView({ wb, version, fileName, selection, onOpen }: WorkbookViewProps) {
  const styles = useStyles();
  const names = useMemo(() => wb.sheetNames(), [wb, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const [sheet, setSheet] = useState(names[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const knownNames = useRef(names);

  // Follow the workbook: a new sheet made by a command becomes visible, a selected cell shows its sheet.
  useEffect(() => {
    const added = names.filter((n) => !knownNames.current.includes(n));
    knownNames.current = names;
    if (added.length > 0) setSheet(added[added.length - 1]);
    else if (!names.includes(sheet)) setSheet(names[0] ?? '');
  }, [names]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (selection) setSheet(selection.sheet);
  }, [selection]);

  const snapshot = useMemo(() => (sheet && names.includes(sheet) ? wb.snapshot(sheet) : null), [wb, sheet, names, version]); // eslint-disable-line react-hooks/exhaustive-deps

  const open = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const next = await loadXlsx(new Uint8Array(await file.arrayBuffer()));
      knownNames.current = next.sheetNames();
      setSheet(next.sheetNames()[0] ?? '');
      onOpen(next, file.name);
    } catch (e) {
      console.error(e);
      setError(`无法打开“${file.name}”：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    setError(null);
    try {
      const bytes = await saveXlsx(wb);
      const url = URL.createObjectURL(
        new Blob([Uint8Array.from(bytes)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      console.error(e);
      setError(`无法保存：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  };

  return (
    <section className={styles.root} aria-label="工作簿预览">
      <div className={styles.toolbar}>
        <input
          ref={fileRef}
          id="kp-open-xlsx"
          className={styles.fileInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="打开 .xlsx"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void open(file);
            e.target.value = '';
          }}
        />
        <Button size="small" disabled={busy} onClick={() => fileRef.current?.click()}>
          打开 .xlsx
        </Button>
        <Button size="small" onClick={() => void download()}>
          下载 .xlsx
        </Button>
        <Text size={200}>{fileName}</Text>
        {error && (
          <Text size={200} className={styles.error} role="alert">
            {error}
          </Text>
        )}
      </div>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={sheet}
        onTabSelect={(_, d) => setSheet(String(d.value))}
        aria-label="工作表"
      >
        {names.map((n) => (
          <Tab key={n} value={n}>
            {n}
          </Tab>
        ))}
      </TabList>
      <div className={styles.grid} data-testid="sheet-grid">
        {snapshot && <SheetGrid snapshot={snapshot} selected={selection?.sheet === sheet ? selection.cell : null} />}
      </div>
    </section>
  );
}

/**
 * The preview's workbook: open/download buttons, sheet tabs and a cell grid drawn from the host's
 * snapshot (values as Excel would show them, fills, bold, merges, frozen header rows, the selected cell).
 */
import { Button, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { run, saveXlsx, type HostWorkbook } from '../host';
import { convertedNote, openWorkbookFile } from '../host/formats';
import { SheetGrid, parseAddress, type CellEdit } from './SheetGrid';

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
  local: { color: tokens.colorNeutralForeground2, marginLeft: 'auto' },
  grid: { flexGrow: 1, minHeight: '0', overflow: 'auto' },
});

export interface WorkbookViewProps {
  wb: HostWorkbook;
  /** Bumped after every command so the grid is read again. */
  version: number;
  fileName: string;
  selection: { sheet: string; cell: string } | null;
  /** The sheet the last command wrote to; shown once per change of n. */
  follow: { sheet: string; n: number } | null;
  onOpen: (wb: HostWorkbook, fileName: string) => void;
  /** Called after the user typed into a cell of the grid. */
  onEdited: () => void;
  /** The download's file name (the year and step, e.g. 考评2026-结果.xlsx); the opened file's name without it. */
  saveName?: () => Promise<string>;
  /** Shown instead of the sheet tabs and grid (the web page's first screen). */
  intro?: ReactNode;
  /**
   * Runs `go` (replacing the workbook: 打开 .xlsx) at once, or after asking when there is work not yet
   * downloaded; `what` names what would replace it.
   */
  confirmReplace?: (what: string, go: () => void) => void;
  /** 新建: an empty workbook in place of this one (shown once a file is open). */
  onNew?: () => void;
  /** Called after the download of the workbook was started. */
  onDownloaded?: () => void;
}

/**
 * What goes to the host for one typed cell: what a person types, except that a user's text is never a formula —
 * "=…", and "+…", "-…", "@…" that are not numbers, are typed with a leading apostrophe (kept as text, as Excel
 * does for '=…).
 */
export function typedText(input: string, textColumn = false): string {
  const t = input.trim();
  if (textColumn && t !== '' && !input.startsWith("'")) return `'${input}`;
  if (/^[=+\-@]/.test(t) && !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?$/i.test(t)) return `'${input}`;
  return input;
}

/**
 * Whether a cell belongs to a table's text column, or is the row just below one that typing extends: the column's
 * first data cell is formatted as text (@). A roster code "010" typed or pasted there stays "010", as in the rows
 * install formatted.
 */
function inTextColumn(wb: HostWorkbook, sheetName: string, address: string): boolean {
  const sheet = wb.model.sheetByName(sheetName);
  const { r, c } = parseAddress(address);
  if (!sheet || r < 0) return false;
  const table = wb.model.tableAt(sheet, r, c) ?? (r > 0 ? wb.model.tableAt(sheet, r - 1, c) : undefined);
  if (!table || r <= table.rect.r0) return false;
  return sheet.styleAt(table.rect.r0 + 1, c).numberFormat === '@';
}

/** The host's alert for a refused entry, in the user's words. */
function alertText(alert: string | undefined): string {
  if (!alert || alert === 'The cell is protected.') return alert ? '单元格受保护，不能修改。' : '输入的值不符合该单元格的要求。';
  if (alert.startsWith("The value doesn't match")) return '输入的值不符合该单元格的数据验证规则。';
  return alert;
}

export function WorkbookView({ wb, version, fileName, selection, follow, onOpen, onEdited, saveName, intro, confirmReplace, onNew, onDownloaded }: WorkbookViewProps) {
  const styles = useStyles();
  const [names, setNames] = useState<string[]>(() => wb.sheetNames());
  const [sheet, setSheet] = useState(names[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState(fileName);
  // The name the next download gets, read again after every command (the year and step may have changed).
  useEffect(() => {
    let live = true;
    if (!saveName) setTarget(fileName);
    else
      saveName()
        .then((name) => live && setTarget(name))
        .catch(() => live && setTarget(fileName));
    return () => {
      live = false;
    };
  }, [saveName, fileName, wb, version]);
  const known = useRef<{ names: string[]; active: string }>({ names, active: '' });
  const followed = useRef(0);
  const followRef = useRef(follow);
  followRef.current = follow;

  // After every command: list the visible sheets (as Excel's tabs would) and follow the workbook — a sheet a
  // command activated or newly made becomes the one shown.
  useEffect(() => {
    let live = true;
    void run(wb, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      const active = sheets.getActiveWorksheet();
      active.load('name');
      await context.sync();
      return { visible: sheets.items.filter((s) => s.visibility === 'Visible').map((s) => s.name), active: active.name };
    })
      .then(({ visible, active }) => {
        if (!live) return;
        const added = visible.filter((n) => !known.current.names.includes(n));
        const activated = active !== known.current.active && visible.includes(active);
        known.current = { names: visible, active };
        setNames(visible);
        const f = followRef.current;
        if (f && f.n !== followed.current && visible.includes(f.sheet)) {
          followed.current = f.n;
          setSheet(f.sheet);
        } else if (added.length > 0) setSheet(added[0]);
        else if (activated) setSheet(active);
        else setSheet((current) => (visible.includes(current) ? current : visible[0] ?? ''));
      })
      .catch((e) => console.error(e));
    return () => {
      live = false;
    };
  }, [wb, version]);
  const [picked, setPicked] = useState<{ sheet: string; cell: string } | null>(null);
  useEffect(() => {
    if (selection) {
      setSheet(selection.sheet);
      setPicked(selection);
    }
  }, [selection]);

  // Typing and pasting go through the host as a person typing in Excel: numbers and dates are parsed, cells
  // formatted as text keep what was typed, validation with a Stop alert refuses an entry, rows typed just below a
  // table extend it.
  const edit = (edits: CellEdit[]) => {
    setError(null);
    const refused: string[] = [];
    try {
      for (const { address, input } of edits) {
        const result = wb.type(sheet, address, typedText(input, inTextColumn(wb, sheet, address)));
        if (!result.accepted) refused.push(`${address}：${alertText(result.alert)}`);
      }
      if (refused.length > 0)
        setError(refused.length === 1 ? `没有写入 ${refused[0]}` : `${refused.length} 个单元格没有写入：${refused.slice(0, 3).join('；')}${refused.length > 3 ? '……' : ''}`);
    } catch (e) {
      console.error(e);
      setError(`无法写入：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    onEdited();
  };

  // The workbook may have been replaced (示例工作簿, 新建) before the tabs caught up: only a sheet it has.
  const snapshot = useMemo(() => (sheet && names.includes(sheet) && wb.sheetNames().includes(sheet) ? wb.snapshot(sheet) : null), [wb, sheet, names, version]); // eslint-disable-line react-hooks/exhaustive-deps

  const open = async (file: File) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      // Any format a secretary has: an .xlsx as it is; .xls/.et/.ods/.csv … as a new .xlsx of their values (said in one line).
      const { wb: next, converted } = await openWorkbookFile(new Uint8Array(await file.arrayBuffer()), file.name);
      known.current = { names: next.sheetNames(), active: '' };
      setSheet(next.sheetNames()[0] ?? '');
      onOpen(next, converted ? `${file.name.replace(/\.[^.]*$/, '')}.xlsx` : file.name);
      setNotice(converted ? convertedNote(file.name, converted) : null);
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
      const name = saveName ? await saveName().catch(() => fileName) : fileName;
      const bytes = await saveXlsx(wb);
      const url = URL.createObjectURL(
        new Blob([Uint8Array.from(bytes)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = name.toLowerCase().endsWith('.xlsx') ? name : `${name}.xlsx`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      onDownloaded?.();
    } catch (e) {
      console.error(e);
      setError(`无法保存：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  };

  return (
    <section className={styles.root} aria-label="工作簿预览">
      <div className={styles.toolbar} data-testid="workbook-toolbar">
        <input
          ref={fileRef}
          id="kp-open-xlsx"
          className={styles.fileInput}
          type="file"
          accept=".xlsx,.xlsm,.xls,.et,.ods,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="打开 .xlsx"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) (confirmReplace ?? ((_what: string, go: () => void) => go()))(`打开“${file.name}”`, () => void open(file));
            e.target.value = '';
          }}
        />
        <Button size="small" disabled={busy} onClick={() => fileRef.current?.click()}>
          打开 .xlsx
        </Button>
        <Button size="small" onClick={() => void download()}>
          下载 .xlsx
        </Button>
        {!intro && onNew && (
          <Button size="small" disabled={busy} onClick={onNew}>
            新建
          </Button>
        )}
        <Text size={200}>{fileName}</Text>
        {target !== fileName && (
          <Text size={200} data-testid="download-name">
            下载为 {target}
          </Text>
        )}
        <Text size={200} className={styles.local}>
          数据只在本机浏览器中，请及时下载保存
        </Text>
        {notice && (
          <Text size={200} role="status" data-testid="converted-note">
            {notice}
          </Text>
        )}
        {error && (
          <Text size={200} className={styles.error} role="alert">
            {error}
          </Text>
        )}
      </div>
      {intro}
      {!intro && (
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
      )}
      {!intro && (
      <div className={styles.grid} data-testid="sheet-grid">
        {snapshot && (
          <SheetGrid
            snapshot={snapshot}
            selected={picked?.sheet === sheet ? picked.cell : null}
            onSelect={(cell) => setPicked({ sheet, cell })}
            onEdit={edit}
          />
        )}
      </div>
      )}
    </section>
  );
}

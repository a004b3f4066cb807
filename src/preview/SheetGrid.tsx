/** Draws one sheet snapshot as an HTML table: column letters, row numbers, merges, styles, frozen rows. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type ClipboardEvent, type CSSProperties, type KeyboardEvent } from 'react';
import { columnLetter } from '../domain/parse';
import type { CellSnapshot, SheetSnapshot } from '../host';

const MAX_ROWS = 500;
const MAX_COLUMNS = 60;
const HEADER_HEIGHT = 20;
/** Empty rows and columns drawn past the last used cell, to type new rows (a roster, plans) into. */
const EXTRA_ROWS = 30;
const EXTRA_COLUMNS = 6;
const EMPTY: CellSnapshot = {
  value: null,
  formula: null,
  text: '',
  numberFormat: 'General',
  fill: null,
  fontColor: '#000000',
  bold: false,
  italic: false,
  horizontalAlignment: 'General',
  conditional: null,
  locked: true,
  wrap: false,
};

const useStyles = makeStyles({
  table: { borderCollapse: 'separate', borderSpacing: '0', tableLayout: 'fixed', fontSize: '12px' },
  corner: { position: 'sticky', top: '0', left: '0', zIndex: 3 },
  colHeader: {
    position: 'sticky',
    top: '0',
    zIndex: 2,
    height: `${HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  rowHeader: {
    position: 'sticky',
    left: '0',
    zIndex: 1,
    width: '36px',
    textAlign: 'center',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  cell: {
    padding: '1px 3px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    borderRight: '1px solid #e1e1e1',
    borderBottom: '1px solid #e1e1e1',
    backgroundColor: '#ffffff',
    color: '#000000',
  },
  // A text that runs on into empty cells to its right, as in Excel (positioned: painted over their backgrounds).
  overflow: { overflow: 'visible', position: 'relative' },
  frozen: { position: 'sticky', zIndex: 1, borderBottom: '2px solid #a0a0a0' },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px', position: 'relative' },
  editor: {
    position: 'absolute',
    left: '0',
    top: '0',
    width: '100%',
    height: '100%',
    boxSizing: 'border-box',
    font: 'inherit',
    border: 'none',
    outline: 'none',
    padding: '1px 3px',
    margin: '0',
  },
  editorOn: { backgroundColor: '#ffffff', color: '#000000', zIndex: 1, outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  // Waiting for the first key: invisible over the cell, so the cell's text shows and typing lands here.
  editorOff: { opacity: 0, caretColor: 'transparent' },
  wrapper: { ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' } },
  note: { padding: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export function parseAddress(a: string): { r: number; c: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a.trim().toUpperCase());
  if (!m) return { r: -1, c: -1 };
  let c = 0;
  for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/** Merges as anchor → span, and the set of cells hidden under a merge. */
function mergeMap(merges: readonly string[]) {
  const anchors = new Map<string, { rows: number; cols: number }>();
  const hidden = new Set<string>();
  for (const m of merges) {
    const [a, b = a] = m.replace(/^.*!/, '').split(':');
    const p = parseAddress(a);
    const q = parseAddress(b);
    anchors.set(`${p.r},${p.c}`, { rows: q.r - p.r + 1, cols: q.c - p.c + 1 });
    for (let r = p.r; r <= q.r; r++) for (let c = p.c; c <= q.c; c++) if (r !== p.r || c !== p.c) hidden.add(`${r},${c}`);
  }
  return { anchors, hidden };
}

const ptToPx = (pt: number) => Math.round((pt * 4) / 3);

function cellStyle(cell: CellSnapshot): CSSProperties {
  const fill = cell.conditional?.fill ?? cell.fill;
  const color = cell.conditional?.fontColor ?? cell.fontColor;
  const bold = cell.conditional?.bold ?? cell.bold;
  const align = cell.horizontalAlignment?.toLowerCase();
  const numeric = typeof cell.value === 'number';
  return {
    backgroundColor: fill ?? undefined,
    color: color && color !== '#000000' ? color : undefined,
    fontWeight: bold ? 700 : undefined,
    fontStyle: cell.italic ? 'italic' : undefined,
    textAlign: align === 'center' || align === 'centeracrossselection' ? 'center' : align === 'right' ? 'right' : align === 'left' ? 'left' : numeric ? 'right' : 'left',
    whiteSpace: cell.wrap ? 'pre-wrap' : undefined,
  };
}

/** One typed cell: its A1 address and the text as typed. */
export interface CellEdit {
  address: string;
  input: string;
}

/**
 * Text copied from Excel, WPS or LibreOffice (text/plain): rows end with a line break, cells are separated by
 * tabs, and a cell holding a tab, a line break or a quote is quoted with doubled quotes inside.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (atStart && ch === '"') {
      // A quoted cell: up to the closing quote that is followed by a tab, a line break or the end.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += text[j++];
      }
      if (closed && (j === text.length || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
        cell = value;
        i = j;
        atStart = false;
        continue;
      }
    }
    atStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atStart = true;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface SheetGridProps {
  snapshot: SheetSnapshot;
  /** A1 address of the selected cell, or null. */
  selected: string | null;
  onSelect: (address: string) => void;
  /** Writes what the user typed into one cell, or pasted into a block of cells, as typing in Excel would. */
  onEdit: (edits: CellEdit[]) => void;
}

/**
 * Like a spreadsheet: click a cell and type to replace it (the editor sits in the selected cell, so an input
 * method's composition goes there too), F2 or a double click edits what is in it, Enter and Tab commit and move
 * down and right (Shift: up and left), Esc cancels, Delete clears, and a block copied from Excel or WPS is pasted
 * from the selected cell on.
 */
export function SheetGrid({ snapshot, selected, onSelect, onEdit }: SheetGridProps) {
  const styles = useStyles();
  /** `replace`: typing over the cell (arrows commit and move); `edit`: F2 or double click (arrows move the caret). */
  const [editing, setEditing] = useState<{ address: string; value: string; mode: 'replace' | 'edit' } | null>(null);
  const editingRef = useRef(editing);
  editingRef.current = editing;
  const editorRef = useRef<HTMLInputElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  /** Set when the user moved the selection in the grid: the new cell's editor then takes the keyboard. */
  const wantFocus = useRef(false);
  useEffect(() => {
    // A cell the task pane selected does not take the keyboard from the pane; one the user picked here does.
    const active = document.activeElement;
    if (!selected || !editorRef.current) return;
    if (wantFocus.current || active === document.body || wrapperRef.current?.contains(active)) editorRef.current.focus();
    wantFocus.current = false;
  }, [selected, snapshot]);
  useEffect(() => setEditing(null), [snapshot.name]);
  const rows = Math.min(snapshot.rowCount + EXTRA_ROWS, MAX_ROWS);
  const cols = Math.min(Math.max(snapshot.columnCount + EXTRA_COLUMNS, 10), MAX_COLUMNS);
  // Column widths as in the file. The table's width is their sum, so the browser keeps them (a table without a
  // width is laid out by its content: a long line widened its column and squeezed a wrapped 说明 into many lines).
  const widths = Array.from({ length: cols }, (_, c) => Math.max(16, ptToPx(snapshot.columnWidths[c] ?? 48)));
  const { anchors, hidden } = mergeMap(snapshot.merges);
  const sel = selected ? parseAddress(selected.split(':')[0]) : null;
  const frozenTop: number[] = [];
  let top = HEADER_HEIGHT;
  for (let r = 0; r < snapshot.frozenRows && r < rows; r++) {
    frozenTop.push(top);
    top += ptToPx(snapshot.rowHeights[r] ?? 15);
  }
  const contentOf = (address: string) => {
    const p = parseAddress(address);
    const cell = snapshot.cells[p.r]?.[p.c];
    return cell?.formula ? `=${cell.formula.replace(/^=/, '')}` : cell?.text ?? '';
  };
  const startEdit = (address: string) => setEditing({ address, value: contentOf(address), mode: 'edit' });
  const moveFrom = (address: string, dr: number, dc: number) => {
    const p = parseAddress(address);
    // A merged area is one cell: step over the cells hidden under it.
    const span = anchors.get(`${p.r},${p.c}`);
    const r = dr > 0 ? p.r + (span?.rows ?? 1) : p.r + dr;
    const c = dc > 0 ? p.c + (span?.cols ?? 1) : p.c + dc;
    wantFocus.current = true;
    onSelect(`${columnLetter(Math.max(0, c))}${Math.max(0, r) + 1}`);
  };
  /** Writes the cell being edited (once) and returns whether there was one. */
  const commit = () => {
    const e = editingRef.current;
    if (!e) return false;
    editingRef.current = null;
    setEditing(null);
    onEdit([{ address: e.address, input: e.value }]);
    return true;
  };
  const cancel = () => {
    editingRef.current = null;
    setEditing(null);
  };
  const select = (address: string) => {
    commit();
    wantFocus.current = true;
    onSelect(address);
  };
  const onEditorKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || e.key === 'Process' || e.ctrlKey || e.metaKey || e.altKey) return;
    const address = selectedRef.current;
    if (!address) return;
    const moveAfter = (dr: number, dc: number) => {
      e.preventDefault();
      commit();
      moveFrom(address, dr, dc);
    };
    if (e.key === 'Enter') moveAfter(e.shiftKey ? -1 : 1, 0);
    else if (e.key === 'Tab') moveAfter(0, e.shiftKey ? -1 : 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      // Esc cancels typing; a second Esc hands the keyboard back to the grid, from which Tab leaves it.
      if (editing) cancel();
      else wrapperRef.current?.focus();
    } else if (e.key === 'F2') {
      e.preventDefault();
      if (!editing) startEdit(address);
      else setEditing({ ...editing, mode: 'edit' });
    } else if (editing?.mode === 'edit') return; // arrows, Home, End, Delete move and delete within the text
    else if (e.key === 'ArrowDown') moveAfter(1, 0);
    else if (e.key === 'ArrowUp') moveAfter(-1, 0);
    else if (e.key === 'ArrowLeft') moveAfter(0, -1);
    else if (e.key === 'ArrowRight') moveAfter(0, 1);
    else if (!editing && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      onEdit([{ address, input: '' }]);
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const address = selectedRef.current;
    const text = e.clipboardData.getData('text/plain');
    if (!address || !text) return;
    const block = parseClipboard(text);
    // Text without tabs or line breaks pasted while editing goes into the text being edited.
    if (editing && block.length === 1 && block[0].length === 1 && !/[\t\r\n]/.test(text)) return;
    e.preventDefault();
    cancel();
    const p = parseAddress(address);
    const edits: CellEdit[] = [];
    block.forEach((line, dr) =>
      line.forEach((input, dc) => edits.push({ address: `${columnLetter(p.c + dc)}${p.r + dr + 1}`, input })),
    );
    onEdit(edits);
  };
  const onCopy = (e: ClipboardEvent<HTMLInputElement>) => {
    const address = selectedRef.current;
    if (editing || !address) return;
    e.preventDefault();
    const p = parseAddress(address);
    e.clipboardData.setData('text/plain', snapshot.cells[p.r]?.[p.c]?.text ?? '');
  };
  const onGridKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys reach the grid itself only while no cell is selected: an arrow or Enter selects A1.
    if (e.target !== wrapperRef.current || selected) return;
    if (e.key.startsWith('Arrow') || e.key === 'Enter') {
      e.preventDefault();
      wantFocus.current = true;
      onSelect('A1');
    }
  };

  return (
    <div ref={wrapperRef} tabIndex={0} onKeyDown={onGridKeyDown} className={styles.wrapper} aria-label={`${snapshot.name}：选中单元格后直接输入，F2 或双击修改，Esc 退出表格`}>
      <table className={styles.table} style={{ width: `${36 + widths.reduce((a, b) => a + b, 0)}px` }} aria-label={snapshot.name} data-sheet={snapshot.name}>
        <colgroup>
          <col style={{ width: '36px' }} />
          {widths.map((w, c) => (
            <col key={c} style={{ width: `${w}px` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className={`${styles.colHeader} ${styles.corner}`} aria-hidden="true" />
            {Array.from({ length: cols }, (_, c) => (
              <th key={c} scope="col" className={styles.colHeader}>
                {columnLetter(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => {
            const line = snapshot.cells[r] ?? [];
            const frozen = r < frozenTop.length;
            return (
              <tr key={r} style={{ height: `${ptToPx(snapshot.rowHeights[r] ?? 15)}px` }}>
                <th scope="row" className={styles.rowHeader} style={frozen ? { top: frozenTop[r], zIndex: 3 } : undefined}>
                  {r + 1}
                </th>
                {Array.from({ length: cols }, (_, c) => {
                  const cell = line[c] ?? EMPTY;
                  const key = `${r},${c}`;
                  if (hidden.has(key)) return null;
                  const span = anchors.get(key);
                  const isSel = sel !== null && sel.r === r && sel.c === c;
                  const runsOn =
                    !cell.wrap && typeof cell.value === 'string' && cell.text !== '' && !span && (line[c + 1]?.text ?? '') === '' && !isSel;
                  const cls = mergeClasses(styles.cell, runsOn && styles.overflow, frozen && styles.frozen, isSel && styles.selected);
                  const address = `${columnLetter(c)}${r + 1}`;
                  const isEditing = editing?.address === address;
                  return (
                    <td
                      key={c}
                      onMouseDown={(e) => {
                        if (e.target === editorRef.current) return; // a click into the text being edited
                        e.preventDefault(); // the cell's editor takes the focus, not the grid
                        if (isSel) editorRef.current?.focus();
                        else select(address);
                      }}
                      onDoubleClick={() => {
                        if (!isSel) select(address);
                        startEdit(address);
                      }}
                      className={cls}
                      rowSpan={span?.rows}
                      colSpan={span?.cols}
                      data-cell={address}
                      data-selected={isSel || undefined}
                      title={cell.formula ?? undefined}
                      style={{ ...cellStyle(cell), ...(frozen ? { top: frozenTop[r], ...(runsOn ? { zIndex: 2 } : {}) } : {}) }}
                    >
                      {isSel && (
                        <input
                          ref={editorRef}
                          className={`${styles.editor} ${isEditing ? styles.editorOn : styles.editorOff}`}
                          aria-label={address}
                          value={isEditing ? editing.value : ''}
                          onChange={(e) => setEditing({ address, value: e.target.value, mode: editing?.mode ?? 'replace' })}
                          onKeyDown={onEditorKeyDown}
                          onPaste={onPaste}
                          onCopy={onCopy}
                          onBlur={(e) => {
                            if (!wrapperRef.current?.contains(e.relatedTarget as Node | null)) commit();
                          }}
                        />
                      )}
                      {!isEditing && cell.text}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {(snapshot.rowCount > MAX_ROWS || snapshot.columnCount > MAX_COLUMNS) && (
        <div className={styles.note}>
          只显示前 {Math.min(rows, snapshot.rowCount)} 行、{Math.min(cols, snapshot.columnCount)} 列（共 {snapshot.rowCount} 行、{snapshot.columnCount} 列）。
        </div>
      )}
    </div>
  );
}

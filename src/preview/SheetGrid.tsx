/** Draws one sheet snapshot as an HTML table: column letters, row numbers, merges, styles, frozen rows. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { columnLetter } from '../domain/parse';
import type { CellSnapshot, SheetSnapshot } from '../host';

const MAX_ROWS = 500;
const MAX_COLUMNS = 60;
const HEADER_HEIGHT = 20;

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
  frozen: { position: 'sticky', zIndex: 1, borderBottom: '2px solid #a0a0a0' },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  editor: { width: '100%', boxSizing: 'border-box', font: 'inherit', border: 'none', outline: 'none', padding: '0', margin: '0' },
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

export interface SheetGridProps {
  snapshot: SheetSnapshot;
  /** A1 address of the selected cell, or null. */
  selected: string | null;
  onSelect: (address: string) => void;
  /** Writes what the user typed into a cell, as typing in Excel would. */
  onEdit: (address: string, input: string) => void;
}

export function SheetGrid({ snapshot, selected, onSelect, onEdit }: SheetGridProps) {
  const styles = useStyles();
  const [editing, setEditing] = useState<{ address: string; value: string } | null>(null);
  const editorRef = useRef<HTMLInputElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (editing) editorRef.current?.focus();
  }, [editing?.address]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => setEditing(null), [snapshot.name]);
  const rows = Math.min(snapshot.rowCount, MAX_ROWS);
  const cols = Math.min(snapshot.columnCount, MAX_COLUMNS);
  const { anchors, hidden } = mergeMap(snapshot.merges);
  const sel = selected ? parseAddress(selected.split(':')[0]) : null;
  const frozenTop: number[] = [];
  let top = HEADER_HEIGHT;
  for (let r = 0; r < snapshot.frozenRows && r < rows; r++) {
    frozenTop.push(top);
    top += ptToPx(snapshot.rowHeights[r] ?? 15);
  }
  const startEdit = (address: string, initial?: string) => {
    const p = parseAddress(address);
    const cell = snapshot.cells[p.r]?.[p.c];
    setEditing({ address, value: initial ?? (cell?.formula ? `=${cell.formula.replace(/^=/, '')}` : cell?.text ?? '') });
  };
  const commit = () => {
    if (!editing) return;
    onEdit(editing.address, editing.value);
    setEditing(null);
    wrapperRef.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || !selected || e.ctrlKey || e.metaKey || e.altKey) return;
    const p = parseAddress(selected);
    const move = (dr: number, dc: number) => {
      e.preventDefault();
      onSelect(`${columnLetter(Math.max(0, p.c + dc))}${Math.max(0, p.r + dr) + 1}`);
    };
    if (e.key === 'ArrowDown') move(1, 0);
    else if (e.key === 'ArrowUp') move(-1, 0);
    else if (e.key === 'ArrowLeft') move(0, -1);
    else if (e.key === 'ArrowRight' || e.key === 'Tab') move(0, 1);
    else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEdit(selected);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onEdit(selected, '');
    } else if (e.key.length === 1) {
      e.preventDefault();
      startEdit(selected, e.key);
    }
  };

  if (rows === 0) return <div className={styles.note}>（空工作表）</div>;
  return (
    <div ref={wrapperRef} tabIndex={0} onKeyDown={onKeyDown} className={styles.wrapper} aria-label={`${snapshot.name}：双击单元格可编辑`}>
      <table className={styles.table} aria-label={snapshot.name} data-sheet={snapshot.name}>
        <colgroup>
          <col style={{ width: '36px' }} />
          {Array.from({ length: cols }, (_, c) => (
            <col key={c} style={{ width: `${Math.max(16, ptToPx(snapshot.columnWidths[c] ?? 48))}px` }} />
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
          {snapshot.cells.slice(0, rows).map((line, r) => {
            const frozen = r < frozenTop.length;
            return (
              <tr key={r} style={{ height: `${ptToPx(snapshot.rowHeights[r] ?? 15)}px` }}>
                <th scope="row" className={styles.rowHeader} style={frozen ? { top: frozenTop[r], zIndex: 3 } : undefined}>
                  {r + 1}
                </th>
                {line.slice(0, cols).map((cell, c) => {
                  const key = `${r},${c}`;
                  if (hidden.has(key)) return null;
                  const span = anchors.get(key);
                  const isSel = sel !== null && sel.r === r && sel.c === c;
                  const cls = [styles.cell, frozen ? styles.frozen : '', isSel ? styles.selected : ''].join(' ');
                  const address = `${columnLetter(c)}${r + 1}`;
                  const isEditing = editing?.address === address;
                  return (
                    <td
                      key={c}
                      onClick={() => onSelect(address)}
                      onDoubleClick={() => {
                        onSelect(address);
                        startEdit(address);
                      }}
                      className={cls}
                      rowSpan={span?.rows}
                      colSpan={span?.cols}
                      data-cell={address}
                      data-selected={isSel || undefined}
                      title={cell.formula ?? undefined}
                      style={{ ...cellStyle(cell), ...(frozen ? { top: frozenTop[r] } : {}) }}
                    >
                      {isEditing ? (
                        <input
                          ref={editorRef}
                          className={styles.editor}
                          aria-label={address}
                          value={editing.value}
                          onChange={(e) => setEditing({ address, value: e.target.value })}
                          onBlur={commit}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              commit();
                            } else if (e.key === 'Escape') {
                              e.preventDefault();
                              setEditing(null);
                              wrapperRef.current?.focus();
                            }
                          }}
                        />
                      ) : (
                        cell.text
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {(snapshot.rowCount > rows || snapshot.columnCount > cols) && (
        <div className={styles.note}>
          只显示前 {rows} 行、{cols} 列（共 {snapshot.rowCount} 行、{snapshot.columnCount} 列）。
        </div>
      )}
    </div>
  );
}

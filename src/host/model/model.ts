/** The in-memory workbook the proxies act on at sync time. */
import { MAX_COLS, MAX_ROWS, type Rect } from './address';

export class ErrorValue {
  constructor(readonly code: string) {}
  toString(): string { return this.code; }
}
export type CellValue = number | string | boolean | ErrorValue | null;

export interface BorderModel { style: string; color: string; weight: string }
export interface Style {
  numberFormat: string;
  fill: string | null;
  bold: boolean;
  italic: boolean;
  underline: string;
  strikethrough: boolean;
  fontColor: string;
  fontSize: number;
  fontName: string;
  hAlign: string;
  vAlign: string;
  wrap: boolean;
  indent: number;
  locked: boolean;
  top: BorderModel | null;
  bottom: BorderModel | null;
  left: BorderModel | null;
  right: BorderModel | null;
}

export const DEFAULT_STYLE: Readonly<Style> = Object.freeze({
  numberFormat: 'General', fill: null, bold: false, italic: false, underline: 'None', strikethrough: false,
  fontColor: '#000000', fontSize: 11, fontName: 'Calibri', hAlign: 'General', vAlign: 'Bottom', wrap: false,
  indent: 0, locked: true, top: null, bottom: null, left: null, right: null,
});

const CHANGED = 1;
const KEEP = 2;
const SHARED = 4;
const MASTER = 8;
/** Bits of `meta` below the length of the cell's XML. */
const LEN_SHIFT = 4;
/** Longest cell XML whose place is kept (far above any real cell; a longer one is written anew when saved). */
const MAX_SRC_LEN = 2 ** 26;

function same(a: CellValue, b: CellValue): boolean {
  return a === b || (a instanceof ErrorValue && b instanceof ErrorValue && a.code === b.code);
}

/** A formula cell's facts from its file: the formula, the result cached there, its shared-formula group (or -1). */
class FileFormula {
  constructor(readonly formula: string | null, readonly cached: CellValue, readonly si: number) {}
}

/**
 * A cell. One read from a file also knows where its XML is in the sheet part and whether anything changed since
 * (the writer copies an unchanged cell's XML as it was; the calculator keeps the cached result of a formula it
 * cannot compute). Kept small, five fields: a workbook of 2,000 members has about two million cells.
 */
export class Cell {
  private v: CellValue;
  /** The formula; for one read from a file, with its cached result and shared group (FileFormula). */
  private f: string | FileFormula | null;
  private st: Style | undefined;
  /** Offset of the cell's XML (`<c …>…</c>`) in its sheet part's text; -1 when the cell was not read from a file. */
  private src = -1;
  /** Flags (changed, keep, shared, master) and, from bit 4, the length of the cell's XML. */
  private meta = 0;

  constructor(value: CellValue = null, formula: string | null = null, style?: Style) {
    this.v = value;
    this.f = formula;
    this.st = style;
  }

  get value(): CellValue { return this.v; }
  set value(x: CellValue) { if (!same(x, this.v)) { this.v = x; this.meta |= CHANGED; } }
  get formula(): string | null { const f = this.f; return f instanceof FileFormula ? f.formula : f; }
  set formula(x: string | null) { if (x !== this.formula) { this.f = x; this.meta |= CHANGED; } }
  get style(): Style | undefined { return this.st; }
  set style(x: Style | undefined) { if (x !== this.st) { this.st = x; this.meta |= CHANGED; } }
  /** For a formula read from a file: the result cached there. */
  get cached(): CellValue { const f = this.f; return f instanceof FileFormula ? f.cached : null; }
  /** Offsets of the cell's XML in its sheet part's text (-1, -1: not read from a file). */
  get srcStart(): number { return this.src; }
  get srcEnd(): number { return this.src < 0 ? -1 : this.src + (this.meta >>> LEN_SHIFT); }

  /** An exact copy (what the cell was, e.g. to put it back after a refused entry). */
  clone(): Cell {
    const c = new Cell(this.v, null, this.st);
    c.f = this.f; c.src = this.src; c.meta = this.meta;
    return c;
  }

  /** A result the calculator computed: not a change anyone made to the cell. */
  setResult(x: CellValue): void { this.v = x; }
  /** The cell moved to another address (its XML, which names the address, no longer applies). */
  moved(): void { this.meta |= CHANGED; }

  /**
   * Marks the cell as read from a file at these offsets: an array or data-table formula (keep), its shared-formula
   * group (si ≥ 0; master: the cell that writes the group's formula), a formula's cached result.
   */
  fromSource(start: number, end: number, keep = false, si = -1, master = false, cached?: CellValue): void {
    if (end - start >= MAX_SRC_LEN) { this.src = -1; this.meta = 0; return; }
    this.src = start;
    this.meta = (keep ? KEEP : 0) | (si >= 0 ? SHARED | (master ? MASTER : 0) : 0) | ((end - start) << LEN_SHIFT);
    if (cached !== undefined || si >= 0) this.f = new FileFormula(this.formula, cached ?? null, si);
  }

  /** Read from a file and not changed since (its XML can be copied; a formula's value aside). */
  get pristine(): boolean { return this.src >= 0 && !(this.meta & CHANGED); }
  get fromFile(): boolean { return this.src >= 0; }
  /** An array or data-table formula: never recomputed; its cached results stay. */
  get keep(): boolean { return (this.meta & KEEP) !== 0; }
  /** Shared-formula group (t="shared" si), or -1. */
  get sharedIndex(): number { const f = this.f; return this.meta & SHARED && f instanceof FileFormula ? f.si : -1; }
  get sharedMaster(): boolean { return (this.meta & MASTER) !== 0; }
}

/**
 * The cells of one row, by column. Map-like (get, set, delete, size, iteration) but kept in an array: a Map entry
 * costs about three times an array slot, and a workbook of 2,000 members has 160,000 rows. Iteration is in column
 * order (a Map's would be in the order cells were made).
 */
export class Row {
  private cells: (Cell | undefined)[] = [];
  private n = 0;

  get size(): number { return this.n; }
  get(c: number): Cell | undefined { return this.cells[c]; }
  has(c: number): boolean { return this.cells[c] !== undefined; }
  set(c: number, cell: Cell): this {
    if (this.cells[c] === undefined) this.n++;
    this.cells[c] = cell;
    return this;
  }
  delete(c: number): boolean {
    if (this.cells[c] === undefined) return false;
    this.cells[c] = undefined;
    this.n--;
    return true;
  }
  clear(): void { this.cells = []; this.n = 0; }

  /** Far more columns spanned than cells held: walk the indices that exist, not every column between. */
  private sparse(): boolean { return this.cells.length > 4 * this.n + 64; }

  /** Columns that hold a cell, ascending. */
  *keys(): Generator<number> {
    const a = this.cells;
    if (this.sparse()) {
      // Few cells far apart (one in column A, one in XFD): visit only the indices that exist.
      for (const k of Object.keys(a)) { const c = Number(k); if (a[c] !== undefined) yield c; }
      return;
    }
    for (let c = 0; c < a.length; c++) if (a[c] !== undefined) yield c;
  }
  *values(): Generator<Cell> { for (const c of this.keys()) yield this.cells[c]!; }
  *entries(): Generator<[number, Cell]> { for (const c of this.keys()) yield [c, this.cells[c]!]; }
  [Symbol.iterator](): Generator<[number, Cell]> { return this.entries(); }
  /** Whether fn holds for every cell (stops at the first that fails). */
  every(fn: (cell: Cell, c: number) => boolean): boolean {
    const a = this.cells;
    if (this.sparse()) { for (const c of this.keys()) if (!fn(a[c]!, c)) return false; return true; }
    for (let c = 0; c < a.length; c++) { const cell = a[c]; if (cell !== undefined && !fn(cell, c)) return false; }
    return true;
  }
  forEach(fn: (cell: Cell, c: number) => void): void {
    const a = this.cells;
    if (this.sparse()) { for (const c of this.keys()) fn(a[c]!, c); return; }
    for (let c = 0; c < a.length; c++) { const cell = a[c]; if (cell !== undefined) fn(cell, c); }
  }
}

export interface DataValidationModel {
  rule: Record<string, unknown> | null;
  prompt: { showPrompt: boolean; title: string; message: string };
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
  ignoreBlanks: boolean;
}
export interface ValidationEntry { rects: Rect[]; dv: DataValidationModel }

export interface CfFormat { fill: string | null; fontColor: string | null; bold: boolean | null; italic: boolean | null }
export interface ConditionalFormatModel {
  id: number;
  type: 'CellValue' | 'Custom';
  rects: Rect[];
  rule: { formula1?: string; formula2?: string; operator?: string; formula?: string };
  format: CfFormat;
  stopIfTrue: boolean;
  priority: number;
}

export interface ChartModel {
  id: number;
  name: string;
  type: string;
  source: Rect;
  seriesBy: string;
  title: string;
  position: { start: string; end: string | null } | null;
  /** Read from a file's drawing (kept there as written); false for charts added through the API. */
  fromFile?: boolean;
}

export interface PageLayoutModel {
  orientation: 'Portrait' | 'Landscape';
  paperSize: string;
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  centerHorizontally: boolean;
  centerVertically: boolean;
  zoom: { scale: number | null; horizontalFitToPages: number | null; verticalFitToPages: number | null };
  printTitleRows: Rect | null;
  printTitleColumns: Rect | null;
  printArea: Rect[] | null;
  footer: { left: string; center: string; right: string };
  header: { left: string; center: string; right: string };
}

export interface ProtectionModel { protected: boolean; options: Record<string, unknown> }

export class Sheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  tabColor = '';
  readonly rows = new Map<number, Row>();
  readonly colStyles = new Map<number, Style>();
  readonly rowStyles = new Map<number, Style>();
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  merges: Rect[] = [];
  frozenRows = 0;
  frozenCols = 0;
  protection: ProtectionModel = { protected: false, options: {} };
  pageLayout: PageLayoutModel = defaultPageLayout();
  validations: ValidationEntry[] = [];
  conditionalFormats: ConditionalFormatModel[] = [];
  charts: ChartModel[] = [];
  /** Default column width in points (Calibri 11: 8.43 characters = 48 pt) and row height in points. */
  standardWidth = 48;
  standardHeight = 15;
  /** Sheet-level facts read from a file that the API does not expose (grid lines, the selected tab). */
  passthrough: Record<string, unknown> = {};

  constructor(readonly id: number, name: string) {
    this.name = name;
  }

  cell(r: number, c: number): Cell | undefined {
    return this.rows.get(r)?.get(c);
  }

  /** The cell, created (inheriting row/column style) when missing. */
  ensure(r: number, c: number): Cell {
    let row = this.rows.get(r);
    if (!row) { row = new Row(); this.rows.set(r, row); }
    let cell = row.get(c);
    if (!cell) {
      cell = new Cell(null, null, this.rowStyles.get(r) ?? this.colStyles.get(c));
      row.set(c, cell);
    }
    return cell;
  }

  styleAt(r: number, c: number): Style {
    return this.cell(r, c)?.style ?? this.rowStyles.get(r) ?? this.colStyles.get(c) ?? DEFAULT_STYLE;
  }

  /** Cells present in a rectangle (sparse iteration). */
  *cellsIn(rect: Rect): Generator<[number, number, Cell]> {
    const rowKeys = rect.r1 - rect.r0 < this.rows.size
      ? range(rect.r0, rect.r1)
      : [...this.rows.keys()].filter((r) => r >= rect.r0 && r <= rect.r1);
    for (const r of rowKeys) {
      const row = this.rows.get(r);
      if (!row) continue;
      if (rect.c1 - rect.c0 < row.size) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const cell = row.get(c);
          if (cell) yield [r, c, cell];
        }
      } else {
        for (const [c, cell] of row) if (c >= rect.c0 && c <= rect.c1) yield [r, c, cell];
      }
    }
  }

  /** Extent of the cells with a value or formula (valuesOnly) or any cell entry / format. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [r, row] of this.rows) {
      for (const [c, cell] of row) {
        const has = cell.formula !== null || (cell.value !== null && cell.value !== '') || (!valuesOnly && cell.style !== undefined && cell.style !== DEFAULT_STYLE);
        if (!has) continue;
        if (r < r0) r0 = r; if (r > r1) r1 = r; if (c < c0) c0 = c; if (c > c1) c1 = c;
      }
    }
    if (!valuesOnly) {
      for (const m of this.merges) {
        r0 = Math.min(r0, m.r0); c0 = Math.min(c0, m.c0); r1 = Math.max(r1, m.r1); c1 = Math.max(c1, m.c1);
      }
    }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  mergeAt(r: number, c: number): Rect | undefined {
    if (this.merges.length < 16) return this.merges.find((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1);
    // Many merged areas (a form with thousands of them): an index by row, rebuilt when the list changed.
    if (this.mergeIndexOf !== this.merges || this.mergeIndexLen !== this.merges.length) {
      const index = new Map<number, Rect[]>();
      for (const m of this.merges) {
        for (let row = m.r0; row <= Math.min(m.r1, m.r0 + 100000); row++) {
          const list = index.get(row);
          if (list) list.push(m); else index.set(row, [m]);
        }
      }
      this.mergeIndex = index;
      this.mergeIndexOf = this.merges;
      this.mergeIndexLen = this.merges.length;
    }
    return this.mergeIndex.get(r)?.find((m) => c >= m.c0 && c <= m.c1 && r <= m.r1);
  }

  private mergeIndex = new Map<number, Rect[]>();
  private mergeIndexOf: Rect[] | null = null;
  private mergeIndexLen = 0;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

export function defaultPageLayout(): PageLayoutModel {
  return {
    orientation: 'Portrait', paperSize: 'A4',
    // Excel's "Normal" margins in points: 0.75" top/bottom, 0.7" left/right, 0.3" header/footer.
    margins: { top: 54, bottom: 54, left: 50.4, right: 50.4, header: 21.6, footer: 21.6 },
    centerHorizontally: false, centerVertically: false,
    zoom: { scale: 100, horizontalFitToPages: null, verticalFitToPages: null },
    printTitleRows: null, printTitleColumns: null, printArea: null,
    footer: { left: '', center: '', right: '' }, header: { left: '', center: '', right: '' },
  };
}

export interface TableColumnModel { id: number; name: string }
export interface TableModel {
  id: number;
  name: string;
  sheet: Sheet;
  /** The whole table: header row (when shown), body, total row (when shown). */
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  columns: TableColumnModel[];
  /** Formulas of calculated columns, by column id (kept from files and from table growth). */
  calculated: Map<number, string>;
}

export interface NameModel { name: string; formula: string; comment: string; visible: boolean }

export class WorkbookModel {
  sheets: Sheet[] = [];
  tables: TableModel[] = [];
  names: NameModel[] = [];
  activeSheet: Sheet | null = null;
  selection: { sheet: Sheet; rect: Rect } | null = null;
  private isDirty = true;
  /** Sheets whose cells changed since the last calculation; null when anything may have changed. */
  dirtySheets: Set<Sheet> | null = null;
  /** Something changed since the last calculation (setting it means: anything may have changed). */
  get dirty(): boolean { return this.isDirty; }
  set dirty(v: boolean) { this.isDirty = v; this.dirtySheets = v ? null : new Set(); }
  /** Cells of one sheet changed: only formulas that can see that sheet need calculating again. */
  markDirty(sheet: Sheet): void {
    if (!this.isDirty) { this.isDirty = true; this.dirtySheets = new Set([sheet]); } else this.dirtySheets?.add(sheet);
  }
  name = 'Book1.xlsx';
  /** The workbook counts dates from 1904 (dates stay the serial numbers of the file). */
  date1904 = false;
  private nextId = 1;

  newId(): number { return this.nextId++; }

  addSheet(name: string, index?: number): Sheet {
    const s = new Sheet(this.newId(), name);
    if (index === undefined) this.sheets.push(s); else this.sheets.splice(index, 0, s);
    if (!this.activeSheet) this.activeSheet = s;
    return s;
  }

  sheetByName(name: string): Sheet | undefined {
    const k = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }

  tableByName(name: string): TableModel | undefined {
    const k = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === k);
  }

  tablesOf(sheet: Sheet): TableModel[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  tableAt(sheet: Sheet, r: number, c: number): TableModel | undefined {
    return this.tables.find((t) => t.sheet === sheet && r >= t.rect.r0 && r <= t.rect.r1 && c >= t.rect.c0 && c <= t.rect.c1);
  }
}

export const FULL: Rect = { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };

/** Body rows of a table (may be empty when r0 > r1). */
export function tableBody(t: TableModel): Rect {
  return { r0: t.rect.r0 + (t.showHeaders ? 1 : 0), c0: t.rect.c0, r1: t.rect.r1 - (t.showTotals ? 1 : 0), c1: t.rect.c1 };
}

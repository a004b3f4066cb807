/**
 * Install (安装考评表, SPEC §3.1): creates the sheets and tables of §4, or repairs what an older install lacks
 * (a table, a column, a settings row). Never touches a sheet it did not create; a sheet name already taken by
 * the user's own sheet gets a free variant ("党员名册 (2)"). One read, one write: 2 syncs.
 *
 * Sheets are not protected: tables must be able to grow when the secretary types under them. Headers and the
 * 合计 formulas stay locked and input columns are unlocked. A command that must write to a sheet someone has
 * protected writes nothing and names the sheet to unprotect (protection.ts).
 */
import { currentModel } from '../tables/model';
import { DEFAULT_RUBRIC, dimensionColumns, rubricToRows, type Rubric } from '../../domain/rubric';
import { SETTING_ITEMS, settingsToRows, type Settings } from '../../domain/settings';
import { SHEETS } from '../../domain/contract';
import type { Language, RawCell } from '../../domain/types';
import { blockAddress } from '../tables/a1';
import type { InstallReport } from '../commandTypes';
import { INSTALL_ORDER, freeSheetName, printScale, tableLayouts, type TableLayout } from '../tables/layout';
import { ALL_KEYS, readTables, STATE_SHEET, type ReadKey, type TablesRead, type TableRead } from '../tables/readTables';
import { queueAdoptOutsideRows } from '../tables/outside';
import { isEmptyBody, queueAppendRows, queueNewTable } from '../tables/tableWrite';
import { pendingCommand, pendingCommandOf, pendingDetail, pendingMark, type WritingCommand } from '../tables/pending';
import { parseState, queueBeginWrites, queueEndWrites, queueWriteState, stateRows, stateUsable, type State } from '../tables/state';
import { initialPlanRows, queueAddPlanRows, rosterMembers } from '../entry/planRows';
import { texts } from '../../domain/texts/sheets';
import { SheetProtectedError } from '../tables/protection';

export interface InstallOptions {
  year?: number;
  branch?: string;
  /** Rows for a kp_Roster created by this install (new year from a hand-made workbook). */
  rosterRows?: RawCell[][];
  /** Internal: the validation limits a new kp_State starts with. */
  validation?: State['validation'];
  /**
   * Sheets with a default name that are empty, or hold nothing but what install writes there before making the
   * table: left by an install that stopped part-way, so re-running finishes the job in them instead of making
   * "党员名册 (2)".
   */
  emptySheets?: ReadonlySet<string>;
  /** A command whose unfinished-writes mark (pending.ts) this install completes and clears (saveRubric). */
  finishes?: WritingCommand;
  /** Internal: unnamed tables on reused sheets (see emptySheets), deleted before the table is made again. */
  dropTables?: ReadonlyMap<string, string[]>;
  /** The command this install finishes stopped part-way before: redo the formats of the tables (see queueFinishCreated). */
  recover?: boolean;
  /**
   * The committee's scheme (按上级方案安装, init --template): a kp_Settings or kp_Rubric this install creates is the
   * scheme's (year and branch as given), and the other tables are made for its rubric. Existing tables are kept.
   */
  scheme?: { settings: Settings; rubric: Rubric };
}

/** The model install works to: the workbook's, or for the tables it lacks, the scheme's (see InstallOptions.scheme). */
function installModel(read: TablesRead, options: InstallOptions): { rubric: Rubric; settings: Settings; dims: string[] } {
  const model = currentModel(read);
  if (!options.scheme) return model;
  const rubric = read.rubric.exists ? model.rubric : options.scheme.rubric;
  return { rubric, settings: read.settings.exists ? model.settings : options.scheme.settings, dims: dimensionColumns(rubric) };
}


/** Score validation (0..points, one decimal) with a Chinese prompt and error message, on one column's body. */
function queueValidation(
  sheet: Excel.Worksheet,
  layout: TableLayout,
  at: { headerRow: number; firstColumn: number; bodyRows: number },
  c: number,
  lang: Language,
): void {
  const max = layout.scoreCols.get(c);
  if (max === undefined) return;
  const T = texts(lang);
  const body = sheet.getRange(blockAddress(at.headerRow + 1, at.firstColumn + c, at.bodyRows, 1));
  const first = blockAddress(at.headerRow + 1, at.firstColumn + c, 1, 1);
  body.dataValidation.rule = {
    custom: { formula: `=AND(ISNUMBER(${first}),${first}>=0,${first}<=${max},ROUND(${first},1)=${first})` },
  };
  body.dataValidation.ignoreBlanks = true;
  body.dataValidation.prompt = { showPrompt: true, title: T.validationPromptTitle, message: T.validationPrompt(max) };
  body.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: T.validationErrorTitle, message: T.validationError(max) };
}

/** Queues validation, prompt, widths, locks and the frozen header for a created table or an added column. */
function queueColumnFormats(
  sheet: Excel.Worksheet,
  layout: TableLayout,
  at: { headerRow: number; firstColumn: number; bodyRows: number },
  columns: readonly number[],
  lang: Language,
): void {
  for (const c of columns) {
    const whole = sheet.getRange(blockAddress(at.headerRow, at.firstColumn + c, at.bodyRows + 1, 1));
    whole.format.columnWidth = layout.widths[c] ?? 64;
    const body = sheet.getRange(blockAddress(at.headerRow + 1, at.firstColumn + c, at.bodyRows, 1));
    if (layout.inputCols.has(c)) body.format.protection.locked = false;
    if (layout.headers[c] === '目标要求' || layout.headers[c] === '说明' || layout.headers[c] === '工作计划') body.format.wrapText = true;
    // Short numbers between text columns: centred, so 分值 "10" does not run into the 目标要求 text in print.
    if (layout.headers[c] === '分值' || layout.headers[c] === '序号') whole.format.horizontalAlignment = 'Center';
    queueValidation(sheet, layout, at, c, lang);
    if (layout.headers[c] === '一票否决') {
      body.dataValidation.rule = { list: { inCellDropDown: true, source: '是,否' } };
      body.dataValidation.ignoreBlanks = true;
    }
  }
  const header = sheet.getRange(blockAddress(at.headerRow, at.firstColumn + Math.min(...columns), 1, Math.max(...columns) - Math.min(...columns) + 1));
  header.format.font.bold = true;
}

function initialRows(key: ReadKey, settings: Settings, rubric: Rubric, options: InstallOptions, read: TablesRead): RawCell[][] {
  if (key === 'settings') return settingsToRows(settings);
  if (key === 'rubric') return rubricToRows(rubric);
  if (key === 'roster') return options.rosterRows ?? [];
  if (key === 'plans') return initialPlanRows(read, read.roster.exists ? undefined : options.rosterRows);
  // Made marked unfinished (pending.ts); the install's last write clears the mark (see planAndQueueInstall).
  if (key === 'state') return stateRows({ ...parseState({ exists: false } as TableRead), validation: options.validation ?? null, pending: pendingMark('install', 'settings') });
  return [];
}

/** Queues one new table on a new sheet. */
function queueCreate(
  context: Excel.RequestContext,
  layout: TableLayout,
  sheetName: string,
  rows: RawCell[][],
  lang: Language,
  reuse = false,
  dropTables: readonly string[] = [],
): void {
  const sheet = reuse ? context.workbook.worksheets.getItem(sheetName) : context.workbook.worksheets.add(sheetName);
  // A table an interrupted install added but had not named yet (its cells are the header it wrote).
  for (const name of dropTables) sheet.tables.getItem(name).delete();
  const textCols = new Set(layout.textCols);
  const { bodyRows } = queueNewTable(sheet, {
    name: layout.table,
    headers: layout.headers,
    rows,
    textCols,
    formulas: Object.fromEntries(layout.formulas),
    headerRow: layout.headerRow,
  });
  queueSheetFormats(sheet, layout, rows, bodyRows, lang);
}

/** The formats, widths, validation, frozen header and page setup of a sheet install made (after its table). */
function queueSheetFormats(sheet: Excel.Worksheet, layout: TableLayout, rows: RawCell[][], bodyRows: number, lang: Language): void {
  const headerRow = layout.headerRow ?? 1;
  queueColumnFormats(sheet, layout, { headerRow, firstColumn: 0, bodyRows }, layout.headers.map((_, i) => i), lang);
  sheet.freezePanes.freezeRows(headerRow);
  // Wrapped 目标要求 texts need taller rows (Excel does not grow rows written through the API).
  const cText = layout.headers.indexOf('目标要求');
  if (cText >= 0 && rows.length > 0) {
    // 13 pt per CJK character and 16 pt per line: LibreOffice and WPS set CJK text wider and taller than Excel
    // (at 11 / 14.5 the last line of a wrapped 目标要求 was cut off in LibreOffice's print).
    const perLine = Math.max(1, Math.floor(((layout.widths[cText] ?? 420) - 8) / 13));
    rows.forEach((r, i) => {
      const lines = Math.max(1, Math.ceil(String(r[cText] ?? '').length / perLine));
      if (lines > 1) sheet.getRange(blockAddress(headerRow + 1 + i, 0, 1, 1)).format.rowHeight = lines * 16 + 4;
    });
    sheet.getRange(blockAddress(headerRow + 1, 0, rows.length, layout.headers.length)).format.verticalAlignment = 'Top';
  }
  // Very hidden (kp_State): not in Excel's 取消隐藏 list, the same in every file the add-in or the web page saves.
  if (layout.hidden) sheet.visibility = 'VeryHidden';
  else {
    // Printable as is: A4, one page wide, the header row on every page; wide tables in landscape.
    const page = sheet.pageLayout;
    page.paperSize = 'A4';
    const orientation = layout.widths.reduce((a, b) => a + b, 0) > 520 ? 'Landscape' : 'Portrait';
    page.orientation = orientation;
    page.zoom = { scale: printScale(layout.widths, orientation) };
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    page.setPrintTitleRows(`$${headerRow}:$${headerRow}`);
  }
}

/**
 * A first install that stopped part-way (no kp_State yet: it is made last) may have made a table and not yet its
 * style, 合计 formulas or formats: those are queued again for each table that sits where install puts it, with
 * exactly install's headers.
 */
function queueFinishCreated(context: Excel.RequestContext, t: TableRead, layout: TableLayout, lang: Language, added: ReadonlySet<string>): boolean {
  if (t.firstRow !== (layout.headerRow ?? 1) + 1 || t.firstColumn !== 0 || t.headers.join('\u0001') !== layout.headers.join('\u0001')) return false;
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  t.table.style = 'TableStyleMedium2';
  t.table.showTotals = false;
  const body = Math.max(t.bodyRows, 1);
  // A text column the stopped run added (named in its mark) is text, as queueRepairColumns makes it.
  for (const c of layout.textCols) {
    if (added.has(`${layout.table}/${layout.headers[c]}`)) sheet.getRange(blockAddress(t.firstRow, c, body, 1)).numberFormat = Array.from({ length: body }, () => ['@']);
  }
  for (const [c, f] of layout.formulas) {
    t.rows.slice(0, body).forEach((r, i) => {
      if (r[c] === '' || r[c] === null || r[c] === undefined) sheet.getRange(blockAddress(t.firstRow + i, c, 1, 1)).formulas = [[f]];
    });
  }
  // 合计 over the columns the table has now (a column added before the formulas were widened).
  queueWidenTotals(sheet, t, layout, t.headers);
  queueSheetFormats(sheet, layout, t.rows.slice(0, t.bodyRows), body, lang);
  return true;
}

/**
 * Installs or repairs. Reads everything in one sync, plans, then writes in one sync; a second run finds nothing
 * missing and writes nothing.
 */
export async function install(context: Excel.RequestContext, options: InstallOptions = {}): Promise<InstallReport> {
  const sheets = context.workbook.worksheets;
  const { read } = await readTables(context, ALL_KEYS, () => sheets.load('items/name'));
  const taken = new Set(sheets.items.map((s) => s.name));
  // A default sheet name that is taken while its table is missing: maybe an empty sheet a stopped install left.
  // Only then one more small read (so a complete install stays at one sync, a fresh one at two).
  const suspects = INSTALL_ORDER.filter((k) => !read[k].exists)
    .map((k) => (k === 'state' ? STATE_SHEET : SHEETS[k]))
    .filter((name) => taken.has(name));
  const emptySheets = new Set<string>();
  const dropTables = new Map<string, string[]>();
  if (suspects.length > 0) {
    const used = suspects.map((name) => {
      const sheet = sheets.getItem(name);
      const range = sheet.getUsedRangeOrNullObject(true);
      range.load('address,values,rowIndex,columnIndex');
      // A navigation property (a proxy), not a read.
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      const tables = sheet.tables;
      tables.load('items/name');
      return { name, range, tables };
    });
    await context.sync();
    const expected = installContent(read, options);
    for (const u of used) {
      const unnamed = u.tables.items.map((t) => t.name).filter((n) => !n.startsWith('kp_'));
      if (unnamed.length < u.tables.items.length) continue;
      if (u.range.isNullObject) emptySheets.add(u.name);
      // What an install that stopped before naming the table wrote there (its header and first rows): ours.
      else if (isLeftover(u.range.values as RawCell[][], u.range.rowIndex, u.range.columnIndex, expected.get(u.name))) emptySheets.add(u.name);
      else continue;
      if (unnamed.length > 0) dropTables.set(u.name, unnamed);
    }
  }
  const plan = { ...options, emptySheets, dropTables };
  // Marked unfinished (pending.ts) before the first write, when there is anything to write (a dry run of the plan
  // says; an install with nothing to do stays one sync). An install (or the command it finishes) that stopped
  // part-way is completed by this one: its mark goes with the last write. Another command's mark stays.
  const mark = parseState(read.state).pending;
  const mine = mark !== null && [options.finishes, 'install'].includes(pendingCommandOf(mark));
  let marked = false;
  if (mark === null && stateUsable(read.state)) {
    const dry = planAndQueueInstall(inert(), dryCopy(read), new Set(taken), plan);
    // The columns it adds go in the mark: a re-run formats them as a stopped run may not have.
    if (dry.queued) queueBeginWrites(context, read.state, pendingMark('install', 'settings', dry.added.length > 0 ? dry.added.join('|') : undefined));
    marked = dry.queued;
  }
  const { queued, added: _added, ...report } = planAndQueueInstall(context, read, taken, plan);
  if (mine || marked) queueEndWrites(context, read.state, null);
  if (queued || mine) await context.sync();
  return report;
}

/** A stand-in for the request context and its proxies that takes every call and queues nothing (a dry run). */
function inert<T>(): T {
  const target = function inertProxy(): void {};
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => (key === 'then' || key === Symbol.iterator || key === Symbol.toPrimitive ? undefined : proxy),
    apply: () => proxy,
    set: () => true,
  });
  return proxy as T;
}

/** The read, copied so that a dry run of the plan (which updates it as it goes) leaves the original as it was. */
function dryCopy(read: TablesRead): TablesRead {
  const out = {} as TablesRead;
  for (const key of Object.keys(read) as ReadKey[]) {
    const t = read[key];
    out[key] = { ...t, headers: t.headers.slice(), rows: t.rows.map((r) => r.slice()), table: inert<Excel.Table>() };
  }
  return out;
}

/** What install writes on each sheet it creates (header and first rows, from A1 of the sheet), by default sheet name. */
function installContent(read: TablesRead, options: InstallOptions): Map<string, RawCell[][]> {
  const { rubric, settings: current, dims } = installModel(read, options);
  const settings: Settings = { ...current, year: options.year ?? current.year, branch: options.branch ?? current.branch };
  const layouts = tableLayouts(rubric, dims, settings);
  const opts = { ...options, validation: validationLimits(layouts) };
  const out = new Map<string, RawCell[][]>();
  for (const key of INSTALL_ORDER) {
    // At the table's header row (kp_Results' is below the rows compute puts its title in).
    const above: RawCell[][] = Array.from({ length: (layouts[key].headerRow ?? 1) - 1 }, () => []);
    out.set(layouts[key].sheet, [...above, layouts[key].headers, ...initialRows(key, settings, key === 'rubric' ? (options.scheme?.rubric ?? DEFAULT_RUBRIC) : rubric, opts, read)]);
  }
  return out;
}

/** Every value of the used range is the one install writes at that place (blanks allowed: not yet written). */
function isLeftover(values: RawCell[][], rowIndex: number, columnIndex: number, expected: RawCell[][] | undefined): boolean {
  if (!expected) return false;
  return values.every((row, r) => row.every((v, c) => {
    if (v === '' || v === null) return true;
    const e = expected[rowIndex + r]?.[columnIndex + c];
    return e !== undefined && e !== null && String(e) === String(v);
  }));
}

/** The write half of install, for commands (new year) that already read the workbook. Queues only. */
export function planAndQueueInstall(
  context: Excel.RequestContext,
  read: TablesRead,
  taken: Set<string>,
  options: InstallOptions = {},
): InstallReport & { queued: boolean; added: string[] } {
  const { rubric, settings: current, dims } = installModel(read, options);
  const settings: Settings = {
    ...current,
    year: options.year ?? current.year,
    branch: options.branch ?? current.branch,
  };
  const lang = settings.language;
  const T = texts(lang);
  const layouts = tableLayouts(rubric, dims, settings);
  const report: InstallReport & { queued: boolean; added: string[] } = { createdSheets: [], createdTables: [], repaired: [], messages: [], queued: false, added: [] };
  const validation = validationLimits(layouts);
  options = { ...options, validation };
  // A first install that stopped part-way: no kp_State yet, or one still marked by install.
  const recovering = !read.state.exists || pendingCommand(read) === 'install' || options.recover === true;
  const mark = parseState(read.state).pending;
  const addedBefore = new Set(mark !== null && pendingCommandOf(mark) === 'install' ? pendingDetail(mark).split('|').filter(Boolean) : []);
  let stateSheet: string | null = null;
  for (const key of INSTALL_ORDER) {
    const layout = layouts[key];
    const t = read[key];
    if (!t.exists) {
      const reuse = options.emptySheets?.has(layout.sheet) === true;
      const name = reuse ? layout.sheet : freeSheetName(layout.sheet, taken);
      taken.add(name);
      if (name !== layout.sheet) report.messages.push(T.sheetTaken(layout.sheet, name));
      queueCreate(context, layout, name, initialRows(key, settings, key === 'rubric' ? (options.scheme?.rubric ?? DEFAULT_RUBRIC) : rubric, options, read), lang, reuse, options.dropTables?.get(name));
      if (!reuse) report.createdSheets.push(name);
      report.createdTables.push(layout.table);
      if (key === 'state') stateSheet = name;
      continue;
    }
    if (recovering && queueFinishCreated(context, t, layout, lang, addedBefore)) report.queued = true;
    const inside = t.outsideFrom ?? t.rows.length;
    const before = report.repaired.length;
    queueAdoptRows(context, t, layout, report, lang);
    queueFillTotals(context, t, layout, inside, report, lang);
    queueRepairColumns(context, t, layout, report, lang);
    // A repair on a protected sheet: nothing of this install is synced (the caller's batch is dropped).
    if (report.repaired.length > before && t.protected) throw new SheetProtectedError(t.sheet, lang);
  }
  if (read.settings.exists) {
    const before = report.repaired.length + report.messages.length;
    queueRepairSettings(context, read.settings, settings, options, report);
    if (report.repaired.length + report.messages.length > before && read.settings.protected) throw new SheetProtectedError(read.settings.sheet, lang);
  }
  // Every roster member gets a row in kp_Plans (编号, 姓名) to write the plan in; existing rows stay as they are.
  if (read.plans.exists && !read.plans.protected) {
    const added = queueAddPlanRows(context, read.plans, rosterMembers(read));
    if (added > 0) report.repaired.push(T.addedPlanRows(`“${read.plans.sheet}”`, added));
  }
  queueRepairValidation(context, read, layouts, validation, report, lang);
  // The new kp_State's mark (its first row, see initialRows) goes with the last write.
  if (stateSheet !== null) context.workbook.worksheets.getItem(stateSheet).getRange('B2').values = [['']];
  // The hidden bookkeeping sheet is not news to the secretary.
  for (const s of report.createdSheets) if (s !== STATE_SHEET) report.messages.push(T.createdSheet(s));
  for (const r of report.repaired) report.messages.push(T.repaired(r));
  report.queued = report.createdTables.length > 0 || report.repaired.length > 0 || report.queued;
  if (!report.queued) report.messages.push(T.nothingToDo);
  return report;
}

/**
 * Rows typed directly below the table (it did not grow): the table is extended over them (they stay where they
 * are), and they get what the table's other rows have: the 合计 formula where 合计 is blank, score validation,
 * unlocked input cells.
 */
function queueAdoptRows(context: Excel.RequestContext, t: TableRead, layout: TableLayout, report: InstallReport, lang: Language): void {
  const outside = t.outsideFrom;
  const adopted = queueAdoptOutsideRows(context, t);
  if (!adopted || outside === undefined) return;
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  const at = { headerRow: adopted.first - 1, firstColumn: t.firstColumn, bodyRows: adopted.count };
  t.headers.forEach((h, c) => {
    const i = layout.headers.indexOf(h.replace(/\s+/g, ''));
    if (i < 0) return;
    const body = sheet.getRange(blockAddress(adopted.first, t.firstColumn + c, adopted.count, 1));
    if (layout.inputCols.has(i)) body.format.protection.locked = false;
    const one: TableLayout = { ...layout, scoreCols: new Map(layout.scoreCols.has(i) ? [[c, layout.scoreCols.get(i) as number]] : []) };
    queueValidation(sheet, one, at, c, lang);
    const f = layout.formulas.get(i);
    if (!f) return;
    // Only the blank 合计 cells: a value the user typed there stays (in dimension mode it is not counted anyway).
    t.rows.slice(outside).forEach((r, k) => {
      if (r[c] === null || r[c] === '') sheet.getRange(blockAddress(adopted.first + k, t.firstColumn + c, 1, 1)).formulas = [[f]];
    });
  });
  report.repaired.push(texts(lang).adoptedRows(layout.table, adopted.first, adopted.first + adopted.count - 1));
}

/**
 * Rows another tool wrote into the table (the ref extended, but no calculated 合计 formula copied): a row with a
 * number in a dimension column and a blank 合计 gets the formula, written per run of rows. Rows before `upTo`
 * only (rows just adopted got theirs). A value typed in 合计 stays. The domain never reads 合计 in dimension
 * mode: this is for the secretary's eye and the print.
 */
function queueFillTotals(context: Excel.RequestContext, t: TableRead, layout: TableLayout, upTo: number, report: InstallReport, lang: Language): void {
  const li = layout.headers.indexOf('合计');
  const f = layout.formulas.get(li);
  const c = t.headers.findIndex((h) => h.replace(/\s+/g, '') === '合计');
  if (!f || c < 0) return;
  const dimCols = t.headers
    .map((h, k) => ({ k, i: layout.headers.indexOf(h.replace(/\s+/g, '')) }))
    .filter(({ i }) => i >= 0 && i !== li && layout.scoreCols.has(i))
    .map(({ k }) => k);
  const needs = (r: RawCell[]) => (r[c] === null || r[c] === '') && dimCols.some((k) => typeof r[k] === 'number');
  // Looked up only when something is written: a run with nothing to do queues nothing (one sync).
  let sheet: Excel.Worksheet | undefined;
  let filled = 0;
  for (let i = 0; i < upTo; ) {
    if (!needs(t.rows[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < upTo && needs(t.rows[j])) j++;
    sheet ??= context.workbook.worksheets.getItem(t.sheet);
    sheet.getRange(blockAddress(t.firstRow + i, t.firstColumn + c, j - i, 1)).formulas = Array.from({ length: j - i }, () => [f]);
    filled += j - i;
    i = j;
  }
  if (filled > 0) report.repaired.push(texts(lang).filledTotals(layout.table, filled));
}

/** Adds the columns an existing table lacks: dimension columns before 合计, others at the end. */
function queueRepairColumns(context: Excel.RequestContext, t: TableRead, layout: TableLayout, report: InstallReport & { added: string[] }, lang: Language): void {
  const T = texts(lang);
  const has = (h: string) => t.headers.some((x) => x.replace(/\s+/g, '') === h);
  const missing = layout.headers.map((h, i) => ({ h, i })).filter(({ h }) => !has(h));
  if (missing.length === 0) return;
  const sheet = context.workbook.worksheets.getItem(t.sheet);
  const headers = t.headers.slice();
  for (const { h, i } of missing) {
    const totalIdx = headers.findIndex((x) => x.replace(/\s+/g, '') === '合计');
    const isScore = layout.scoreCols.has(i) && h !== '合计';
    const index = isScore && totalIdx >= 0 ? totalIdx : headers.length;
    // At the end: null (documented "If null or -1, the addition happens at the end"), not the column count.
    // (the type admits only numbers; office.js sends null as given).
    t.table.columns.add(index === headers.length ? (null as unknown as number) : index, undefined, h);
    headers.splice(index, 0, h);
    const body = t.bodyRows;
    if (body > 0) {
      const range = sheet.getRange(blockAddress(t.firstRow, t.firstColumn + index, body, 1));
      if (layout.textCols.has(i)) range.numberFormat = Array.from({ length: body }, () => ['@']);
      const f = layout.formulas.get(i);
      if (f) range.formulas = Array.from({ length: body }, () => [f]);
    }
    const colLayout: TableLayout = { ...layout, headers: headers.slice(), widths: headers.map((x) => layout.widths[layout.headers.indexOf(x)] ?? 64) };
    const remap = (m: Map<number, number>) => new Map([...m].map(([k, v]) => [headers.indexOf(layout.headers[k]), v]));
    colLayout.scoreCols = remap(layout.scoreCols);
    colLayout.inputCols = new Set([...layout.inputCols].map((k) => headers.indexOf(layout.headers[k])));
    queueColumnFormats(sheet, colLayout, { headerRow: t.firstRow - 1, firstColumn: t.firstColumn, bodyRows: Math.max(body, 1) }, [index], lang);
    report.repaired.push(T.addedColumn(layout.table, h));
    report.added.push(`${layout.table}/${h}`);
  }
  if (missing.some(({ h, i }) => layout.scoreCols.has(i) && h !== '合计')) queueWidenTotals(sheet, t, layout, headers);
  t.headers = headers;
}

/**
 * A dimension column added before 合计 lies outside the range of the 合计 formulas the rows already have, so
 * those formulas are rewritten over the new span. Only rows whose 合计 still shows what the old formula gives
 * (blank with no scores, or the sum of the old score columns) are rewritten: a value the user typed stays.
 */
function queueWidenTotals(sheet: Excel.Worksheet, t: TableRead, layout: TableLayout, newHeaders: string[]): void {
  const li = layout.headers.indexOf('合计');
  const f = layout.formulas.get(li);
  const oldTotal = t.headers.findIndex((h) => h.replace(/\s+/g, '') === '合计');
  const newTotal = newHeaders.findIndex((h) => h.replace(/\s+/g, '') === '合计');
  if (!f || oldTotal < 0 || newTotal < 0) return;
  const oldScores = t.headers
    .map((h, k) => ({ k, i: layout.headers.indexOf(h.replace(/\s+/g, '')) }))
    .filter(({ i }) => i >= 0 && i !== li && layout.scoreCols.has(i))
    .map(({ k }) => k);
  const shows = (r: RawCell[]) => {
    const nums = oldScores.map((k) => r[k]).filter((v): v is number => typeof v === 'number');
    const total = r[oldTotal];
    if (nums.length === 0) return total === '' || total === null;
    return typeof total === 'number' && Math.abs(total - nums.reduce((a, b) => a + b, 0)) < 1e-6;
  };
  const rows = Math.min(t.bodyRows, t.rows.length);
  for (let i = 0; i < rows; ) {
    if (!shows(t.rows[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < rows && shows(t.rows[j])) j++;
    sheet.getRange(blockAddress(t.firstRow + i, t.firstColumn + newTotal, j - i, 1)).formulas = Array.from({ length: j - i }, () => [f]);
    i = j;
  }
}

/** Appends settings rows an older install lacks; sets 年度 / 党支部名称 when the caller gave them. */
function queueRepairSettings(
  context: Excel.RequestContext,
  t: TableRead,
  settings: Settings,
  options: InstallOptions,
  report: InstallReport & { queued: boolean },
): void {
  const T = texts(settings.language);
  const cItem = t.headers.findIndex((h) => h.replace(/\s+/g, '') === '项目');
  const cValue = t.headers.findIndex((h) => h.replace(/\s+/g, '') === '值');
  if (cItem < 0 || cValue < 0) return;
  const labels = t.rows.map((r) => String(r[cItem] ?? '').replace(/\s+/g, ''));
  const rows = settingsToRows(settings);
  const missing = SETTING_ITEMS.map((item, i) => ({ item, row: rows[i] })).filter(
    ({ item }) => !labels.includes(item.label) && !labels.includes(item.labelEn.replace(/\s+/g, '')),
  );
  // Looked up only when something is written: a run with nothing to do queues nothing.
  let proxy: Excel.Worksheet | undefined;
  const sheet = () => (proxy ??= context.workbook.worksheets.getItem(t.sheet));
  if (missing.length > 0) {
    const width = t.headers.length;
    const add = missing.map(({ row }) => {
      const r: RawCell[] = Array.from({ length: width }, () => null);
      r[cItem] = row[0];
      r[cValue] = row[1];
      return r;
    });
    const textCols = new Set([cItem]);
    const emptyBody = isEmptyBody(t.rows);
    queueAppendRows(sheet(), t.table, { firstRow: t.firstRow, firstColumn: t.firstColumn, bodyRows: t.bodyRows, width, emptyBody }, add, textCols);
    // Text values as text.
    const base = emptyBody ? t.firstRow : t.firstRow + t.bodyRows;
    add.forEach((r, i) => {
      if (typeof r[cValue] === 'string') {
        const cell = sheet().getRange(blockAddress(base + i, t.firstColumn + cValue, 1, 1));
        cell.numberFormat = [['@']];
        cell.values = [[r[cValue] as string]];
      }
    });
    for (const { item } of missing) report.repaired.push(T.addedSetting(item.label));
  }
  const set = (label: string, value: string | number) => {
    const i = labels.indexOf(label);
    if (i < 0 || t.rows[i][cValue] === value) return;
    const cell = sheet().getRange(blockAddress(t.firstRow + i, t.firstColumn + cValue, 1, 1));
    cell.numberFormat = [[typeof value === 'string' ? '@' : 'General']];
    cell.values = [[value]];
    // Not a repair: the caller asked for it (init --year, new year). Said as such.
    report.messages.push(T.settingSet(label, value));
    report.queued = true;
  };
  if (options.year !== undefined) set('年度', options.year);
  if (options.branch !== undefined) set('党支部名称', options.branch);
}

/** The score limits of the entry tables' validation, by table and column header. */
export function validationLimits(layouts: Record<ReadKey, TableLayout>): NonNullable<State['validation']> {
  const out: NonNullable<State['validation']> = {};
  for (const key of ['self', 'peer', 'mass'] as const) {
    const l = layouts[key];
    out[l.table] = Object.fromEntries([...l.scoreCols].map(([c, max]) => [l.headers[c], max]));
  }
  return out;
}

/**
 * When the rubric changed since the last install (a category with other points, e.g. 理想信念 15), the score
 * columns' validation would refuse valid scores typed in Excel: set it again on the columns whose limit changed.
 */
function queueRepairValidation(
  context: Excel.RequestContext,
  read: TablesRead,
  layouts: Record<ReadKey, TableLayout>,
  desired: NonNullable<State['validation']>,
  report: InstallReport & { queued: boolean },
  lang: Language,
): void {
  const state = parseState(read.state);
  const stored = state.validation ?? {};
  let changed = state.validation === null;
  for (const key of ['self', 'peer', 'mass'] as const) {
    const t = read[key];
    const layout = layouts[key];
    if (!t.exists) continue;
    for (const [header, max] of Object.entries(desired[layout.table] ?? {})) {
      if (stored[layout.table]?.[header] === max) continue;
      changed = true;
      const c = t.headers.findIndex((h) => h.replace(/\s+/g, '') === header);
      // A column added in this run got its validation already.
      if (c < 0 || report.repaired.some((r) => r.includes(`“${header}”`) && r.includes(layout.table))) continue;
      if (t.protected) throw new SheetProtectedError(t.sheet, lang);
      const sheet = context.workbook.worksheets.getItem(t.sheet);
      sheet.getRange(blockAddress(t.firstRow, t.firstColumn + c, Math.max(t.bodyRows, 1), 1)).dataValidation.clear();
      const one: TableLayout = { ...layout, headers: t.headers, widths: t.headers.map(() => 64), scoreCols: new Map([[c, max]]), inputCols: new Set([c]) };
      queueValidation(sheet, one, { headerRow: t.firstRow - 1, firstColumn: t.firstColumn, bodyRows: Math.max(t.bodyRows, 1) }, c, lang);
      if (state.validation !== null) report.repaired.push(texts(lang).validationUpdated(layout.table, header, max));
    }
  }
  if (changed && read.state.exists) {
    if (read.state.protected) throw new SheetProtectedError(read.state.sheet, lang);
    queueWriteState(context, read.state, { ...state, validation: desired });
    report.queued = true;
  }
}


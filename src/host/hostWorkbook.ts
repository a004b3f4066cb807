/** HostWorkbook: the in-memory workbook, its counters, run() and the snapshot for the preview grid and tests. */
import { Calculator } from './formula/evaluate';
import { WorkbookModel } from './model/model';
import { HostRequestContext, WEB_PAYLOAD_LIMIT, type Fault, type Stats } from './api/proxyBase';
import { WorkbookProxy } from './api/workbookProxy';
import { buildSnapshot, type SheetSnapshot } from './snapshot';
import { fail } from './model/errors';
import { resolveAddress } from './ops/resolve';
import { writeCell } from './ops/rangeOps';
import { expandTablesBelow, setTableAutoExpand, tableAutoExpand } from './ops/tableOps';
import { cellValid, dvAt } from './api/dataValidation';

/** What typing into a cell did (see HostWorkbook.type). */
export interface TypeResult {
  accepted: boolean;
  /** Why it was refused: the validation's Stop alert message, or that the cell is protected. */
  alert?: string;
}

export class HostWorkbook {
  readonly model: WorkbookModel;
  stats: Stats = { syncs: 0, operations: 0, bytesPerSync: [], responseBytesPerSync: [] };
  /**
   * Bytes a request or a response may have: Excel on the web's 5 MB by default (the strictest Excel); null for
   * no limit. Over it, sync() fails with RequestPayloadSizeLimitExceeded (nothing applied) or
   * ResponsePayloadSizeLimitExceeded (applied, values not returned).
   */
  payloadLimit: number | null = WEB_PAYLOAD_LIMIT;
  /**
   * Whether syncs measure their request and response sizes (stats.bytesPerSync, responseBytesPerSync). Always while
   * there is a limit; the command line, which has none and reads no stats, turns it off (measuring cost 5% of a compute).
   */
  countBytes = true;
  fault: Fault | null = null;

  constructor(model?: WorkbookModel) {
    this.model = model ?? new WorkbookModel();
  }

  resetStats(): void {
    this.stats = { syncs: 0, operations: 0, bytesPerSync: [], responseBytesPerSync: [] };
  }

  /**
   * Fault injection (tests): the k-th sync from now (k ≥ 1) applies its first `applied` operations (0: none;
   * Infinity: all, then the answer is lost) and rejects with GeneralException, as Excel's non-transactional
   * batches can. Returns the fault: `fired.operations` is that sync's operation count once it has hit.
   */
  failSync(k: number, applied = 0): Fault {
    this.fault = { countdown: k, applied };
    return this.fault;
  }

  /** Recomputes formulas when something changed since the last calculation. */
  recalc(): void {
    if (!this.model.dirty) return;
    const changed = this.model.dirtySheets;
    this.model.dirty = false;
    const calc = new Calculator(this.model);
    if (changed) calc.recalcSheets(changed); else calc.recalcAll();
  }

  /**
   * Whether writing data just below a table extends it (Excel: yes, documented). Off stands for a tool that
   * does not (WPS, LibreOffice, scripts writing the file): tests of rows typed below a table use it.
   */
  get tableAutoExpand(): boolean { return tableAutoExpand(this.model); }
  set tableAutoExpand(on: boolean) { setTableAutoExpand(this.model, on); }

  /**
   * Types text into one cell as a person does in Excel (for tests of what the user can type): a cell formatted
   * '@' keeps it as text, otherwise it is parsed (numbers, dates, "=…" formulas; a leading ' keeps text). Data
   * validation with a Stop alert refuses an invalid entry (the cell keeps its old content), as does a locked
   * cell on a protected sheet. Typing just below a table extends it.
   */
  type(sheetName: string, address: string, text: string): TypeResult {
    const sheet = this.model.sheetByName(sheetName);
    if (!sheet) fail('ItemNotFound', `The worksheet "${sheetName}" doesn't exist.`);
    const { rect } = resolveAddress(this.model, sheet, address);
    const r = rect.r0;
    const c = rect.c0;
    if (sheet.protection.protected && sheet.styleAt(r, c).locked) return { accepted: false, alert: 'The cell is protected.' };
    const old = sheet.cell(r, c);
    const before = old ? old.clone() : undefined;
    if (text.startsWith("'")) {
      const cell = sheet.ensure(r, c);
      cell.value = text.slice(1) === '' ? null : text.slice(1);
      cell.formula = null;
      this.model.dirty = true;
    } else if (text === '') {
      if (old) { old.value = null; old.formula = null; this.model.dirty = true; }
    } else writeCell(this.model, sheet, r, c, text, 'type');
    this.recalc();
    const dv = dvAt(sheet, r, c);
    if (dv && dv.errorAlert.showAlert && dv.errorAlert.style === 'Stop') {
      const area = sheet.validations.find((e) => e.dv === dv)?.rects.find((x) => r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1);
      if (!cellValid(this.model, sheet, dv, r, c, { r: area?.r0 ?? r, c: area?.c0 ?? c })) {
        const row = sheet.rows.get(r);
        if (before) row?.set(c, before);
        else row?.delete(c);
        this.model.dirty = true;
        this.recalc();
        return { accepted: false, alert: dv.errorAlert.message || 'The value doesn\'t match the data validation restrictions defined for this cell.' };
      }
    }
    expandTablesBelow(this.model, sheet, rect);
    return { accepted: true };
  }

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  snapshot(sheet: string): SheetSnapshot {
    this.recalc();
    const s = this.model.sheetByName(sheet);
    if (!s) fail('ItemNotFound', `The worksheet "${sheet}" doesn't exist.`);
    return buildSnapshot(this.model, s);
  }

  /** A new request context bound to this workbook (what Excel.run hands to its batch). */
  createContext(): Excel.RequestContext {
    const ctx = new HostRequestContext(this);
    const wb = new WorkbookProxy(ctx);
    ctx.workbook = wb;
    ctx.application = wb.application;
    return ctx as unknown as Excel.RequestContext;
  }
}

export function createWorkbook(): HostWorkbook {
  const wb = new HostWorkbook();
  wb.model.addSheet('Sheet1');
  return wb;
}

/** Like Excel.run: runs the batch with a fresh context, then syncs whatever is still queued. */
export async function run<T>(wb: HostWorkbook, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  const ctx = wb.createContext();
  const result = await batch(ctx);
  const host = ctx as unknown as HostRequestContext;
  if (host.queue.length > 0) await host.sync();
  return result;
}

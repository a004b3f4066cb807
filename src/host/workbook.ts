/** HostWorkbook: the in-memory workbook, its counters, run() and the snapshot for the preview grid and tests. */
import { Calculator } from './formulaEval';
import { WorkbookModel } from './model';
import { HostRequestContext, type Fault, type Stats } from './proxyBase';
import { WorkbookProxy } from './workbookProxy';
import { buildSnapshot, type SheetSnapshot } from './snapshot';
import { fail } from './errors';

export class HostWorkbook {
  readonly model: WorkbookModel;
  stats: Stats = { syncs: 0, operations: 0, bytesPerSync: [] };
  fault: Fault | null = null;

  constructor(model?: WorkbookModel) {
    this.model = model ?? new WorkbookModel();
  }

  resetStats(): void {
    this.stats = { syncs: 0, operations: 0, bytesPerSync: [] };
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
    this.model.dirty = false;
    new Calculator(this.model).recalcAll();
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

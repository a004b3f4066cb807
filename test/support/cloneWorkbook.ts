/**
 * A deep copy of a headless workbook (its in-memory model: maps, sets, class instances with their prototypes,
 * shared references kept shared), so a property test can start thousands of cases from one filled workbook
 * without re-typing it each time. Generic over the model's shape; `sameWorkbook` in the tests checks a copy.
 */
import { HostWorkbook } from '../../src/host';

function copy(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (v instanceof Map) {
    const m = new Map();
    seen.set(v, m);
    for (const [k, x] of v) m.set(copy(k, seen), copy(x, seen));
    return m;
  }
  if (v instanceof Set) {
    const s = new Set();
    seen.set(v, s);
    for (const x of v) s.add(copy(x, seen));
    return s;
  }
  if (Array.isArray(v)) {
    const a: unknown[] = [];
    seen.set(v, a);
    for (const x of v) a.push(copy(x, seen));
    return a;
  }
  if (v instanceof Date) return new Date(v.getTime());
  if (ArrayBuffer.isView(v)) return (v as unknown as { slice: () => unknown }).slice();
  const o = Object.create(Object.getPrototypeOf(v)) as Record<string | symbol, unknown>;
  seen.set(v, o);
  for (const key of Reflect.ownKeys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, key) as PropertyDescriptor;
    if ('value' in d) d.value = copy(d.value, seen);
    Object.defineProperty(o, key, d);
  }
  return o;
}

export function cloneWorkbook(wb: HostWorkbook): HostWorkbook {
  return new HostWorkbook(copy(wb.model, new Map()) as HostWorkbook['model']);
}

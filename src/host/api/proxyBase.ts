/** Request context, queue and the load/sync semantics shared by every proxy object. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the proxy machinery reads properties and children by name */
import { HostError } from '../model/errors';
import type { WorkbookModel } from '../model/model';

export interface Op { label: string; payload: unknown; run: () => void }

/**
 * Per sync: the request (queued operations with their arguments and values) and the response (the values the
 * loads of that sync hand back), both as JSON lengths — an estimate of what Excel on the web sends and receives.
 */
export interface Stats { syncs: number; operations: number; bytesPerSync: number[]; responseBytesPerSync: number[] }

/** Excel on the web refuses a request or a response over 5 MB (Microsoft's resource-limits page). */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** A fault armed by HostWorkbook.failSync (tests): the sync it hits applies `applied` operations, then fails. */
export interface Fault { countdown: number; applied: number; fired?: { operations: number } }

export interface ContextHost {
  model: WorkbookModel;
  stats: Stats;
  /** Bytes a request or a response may have (Excel on the web: 5 MB); null: no limit (desktop Excel). */
  payloadLimit?: number | null;
  /** Whether syncs measure what they send and return (stats.bytesPerSync…); always when there is a limit. */
  countBytes?: boolean;
  fault?: Fault | null;
  recalc(): void;
}

export class HostRequestContext {
  readonly queue: Op[] = [];
  readonly trackedObjects = { add: (): void => {}, remove: (): void => {} };
  readonly debugInfo = {};
  workbook!: unknown;
  application!: unknown;
  runtime = { enableEvents: true, load: () => this.runtime };

  constructor(readonly host: ContextHost) {}

  get model(): WorkbookModel { return this.host.model; }

  enqueue(op: Op): void { this.queue.push(op); }

  /** What the loads of the current sync hand back: the proxy and its loaded values before this sync. */
  private responses: { proxy: HostProxy<any>; before: Record<string, unknown> }[] = [];
  private resultBytes = 0;

  /** A load in this sync: its values count towards the response (and are withdrawn if the response is refused). */
  noteLoad(proxy: HostProxy<any>, before: Record<string, unknown>): void {
    this.responses.push({ proxy, before });
  }

  /** A method result (ClientResult) in this sync. */
  noteResult(value: unknown): void {
    if (this.counting()) this.resultBytes += jsonLength('', value);
  }

  /** Sizes are measured unless nobody needs them (no limit, and the workbook's owner said so: the command line). */
  private counting(): boolean {
    return this.host.countBytes !== false || (this.host.payloadLimit ?? null) !== null;
  }

  /** Runs the queued operations in order; the first failure rejects and drops the rest (earlier ones stay). */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this.queue.splice(0);
    const stats = this.host.stats;
    stats.syncs++;
    stats.operations += ops.length;
    const counting = this.counting();
    let bytes = 2;
    if (counting) {
      for (const op of ops) bytes += jsonLength(op.label, op.payload) + 1;
      stats.bytesPerSync.push(bytes);
    }
    const payloadLimit = this.host.payloadLimit ?? null;
    this.responses = [];
    this.resultBytes = 0;
    await Promise.resolve();
    if (payloadLimit !== null && bytes > payloadLimit) {
      stats.responseBytesPerSync.push(0);
      // Refused before anything is applied.
      throw new HostError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit. See https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.');
    }
    let ok = false;
    const fault = this.host.fault;
    let limit = ops.length;
    let hit = false;
    if (fault && --fault.countdown === 0) {
      hit = true;
      this.host.fault = null;
      fault.fired = { operations: ops.length };
      limit = Math.min(fault.applied, ops.length);
    }
    try {
      for (let i = 0; i < limit; i++) {
        const op = ops[i];
        try {
          op.run();
        } catch (e) {
          if (e instanceof HostError) {
            e.debugInfo.errorLocation = op.label;
            e.debugInfo.statement = op.label;
            throw e;
          }
          const msg = e instanceof Error ? e.message : String(e);
          const wrapped = new HostError('GeneralException', `Internal host error in ${op.label}: ${msg}`, op.label);
          (wrapped as { cause?: unknown }).cause = e;
          throw wrapped;
        }
      }
      if (hit) {
        const at = ops[limit]?.label ?? 'sync';
        throw new HostError('GeneralException', `Injected fault: the connection was lost after ${limit} of ${ops.length} operations.`, at);
      }
      ok = true;
    } finally {
      this.host.recalc();
      if (!ok) this.responses = [];
    }
    if (!counting) { this.responses = []; return passThroughValue as T; }
    const seen = new Set<HostProxy<any>>();
    let response = 2 + this.resultBytes;
    for (const r of this.responses) {
      if (seen.has(r.proxy)) continue;
      seen.add(r.proxy);
      response += jsonLength('', r.proxy.toJSON()) + 1;
    }
    stats.responseBytesPerSync.push(response);
    if (payloadLimit !== null && response > payloadLimit) {
      // The operations ran (writes stay), but the values never reach the add-in.
      for (const r of [...this.responses].reverse()) r.proxy._loaded = r.before;
      this.responses = [];
      throw new HostError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit. See https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.');
    }
    this.responses = [];
    return passThroughValue as T;
  }
}

/** Texts longer than this are counted as their length plus quotes, without scanning them for escapes. */
const LONG_TEXT = 4096;

function jsonLength(label: string, payload: unknown): number {
  try {
    return 11 + JSON.stringify(label).length + valueLength(payload ?? null);
  } catch {
    return label.length + 16;
  }
}

/**
 * The length of JSON.stringify(v), computed without building it for arrays (2-D values can hold one long shared
 * string in thousands of cells: stringifying them would cost gigabytes); exact except for texts over LONG_TEXT.
 */
function valueLength(v: unknown): number {
  // The usual case, no long text anywhere: the native stringify (exact, and fast on big 2-D arrays).
  if (!hasLongText(v, 0)) return (JSON.stringify(v) ?? 'null').length;
  return lengthOf(v);
}

/** Whether a long text is in v (arrays and plain objects, a few levels deep: values, formulas, toJSON() results). */
function hasLongText(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return v.length > LONG_TEXT;
  if (v === null || typeof v !== 'object' || depth > 4) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (hasLongText(x, depth + 1)) return true;
    return false;
  }
  const o = v as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') return hasLongText(o.toJSON(), depth + 1);
  for (const k of Object.keys(o)) if (hasLongText(o[k], depth + 1)) return true;
  return false;
}

function lengthOf(v: unknown): number {
  if (!hasLongText(v, 0)) return (JSON.stringify(v) ?? 'null').length;
  if (typeof v === 'string') return v.length + 2;
  if (Array.isArray(v)) {
    let n = 2 + Math.max(0, v.length - 1);
    for (const x of v) n += x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 4 : lengthOf(x);
    return n;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown> & { toJSON?: () => unknown };
    if (typeof o.toJSON === 'function') return lengthOf(o.toJSON());
    let n = 2;
    let first = true;
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      n += (first ? 0 : 1) + JSON.stringify(k).length + 1 + lengthOf(x);
      first = false;
    }
    return n;
  }
  return (JSON.stringify(v) ?? 'null').length;
}

export type LoadSpec = { props: Set<string>; nav: Map<string, LoadSpec>; all: boolean };

/** Parses the argument forms of load(): 'a, b/c', ['a','b/c'], {select, expand}, {a: true, b: {c: true}}. */
export function parseLoad(arg: unknown): LoadSpec {
  const spec: LoadSpec = { props: new Set(), nav: new Map(), all: false };
  const addPath = (path: string): void => {
    const parts = path.split('/').map((p) => p.trim()).filter(Boolean);
    let s = spec;
    for (let i = 0; i < parts.length - 1; i++) {
      let child = s.nav.get(parts[i]);
      if (!child) { child = { props: new Set(), nav: new Map(), all: false }; s.nav.set(parts[i], child); }
      s = child;
    }
    if (parts.length) s.props.add(parts[parts.length - 1]);
  };
  if (arg === undefined || arg === null) { spec.all = true; return spec; }
  if (typeof arg === 'string') {
    if (arg.trim() === '') { spec.all = true; return spec; }
    arg.split(',').forEach((p) => addPath(p));
    return spec;
  }
  if (Array.isArray(arg)) { arg.forEach((p) => addPath(String(p))); return spec; }
  if (typeof arg === 'object') {
    const o = arg as Record<string, unknown>;
    if ('select' in o || 'expand' in o) {
      if (typeof o.select === 'string') o.select.split(',').forEach((p) => addPath(p));
      if (Array.isArray(o.select)) o.select.forEach((p) => addPath(String(p)));
      if (typeof o.expand === 'string') o.expand.split(',').forEach((p) => { spec.nav.set(p.trim(), { props: new Set(), nav: new Map(), all: true }); });
      return spec;
    }
    const walk = (obj: Record<string, unknown>, prefix: string): void => {
      for (const [k, v] of Object.entries(obj)) {
        if (k === '$all' && v) { addAll(spec, prefix); continue; }
        if (v === true) addPath(prefix + k);
        else if (v && typeof v === 'object') {
          const sub = v as Record<string, unknown>;
          if ('$all' in sub || Object.keys(sub).length === 0) addAll(spec, prefix + k);
          walk(sub, `${prefix}${k}/`);
        }
      }
    };
    walk(o, '');
    return spec;
  }
  spec.all = true;
  return spec;
}

function addAll(spec: LoadSpec, path: string): void {
  const parts = path.split('/').filter(Boolean);
  let s = spec;
  for (const p of parts) {
    let child = s.nav.get(p);
    if (!child) { child = { props: new Set(), nav: new Map(), all: false }; s.nav.set(p, child); }
    s = child;
  }
  s.all = true;
}

export interface PropDef<T> {
  get?: (t: T, self: any) => unknown;
  set?: (t: T, v: any, self: any) => void;
}

/** Base of every proxy: target resolution at sync time, loaded values, null-object state. */
export abstract class HostProxy<T = unknown> {
  /** Set by the op that created this object (method results), or derived from the parent (navigation). */
  _target: T | null | undefined = undefined;
  _resolver: (() => T | null) | null = null;
  _nullKnown = false;
  _isNullFlag = false;
  _loaded: Record<string, unknown> = {};
  _children = new Map<string, HostProxy<any>>();
  _parent: HostProxy<any> | null = null;

  constructor(readonly _ctx: HostRequestContext, readonly _type: string) {}

  get context(): HostRequestContext { return this._ctx; }

  get isNullObject(): boolean {
    if (this._parent && !this._nullKnown) return this._parent.isNullObject;
    if (!this._nullKnown) throw notLoaded('isNullObject', this._type);
    return this._isNullFlag;
  }

  /** Properties this proxy can load; navigation children are in _navs. */
  abstract _props(): Record<string, PropDef<T>>;
  _navs(): string[] { return []; }
  _validate(_t: T): void {}

  /** Null-object state at sync time. */
  _null(): boolean {
    if (this._resolver) {
      return this._resolveNow() === null;
    }
    return this._isNullFlag;
  }

  private _resolveNow(): T | null {
    const v = this._resolver!();
    return v;
  }

  /** The model object, at sync time. Throws InvalidOperation on a null object. */
  _t(): T {
    const t = this._resolver ? this._resolveNow() : this._target;
    if (t === null || t === undefined) {
      throw new HostError('InvalidOperation', `The ${this._type} is a null object (it does not exist).`);
    }
    this._validate(t);
    return t;
  }

  _read(name: string): any {
    if (name in this._loaded) return this._loaded[name];
    if (this._nullKnown && this._isNullFlag) return undefined;
    throw notLoaded(name, this._type);
  }

  /** Queues a property write; the value is visible locally at once, like Office's proxies. */
  _write(name: string, value: unknown): void {
    const def = this._props()[name];
    if (!def || !def.set) throw new HostError('InvalidArgument', `${this._type}.${name} is read-only.`);
    this._loaded[name] = value;
    this._op(`${this._type}.${name}`, value, (t) => def.set!(t, value, this));
  }

  _op(label: string, payload: unknown, fn: (t: T) => void): void {
    this._ctx.enqueue({ label, payload, run: () => fn(this._t()) });
  }

  /** Creates an object from a method call; the op resolves it in order. orNull: a missing result is a null object. */
  _make<C extends HostProxy<any>>(child: C, label: string, payload: unknown, fn: (t: T) => unknown, orNull = false): C {
    this._ctx.enqueue({
      label, payload, run: () => {
        if (this._null() && (orNull || this._nullKnown)) {
          child._target = null; child._nullKnown = true; child._isNullFlag = true;
          return;
        }
        const v = fn(this._t());
        child._target = (v ?? null) as never;
        child._nullKnown = true;
        child._isNullFlag = v === null || v === undefined;
        if (child._isNullFlag && !orNull) throw new HostError('ItemNotFound', `${label}: the requested item doesn't exist.`);
      },
    });
    return child;
  }

  /** A navigation child (format, font, …): resolved through this object at sync time. */
  _nav<C extends HostProxy<any>>(name: string, create: () => C, derive: (t: T) => unknown): C {
    let c = this._children.get(name) as C | undefined;
    if (!c) {
      c = create();
      c._parent = this;
      c._resolver = () => (this._null() ? null : (derive(this._t()) as never));
      this._children.set(name, c);
    }
    return c;
  }

  load(arg?: unknown): this {
    const spec = parseLoad(arg);
    this._ctx.enqueue({ label: `${this._type}.load`, payload: arg ?? '*', run: () => {
      this._ctx.host.recalc();
      const before = { ...this._loaded };
      this._doLoad(spec);
      this._ctx.noteLoad(this, before);
    } });
    return this;
  }

  _doLoad(spec: LoadSpec): void {
    if (this._null()) {
      this._nullKnown = true;
      this._isNullFlag = true;
      return;
    }
    const t = this._t();
    const props = this._props();
    const names = spec.all ? Object.keys(props).filter((k) => props[k].get && !EXPENSIVE.has(k)) : [...spec.props];
    for (const name of names) {
      if (this._navs().includes(name)) {
        const child = (this as any)[name] as HostProxy<any>;
        child._doLoad({ props: new Set(), nav: new Map(), all: true });
        continue;
      }
      const def = props[name];
      if (!def || !def.get) throw new HostError('InvalidArgument', `Cannot load "${name}" of ${this._type}.`);
      this._loaded[name] = def.get(t, this);
    }
    for (const [name, sub] of spec.nav) {
      if (!this._navs().includes(name)) throw new HostError('InvalidArgument', `Cannot load "${name}" of ${this._type}.`);
      ((this as any)[name] as HostProxy<any>)._doLoad(sub);
    }
  }

  /** Sets several properties at once ({ values, format: { font: { bold } } }), like Office's set(). */
  set(properties: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(properties ?? {})) {
      if (this._navs().includes(k) && v && typeof v === 'object') ((this as any)[k] as HostProxy<any>).set(v as Record<string, unknown>);
      else if (this._props()[k]?.set) this._write(k, v);
      else throw new HostError('InvalidArgument', `Cannot set "${k}" of ${this._type}.`);
    }
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this._loaded };
    for (const [k, c] of this._children) {
      const j = c.toJSON();
      if (Object.keys(j).length) out[k] = j;
    }
    return out;
  }

  track(): this { return this; }
  untrack(): this { return this; }
}

/** Properties not included in a bare load() (Excel also leaves large ones out of a default load of some objects). */
const EXPENSIVE = new Set<string>([]);

export function notLoaded(name: string, type: string): HostError {
  return new HostError('PropertyNotLoaded',
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${type}.${name}`);
}

/** Installs getters/setters for the given property names on a proxy class. */
export function installProps(cls: { prototype: object }, names: string[], writable: string[] = []): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: HostProxy) { return this._read(name); },
      set: writable.includes(name) ? function (this: HostProxy, v: unknown) { this._write(name, v); } : function (this: HostProxy) {
        throw new HostError('InvalidArgument', `Cannot set the read-only property '${name}'.`);
      },
    });
  }
}

/** ClientResult<T>: the value of a method call, readable after sync. */
export class HostClientResult<T> {
  _set = false;
  _value: T | undefined;
  get value(): T {
    if (!this._set) throw notLoaded('value', 'ClientResult');
    return this._value as T;
  }
}
export function resultOp<T, P extends HostProxy<any>>(proxy: P, label: string, fn: (t: any) => T): HostClientResult<T> {
  const res = new HostClientResult<T>();
  proxy._ctx.enqueue({ label, payload: null, run: () => {
    proxy._ctx.host.recalc();
    res._value = fn(proxy._t());
    res._set = true;
    proxy._ctx.noteResult(res._value);
  } });
  return res;
}

/** Base for collection proxies: items (load 'items', 'items/name', …), count, getCount(). */
/* eslint-disable @typescript-eslint/no-explicit-any -- proxies are typed by the Excel API types at the call site; items are heterogeneous here */
import { HostProxy, type LoadSpec, type PropDef, resultOp, type HostClientResult } from './proxyBase';

export abstract class CollectionProxy<T, I> extends HostProxy<T> {
  abstract _list(t: T): I[];
  abstract _wrap(item: I): HostProxy<I>;

  _props(): Record<string, PropDef<T>> {
    return { count: { get: (t) => this._list(t).length } };
  }

  _item(item: I): HostProxy<I> {
    const p = this._wrap(item);
    p._target = item;
    p._nullKnown = true;
    p._isNullFlag = false;
    return p;
  }

  override _doLoad(spec: LoadSpec): void {
    if (this._null()) { this._nullKnown = true; this._isNullFlag = true; return; }
    const t = this._t();
    const sub = spec.nav.get('items');
    if (spec.all || spec.props.has('items') || sub) {
      this._loaded.items = this._list(t).map((i) => {
        const p = this._item(i);
        p._doLoad(sub ?? { props: new Set(), nav: new Map(), all: true });
        return p;
      });
    }
    if (spec.all || spec.props.has('count')) this._loaded.count = this._list(t).length;
    for (const name of spec.props) {
      if (name !== 'items' && name !== 'count') {
        const def = this._props()[name];
        if (def?.get) this._loaded[name] = def.get(t, this);
      }
    }
  }

  get items(): any[] { return this._read('items'); }
  get count(): number { return this._read('count'); }

  getCount(): HostClientResult<number> {
    return resultOp(this, `${this._type}.getCount`, (t: T) => this._list(t).length);
  }
}

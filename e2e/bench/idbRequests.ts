import type { Page } from '@playwright/test';

/** IndexedDB requests per `<database>/<object store>`, split into reads and writes. */
export type RequestCounts = Record<string, { reads: number; writes: number }>;

/**
 * A script for the page, run before the app's: counts every IndexedDB
 * request (each `get`, `getAll`, `count`, cursor step; each `put`, `add`,
 * `delete`, `clear`) by database and object store. Wrapping the prototypes
 * costs little next to a request, and tells how many requests a write path
 * makes per document — the cost IndexedDB charges (README, "Architecture").
 */
export const countIndexedDbRequests = `(() => {
  const counts = {};
  const bump = (db, store, kind) => {
    const key = db + '/' + store;
    const entry = counts[key] || (counts[key] = { reads: 0, writes: 0 });
    entry[kind] += 1;
  };
  const wrap = (proto, names, kind, where) => {
    for (const name of names) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function (...args) {
        try { const [db, store] = where(this); bump(db, store, kind); } catch {}
        return original.apply(this, args);
      };
    }
  };
  // Counting must cost next to nothing: each store object's name is looked up once.
  const names = new WeakMap();
  const ofStore = (s) => {
    let n = names.get(s);
    if (!n) names.set(s, (n = [s.transaction.db.name, s.name]));
    return n;
  };
  const ofIndex = (i) => ofStore(i.objectStore);
  const ofCursor = (c) => (c.source instanceof IDBIndex ? ofIndex(c.source) : ofStore(c.source));
  wrap(IDBObjectStore.prototype, ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'], 'reads', ofStore);
  wrap(IDBObjectStore.prototype, ['put', 'add', 'delete', 'clear'], 'writes', ofStore);
  wrap(IDBIndex.prototype, ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'], 'reads', ofIndex);
  wrap(IDBCursor.prototype, ['continue', 'advance', 'continuePrimaryKey'], 'reads', ofCursor);
  wrap(IDBCursor.prototype, ['update', 'delete'], 'writes', ofCursor);
  Object.defineProperty(window, '__tesseraIdbRequests', { value: () => JSON.parse(JSON.stringify(counts)) });
})();`;

export async function requestCounts(page: Page): Promise<RequestCounts> {
  return page.evaluate(() => (window as unknown as { __tesseraIdbRequests?: () => RequestCounts }).__tesseraIdbRequests?.() ?? {});
}

/** What happened between two counts. */
export function requestsBetween(before: RequestCounts, after: RequestCounts): RequestCounts {
  const out: RequestCounts = {};
  for (const [key, value] of Object.entries(after)) {
    const was = before[key] ?? { reads: 0, writes: 0 };
    out[key] = { reads: value.reads - was.reads, writes: value.writes - was.writes };
  }
  return out;
}

/** The sum over stores whose `<database>/<store>` name matches. */
export function sumOf(counts: RequestCounts, match: (key: string) => boolean): { reads: number; writes: number } {
  let reads = 0;
  let writes = 0;
  for (const [key, value] of Object.entries(counts)) {
    if (!match(key)) continue;
    reads += value.reads;
    writes += value.writes;
  }
  return { reads, writes };
}

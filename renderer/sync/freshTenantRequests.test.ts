import { IDBCursor, IDBIndex, IDBObjectStore } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConsoleUnderTest } from './testing/consoleUnderTest.ts';
import { FakeTenant } from './testing/fakeTenant.ts';
import { seedTenant } from './testing/tenantDocuments.ts';

type Counts = Map<string, { reads: number; writes: number }>;

/** Counts every IndexedDB request by object store (fake-indexeddb's own classes, so real Dexie and RxDB code paths run). */
function countRequests(): { counts: Counts; restore: () => void } {
  const counts: Counts = new Map();
  const restores: Array<() => void> = [];
  const wrap = (proto: object, names: string[], kind: 'reads' | 'writes', storeOf: (self: never) => string) => {
    for (const name of names) {
      const target = proto as Record<string, (...args: unknown[]) => unknown>;
      const original = target[name]!;
      target[name] = function (this: never, ...args: unknown[]) {
        const store = storeOf(this);
        const entry = counts.get(store) ?? { reads: 0, writes: 0 };
        entry[kind] += 1;
        counts.set(store, entry);
        return original.apply(this, args);
      };
      restores.push(() => (target[name] = original));
    }
  };
  const storeName = (s: IDBObjectStore) => `${s.transaction.db.name}/${s.name}`;
  const reads = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'];
  wrap(IDBObjectStore.prototype, reads, 'reads', storeName);
  wrap(IDBObjectStore.prototype, ['put', 'add', 'delete', 'clear'], 'writes', storeName);
  wrap(IDBIndex.prototype, reads, 'reads', (i: IDBIndex) => storeName(i.objectStore));
  wrap(IDBCursor.prototype, ['continue', 'advance', 'continuePrimaryKey'], 'reads', (c: IDBCursor) => storeName('objectStore' in c.source ? (c.source as IDBIndex).objectStore : (c.source as IDBObjectStore)));
  return { counts, restore: () => restores.forEach((r) => r()) };
}

/** The stores documents go to: RxDB's two collections, and the compact records beside them. */
const isDocumentStore = (key: string) => /--\d+--(technicalusers|roles)\/docs$/.test(key) || /-replica\/(tokens|sessionDays|auditPages)$/.test(key);
const sum = (counts: Counts, match: (key: string) => boolean, kind: 'reads' | 'writes') => [...counts].filter(([k]) => match(k)).reduce((n, [, v]) => n + v[kind], 0);

/**
 * A fresh tenant's first sync reads nothing back (README, "Architecture"):
 * counted on real Dexie and RxDB code over fake-indexeddb, the sync of a
 * tenant with a few thousand documents makes no read of a document store
 * beyond the few that decide the tenant is fresh — the same number for
 * 300 users as for 1,200 — and one write per technical user and role, and
 * a handful for the column and page records of tokens, session-days and
 * audit.
 */
describe('a fresh tenant’s first sync', () => {
  const results = new Map<number, { counts: Counts; documents: number; users: number }>();
  beforeAll(async () => {
    for (const users of [300, 1200]) {
      const tenant = new FakeTenant();
      seedTenant(tenant, { users, days: 5 });
      const c = await ConsoleUnderTest.start({ storage: 'dexie' });
      const meter = countRequests();
      try {
        c.connect('00000000-0000-4000-8000-0000000000f1', tenant);
        await c.synced('00000000-0000-4000-8000-0000000000f1');
        await c.engine.idle();
      } finally {
        meter.restore();
        await c.stop();
      }
      const documents = ['technical-users', 'roles', 'tokens', 'session-days', 'audit'].reduce((n, col) => n + tenant.live(col as never).length, 0);
      results.set(users, { counts: meter.counts, documents, users });
    }
  }, 120_000);

  it('makes no read per document, only the constant few that find the tenant fresh', () => {
    const readsOf = (users: number) => sum(results.get(users)!.counts, isDocumentStore, 'reads');
    expect(readsOf(300)).toBe(readsOf(1200));
    expect(readsOf(1200)).toBeLessThanOrEqual(10);
    expect(results.get(1200)!.documents).toBeGreaterThan(3 * results.get(300)!.documents);
  });

  it('writes each technical user and role once, and tokens, session-days and audit as a few records', () => {
    const { counts, users } = results.get(1200)!;
    expect(sum(counts, (k) => /--\d+--technicalusers\/docs$/.test(k), 'writes')).toBe(users);
    expect(sum(counts, (k) => /--\d+--roles\/docs$/.test(k), 'writes')).toBe(2);
    // 1,200 tokens in at most 64 bucket records, written once.
    expect(sum(counts, (k) => k.endsWith('-replica/tokens'), 'writes')).toBeLessThanOrEqual(64);
    expect(sum(counts, (k) => k.endsWith('-replica/sessionDays'), 'writes')).toBeLessThanOrEqual(10);
    expect(sum(counts, (k) => k.endsWith('-replica/auditPages'), 'writes')).toBeLessThanOrEqual(5);
  });
});

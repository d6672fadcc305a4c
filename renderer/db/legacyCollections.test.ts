import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { moveLegacyCollections } from './legacyCollections.ts';
import { openReplicaTables } from './replicaTables.ts';

/** A database as RxDB's Dexie storage of an older Tessera left it: one per collection, documents in `docs`. */
async function legacyDatabase(name: string, rows: Array<Record<string, unknown>>): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 10);
    open.onupgradeneeded = () => open.result.createObjectStore('docs', { keyPath: 'key' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('docs', 'readwrite');
    for (const row of rows) tx.objectStore('docs').put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** Each case opens its own database (fake-indexeddb lives as long as this file's worker): named by a count, not by chance. */
let databasesOpened = 0;

describe('carrying over an older replica', () => {
  it('copies pending changes, conflicts and refusals into the tables, then drops the old databases (pulled data is pulled again)', async () => {
    const prefix = 'rxdb-dexie-tessera--0--';
    await legacyDatabase(`${prefix}pendingchanges`, [
      { key: 't|u1', tenantId: 't', collectionName: 'technical-users', docId: 'u1', docName: 'Offline edit', kind: 'update', changedAt: 5, base: { id: 'u1', revision: 2 }, deferred: true, _deleted: '0', _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} },
      { key: 't|u2', tenantId: 't', collectionName: 'technical-users', docId: 'u2', docName: 'Long gone', kind: 'update', changedAt: 6, base: null, deferred: false, _deleted: '1', _meta: { lwt: 1 }, _rev: '2-a', _attachments: {} },
    ]);
    await legacyDatabase(`${prefix}conflicts`, [{ key: 't|technical-users|u1|description', tenantId: 't', collectionName: 'technical-users', docId: 'u1', docName: 'Offline edit', field: 'description', localValue: 'mine', serverValue: 'theirs', baseValue: 'old', detectedAt: 9, _deleted: '0' }]);
    await legacyDatabase(`${prefix}tokens`, [{ key: 't|k1', tenantId: 't', id: 'k1', _deleted: '0' }]);
    await legacyDatabase(`${prefix}rx-replication-meta-abc`, []);
    const tables = await openReplicaTables({ name: `legacy-${(databasesOpened += 1)}`, dependencies: { indexedDB, IDBKeyRange } });
    try {
      await moveLegacyCollections(tables, indexedDB);
      expect(await tables.pendingChanges.toArray()).toEqual([{ key: 't|u1', tenantId: 't', collectionName: 'technical-users', docId: 'u1', docName: 'Offline edit', kind: 'update', changedAt: 5, base: { id: 'u1', revision: 2 }, deferred: true }]);
      expect(await tables.conflicts.toArray()).toEqual([expect.objectContaining({ field: 'description', localValue: 'mine', serverValue: 'theirs', serverChangedBy: null, serverChangedAt: null })]);
      const left = (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith(prefix));
      expect(left).toEqual([]);
      // Nothing to do the next time.
      await moveLegacyCollections(tables, indexedDB);
      expect(await tables.pendingChanges.count()).toBe(1);
    } finally {
      await tables.delete();
    }
  });
});

import type { PendingChange, ReplicaTables, SyncConflict, SyncRejection } from './replicaTables.ts';

/** IndexedDB databases of RxDB collections an older Tessera kept (one database per collection). */
const legacyPrefix = 'rxdb-dexie-tessera--0--';
/** Pulled data now kept in pages: a cache, pulled again. */
const droppedCollections = ['tokens', 'sessiondays', 'audit'];

type Row = Record<string, unknown>;

/**
 * Carries over what an older Tessera kept in RxDB collections that are now
 * tables beside it: pending changes, conflicts and refusals are copied (a
 * change saved offline is never lost by an update); tokens, session-days,
 * audit and RxDB's replication state are dropped (pulled again). A database
 * is deleted only after its rows are stored in the new place; a failure
 * leaves it for the next start.
 */
export async function moveLegacyCollections(tables: ReplicaTables, factory: IDBFactory | undefined = globalThis.indexedDB): Promise<void> {
  if (!factory || typeof factory.databases !== 'function') return;
  const names = new Set((await factory.databases()).map((d) => d.name ?? ''));
  // Only what the new tables do not hold yet: a copy that was made before (its old database could not be
  // deleted) must not overwrite what the sync has changed since.
  const missing = async <T extends { key: string }>(table: { bulkGet(keys: string[]): Promise<Array<T | undefined>> }, rows: T[]) => {
    const there = await table.bulkGet(rows.map((r) => r.key));
    return rows.filter((_, i) => there[i] === undefined);
  };
  const moves: Array<[string, (rows: Row[]) => Promise<unknown>]> = [
    ['pendingchanges', async (rows) => tables.pendingChanges.bulkAdd(await missing(tables.pendingChanges, rows.map((r) => ({ ...r, deferred: r.deferred === true || r.deferred === '1' }) as unknown as PendingChange)))],
    ['conflicts', async (rows) => tables.conflicts.bulkAdd(await missing(tables.conflicts, rows.map((r) => ({ serverChangedBy: null, serverChangedAt: null, ...r }) as unknown as SyncConflict)))],
    ['rejections', async (rows) => tables.rejections.bulkAdd(await missing(tables.rejections, rows as unknown as SyncRejection[]))],
  ];
  for (const [collection, store] of moves) {
    const name = `${legacyPrefix}${collection}`;
    if (!names.has(name)) continue;
    try {
      await store(await liveRows(factory, name));
      await deleteDatabase(factory, name);
    } catch (error) {
      console.warn(`Tessera: ${collection} of an older version could not be carried over yet`, error);
    }
  }
  for (const name of names) {
    const collection = name.startsWith(legacyPrefix) ? name.slice(legacyPrefix.length) : null;
    if (collection && (droppedCollections.includes(collection) || collection.startsWith('rx-replication-meta'))) await deleteDatabase(factory, name).catch(() => undefined);
  }
}

/** The documents RxDB's Dexie storage kept (not deleted), without RxDB's own fields. */
async function liveRows(factory: IDBFactory, name: string): Promise<Row[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = factory.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    if (!db.objectStoreNames.contains('docs')) return [];
    const rows = await new Promise<Row[]>((resolve, reject) => {
      const request = db.transaction('docs', 'readonly').objectStore('docs').getAll();
      request.onsuccess = () => resolve(request.result as Row[]);
      request.onerror = () => reject(request.error);
    });
    return rows
      .filter((r) => r._deleted !== true && r._deleted !== '1')
      .map(({ _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...rest }) => rest);
  } finally {
    db.close();
  }
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

import type { MangoQuery, RxCollection } from 'rxdb';

/**
 * Plain documents of a query read straight from the storage: no RxDocument
 * per row, several times faster for the tens of thousands of rows the
 * inventory, the dashboards and the sweep read. Read-only: the rows are not
 * RxDB documents (deleted ones are left out by RxDB's prepared query).
 */
export async function readPlain<T, R = T>(collection: RxCollection<T>, query: MangoQuery<T> = {}): Promise<R[]> {
  const prepared = (collection.find(query) as unknown as { getPreparedQuery(): never }).getPreparedQuery();
  return (await collection.storageInstance.query(prepared)).documents as unknown as R[];
}

/**
 * The latest write time (RxDB's `_meta.lwt`) in each of the editable
 * collections, read straight from IndexedDB — without RxDB, so the start
 * can ask before RxDB is open: one step of a cursor over the `_meta.lwt`
 * index per collection. 0 for a collection not stored yet (its database is
 * never created here). Every write through RxDB moves it: a local edit, a
 * pulled page, a push's answer, a deletion (kept as a tombstone).
 */
export async function lastWritesOf(factory: IDBFactory, databaseName: string, collections: ReadonlyArray<{ name: string; version: number }>): Promise<number[]> {
  const existing = new Set((await factory.databases()).map((d) => d.name));
  return Promise.all(
    collections.map(async ({ name, version }) => {
      const dbName = `rxdb-dexie-${databaseName}--${version}--${name}`;
      if (!existing.has(dbName)) return 0;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = factory.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error(`${dbName} could not be opened`));
        // It was there a moment ago; had it gone, nothing is created in its place.
        request.onupgradeneeded = () => request.transaction?.abort();
      });
      try {
        if (!db.objectStoreNames.contains('docs')) return 0;
        const store = db.transaction('docs', 'readonly').objectStore('docs');
        if (!store.indexNames.contains('_meta.lwt')) return 0;
        return await new Promise<number>((resolve, reject) => {
          const cursor = store.index('_meta.lwt').openKeyCursor(null, 'prev');
          cursor.onsuccess = () => resolve(typeof cursor.result?.key === 'number' ? cursor.result.key : 0);
          cursor.onerror = () => reject(cursor.error ?? new Error(`${dbName} could not be read`));
        });
      } finally {
        db.close();
      }
    }),
  );
}

import { useEffect, useState } from 'react';
import type { MangoQuery, RxCollection } from 'rxdb';
import { bridge } from '../bridge.ts';
import { openDatabase, type TesseraDatabase } from '../db/database.ts';
import { readPlain } from '../db/storageRead.ts';
import { useConnectionsStore } from '../state/connectionsStore.ts';
import { useNoticesStore } from '../state/noticesStore.ts';
import { SyncEngine } from './syncEngine.ts';

/** The database and its sync engine, made once for the window. */
let ready: Promise<{ db: TesseraDatabase; engine: SyncEngine }> | null = null;

export function startLocalReplica(): Promise<{ db: TesseraDatabase; engine: SyncEngine }> {
  ready ??= (async () => {
    const db = await openDatabase();
    const engine = new SyncEngine(db, bridge());
    await engine.start();
    engine.reconcile(useConnectionsStore.getState().connections);
    useConnectionsStore.subscribe((state, previous) => {
      if (state.connections !== previous.connections) engine.reconcile(state.connections);
    });
    return { db, engine };
  })();
  return ready;
}

/** The database once it is open (null before). */
export function useDatabase(): TesseraDatabase | null {
  const [db, setDb] = useState<TesseraDatabase | null>(null);
  useEffect(() => {
    let active = true;
    // Views read the local copy as soon as it is open; the sync engine starts alongside.
    openDatabase().then(
      (opened) => {
        if (performance.getEntriesByName('tessera:database-open').length === 0) performance.mark('tessera:database-open');
        if (active) setDb(opened);
      },
      (error: unknown) => useNoticesStore.getState().push({ kind: 'error', message: `The local copy could not be opened: ${error instanceof Error ? error.message : String(error)}`, code: 'replica_unavailable' }),
    );
    return () => {
      active = false;
    };
  }, []);
  return db;
}

/** Live results of a query (re-rendered when they change); unsubscribes on unmount. */
export function useQuery<T>(collection: RxCollection<T> | undefined, query: MangoQuery<T>, deps: readonly unknown[]): T[] | null {
  const [rows, setRows] = useState<T[] | null>(null);
  useEffect(() => {
    if (!collection) return;
    const subscription = collection.find(query).$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as T)));
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query depends on
  }, [collection, ...deps]);
  return rows;
}

/** A live count. */
export function useCount<T>(collection: RxCollection<T> | undefined, query: MangoQuery<T>, deps: readonly unknown[]): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!collection) return;
    const subscription = collection.count(query).$.subscribe(setCount);
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query depends on
  }, [collection, ...deps]);
  return count;
}

/**
 * Plain documents of a query, read straight from the storage (no RxDocument
 * per row: several times faster for the hundred thousand session-days a
 * dashboard reads), read again at most every `throttleMs` while the
 * collection changes. Read-only use: the rows are not RxDB documents.
 */
export function useStorageQuery<T>(collection: RxCollection<T> | undefined, query: MangoQuery<T>, deps: readonly unknown[], throttleMs: number): T[] | null {
  const [rows, setRows] = useState<T[] | null>(null);
  useEffect(() => {
    if (!collection) return;
    let active = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let reading = false;
    let again = false;
    let lastRead = 0;
    const read = async () => {
      timer = null;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      lastRead = Date.now();
      try {
        const documents = await readPlain(collection, query);
        if (active) setRows(documents);
      } finally {
        reading = false;
        if (again && active) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      if (timer !== null || !active) return;
      timer = setTimeout(() => void read(), Math.max(0, lastRead + throttleMs - Date.now()));
    };
    void read();
    const subscription = collection.$.subscribe(schedule);
    return () => {
      active = false;
      subscription.unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query depends on
  }, [collection, ...deps]);
  return rows;
}

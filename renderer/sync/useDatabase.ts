import { useEffect, useState } from 'react';
import type { MangoQuery, RxCollection } from 'rxdb';
import { filter, type Observable } from 'rxjs';
import { bridge } from '../bridge.ts';
import { startInventory } from '../inventory/inventoryStartup.ts';
import type { PulledChange, PulledCollection } from '../db/pages/pulledStore.ts';
import { useConnectionsStore } from '../state/connectionsStore.ts';
import { useNoticesStore } from '../state/noticesStore.ts';
import { openLocalReplica, type LocalReplica } from './localReplica.ts';
import { foldSyncEvents } from './syncStatusAdapter.ts';
import { SyncEngine } from './syncEngine.ts';
import { compositeKey } from '../../shared/sync/localDocuments.ts';

/** The replica and its sync engine, made once for the window. */
let ready: Promise<{ replica: LocalReplica; engine: SyncEngine }> | null = null;

export function startLocalReplica(): Promise<{ replica: LocalReplica; engine: SyncEngine }> {
  ready ??= (async () => {
    const replica = await openLocalReplica();
    // The inventory index listens before the engine writes anything (its first read sees the state it then follows).
    startInventory(replica, () => {
      const { loaded, connections } = useConnectionsStore.getState();
      return loaded ? connections.map((c) => c.id) : null;
    }).catch((error: unknown) => console.warn(`The inventory index did not start: ${error instanceof Error ? error.message : String(error)}`));
    const engine = new SyncEngine({ ...replica, bridge: bridge() });
    foldSyncEvents(engine.events$);
    markFirstSync(engine);
    await engine.start();
    engine.reconcile(useConnectionsStore.getState().connections);
    useConnectionsStore.subscribe((state, previous) => {
      if (state.connections !== previous.connections) engine.reconcile(state.connections);
    });
    return { replica, engine };
  })();
  return ready;
}

/**
 * Performance marks of each tenant's first sync (when each collection caught
 * up, when the tenant was synced): the benchmark reads them. Only the first
 * of each, so the marks stay few however long the app runs.
 */
function markFirstSync(engine: SyncEngine): void {
  const marked = new Set<string>();
  engine.events$.subscribe((event) => {
    if (event.type !== 'caught-up' && event.type !== 'synced') return;
    const key = compositeKey(event.tenantId, event.type === 'caught-up' ? event.collection : '*');
    if (marked.has(key)) return;
    marked.add(key);
    performance.mark(`tessera:sync.${event.type}`, { detail: { tenantId: event.tenantId, collection: event.type === 'caught-up' ? event.collection : null } });
  });
}

/** The local replica once it is open (null before). */
export function useReplica(): LocalReplica | null {
  const [replica, setReplica] = useState<LocalReplica | null>(null);
  useEffect(() => {
    let active = true;
    // Views read the local copy as soon as it is open; the sync engine starts alongside.
    openLocalReplica().then(
      (opened) => {
        if (performance.getEntriesByName('tessera:database-open').length === 0) performance.mark('tessera:database-open');
        if (active) setReplica(opened);
      },
      (error: unknown) => useNoticesStore.getState().push({ kind: 'error', message: `The local copy could not be opened: ${error instanceof Error ? error.message : String(error)}`, code: 'replica_unavailable' }),
    );
    return () => {
      active = false;
    };
  }, []);
  return replica;
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

/** The latest value of an observable (null until it has one). */
export function useObservable<T>(source$: Observable<T> | undefined): T | null {
  const [value, setValue] = useState<{ of: Observable<T>; value: T } | null>(null);
  useEffect(() => {
    if (!source$) return;
    const subscription = source$.subscribe((next) => setValue({ of: source$, value: next }));
    return () => subscription.unsubscribe();
  }, [source$]);
  return value && value.of === source$ ? value.value : null;
}

/**
 * Reads pulled data (tokens, session-days, audit) and reads it again when a
 * change of those collections is committed — for one tenant when `tenantId`
 * is given — at most every `throttleMs` while changes keep coming.
 */
export function usePulled<T>(replica: LocalReplica | null, collections: readonly PulledCollection[], read: (replica: LocalReplica) => Promise<T>, deps: readonly unknown[], options: { tenantId?: string; throttleMs?: number } = {}): T | null {
  const [value, setValue] = useState<{ deps: string; value: T } | null>(null);
  const depsKey = JSON.stringify(deps);
  const throttleMs = options.throttleMs ?? 300;
  const tenantId = options.tenantId;
  useEffect(() => {
    if (!replica) return;
    let active = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let reading = false;
    let again = false;
    let lastRead = 0;
    let told = false;
    const run = async () => {
      timer = null;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      lastRead = Date.now();
      try {
        const next = await read(replica);
        told = false;
        if (active) setValue({ deps: depsKey, value: next });
      } catch (error) {
        // Said once while reads keep failing, not at every change.
        if (active && !told) useNoticesStore.getState().push({ kind: 'error', message: `The local copy could not be read: ${error instanceof Error ? error.message : String(error)}`, code: 'replica_unavailable' });
        told = true;
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
      timer = setTimeout(() => void run(), Math.max(0, lastRead + throttleMs - Date.now()));
    };
    void run();
    const subscription = replica.pages.changes$
      .pipe(filter((change: PulledChange) => collections.includes(change.collection) && (tenantId === undefined || change.tenantId === tenantId)))
      .subscribe(schedule);
    return () => {
      active = false;
      subscription.unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the read depends on
  }, [replica, depsKey, tenantId, throttleMs, collections.join()]);
  return value && value.deps === depsKey ? value.value : null;
}

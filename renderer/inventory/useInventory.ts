import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { activeFilterCount, compileInventoryFilter, searchWordsOf } from '../../shared/console/inventoryFilter.ts';
import { RowTextSearch } from '../../shared/console/rowTextSearch.ts';
import type { InventoryNames } from '../../shared/console/inventoryColumns.ts';
import type { InventoryRow } from '../../shared/console/inventoryRow.ts';
import { useConnectionsStore } from '../state/connectionsStore.ts';
import { useInventoryStore } from '../state/inventoryStore.ts';
import { useReplica } from '../sync/useDatabase.ts';
import { inventoryIndexFor, type InventoryIndex } from './inventoryIndex.ts';
import { snapshotSort } from './inventorySnapshot.ts';
import { inventoryPreview } from './inventoryStartup.ts';
import { localKey } from '../../shared/sync/localDocuments.ts';

/** The inventory index once it has loaded (null before), re-rendering when its rows change. */
export function useInventoryIndex(): { index: InventoryIndex | null; version: number } {
  const replica = useReplica();
  const [index, setIndex] = useState<InventoryIndex | null>(null);
  useEffect(() => {
    if (!replica) return;
    let active = true;
    void inventoryIndexFor(replica).ready.then((ready) => active && setIndex(ready));
    return () => {
      active = false;
    };
  }, [replica]);
  const version = useSyncExternalStore(index?.subscribe ?? noSubscribe, index?.getVersion ?? zero);
  return { index, version };
}

/**
 * What the inventory shows: the full index once it has loaded, before that
 * the last start's snapshot when it still describes the replica (null while
 * neither is there). `preview` says which.
 */
export function useInventoryShown(): { index: InventoryIndex | null; version: number; preview: boolean } {
  const full = useInventoryIndex();
  const [preview, setPreview] = useState<InventoryIndex | null>(null);
  useEffect(() => {
    let active = true;
    void inventoryPreview().then((read) => active && setPreview(read.index));
    return () => {
      active = false;
    };
  }, []);
  if (full.index) return { ...full, preview: false };
  return { index: preview, version: 0, preview: preview !== null };
}

const noSubscribe = () => () => undefined;
const zero = () => 0;

/** Tenant and role names for cells, sorting and export: a new object whenever a name may have changed. */
export function useInventoryNames(index: InventoryIndex | null): InventoryNames {
  const connections = useConnectionsStore((s) => s.connections);
  const roles = index?.allRoles();
  // Token cells say what has expired by now: the names carry the minute clock.
  const now = useMinuteClock();
  return useMemo(() => {
    const tenantNames = new Map(connections.map((c) => [c.id, c.displayName]));
    const roleNames = new Map((roles ?? []).map((r) => [r.key, r.name]));
    return {
      tenant: (id: string) => tenantNames.get(id) ?? 'Removed tenant',
      role: (tenantId: string, roleId: string) => roleNames.get(localKey(tenantId, roleId)),
      now,
    };
  }, [connections, roles, now]);
}

/** The time, refreshed every minute: "expiring within N days" moves with it. */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The rows the inventory shows: filtered and sorted, with how many there are
 * in all. While only the start's preview is there (its first screen, in the
 * default order), a search, filter or other order waits for the full index:
 * `loading` then, and `waiting` says why.
 */
export function useFilteredRows(): { index: InventoryIndex | null; rows: InventoryRow[]; total: number; names: InventoryNames; loading: boolean; preview: boolean; waiting: 'replica' | 'full-index' | null } {
  const { index, preview } = useInventoryShown();
  const names = useInventoryNames(index);
  const filter = useInventoryStore((s) => s.filter);
  const sort = useInventoryStore((s) => s.sort);
  const now = useMinuteClock();
  const all = index?.all();
  const sorted = useMemo(() => (index && all ? index.sorted(sort, names) : []), [index, all, sort, names]);
  // The search text is looked up in all rows' texts at once (one string, built once per order).
  const search = useMemo(() => new RowTextSearch(sorted.map((r) => r.searchText)), [sorted]);
  const rows = useMemo(() => {
    if (!index) return [];
    const words = searchWordsOf(filter.text);
    const matches = compileInventoryFilter({ ...filter, text: '' }, { now, roleKeysByName: index.roleKeysByName });
    if (words.length === 0) return sorted.filter(matches);
    const found: InventoryRow[] = [];
    for (const at of search.rowsContainingAll(words)) if (matches(sorted[at]!)) found.push(sorted[at]!);
    return found;
  }, [index, sorted, search, filter, now]);
  const previewShows = preview && activeFilterCount(filter) === 0 && filter.text.trim() === '' && sort.column === snapshotSort.column && sort.direction === snapshotSort.direction;
  const waiting = index === null ? 'replica' : preview && !previewShows ? 'full-index' : null;
  return { index, rows: waiting ? [] : rows, total: preview && index ? index.previewTotal : sorted.length, names, loading: waiting !== null, preview, waiting };
}

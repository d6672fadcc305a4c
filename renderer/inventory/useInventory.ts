import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { compileInventoryFilter } from '../../shared/console/inventoryFilter.ts';
import type { InventoryNames } from '../../shared/console/inventoryColumns.ts';
import type { InventoryRow } from '../../shared/console/inventoryRow.ts';
import { useConnectionsStore } from '../state/connectionsStore.ts';
import { useInventoryStore } from '../state/inventoryStore.ts';
import { useReplica } from '../sync/useDatabase.ts';
import { inventoryIndexFor, type InventoryIndex } from './inventoryIndex.ts';

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
      role: (tenantId: string, roleId: string) => roleNames.get(`${tenantId}|${roleId}`),
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

/** The rows the inventory shows: filtered and sorted, with how many there are in all. */
export function useFilteredRows(): { index: InventoryIndex | null; rows: InventoryRow[]; total: number; names: InventoryNames; loading: boolean } {
  const { index } = useInventoryIndex();
  const names = useInventoryNames(index);
  const filter = useInventoryStore((s) => s.filter);
  const sort = useInventoryStore((s) => s.sort);
  const now = useMinuteClock();
  const all = index?.all();
  const sorted = useMemo(() => (index && all ? index.sorted(sort, names) : []), [index, all, sort, names]);
  const rows = useMemo(() => {
    if (!index) return [];
    const matches = compileInventoryFilter(filter, { now, roleKeysByName: index.roleKeysByName });
    return sorted.filter(matches);
  }, [index, sorted, filter, now]);
  return { index, rows, total: sorted.length, names, loading: index === null };
}

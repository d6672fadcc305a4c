import { useMemo } from 'react';
import type { LocalReplica } from './localReplica.ts';
import { useObservable } from './useDatabase.ts';

/** What waits on one tenant: changes not yet accepted, conflicts to decide, changes it refused. */
export interface TenantSyncFigures {
  pending: number;
  conflicts: number;
  rejections: number;
}

const none: TenantSyncFigures = { pending: 0, conflicts: 0, rejections: 0 };

/** Live per-tenant counts from the local replica (null until it is open). */
export function useSyncFigures(replica: LocalReplica | null): { byTenant: (tenantId: string) => TenantSyncFigures; total: TenantSyncFigures } | null {
  const pending = useObservable(replica?.ledger.entries$);
  const conflicts = useObservable(replica?.notes.conflicts$);
  const rejections = useObservable(replica?.notes.rejections$);
  return useMemo(() => {
    if (!pending || !conflicts || !rejections) return null;
    const map = new Map<string, TenantSyncFigures>();
    const bump = (tenantId: string, field: keyof TenantSyncFigures) => {
      const current = map.get(tenantId) ?? { ...none };
      current[field] += 1;
      map.set(tenantId, current);
    };
    for (const p of pending) bump(p.tenantId, 'pending');
    for (const c of conflicts) bump(c.tenantId, 'conflicts');
    for (const r of rejections) bump(r.tenantId, 'rejections');
    return {
      byTenant: (tenantId: string) => map.get(tenantId) ?? none,
      total: { pending: pending.length, conflicts: conflicts.length, rejections: rejections.length },
    };
  }, [pending, conflicts, rejections]);
}

import { create } from 'zustand';
import type { SyncPhase } from '../sync/syncEvents.ts';

/** How a tenant's sync is going right now (runtime state; the replica itself is in RxDB). */
export interface TenantSyncStatus {
  phase: SyncPhase;
  /** Documents received from the tenant since the app started (initial sync progress). */
  received: number;
  initialDone: boolean;
  lastSyncedAt: number | null;
  error: { code: string; message: string } | null;
}

interface SyncStatusState {
  byTenant: Record<string, TenantSyncStatus>;
  update: (tenantId: string, change: Partial<TenantSyncStatus>) => void;
  received: (tenantId: string, count: number) => void;
  forget: (tenantId: string) => void;
}

const initial: TenantSyncStatus = { phase: 'waiting', received: 0, initialDone: false, lastSyncedAt: null, error: null };

export const useSyncStatusStore = create<SyncStatusState>()((set) => ({
  byTenant: {},
  update: (tenantId, change) => set((state) => ({ byTenant: { ...state.byTenant, [tenantId]: { ...(state.byTenant[tenantId] ?? initial), ...change } } })),
  received: (tenantId, count) =>
    count > 0 &&
    set((state) => {
      const current = state.byTenant[tenantId] ?? initial;
      return { byTenant: { ...state.byTenant, [tenantId]: { ...current, received: current.received + count } } };
    }),
  forget: (tenantId) =>
    set((state) => {
      const next = { ...state.byTenant };
      delete next[tenantId];
      return { byTenant: next };
    }),
}));

import { createStore, useStore } from 'zustand';
import type { Employee, Integration, TerminationResult } from '../../shared/api/employees.ts';
import type { SweepStatus } from '../../shared/console/sweep.ts';

/** One tenant's part of an offboarding sweep. */
export interface TenantSweep {
  readonly status: SweepStatus;
  readonly mode: 'preserve' | 'disable';
  /** Null: not on this tenant (or not known yet, while it is offline). */
  readonly employee: Employee | null;
  readonly integrations: readonly Integration[];
  readonly createdUsers: ReadonlyArray<{ id: string; name: string }>;
  readonly issuedTokens: ReadonlyArray<{ id: string; label: string; prefix: string; status: string }>;
  readonly message: string | null;
  readonly result: TerminationResult | null;
}

/**
 * The sweep in progress (UI state: what the person asked for and what has
 * happened so far), kept while they move around the app. Tenant data itself
 * stays on the tenants and in the replica.
 */
export interface SweepState {
  email: string;
  /** Changes with every new sweep: work for an older one stops. */
  sweepId: number;
  /** Something is being looked up or carried out right now (survives leaving the view). */
  working: 'finding' | 'looking' | 'running' | null;
  tenants: Readonly<Record<string, TenantSweep>>;
  begin: (email: string, tenants: Record<string, TenantSweep>) => void;
  setWorking: (working: SweepState['working']) => void;
  update: (tenantId: string, patch: Partial<TenantSweep>) => void;
  clear: () => void;
}

export const createSweepStore = () =>
  createStore<SweepState>()((set) => ({
    email: '',
    sweepId: 0,
    working: null,
    tenants: {},
    begin: (email, tenants) => set((state) => ({ email, tenants, sweepId: state.sweepId + 1 })),
    setWorking: (working) => set({ working }),
    update: (tenantId, patch) => set((state) => (state.tenants[tenantId] ? { tenants: { ...state.tenants, [tenantId]: { ...state.tenants[tenantId]!, ...patch } } } : state)),
    clear: () => set((state) => ({ email: '', tenants: {}, sweepId: state.sweepId + 1 })),
  }));

/** The app's one sweep (it survives leaving the view). */
export const sweepStore = createSweepStore();
export const useSweepStore = <T>(select: (state: SweepState) => T): T => useStore(sweepStore, select);

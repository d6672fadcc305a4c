import { create } from 'zustand';
import { emptyAuditFilter, type AuditFilter } from '../../shared/console/auditTimeline.ts';

interface AuditState {
  /** The Audit section's filter: kept while the person visits other sections. */
  filter: AuditFilter;
  /** The entry shown in detail (`tenantId|id`). */
  selected: string | null;
  setFilter: (patch: Partial<AuditFilter>) => void;
  clearFilter: () => void;
  select: (key: string | null) => void;
}

export const useAuditStore = create<AuditState>()((set) => ({
  filter: emptyAuditFilter,
  selected: null,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  clearFilter: () => set({ filter: emptyAuditFilter }),
  select: (selected) => set({ selected }),
}));

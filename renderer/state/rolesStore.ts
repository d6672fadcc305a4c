import { create } from 'zustand';

interface RolesState {
  /** A role another section asked to show (the Audit section's "open"); the Roles section takes it when it opens. */
  focus: { readonly tenantId: string; readonly key: string } | null;
  focusRole: (tenantId: string, key: string) => void;
  clearFocus: () => void;
}

export const useRolesStore = create<RolesState>()((set) => ({
  focus: null,
  focusRole: (tenantId, key) => set({ focus: { tenantId, key } }),
  clearFocus: () => set({ focus: null }),
}));

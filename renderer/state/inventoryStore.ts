import { create } from 'zustand';
import { emptyInventoryFilter, type InventoryFilter } from '../../shared/console/inventoryFilter.ts';
import type { InventorySort } from '../../shared/console/inventoryColumns.ts';

/** A change the tenant refused, opened again to fix and resubmit (from the Sync view). */
export interface Resubmission {
  readonly draft: Record<string, unknown>;
  readonly rejectionKey: string;
  readonly reason: string;
}

export type UserPageTab = 'details' | 'permissions' | 'tokens' | 'sessions' | 'history';

/** Which page of the Technical users section is open. */
export type UserPageTarget =
  | { readonly kind: 'inventory' }
  | { readonly kind: 'user'; readonly key: string; readonly resubmit?: Resubmission; readonly tab?: UserPageTab; readonly sessionDate?: string }
  | { readonly kind: 'new'; readonly tenantId: string | null; readonly resubmit?: Resubmission };

/**
 * The inventory's UI state: filter, sort, selection, the focused row and
 * which page is open. Rows themselves live in the inventory index (from
 * RxDB), never here (STYLE.md, 7).
 */
interface InventoryState {
  filter: InventoryFilter;
  sort: InventorySort;
  /** Selected rows by key. */
  selected: ReadonlySet<string>;
  /** Where a shift-click or shift-arrow range starts. */
  anchor: string | null;
  /** The row the keyboard is on. */
  active: string | null;
  page: UserPageTarget;
  setFilter: (patch: Partial<InventoryFilter>) => void;
  replaceFilter: (filter: InventoryFilter) => void;
  setSort: (column: string) => void;
  setSelected: (keys: Iterable<string>, anchor?: string | null) => void;
  toggleSelected: (key: string) => void;
  clearSelection: () => void;
  setActive: (key: string | null) => void;
  open: (page: UserPageTarget) => void;
}

export const useInventoryStore = create<InventoryState>()((set) => ({
  filter: emptyInventoryFilter,
  sort: { column: 'name', direction: 'asc' },
  selected: new Set(),
  anchor: null,
  active: null,
  page: { kind: 'inventory' },
  setFilter: (patch) => set((state) => ({ filter: { ...state.filter, ...patch } })),
  replaceFilter: (filter) => set({ filter }),
  // A second click on the sorted column turns the direction around.
  setSort: (column) => set((state) => ({ sort: { column, direction: state.sort.column === column && state.sort.direction === 'asc' ? 'desc' : 'asc' } })),
  setSelected: (keys, anchor) => set((state) => ({ selected: new Set(keys), anchor: anchor === undefined ? state.anchor : anchor })),
  toggleSelected: (key) =>
    set((state) => {
      const next = new Set(state.selected);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return { selected: next, anchor: key };
    }),
  // Nothing selected stays the same object: views that depend on the selection do not recompute (each keystroke clears it).
  clearSelection: () => set((state) => (state.selected.size === 0 && state.anchor === null ? state : { selected: new Set(), anchor: null })),
  setActive: (active) => set({ active }),
  open: (page) => set({ page }),
}));

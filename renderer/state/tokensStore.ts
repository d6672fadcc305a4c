import { create } from 'zustand';
import { emptyTokenFilter, type TokenFilter } from '../../shared/console/tokenFacts.ts';

/** The Tokens section's UI state: which view and which filter. Tokens themselves stay in RxDB (STYLE.md, 7). */
interface TokensState {
  view: 'list' | 'calendar';
  filter: TokenFilter;
  setView: (view: 'list' | 'calendar') => void;
  setFilter: (patch: Partial<TokenFilter>) => void;
  clearFilter: () => void;
}

export const useTokensStore = create<TokensState>()((set) => ({
  view: 'list',
  filter: emptyTokenFilter,
  setView: (view) => set({ view }),
  setFilter: (patch) => set((state) => ({ filter: { ...state.filter, ...patch } })),
  clearFilter: () => set({ filter: emptyTokenFilter }),
}));

import { create } from 'zustand';

/** Short messages for the person at the keyboard (errors from main, confirmations). */
export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly message: string;
  readonly code?: string;
  /** How many times the same message came in a row (shown as ×N instead of a stack of copies). */
  readonly repeats?: number;
  /** When it (or its latest repeat) came in, ms since the epoch: info notices fade a while after it. */
  readonly at: number;
}

interface NoticesState {
  notices: Notice[];
  push: (notice: Omit<Notice, 'id' | 'at'>) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set) => ({
  notices: [],
  push: (notice) => {
    const id = nextId++;
    set((state) => {
      const same = state.notices.find((n) => n.kind === notice.kind && n.message === notice.message && n.code === notice.code);
      const others = state.notices.filter((n) => n !== same);
      return { notices: [...others.slice(-4), { ...notice, id, at: Date.now(), repeats: (same?.repeats ?? 1) + (same ? 1 : 0) }] };
    });
    return id;
  },
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));

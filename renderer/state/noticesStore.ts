import { create } from 'zustand';

/** Short messages for the person at the keyboard (errors from main, confirmations). */
export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly message: string;
  readonly code?: string;
}

interface NoticesState {
  notices: Notice[];
  push: (notice: Omit<Notice, 'id'>) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set) => ({
  notices: [],
  push: (notice) => {
    const id = nextId++;
    set((state) => ({ notices: [...state.notices.slice(-4), { ...notice, id }] }));
    return id;
  },
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));

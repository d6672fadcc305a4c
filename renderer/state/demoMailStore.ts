import { create } from 'zustand';
import type { DemoMail } from '../../shared/connections.ts';
import { bridge } from '../bridge.ts';
import { useNoticesStore } from './noticesStore.ts';

/**
 * The demo tenants' notification e-mail (main's local mail catcher keeps
 * it), and whether its window is open. Follows main's `demo:mail` events.
 */
interface DemoMailState {
  messages: DemoMail[];
  loaded: boolean;
  open: boolean;
  /** The message shown; null shows the newest. */
  selectedId: string | null;
  show: () => void;
  hide: () => void;
  select: (id: string) => void;
}

export const useDemoMailStore = create<DemoMailState>()((set) => ({
  messages: [],
  loaded: false,
  open: false,
  selectedId: null,
  show: () => {
    set({ open: true, selectedId: null });
    void loadDemoMail();
  },
  hide: () => set({ open: false }),
  select: (selectedId) => set({ selectedId }),
}));

export async function loadDemoMail(): Promise<void> {
  const result = await bridge().demo.outbox();
  if (result.ok) useDemoMailStore.setState({ messages: result.value, loaded: true });
  else useNoticesStore.getState().push({ kind: 'error', message: `The demo mail could not be read: ${result.error.message}`, code: result.error.code });
}

import { useEffect } from 'react';
import { create } from 'zustand';
import type { ConnectionView, DemoStatus, VaultStatus } from '../../shared/connections.ts';
import { bridge } from '../bridge.ts';
import { loadDemoMail } from './demoMailStore.ts';
import { useNoticesStore } from './noticesStore.ts';

/**
 * Tenant connections as main reports them (main owns them; this mirrors its
 * latest `connections:changed` event), plus the keychain and demo status.
 */
interface ConnectionsState {
  connections: ConnectionView[];
  loaded: boolean;
  vault: VaultStatus | null;
  demo: DemoStatus | null;
  demoProgress: { step: string; done: number; total: number } | null;
  setConnections: (connections: ConnectionView[]) => void;
}

export const useConnectionsStore = create<ConnectionsState>()((set) => ({
  connections: [],
  loaded: false,
  vault: null,
  demo: null,
  demoProgress: null,
  setConnections: (connections) => set({ connections, loaded: true }),
}));

function reportError(error: { code: string; message: string }) {
  useNoticesStore.getState().push({ kind: 'error', message: error.message, code: error.code });
}

/** Loads connections, keychain and demo status once, and follows main's changes. */
export function useConnectionsFeed(): void {
  useEffect(() => {
    let active = true;
    const api = bridge();
    void api.connections.list().then((result) => {
      if (!active) return;
      if (result.ok) useConnectionsStore.getState().setConnections(result.value);
      else reportError(result.error);
    });
    void api.vault.status().then((result) => active && (result.ok ? useConnectionsStore.setState({ vault: result.value }) : reportError(result.error)));
    void api.demo.status().then((result) => active && (result.ok ? useConnectionsStore.setState({ demo: result.value }) : reportError(result.error)));
    const offChanged = api.on('connections:changed', (connections) => useConnectionsStore.getState().setConnections(connections));
    const offProgress = api.on('demo:progress', (progress) => useConnectionsStore.setState({ demoProgress: progress.done >= progress.total ? null : progress }));
    void loadDemoMail();
    const offMail = api.on('demo:mail', () => void loadDemoMail());
    return () => {
      active = false;
      offChanged();
      offProgress();
      offMail();
    };
  }, []);
}

export async function refreshVaultStatus(): Promise<void> {
  const result = await bridge().vault.status();
  if (result.ok) useConnectionsStore.setState({ vault: result.value });
  else reportError(result.error);
}

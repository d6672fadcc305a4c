import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import { bridge } from '../bridge.ts';
import { useConnectionsStore } from '../state/connectionsStore.ts';
import { useSyncStatusStore } from '../sync/syncStatusStore.ts';
import { useCount, useDatabase } from '../sync/useDatabase.ts';

/** "Syncing 12,000 documents…" during a first sync, else how many changes wait. */
function SyncSummary() {
  const db = useDatabase();
  const pending = useCount(db?.pendingchanges, { selector: {} }, []);
  const statuses = useSyncStatusStore((s) => s.byTenant);
  const initial = Object.values(statuses).filter((s) => s.phase === 'initial');
  if (initial.length > 0) {
    const received = initial.reduce((n, s) => n + s.received, 0);
    return <span className="status-item" role="status">Syncing… {received.toLocaleString()} documents received</span>;
  }
  if (pending === null) return null;
  return <span className="status-item" data-testid="pending-summary">{pending === 0 ? 'All changes synced' : `${pending} change${pending === 1 ? '' : 's'} waiting to sync`}</span>;
}

function useConnectionSummary(): { text: string; tone: 'idle' | 'ok' | 'warn' | 'bad' } {
  const connections = useConnectionsStore((s) => s.connections);
  if (connections.length === 0) return { text: 'No tenants connected', tone: 'idle' };
  const offline = connections.filter((c) => c.state === 'offline').length;
  const failing = connections.filter((c) => c.state === 'auth_failed' || c.state === 'error').length;
  const count = `${connections.length} tenant${connections.length === 1 ? '' : 's'}`;
  if (failing > 0) return { text: `${count} · ${failing} need${failing === 1 ? 's' : ''} attention`, tone: 'bad' };
  if (offline > 0) return { text: `${count} · ${offline} offline`, tone: 'warn' };
  if (connections.some((c) => c.state === 'checking')) return { text: `${count} · checking…`, tone: 'idle' };
  return { text: `${count} · all connected`, tone: 'ok' };
}

/** Bottom bar: tenant connection summary on the left, build on the right. */
export function StatusBar() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const summary = useConnectionSummary();
  useEffect(() => {
    let active = true;
    void bridge()
      .app.getInfo()
      .then((result) => {
        if (active && result.ok) setInfo(result.value);
      });
    return () => {
      active = false;
    };
  }, []);
  return (
    <footer className="status-bar" aria-label="Status">
      <span className="status-item" data-testid="connection-summary">
        <span className={`status-dot status-dot-${summary.tone}`} aria-hidden="true" />
        {summary.text}
      </span>
      <SyncSummary />
      <span className="status-spacer" />
      {info ? (
        <span className="status-item status-muted" data-testid="app-version">
          Tessera {info.version}
          {info.runtime === 'harness' ? ' · test harness' : ''}
        </span>
      ) : null}
    </footer>
  );
}

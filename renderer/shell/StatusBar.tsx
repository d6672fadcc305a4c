import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import { bridge } from '../bridge.ts';
import { ago } from '../format/time.ts';
import { useConnectionsStore } from '../state/connectionsStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { useSyncStatusStore, type TenantSyncStatus } from '../state/syncStatusStore.ts';
import { useReplica } from '../sync/useDatabase.ts';
import { useSyncFigures } from '../sync/useSyncFigures.ts';
import { TenantBadge } from './TenantBadge.tsx';

const phaseWords: Record<TenantSyncStatus['phase'], string> = { waiting: 'waiting', initial: 'first sync…', 'catching-up': 'catching up…', live: 'up to date', paused: 'paused' };

function plural(count: number, word: string): string {
  return `${count.toLocaleString()} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * "Syncing 12,000 documents…" during a first sync, else what waits; a button that
 * opens the per-tenant sync state (online, last synced, pending, conflicts, refused).
 */
function SyncSummary() {
  const replica = useReplica();
  const figures = useSyncFigures(replica);
  const statuses = useSyncStatusStore((s) => s.byTenant);
  const connections = useConnectionsStore((s) => s.connections);
  const navigate = useUiStore((s) => s.navigate);
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  if (figures === null || connections.length === 0) return null;
  const initial = Object.values(statuses).filter((s) => s.phase === 'initial');
  const { pending, conflicts, rejections } = figures.total;
  const parts = [
    ...(initial.length > 0 ? [`Syncing… ${initial.reduce((n, s) => n + s.received, 0).toLocaleString()} documents received`] : []),
    ...(pending > 0 ? [`${plural(pending, 'change')} waiting to sync`] : []),
    ...(conflicts > 0 ? [plural(conflicts, 'conflict')] : []),
    ...(rejections > 0 ? [`${rejections.toLocaleString()} refused`] : []),
  ];
  const text = parts.length > 0 ? parts.join(' · ') : 'All changes synced';
  const tone = conflicts + rejections > 0 ? 'bad' : pending > 0 || initial.length > 0 ? 'warn' : 'ok';
  return (
    <span className="status-popover-anchor">
      <button ref={buttonRef} type="button" className="status-button" aria-expanded={open} aria-controls="sync-status-panel" onClick={() => setOpen(!open)} data-testid="pending-summary">
        <span className={`status-dot status-dot-${tone}`} aria-hidden="true" />
        {text}
      </button>
      {open ? (
        <div ref={panelRef} id="sync-status-panel" className="status-popover" role="region" aria-label="Sync state per tenant">
          <table className="status-table">
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">State</th>
                <th scope="col">Last synced</th>
                <th scope="col">Pending</th>
                <th scope="col">Conflicts</th>
                <th scope="col">Refused</th>
              </tr>
            </thead>
            <tbody>
              {connections.map((connection) => {
                const status = statuses[connection.id];
                const counts = figures.byTenant(connection.id);
                const online = connection.state === 'connected';
                return (
                  <tr key={connection.id} aria-label={connection.displayName}>
                    <td>
                      <TenantBadge connection={connection} />
                    </td>
                    <td>
                      {online ? 'online' : 'offline'}
                      {status ? ` · ${phaseWords[status.phase]}` : ''}
                      {status?.phase === 'initial' ? ` (${status.received.toLocaleString()} received)` : ''}
                    </td>
                    <td>{ago(status?.lastSyncedAt)}</td>
                    <td>{counts.pending}</td>
                    <td>{counts.conflicts}</td>
                    <td>{counts.rejections}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setOpen(false);
              navigate('sync');
            }}
          >
            Open the Sync view
          </button>
        </div>
      ) : null}
    </span>
  );
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

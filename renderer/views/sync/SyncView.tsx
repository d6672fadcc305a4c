import { useMemo } from 'react';
import type { ConnectionView } from '../../../shared/connections.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import { ago } from '../../format/time.ts';
import type { SyncConflict, SyncRejection } from '../../db/replicaTables.ts';
import type { LocalReplica } from '../../sync/localReplica.ts';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useInventoryStore } from '../../state/inventoryStore.ts';
import { useUiStore } from '../../state/uiStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { deleteRole, deleteTechnicalUser, saveRole, saveTechnicalUser } from '../../sync/localEdits.ts';
import { useSyncStatusStore, type TenantSyncStatus } from '../../state/syncStatusStore.ts';
import { useObservable, useReplica } from '../../sync/useDatabase.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { SectionView } from '../SectionView.tsx';
import { ErrorExplanation } from '../../shell/ErrorExplanation.tsx';

const phaseWords: Record<TenantSyncStatus['phase'], string> = { waiting: 'Waiting', initial: 'First sync…', 'catching-up': 'Catching up…', live: 'Up to date', paused: 'Paused (offline)' };

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value || '(empty)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}

/** Pending changes, conflicts to decide, and what tenants refused — per tenant, nothing dropped silently. */
export function SyncView() {
  const replica = useReplica();
  const db = replica;
  const connections = useConnectionsStore((s) => s.connections);
  const status = useSyncStatusStore((s) => s.byTenant);
  const pendingEntries = useObservable(replica?.ledger.entries$);
  const conflictEntries = useObservable(replica?.notes.conflicts$);
  const rejectionEntries = useObservable(replica?.notes.rejections$);
  const pending = useMemo(() => [...(pendingEntries ?? [])].sort((a, b) => a.changedAt - b.changedAt), [pendingEntries]);
  const conflicts = useMemo(() => [...(conflictEntries ?? [])].sort((a, b) => a.detectedAt - b.detectedAt), [conflictEntries]);
  const rejections = useMemo(() => [...(rejectionEntries ?? [])].sort((a, b) => a.rejectedAt - b.rejectedAt), [rejectionEntries]);
  const byId = useMemo(() => new Map(connections.map((c) => [c.id, c])), [connections]);
  if (connections.length === 0 && pending.length === 0) return <SectionView section="sync" />;
  return (
    <>
      <SectionHeader section="sync" />
      <div className="page-body sync-page">
        <section aria-label="Tenants" className="sync-tenants">
          {connections.map((connection) => (
            <TenantSyncCard
              key={connection.id}
              connection={connection}
              status={status[connection.id]}
              pending={pending.filter((p) => p.tenantId === connection.id).length}
              conflicts={conflicts.filter((c) => c.tenantId === connection.id).length}
              rejections={rejections.filter((r) => r.tenantId === connection.id).length}
            />
          ))}
        </section>

        <section aria-labelledby="conflicts-title" className="card">
          <h2 id="conflicts-title" className="card-title">
            Conflicts <span className="count">{conflicts.length}</span>
          </h2>
          {conflicts.length === 0 ? (
            <p className="muted">No conflicts. When you and someone else change the same field, the tenant's value is kept and yours waits here.</p>
          ) : (
            <ul className="item-list" aria-label="Conflicts">
              {conflicts.map((conflict) => (
                <li key={conflict.key} className="item" aria-label={`${conflict.docName}: ${conflict.field}`}>
                  <div className="item-main">
                    <div>
                      <TenantBadge connection={byId.get(conflict.tenantId)} /> · <strong>{conflict.docName}</strong> · {conflict.field === '_deleted' ? 'deleted on one side' : conflict.field}
                    </div>
                    <div className="compare">
                      <span>
                        Yours: <code>{show(conflict.localValue)}</code>
                      </span>
                      <span>
                        Theirs (kept for now): <code>{show(conflict.serverValue)}</code>
                        {conflict.serverChangedBy ? (
                          <span className="muted">
                            {' '}
                            — {conflict.serverChangedBy.name}
                            {conflict.serverChangedAt ? `, ${new Date(conflict.serverChangedAt).toLocaleString()}` : ''}
                          </span>
                        ) : null}
                      </span>
                    </div>
                  </div>
                  <div className="button-row">
                    <button type="button" className="button button-small" onClick={() => db && void keepMine(db, conflict)}>
                      Keep mine
                    </button>
                    <button type="button" className="button button-small" onClick={() => db && void keepTheirs(db, conflict)}>
                      Keep theirs
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="rejections-title" className="card">
          <h2 id="rejections-title" className="card-title">
            Refused by the tenant <span className="count">{rejections.length}</span>
          </h2>
          {rejections.length === 0 ? (
            <p className="muted">Nothing refused. If a tenant refuses a change (plan limit, name taken, …) it waits here with the reason, to fix and resubmit or discard.</p>
          ) : (
            <ul className="item-list" aria-label="Refused changes">
              {rejections.map((rejection) => (
                <li key={rejection.key} className="item" aria-label={`Refused: ${rejection.docName}`}>
                  <div className="item-main">
                    <div>
                      <TenantBadge connection={byId.get(rejection.tenantId)} /> · <strong>{rejection.docName}</strong> · {rejection.masterExists ? 'change' : 'new'} {rejection.collectionName === 'roles' ? 'role' : 'technical user'}
                    </div>
                    <div className="rejection-reason">
                      <ErrorExplanation code={rejection.code} message={rejection.message} />
                    </div>
                  </div>
                  <div className="button-row">
                    <button type="button" className="button button-small" onClick={() => (rejection.collectionName === 'roles' ? db && void resubmitRole(db, rejection) : fixInUserPage(rejection))}>
                      Fix and resubmit
                    </button>
                    <button type="button" className="button button-small" onClick={() => db && void discard(db, rejection)}>
                      Discard
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="pending-title" className="card">
          <h2 id="pending-title" className="card-title">
            Waiting to be sent <span className="count">{pending.length}</span>
          </h2>
          {pending.length === 0 ? (
            <p className="muted">Every change made here has reached its tenant.</p>
          ) : (
            <ul className="item-list" aria-label="Pending changes">
              {pending.map((change) => (
                <li key={change.key} className="item">
                  <TenantBadge connection={byId.get(change.tenantId)} /> · <strong>{change.docName}</strong> · {change.kind === 'create' ? 'created' : change.kind === 'delete' ? 'deleted' : 'changed'} {ago(change.changedAt)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

function TenantSyncCard(props: { connection: ConnectionView; status: TenantSyncStatus | undefined; pending: number; conflicts: number; rejections: number }) {
  const { connection, status } = props;
  const online = connection.state === 'connected';
  return (
    <article className="sync-card" aria-label={`Sync of ${connection.displayName}`}>
      <header>
        <TenantBadge connection={connection} />
        <span className={`state-pill state-${online ? 'connected' : 'offline'}`}>
          <span className="state-dot" aria-hidden="true" />
          {online ? 'Online' : 'Offline'}
        </span>
      </header>
      <dl>
        <dt>Sync</dt>
        <dd data-testid={`sync-phase-${connection.id}`}>{status ? phaseWords[status.phase] : '—'}</dd>
        <dt>Last synced</dt>
        <dd>{ago(status?.lastSyncedAt)}</dd>
        <dt>Pending</dt>
        <dd data-testid={`sync-pending-${connection.id}`}>{props.pending}</dd>
        <dt>Conflicts</dt>
        <dd>{props.conflicts}</dd>
        <dt>Refused</dt>
        <dd>{props.rejections}</dd>
      </dl>
      {status?.phase === 'initial' ? (
        <p className="progress-line" role="status">
          <progress /> {status.received.toLocaleString()} documents received
        </p>
      ) : null}
      {status?.error && online ? <p className="connection-problem">{status.error.message}</p> : null}
    </article>
  );
}

async function keepMine(replica: LocalReplica, conflict: SyncConflict) {
  const docKey = localKey(conflict.tenantId, conflict.docId);
  const users = conflict.collectionName === 'technical-users';
  const exists = await (users ? replica.db.technicalusers : replica.db.roles).findOne(docKey).exec();
  try {
    if (conflict.field === '_deleted') {
      if (conflict.localValue !== true) {
        // They deleted it, I had changed it: a deleted document cannot come back under its id.
        await replica.notes.resolveConflict(conflict.key);
        useNoticesStore.getState().push({ kind: 'info', message: `${conflict.docName} was deleted on its tenant and cannot be brought back; create it again if it is still needed.` });
        return;
      }
      if (exists) await (users ? deleteTechnicalUser(replica, conflict.tenantId, conflict.docId) : deleteRole(replica, conflict.tenantId, conflict.docId));
    } else if (exists) {
      if (users) await saveTechnicalUser(replica, conflict.tenantId, conflict.docId, { [conflict.field]: conflict.localValue } as never);
      else await saveRole(replica, conflict.tenantId, conflict.docId, { [conflict.field]: conflict.localValue } as never);
    }
  } catch (error) {
    useNoticesStore.getState().push({ kind: 'error', code: 'conflict_not_resolved', message: `Your value for ${conflict.docName} was not kept: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  await replica.notes.resolveConflict(conflict.key);
  useNoticesStore.getState().push({ kind: 'info', message: `Your value for ${conflict.docName} will be sent again.` });
}

/** Opens the refused draft on the user's page (a refused create as a new user) to fix and resubmit. */
function fixInUserPage(rejection: SyncRejection) {
  const resubmit = { draft: rejection.draft, rejectionKey: rejection.key, reason: `${rejection.message} (${rejection.code})` };
  useInventoryStore.getState().open(rejection.masterExists ? { kind: 'user', key: localKey(rejection.tenantId, rejection.docId), resubmit } : { kind: 'new', tenantId: rejection.tenantId, resubmit });
  useUiStore.getState().navigate('technical-users');
}

async function keepTheirs(replica: LocalReplica, conflict: SyncConflict) {
  await replica.notes.resolveConflict(conflict.key);
}

async function discard(replica: LocalReplica, rejection: SyncRejection) {
  await replica.notes.dropRejection(rejection.key);
}

async function resubmitRole(replica: LocalReplica, rejection: SyncRejection) {
  const draft = rejection.draft as { name?: string; parentId?: string; privileges?: never };
  const fields = { ...(draft.name ? { name: draft.name } : {}), ...(draft.parentId ? { parentId: draft.parentId } : {}), ...(draft.privileges ? { privileges: draft.privileges } : {}) };
  const exists = rejection.masterExists && (await replica.db.roles.findOne(localKey(rejection.tenantId, rejection.docId)).exec());
  await saveRole(replica, rejection.tenantId, exists ? rejection.docId : null, fields);
  await replica.notes.dropRejection(rejection.key);
}

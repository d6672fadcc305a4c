import { useMemo } from 'react';
import { describeAuditEntry } from '../../../../shared/console/auditDiff.ts';
import { tokensInAudit } from '../../../../shared/console/auditTimeline.ts';
import type { LocalReplica } from '../../../sync/localReplica.ts';
import type { InventoryIndex } from '../../../inventory/inventoryIndex.ts';
import { usePulled } from '../../../sync/useDatabase.ts';
import { ChangesTable } from '../../ChangesTable.tsx';
import { localKey } from '../../../../shared/sync/localDocuments.ts';

function actorText(actor: { name: string; email: string | null; clientId: string }): string {
  return actor.email ? `${actor.name} (${actor.email})` : actor.name;
}

/** The user's audit trail, newest first: who, when, what changed — its tokens' entries included. */
export function UserHistory(props: { replica: LocalReplica; index: InventoryIndex; tenantId: string; userId: string }) {
  const { tenantId, userId } = props;
  // The user's entries and its tokens' (the token ids are read in the same pass), newest first.
  const entries = usePulled(
    props.replica,
    ['audit', 'tokens'],
    async (r) => {
      const tokens = await r.pages.tokens.ofUser(tenantId, userId);
      return r.pages.audit.ofSubjects(tenantId, [userId, ...tokens.map((t) => t.id)]);
    },
    [tenantId, userId],
    { tenantId },
  );
  const tokens = useMemo(() => tokensInAudit(entries ?? []), [entries]);
  const names = { role: (id: string) => props.index.role(props.tenantId, id)?.name, token: (id: string) => tokens.get(localKey(tenantId, id)) };
  if (entries === null) return <p className="muted">Loading the history…</p>;
  if (entries.length === 0) return <p className="muted empty-inline">No history in the local copy yet. Changes made here appear once the tenant has taken them.</p>;
  return (
    <ol className="history" aria-label="History">
      {entries.map((entry) => {
        const description = describeAuditEntry(entry, names);
        const when = new Date(entry.at);
        return (
          <li key={entry.key} className="history-entry">
            <div className="history-head">
              <strong>{actorText(entry.actor)}</strong> {description.summary}
              {entry.subjectType === 'api-token' ? <span className="muted"> · token</span> : null}
              <time dateTime={entry.at} className="muted" title={when.toISOString()}>
                {when.toLocaleString()}
              </time>
            </div>
            {description.changes.length > 0 ? (
              <ChangesTable changes={description.changes} label={`Changes by ${entry.actor.name}`} />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

import { useState } from 'react';
import type { ConnectionView } from '../../../../shared/connections.ts';
import { bridge } from '../../../bridge.ts';
import type { LocalReplica } from '../../../sync/localReplica.ts';
import { Dialog } from '../../../shell/Dialog.tsx';
import { useInventoryStore } from '../../../state/inventoryStore.ts';
import { useNoticesStore } from '../../../state/noticesStore.ts';
import { deleteTechnicalUser } from '../../../sync/localEdits.ts';
import { usePulled } from '../../../sync/useDatabase.ts';

/**
 * Deleting a technical user deletes its tokens. The tenant's last one
 * needs an explicit yes that names what stops working, and the tenant
 * online (the tenant itself must be told "yes, the last one").
 */
export function DeleteUserDialog(props: { replica: LocalReplica; user: { tenantId: string; id: string; name: string }; tenantUsers: number; connection: ConnectionView | undefined; onClose: () => void }) {
  const { replica, user, connection } = props;
  const tokens = (usePulled(replica, ['tokens'], async (r) => (await r.pages.tokens.ofUser(user.tenantId, user.id)).filter((t) => t.status === 'active'), [user.tenantId, user.id], { tenantId: user.tenantId }) ?? []);
  const last = props.tenantUsers <= 1;
  const tasks = connection?.tenant?.technicalTasks ?? [];
  const online = connection?.state === 'connected';
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      if (last) {
        const result = await bridge().technicalUsers.delete({ connectionId: user.tenantId, id: user.id, confirmLast: true });
        if (!result.ok) {
          setError(result.error.message);
          return;
        }
        // The tenant has deleted it; the replica hears it from the event stream.
        useNoticesStore.getState().push({ kind: 'info', message: `Deleted ${user.name}, the last technical user of ${connection?.displayName ?? 'the tenant'}.` });
      } else {
        await deleteTechnicalUser(replica, user.tenantId, user.id);
        useNoticesStore.getState().push({ kind: 'info', message: online ? `Deleted ${user.name} and its tokens.` : `Deleted ${user.name} here; ${connection?.displayName ?? 'the tenant'} deletes it (and its tokens) when it syncs.` });
      }
      useInventoryStore.getState().open({ kind: 'inventory' });
    } catch (failure) {
      // A local delete that failed (the local copy refused the write): nothing changed, and the dialog says why.
      setError(`${user.name} was not deleted: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={last ? `Delete the last technical user of ${connection?.displayName ?? 'this tenant'}?` : `Delete ${user.name}?`}
      onClose={props.onClose}
      busy={busy}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Keep it
          </button>
          <button type="button" className="button button-danger-solid" onClick={() => void remove()} disabled={busy || (last && (!understood || !online))}>
            {last ? 'Delete the last technical user' : 'Delete'}
          </button>
        </>
      }
    >
      <p>
        {user.name} and {tokens.length === 0 ? 'its tokens' : `its ${tokens.length} active token${tokens.length === 1 ? '' : 's'}`} will be deleted; integrations using {tokens.length === 1 ? 'that token' : 'those tokens'} stop working.
      </p>
      {last ? (
        <div className="alert alert-warning" role="alert">
          <p>
            <strong>{user.name} is the only technical user left on {connection?.displayName ?? 'this tenant'}.</strong> Without one, these technical tasks stop:
          </p>
          {tasks.length > 0 ? (
            <ul aria-label="Technical tasks that stop">
              {tasks.map((t) => (
                <li key={t.id}>
                  <strong>{t.name}</strong> — {t.description}
                </li>
              ))}
            </ul>
          ) : (
            <p>the tenant did not list its technical tasks; background jobs that run as a technical user will stop.</p>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
            <span>I understand that these tasks stop</span>
          </label>
          {!online ? <p>{connection?.displayName ?? 'The tenant'} is offline: removing its last technical user needs the tenant online, so it can confirm.</p> : null}
        </div>
      ) : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

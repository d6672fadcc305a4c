import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connections.ts';
import { bridge } from '../../bridge.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { startLocalReplica, useObservable, useReplica } from '../../sync/useDatabase.ts';

export function RemoveConnectionDialog(props: { connection: ConnectionView; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleteLocal, setDeleteLocal] = useState(true);
  const replica = useReplica();
  const pending = useObservable(replica?.ledger.entries$)?.filter((e) => e.tenantId === props.connection.id).length ?? 0;
  const remove = async () => {
    setBusy(true);
    const result = await bridge().connections.remove({ id: props.connection.id });
    let localProblem: string | null = null;
    if (result.ok && deleteLocal) {
      try {
        await (await startLocalReplica()).engine.removeTenant(props.connection.id);
      } catch (cause) {
        localProblem = cause instanceof Error ? cause.message : String(cause);
      }
    }
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    if (localProblem) {
      useNoticesStore.getState().push({ kind: 'error', code: 'replica_not_removed', message: `Removed ${props.connection.displayName}, but its local copy could not be deleted completely: ${localProblem} Tessera tries again at the next start.` });
    }
    useNoticesStore.getState().push({
      kind: result.value.keychainEntryRemoved ? 'info' : 'error',
      message: result.value.keychainEntryRemoved
        ? `Removed ${props.connection.displayName} and its keychain entry.`
        : `Removed ${props.connection.displayName}, but its keychain entry could not be deleted (service "Tessera", account "tenant:${props.connection.id}"). Remove it in your keychain app.`,
    });
    props.onClose();
  };
  return (
    <Dialog
      title={`Remove ${props.connection.displayName}?`}
      onClose={props.onClose}
      busy={busy}
      describedBy="remove-connection-text"
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onClose} disabled={busy} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button-danger-solid" onClick={() => void remove()} disabled={busy}>
            {busy ? 'Removing…' : 'Remove connection'}
          </button>
        </>
      }
    >
      <p id="remove-connection-text">
        Tessera forgets this connection and deletes its client secret from your keychain. The tenant itself and its technical users are not changed; you can connect it again later.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={deleteLocal} onChange={(e) => setDeleteLocal(e.target.checked)} />
        <span>Also delete the local copy of its data</span>
      </label>
      {deleteLocal && pending ? (
        <p className="alert alert-error" role="alert">
          {pending} change{pending === 1 ? '' : 's'} made here {pending === 1 ? 'has' : 'have'} not reached this tenant yet and will be lost.
        </p>
      ) : null}
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
    </Dialog>
  );
}

import { useState } from 'react';
import type { EffectivePermissions } from '../../../shared/api/technicalUsers.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import { bridge } from '../../bridge.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { EffectivePermissionsPanel } from '../users/page/EffectivePermissionsPanel.tsx';
import { ExpiryField } from './ExpiryField.tsx';
import { dateInputValue, expiryFromDate, expiryProblem, policyOf, tokenWorkBlocked } from './tokenFormat.ts';

export interface TokenOwner {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
}

/**
 * Issue a token: label and expiry (the tenant's policy sets the default and
 * the limit), with the user's effective permissions and the warning that
 * the holder can do all of it. The secret itself goes to the reveal window.
 */
export function IssueTokenDialog(props: { connection: ConnectionView | undefined; user: TokenOwner; permissions: EffectivePermissions; roleNames: readonly string[]; onClose: () => void }) {
  const { connection, user } = props;
  const [now] = useState(() => Date.now());
  const policy = policyOf(connection);
  const [label, setLabel] = useState('');
  const [expiry, setExpiry] = useState(() => dateInputValue(now + policy.defaultLifetimeDays * 86_400_000));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = tokenWorkBlocked(connection, true) ?? (!user.active ? `${user.name} is inactive: the tenant refuses to issue tokens for it, and refuses its existing ones. Activate it first.` : null);
  const problem = expiryProblem(expiry, now, policy);

  const issue = async () => {
    const expiresAt = expiryFromDate(expiry, Date.now());
    if (problem || blocked || !expiresAt) return;
    setBusy(true);
    setError(null);
    try {
      const result = await bridge().tokens.issue({ connectionId: user.tenantId, technicalUserId: user.id, userName: user.name, ...(label.trim() ? { label: label.trim() } : {}), expiresAt });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      useNoticesStore.getState().push({ kind: 'info', message: `Issued token ${result.value.token.prefix}… for ${user.name}. Its secret is shown once, in its own window.` });
      props.onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Issue an API token for ${user.name}`}
      onClose={props.onClose}
      busy={busy}
      wide
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={() => void issue()} disabled={busy || Boolean(blocked) || Boolean(problem)}>
            {busy ? 'Issuing…' : 'Issue token'}
          </button>
        </>
      }
    >
      {blocked ? (
        <p className="alert alert-warning" role="alert">
          {blocked}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="token-label">Label</label>
        <input id="token-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={128} placeholder="e.g. Nightly export (prod)" autoFocus />
        <p className="field-hint">Say where the token will live, so the next person knows what stops when it is revoked.</p>
      </div>
      <ExpiryField id="token-expiry" value={expiry} onChange={setExpiry} now={now} policy={policy} problem={problem} />
      <p className="alert alert-warning">
        <strong>Whoever holds this token can do everything below, as {user.name}.</strong> The secret is shown once, in a separate window; Tessera keeps only its first characters.
      </p>
      <EffectivePermissionsPanel permissions={props.permissions} roleNames={props.roleNames} active={user.active} />
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

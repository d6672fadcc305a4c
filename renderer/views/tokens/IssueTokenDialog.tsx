import { useRef, useState } from 'react';
import type { EffectivePermissions } from '../../../shared/api/technicalUsers.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import { bridge } from '../../bridge.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { EffectivePermissionsPanel } from '../technicalUsers/page/EffectivePermissionsPanel.tsx';
import { ExpiryField } from './ExpiryField.tsx';
import { TokenActionDialog } from './TokenActionDialog.tsx';
import { dateInputValue, expiryFromDate, expiryProblem, policyOf } from './tokenFormat.ts';

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
  const issuedPrefix = useRef<string | null>(null);
  const problem = expiryProblem(expiry, now, policy);
  return (
    <TokenActionDialog
      title={`Issue an API token for ${user.name}`}
      connection={connection}
      needsIssueScope
      blocked={!user.active ? `${user.name} is inactive: the tenant refuses to issue tokens for it, and refuses its existing ones. Activate it first.` : null}
      confirmLabel="Issue token"
      invalid={Boolean(problem)}
      wide
      onConfirm={async () => {
        const expiresAt = expiryFromDate(expiry, Date.now(), policy.maxLifetimeDays)!;
        const result = await bridge().tokens.issue({ connectionId: user.tenantId, technicalUserId: user.id, userName: user.name, ...(label.trim() ? { label } : {}), expiresAt });
        if (result.ok) issuedPrefix.current = result.value.token.prefix;
        return result;
      }}
      onDone={() => useNoticesStore.getState().push({ kind: 'info', message: `Issued token ${issuedPrefix.current ?? ''}… for ${user.name}. Its secret is shown once, in its own window.` })}
      onClose={props.onClose}
    >
      <div className="field">
        <label htmlFor="token-label">Label</label>
        <input id="token-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={128} placeholder="e.g. Nightly export (prod)" data-autofocus />
        <p className="field-hint">Say where the token will live, so the next person knows what stops when it is revoked.</p>
      </div>
      <ExpiryField id="token-expiry" value={expiry} onChange={setExpiry} now={now} policy={policy} problem={problem} />
      <p className="alert alert-warning">
        <strong>Whoever holds this token can do everything below, as {user.name}.</strong> The secret is shown once, in a separate window; Tessera keeps only its first characters.
      </p>
      <EffectivePermissionsPanel permissions={props.permissions} roleNames={props.roleNames} active={user.active} />
    </TokenActionDialog>
  );
}

import { useMemo, useState } from 'react';
import type { EffectivePermissions } from '../../../shared/api/technicalUsers.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import { rotationsOf, stillValid } from '../../../shared/console/tokenFacts.ts';
import type { LocalReplica } from '../../sync/localReplica.ts';
import type { LocalToken } from '../../db/pages/pulledTypes.ts';
import { useMinuteClock } from '../../inventory/useInventory.ts';
import { usePulled } from '../../sync/useDatabase.ts';
import { IssueTokenDialog, type TokenOwner } from './IssueTokenDialog.tsx';
import { RotationPanel } from './RotationPanel.tsx';
import { ChangeExpiryDialog, ReplaceTokenDialog, RevokeTokenDialog } from './TokenActionDialogs.tsx';
import { TokenCells, TokenHeaderCells, type OwnedToken } from './TokenCells.tsx';
import { tokenWorkBlocked } from './tokenFormat.ts';

type Action = { kind: 'issue' } | { kind: 'replace' | 'expiry' | 'revoke'; token: LocalToken };

/** A technical user's tokens: list, issue, replace, change expiry, revoke, and any rotation under way. */
export function UserTokensPanel(props: { replica: LocalReplica; connection: ConnectionView | undefined; user: TokenOwner; permissions: EffectivePermissions; roleNames: readonly string[] }) {
  const { replica, connection, user } = props;
  const now = useMinuteClock();
  const tokens = usePulled(replica, ['tokens'], (r) => r.pages.tokens.ofUser(user.tenantId, user.id), [user.tenantId, user.id], { tenantId: user.tenantId });
  const [action, setAction] = useState<Action | null>(null);
  // Shown with the user's state: an inactive user's tokens are refused by the tenant.
  const sorted = useMemo(
    () => [...(tokens ?? [])].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')).map((t): OwnedToken => ({ ...t, ownerActive: user.active })),
    [tokens, user.active],
  );
  const rotations = useMemo(() => rotationsOf(sorted, now), [sorted, now]);
  const offline = tokenWorkBlocked(connection, false);
  // Issuing needs more than being online: the scope, and an active user (the tenant refuses both otherwise). Said up front.
  const issueBlocked = offline ?? tokenWorkBlocked(connection, true) ?? (user.active ? null : `${user.name} is inactive: the tenant issues no tokens to an inactive user. Activate it first.`);
  const working = sorted.filter((t) => stillValid(t, now));
  const refused = !user.active && working.length > 0;

  return (
    <div className="user-tokens">
      {rotations.map((r) => (
        <RotationPanel key={r.old.id} old={r.old} replacement={r.replacement} now={now} onRevokeOld={() => setAction({ kind: 'revoke', token: r.old })} />
      ))}
      <section className="card" aria-labelledby="tokens-title">
        <div className="card-header">
          <h2 id="tokens-title" className="card-title">
            API tokens
          </h2>
          <span className="spacer" />
          <button type="button" className="button button-primary" onClick={() => setAction({ kind: 'issue' })} disabled={issueBlocked !== null} aria-describedby={issueBlocked ? 'issue-token-why' : undefined}>
            Issue token…
          </button>
        </div>
        {issueBlocked ? (
          <p className="field-hint" id="issue-token-why">
            {issueBlocked}
            {offline ? ' The list below is from the local copy.' : ''}
          </p>
        ) : null}
        {refused ? (
          <p className="alert alert-warning" role="note">
            {user.name} is inactive: the tenant refuses {working.length === 1 ? 'its token' : `all ${working.length} of its tokens`} until the user is active again. Revoke a token to end it for good.
          </p>
        ) : null}
        {tokens === null ? (
          <p className="muted empty-inline">Loading…</p>
        ) : sorted.length === 0 ? (
          <p className="empty-inline muted">{user.name} has no API tokens. An integration needs one to call the tenant as this user.</p>
        ) : (
          <table className="data-table" aria-label={`API tokens of ${user.name}`}>
            <thead>
              <tr>
                <TokenHeaderCells />
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((t) => {
                const works = stillValid(t, now);
                return (
                  <tr key={t.id} data-token-prefix={t.prefix}>
                    <TokenCells token={t} now={now} />
                    <td className="row-actions">
                      {works ? (
                        <>
                          {t.status === 'active' ? (
                            <button type="button" className="button button-small" onClick={() => setAction({ kind: 'replace', token: t })} aria-label={`Replace ${t.prefix}`}>
                              Replace…
                            </button>
                          ) : null}
                          {t.status === 'active' ? (
                            <button type="button" className="button button-small" onClick={() => setAction({ kind: 'expiry', token: t })} aria-label={`Change expiry of ${t.prefix}`}>
                              Expiry…
                            </button>
                          ) : null}
                          <button type="button" className="button button-small button-danger" onClick={() => setAction({ kind: 'revoke', token: t })} aria-label={`Revoke ${t.prefix}`}>
                            Revoke…
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {action?.kind === 'issue' ? <IssueTokenDialog connection={connection} user={user} permissions={props.permissions} roleNames={props.roleNames} onClose={() => setAction(null)} /> : null}
      {action?.kind === 'replace' ? <ReplaceTokenDialog connection={connection} token={action.token} userName={user.name} onClose={() => setAction(null)} /> : null}
      {action?.kind === 'expiry' ? <ChangeExpiryDialog connection={connection} token={action.token} onClose={() => setAction(null)} /> : null}
      {action?.kind === 'revoke' ? (
        <RevokeTokenDialog connection={connection} token={action.token} userName={user.name} otherWorkingTokens={working.filter((t) => t.id !== action.token.id).length} onClose={() => setAction(null)} />
      ) : null}
    </div>
  );
}

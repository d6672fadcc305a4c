import { useRef, useState } from 'react';
import type { ConnectionView } from '../../../shared/connections.ts';
import { maxOverlapSeconds } from '../../../shared/api/tokens.ts';
import { bridge } from '../../bridge.ts';
import type { LocalToken } from '../../db/pages/pulledTypes.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { ExpiryField } from './ExpiryField.tsx';
import { TokenActionDialog as ActionDialog } from './TokenActionDialog.tsx';
import { dateInputValue, expiryFromDate, expiryProblem, formatDateTime, policyOf } from './tokenFormat.ts';

type TokenRef = Pick<LocalToken, 'tenantId' | 'id' | 'label' | 'prefix' | 'expiresAt' | 'lastUsedAt'>;

const named = (token: TokenRef) => `${token.label ? `“${token.label}” ` : ''}(${token.prefix}…)`;

const overlapChoices = [
  { seconds: 0, label: 'No overlap — the old token stops now' },
  { seconds: 3_600, label: '1 hour' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 3 * 86_400, label: '3 days' },
  { seconds: maxOverlapSeconds, label: '7 days (the most allowed)' },
] as const;

/** Replace: a new secret, the old one stopping now or after an overlap; with an overlap, the guided rotation follows. */
export function ReplaceTokenDialog(props: { connection: ConnectionView | undefined; token: TokenRef; userName: string; onClose: () => void; onReplaced?: (newTokenId: string) => void }) {
  const { token } = props;
  const [now] = useState(() => Date.now());
  const policy = policyOf(props.connection);
  const [overlap, setOverlap] = useState<number>(86_400);
  const [expiry, setExpiry] = useState(() => dateInputValue(now + policy.defaultLifetimeDays * 86_400_000));
  const problem = expiryProblem(expiry, now, policy);
  // The old token never outlives its own expiry, overlap or not.
  const stopsAt = overlap > 0 ? new Date(Math.min(now + overlap * 1000, Date.parse(token.expiresAt))).toISOString() : null;
  const replacedId = useRef<string | null>(null);
  return (
    <ActionDialog
      title={`Replace token ${token.prefix}…?`}
      connection={props.connection}
      needsIssueScope
      confirmLabel="Replace token"
      invalid={Boolean(problem)}
      onConfirm={async () => {
        const result = await bridge().tokens.replace({ connectionId: token.tenantId, tokenId: token.id, userName: props.userName, expiresAt: expiryFromDate(expiry, Date.now(), policy.maxLifetimeDays)!, ...(overlap > 0 ? { overlapSeconds: overlap } : {}) });
        if (result.ok) replacedId.current = result.value.token.id;
        return result;
      }}
      onDone={() => {
        useNoticesStore.getState().push({ kind: 'info', message: `Replaced ${named(token)}. The new secret is shown once, in its own window.` });
        if (replacedId.current) props.onReplaced?.(replacedId.current);
      }}
      onClose={props.onClose}
    >
      <p>
        A new token with a new secret is issued for {props.userName}. The integration must be given the new secret.
      </p>
      <div className="field">
        <label htmlFor="replace-overlap">Keep the old token working for</label>
        <select id="replace-overlap" value={overlap} onChange={(e) => setOverlap(Number(e.target.value))}>
          {overlapChoices.map((c) => (
            <option key={c.seconds} value={c.seconds}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <p className={overlap > 0 ? 'field-hint' : 'alert alert-warning'} role={overlap > 0 ? undefined : 'alert'}>
        {stopsAt
          ? `Both tokens work until ${formatDateTime(stopsAt)}; then calls with ${named(token)} are refused. Tessera watches which one the integration uses and tells you when it is safe to revoke the old one early.`
          : `${named(token)} stops working the moment you confirm: every integration still using it gets “401 invalid token” until it has the new secret.`}
      </p>
      <ExpiryField id="replace-expiry" label="New token expires on" value={expiry} onChange={setExpiry} now={now} policy={policy} problem={problem} />
    </ActionDialog>
  );
}

/** Change expiry: the same secret keeps working, until the new date. */
export function ChangeExpiryDialog(props: { connection: ConnectionView | undefined; token: TokenRef; onClose: () => void }) {
  const { token } = props;
  const [now] = useState(() => Date.now());
  const policy = policyOf(props.connection);
  const [expiry, setExpiry] = useState(() => dateInputValue(Math.max(Date.parse(token.expiresAt), now + 86_400_000)));
  const problem = expiryProblem(expiry, now, policy);
  return (
    <ActionDialog
      title={`Change the expiry of ${token.prefix}…`}
      connection={props.connection}
      needsIssueScope={false}
      confirmLabel="Change expiry"
      invalid={Boolean(problem)}
      onConfirm={() => bridge().tokens.changeExpiry({ connectionId: token.tenantId, tokenId: token.id, expiresAt: expiryFromDate(expiry, Date.now(), policy.maxLifetimeDays)! })}
      onDone={() => useNoticesStore.getState().push({ kind: 'info', message: `${named(token)} now expires on ${expiry}. Same secret — nothing to change in the integration.` })}
      onClose={props.onClose}
    >
      <p>
        {named(token)} currently expires {formatDateTime(token.expiresAt)}. The secret stays the same, so nothing changes for the integration — except the date it stops working.
      </p>
      <ExpiryField id="change-expiry" label="New expiry date" value={expiry} onChange={setExpiry} now={now} policy={policy} problem={problem} />
    </ActionDialog>
  );
}

/** Revoke: refused from now on, with what that stops. */
export function RevokeTokenDialog(props: { connection: ConnectionView | undefined; token: TokenRef; userName: string; otherWorkingTokens: number; onClose: () => void }) {
  const { token } = props;
  return (
    <ActionDialog
      title={`Revoke token ${token.prefix}…?`}
      connection={props.connection}
      needsIssueScope={false}
      confirmLabel="Revoke token"
      danger
      onConfirm={() => bridge().tokens.revoke({ connectionId: token.tenantId, tokenId: token.id })}
      onDone={() => useNoticesStore.getState().push({ kind: 'info', message: `Revoked ${named(token)}. Calls with it are refused from now on.` })}
      onClose={props.onClose}
    >
      <p>
        Every call with {named(token)} is refused from the moment you confirm — it cannot be undone.{' '}
        {token.lastUsedAt ? `It was last used ${formatDateTime(token.lastUsedAt)}: whatever used it then stops working.` : 'It has never been used.'}
      </p>
      <p className="field-hint">
        {props.otherWorkingTokens === 0 ? `${props.userName} has no other working token afterwards.` : `${props.userName} keeps ${props.otherWorkingTokens} other working token${props.otherWorkingTokens === 1 ? '' : 's'}.`}
      </p>
    </ActionDialog>
  );
}

import type { ConnectionView } from '../../../shared/connections.ts';
import { ExpiryField } from './ExpiryField.tsx';
import { expiryProblem, policyOf, tokenWorkBlocked } from './tokenFormat.ts';

export interface IssueOnCreate {
  readonly enabled: boolean;
  readonly label: string;
  readonly expiry: string;
}

/** Part of the new-user page: issue a token as soon as the tenant has the user (online only). */
export function IssueOnCreateCard(props: { connection: ConnectionView | undefined; userActive: boolean; value: IssueOnCreate; onChange: (value: IssueOnCreate) => void; now: number }) {
  const { value, connection } = props;
  const blocked = tokenWorkBlocked(connection, true) ?? (props.userActive ? null : 'The user is created inactive, and the tenant issues no tokens for inactive users.');
  const policy = policyOf(connection);
  return (
    <section className="card form" aria-labelledby="create-token-title">
      <h2 id="create-token-title" className="card-title">
        API token
      </h2>
      <label className="checkbox">
        <input type="checkbox" checked={value.enabled && !blocked} disabled={Boolean(blocked)} onChange={(e) => props.onChange({ ...value, enabled: e.target.checked })} />
        <span>Issue an API token as soon as the user is created</span>
      </label>
      {blocked ? <p className="field-hint">{blocked} Issue a token from the user’s API tokens tab later.</p> : null}
      {value.enabled && !blocked ? (
        <>
          <div className="field">
            <label htmlFor="create-token-label">Token label</label>
            <input id="create-token-label" value={value.label} maxLength={128} onChange={(e) => props.onChange({ ...value, label: e.target.value })} placeholder="e.g. Nightly export (prod)" />
          </div>
          <ExpiryField id="create-token-expiry" label="Token expires on" value={value.expiry} onChange={(expiry) => props.onChange({ ...value, expiry })} now={props.now} policy={policy} problem={expiryProblem(value.expiry, props.now, policy)} />
          <p className="field-hint">The secret opens once, in its own window, after the tenant has created the user. Check the Effective permissions tab first: whoever holds the token can do all of it.</p>
        </>
      ) : null}
    </section>
  );
}

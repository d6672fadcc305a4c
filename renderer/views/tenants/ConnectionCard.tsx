import type { ConnectionState, ConnectionView } from '../../../shared/connections.ts';
import { ErrorExplanation } from '../../shell/ErrorExplanation.tsx';

const stateWords: Record<ConnectionState, string> = {
  checking: 'Checking…',
  connected: 'Connected',
  offline: 'Offline',
  auth_failed: 'Authentication failed',
  error: 'Problem',
};

export function planUsage(connection: ConnectionView): string | null {
  const tenant = connection.tenant;
  return tenant ? `${tenant.counts.technicalUsers} of ${tenant.plan.technicalUserLimit} technical users` : null;
}

function checkedAt(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : 'not yet';
}

/** One tenant connection: who it is, whether it answers, and what can be done with it. */
export function ConnectionCard(props: {
  connection: ConnectionView;
  index: number;
  count: number;
  onEdit: () => void;
  onRemove: () => void;
  onTest: () => void;
  onCheck: () => void;
  onMove: (delta: -1 | 1) => void;
}) {
  const { connection: c } = props;
  const usage = planUsage(c);
  const missing = ['tokens:issue', 'employees:manage'].filter((s) => c.state === 'connected' && !c.grantedScopes.includes(s));
  return (
    <li className="connection-card" aria-label={c.displayName} data-state={c.state}>
      <span className="connection-color" style={{ backgroundColor: c.color }} aria-hidden="true" />
      <div className="connection-main">
        <div className="connection-title">
          <h3>{c.displayName}</h3>
          {c.demo ? <span className="badge">Demo</span> : null}
          <span className={`state-pill state-${c.state}`} role="status">
            <span className="state-dot" aria-hidden="true" />
            {stateWords[c.state]}
          </span>
        </div>
        <div className="connection-url">
          <code>{c.baseUrl}</code>
          {!c.encrypted ? <span className="badge badge-warning" title="Plain HTTP is allowed for tenants on this computer only">Not encrypted</span> : null}
          {c.hasCustomCa ? <span className="badge">Custom CA</span> : null}
        </div>
        {c.tenant ? (
          <div className="connection-tenant">
            <strong>{c.tenant.name}</strong> · {c.tenant.plan.name} plan · {usage}
          </div>
        ) : null}
        {c.stateDetail && c.state !== 'connected' ? (
          <p className="connection-problem">
            <ErrorExplanation code={c.stateDetail.code} message={c.stateDetail.message} />
          </p>
        ) : null}
        {missing.length > 0 ? <p className="connection-note">This client lacks {missing.join(' and ')}: those actions stay disabled for this tenant.</p> : null}
        <div className="connection-meta">
          Client <code>{c.clientId}</code> · checked {checkedAt(c.lastCheckedAt)}
        </div>
      </div>
      <div className="connection-actions">
        <div className="button-row">
          <button type="button" className="button button-small" onClick={props.onTest}>
            Test
          </button>
          <button type="button" className="button button-small" onClick={props.onCheck}>
            Check now
          </button>
          <button type="button" className="button button-small" onClick={props.onEdit}>
            Edit
          </button>
          <button type="button" className="button button-small button-danger" onClick={props.onRemove}>
            Remove
          </button>
        </div>
        <div className="button-row">
          <button type="button" className="icon-button" aria-label={`Move ${c.displayName} up`} disabled={props.index === 0} onClick={() => props.onMove(-1)}>
            ↑
          </button>
          <button type="button" className="icon-button" aria-label={`Move ${c.displayName} down`} disabled={props.index === props.count - 1} onClick={() => props.onMove(1)}>
            ↓
          </button>
        </div>
      </div>
    </li>
  );
}

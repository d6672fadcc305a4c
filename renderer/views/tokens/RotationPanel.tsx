import { rotationState } from '../../../shared/console/tokenFacts.ts';
import type { LocalToken } from '../../db/pages/pulledTypes.ts';
import { formatDateTime } from './tokenFormat.ts';

/**
 * Guided rotation: after a replacement with overlap, watch which token the
 * integration authenticates with (`lastUsedAt`, successful calls only) and
 * offer to revoke the old one once it has switched.
 */
export function RotationPanel(props: { old: LocalToken; replacement: LocalToken; now: number; onRevokeOld: () => void }) {
  const { old, replacement } = props;
  const state = rotationState(old, replacement, props.now);
  if (state.kind === 'done') return null;
  if (state.kind === 'replacement_broken') {
    return (
      <section className="card rotation" aria-labelledby={`rotation-${old.id}`} data-rotation-state={state.kind}>
        <h2 id={`rotation-${old.id}`} className="card-title">
          Rotating {old.prefix}… → {replacement.prefix}…
        </h2>
        <p className="alert alert-warning" role="status">
          The replacement {replacement.prefix}… no longer works (revoked, replaced again or expired). Do not revoke the old token: it is the one still working, until {formatDateTime(old.expiresAt)}. Replace it again.
        </p>
      </section>
    );
  }
  const step = state.kind === 'waiting' ? 2 : state.kind === 'both_in_use' ? 2 : 3;
  return (
    <section className="card rotation" aria-labelledby={`rotation-${old.id}`} data-rotation-state={state.kind}>
      <h2 id={`rotation-${old.id}`} className="card-title">
        Rotating {old.prefix}… → {replacement.prefix}…
      </h2>
      <ol className="rotation-steps" aria-label="Rotation steps">
        <li className="done">Replacement issued; the old token keeps working until {formatDateTime(old.expiresAt)}.</li>
        <li className={step > 2 ? 'done' : 'current'} aria-current={step === 2 ? 'step' : undefined}>
          Give the integration the new secret — Tessera watches which token it signs in with.
        </li>
        <li className={step === 3 ? 'current' : ''} aria-current={step === 3 ? 'step' : undefined}>
          Revoke the old token once nothing uses it.
        </li>
      </ol>
      <dl className="rotation-facts">
        <dt>Old token {old.prefix}… last used</dt>
        <dd>{formatDateTime(old.lastUsedAt)}</dd>
        <dt>New token {replacement.prefix}… last used</dt>
        <dd>{formatDateTime(replacement.lastUsedAt)}</dd>
      </dl>
      <p className={state.kind === 'switched' ? 'alert alert-ok' : 'field-hint'} role="status">
        {state.kind === 'waiting'
          ? 'Waiting: the new token has not been used yet. The integration still runs on the old one (or has not called since).'
          : state.kind === 'both_in_use'
            ? `Both tokens are in use: the old one was used last (${formatDateTime(state.oldLastUsedAt)}), after the new one. Something still holds the old secret.`
            : `The integration has switched: the latest successful call used the new token, and the old one has not been used since. It is safe to revoke the old token now.`}
      </p>
      <div className="rotation-actions">
        <button type="button" className={`button ${state.kind === 'switched' ? 'button-primary' : ''}`} onClick={props.onRevokeOld}>
          {state.kind === 'switched' ? 'Revoke the old token now' : 'Revoke the old token anyway…'}
        </button>
        <span className="muted">Otherwise it stops by itself at the end of the overlap.</span>
      </div>
    </section>
  );
}

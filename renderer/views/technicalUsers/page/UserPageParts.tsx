import type { ConnectionView } from '../../../../shared/connections.ts';
import { Dialog } from '../../../shell/Dialog.tsx';
import { TenantBadge } from '../../../shell/TenantBadge.tsx';

export function BackLink(props: { onBack: () => void }) {
  return (
    <button type="button" className="link-button back-link" onClick={props.onBack}>
      ← Technical users
    </button>
  );
}

/** The page's title, what state the user and its tenant are in, and Delete. */
export function UserPageHeader(props: {
  title: string;
  connection: ConnectionView | undefined;
  creating: boolean;
  /** Saved: the badge's words. */
  active: boolean;
  /** As the form holds it now: the badge's colour. */
  draftActive: boolean;
  pending: boolean;
  offline: boolean;
  systemUser: boolean;
  busy: boolean;
  onBack: () => void;
  onDelete: () => void;
}) {
  return (
    <header className="page-header page-header-compact">
      <div>
        <BackLink onBack={props.onBack} />
        <h1 id="page-title" tabIndex={-1}>
          {props.title}
        </h1>
        <div className="user-badges">
          {props.connection ? <TenantBadge connection={props.connection} /> : null}
          {!props.creating ? <span className={`badge ${props.draftActive ? 'badge-ok' : 'badge-muted'}`}>{props.active ? 'Active' : 'Inactive'}</span> : null}
          {props.pending ? <span className="badge badge-warning">Pending sync</span> : null}
          {props.offline ? <span className="badge badge-muted">Tenant offline — changes wait here</span> : null}
          {props.systemUser ? <span className="badge badge-muted">System user (outside the plan)</span> : null}
        </div>
      </div>
      <div className="page-actions">
        {!props.creating ? (
          <button type="button" className="button button-danger" onClick={props.onDelete} disabled={props.busy}>
            Delete…
          </button>
        ) : null}
      </div>
    </header>
  );
}

/** What is unsaved or why it cannot be saved, Discard and Save. */
export function UserPageFooter(props: {
  creating: boolean;
  dirty: boolean;
  busy: boolean;
  conflicts: number;
  saveProblem: string | null;
  saveBlocked: boolean;
  saveLabel: string;
  onDiscard: () => void;
  onSave: () => void;
}) {
  const { creating, dirty, busy, conflicts } = props;
  return (
    <footer className="form-footer">
      {conflicts > 0 ? (
        <span className="field-error" role="status">
          {conflicts === 1 ? 'A field you changed was' : `${conflicts} fields you changed were`} changed by someone else — choose above which value to keep.
        </span>
      ) : props.saveProblem ? (
        <span className="field-error" role="status">
          {props.saveProblem}
        </span>
      ) : dirty ? (
        <span className="muted">Unsaved changes</span>
      ) : (
        <span className="muted">{creating ? '' : 'All changes saved here'}</span>
      )}
      <span className="spacer" />
      <button type="button" className="button" disabled={busy || (!dirty && !creating)} onClick={props.onDiscard}>
        {creating ? 'Cancel' : 'Discard changes'}
      </button>
      <button type="button" className="button button-primary" disabled={busy || (!dirty && !creating) || props.saveBlocked} onClick={props.onSave}>
        {props.saveLabel}
      </button>
    </footer>
  );
}

/** Asks before unsaved edits are dropped (leaving the page, or another section). */
export function LeaveDialog(props: { title: string; onStay: () => void; onDiscard: () => void }) {
  return (
    <Dialog
      title="Leave without saving?"
      onClose={props.onStay}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onStay}>
            Keep editing
          </button>
          <button type="button" className="button button-danger-solid" onClick={props.onDiscard}>
            Discard changes
          </button>
        </>
      }
    >
      <p>Your changes to {props.title} are not saved yet.</p>
    </Dialog>
  );
}

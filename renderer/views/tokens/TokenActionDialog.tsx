import { useState, type ReactNode } from 'react';
import type { ConnectionView } from '../../../shared/connections.ts';
import type { Result } from '../../../shared/result.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { tokenWorkBlocked } from './tokenFormat.ts';

/** The frame every token action shares: what stops working, the tenant-online check, the error from the tenant. */
export function TokenActionDialog(props: {
  title: string;
  connection: ConnectionView | undefined;
  needsIssueScope: boolean;
  confirmLabel: string;
  danger?: boolean;
  invalid?: boolean;
  wide?: boolean;
  /** A reason this action cannot run besides the tenant being offline (say, an inactive user). */
  blocked?: string | null;
  onConfirm: () => Promise<Result<unknown>>;
  onDone: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = tokenWorkBlocked(props.connection, props.needsIssueScope) ?? props.blocked ?? null;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await props.onConfirm();
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      props.onDone();
      props.onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      busy={busy}
      wide={props.wide ?? false}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={`button ${props.danger ? 'button-danger-solid' : 'button-primary'}`} onClick={() => void confirm()} disabled={busy || Boolean(blocked) || props.invalid}>
            {busy ? 'Working…' : props.confirmLabel}
          </button>
        </>
      }
    >
      {blocked ? (
        <p className="alert alert-warning" role="alert">
          {blocked}
        </p>
      ) : null}
      {props.children}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

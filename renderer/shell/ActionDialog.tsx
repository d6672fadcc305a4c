import { useState, type ReactNode } from 'react';
import type { Result } from '../../shared/result.ts';
import { Dialog } from './Dialog.tsx';

/**
 * A dialog that asks before an action the tenant carries out: why it
 * cannot run (if it cannot), Cancel and the action, a busy state, and the
 * tenant's refusal in the dialog. On success it calls `onDone` and closes,
 * unless `stayOpen` (the caller shows a result instead).
 */
export function ActionDialog(props: {
  title: string;
  confirmLabel: string;
  busyLabel?: string;
  danger?: boolean;
  invalid?: boolean;
  wide?: boolean;
  /** Why the action cannot run now (offline tenant, inactive user…), shown up front. */
  blocked?: string | null;
  stayOpen?: boolean;
  onConfirm: () => Promise<Result<unknown>>;
  onDone: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = props.blocked ?? null;
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
      if (!props.stayOpen) props.onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
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
            {busy ? (props.busyLabel ?? 'Working…') : props.confirmLabel}
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

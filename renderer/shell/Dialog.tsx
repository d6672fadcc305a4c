import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** What can take focus inside a dialog, in document order. */
const focusable = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog> element. It opens on what a person
 * works with first — the element marked `data-autofocus`, else the first
 * field of its body, else the first enabled button of its footer (Cancel,
 * for a confirmation) — never on the × button; Tab and Shift+Tab stay
 * inside it; Escape closes it (unless it is busy); focus returns to where
 * it was when it closes.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; footer?: ReactNode; busy?: boolean; wide?: boolean; large?: boolean; describedBy?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onClose, busy } = props;
  // Where focus was before the dialog rendered (read during the first render, before anything inside took it).
  const [previous] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(`.dialog-body :is(${focusable})`) ?? dialog.querySelector<HTMLElement>(`.dialog-footer :is(${focusable})`);
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      previous?.focus?.();
    };
  }, [previous]);
  const keepFocusInside = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(focusable) ?? [])].filter((e) => e.offsetParent !== null);
    if (items.length === 0) return;
    const [head, tail] = [items[0]!, items.at(-1)!];
    if (event.shiftKey && document.activeElement === head) {
      event.preventDefault();
      tail.focus();
    } else if (!event.shiftKey && document.activeElement === tail) {
      event.preventDefault();
      head.focus();
    }
  };
  return (
    <dialog
      ref={ref}
      className={`dialog${props.large ? ' dialog-large' : props.wide ? ' dialog-wide' : ''}`}
      aria-labelledby="dialog-title"
      {...(props.describedBy ? { 'aria-describedby': props.describedBy } : {})}
      onKeyDown={keepFocusInside}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id="dialog-title">{props.title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose} disabled={busy}>
          ×
        </button>
      </header>
      <div className="dialog-body">{props.children}</div>
      {props.footer ? <footer className="dialog-footer">{props.footer}</footer> : null}
    </dialog>
  );
}

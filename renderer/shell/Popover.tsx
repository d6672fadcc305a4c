import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A button that opens a small panel below (or above) it: closes on Escape,
 * on a click outside, or when `children` calls `close`. Focus returns to
 * the button when it closes from the keyboard.
 */
export function Popover(props: {
  label: ReactNode;
  /** The panel's accessible name. */
  title: string;
  buttonClassName?: string;
  placement?: 'below' | 'above';
  align?: 'start' | 'end';
  disabled?: boolean;
  /** Why the button is disabled, when it is (its tooltip). */
  disabledWhy?: string;
  buttonLabel?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer);
    // Move focus into the panel so keyboard users land on its first control.
    queueMicrotask(() => panel.current?.querySelector<HTMLElement>('input, select, button, [tabindex="0"]')?.focus());
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return (
    <span className="popover-anchor">
      <button
        ref={button}
        type="button"
        className={props.buttonClassName ?? 'button'}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={props.buttonLabel}
        disabled={props.disabled}
        title={props.disabled ? props.disabledWhy : undefined}
        onClick={() => setOpen(!open)}
      >
        {props.label}
      </button>
      {open ? (
        <div ref={panel} id={id} role="dialog" aria-label={props.title} className={`popover popover-${props.placement ?? 'below'} popover-${props.align ?? 'start'}`}>
          {props.children(() => setOpen(false))}
        </div>
      ) : null}
    </span>
  );
}

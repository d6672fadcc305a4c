/**
 * Why an action next to it cannot run now — shown beside the disabled button and tied to it with
 * `aria-describedby`, so keyboard and screen-reader users get the same sentence as everyone else.
 */
export function DisabledReason(props: { id: string; why: string | null }) {
  if (!props.why) return null;
  return (
    <span id={props.id} className="field-hint disabled-reason">
      {props.why}
    </span>
  );
}

/** The attributes a button takes to be disabled with a reason (or enabled without one). */
export function disabledWith(why: string | null, id: string, busy = false): { disabled: boolean; 'aria-describedby'?: string } {
  return why ? { disabled: true, 'aria-describedby': id } : { disabled: busy };
}

import { dateInputValue, type TokenPolicy } from './tokenFormat.ts';

/** An expiry date within the tenant's token policy, with the policy in words. */
export function ExpiryField(props: { id: string; label?: string; value: string; onChange: (value: string) => void; now: number; policy: TokenPolicy; problem: string | null }) {
  const { policy, now } = props;
  const hintId = `${props.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label ?? 'Expires on'}</label>
      <input
        id={props.id}
        type="date"
        value={props.value}
        min={dateInputValue(now + 86_400_000)}
        max={dateInputValue(now + policy.maxLifetimeDays * 86_400_000)}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={hintId}
        aria-invalid={props.problem ? true : undefined}
      />
      <p id={hintId} className={props.problem ? 'field-error' : 'field-hint'} role={props.problem ? 'alert' : undefined}>
        {props.problem ?? `Tenant policy: ${policy.defaultLifetimeDays} days by default, at most ${policy.maxLifetimeDays}.`}
      </p>
    </div>
  );
}

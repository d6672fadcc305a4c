import type { ConnectionView } from '../../shared/connections.ts';

/** The tenant picker the sections share: offline tenants marked; with `allLabel`, an "all tenants" choice (value ''). */
export function TenantSelect(props: { connections: ReadonlyArray<Pick<ConnectionView, 'id' | 'displayName' | 'state'>>; value: string; onChange: (tenantId: string) => void; allLabel?: string; markOffline?: boolean }) {
  return (
    <select aria-label="Tenant" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.allLabel ? <option value="">{props.allLabel}</option> : null}
      {props.connections.map((c) => (
        <option key={c.id} value={c.id}>
          {c.displayName}
          {props.markOffline && c.state !== 'connected' ? ' (offline)' : ''}
        </option>
      ))}
    </select>
  );
}

import type { ConnectionView } from '../../shared/connections.ts';

/** A tenant's colour label and name, as every cross-tenant list shows it. */
export function TenantBadge({ connection }: { connection: Pick<ConnectionView, 'color' | 'displayName'> | undefined }) {
  if (!connection) return <span className="tenant-badge muted">Removed tenant</span>;
  return (
    <span className="tenant-badge">
      <span className="tenant-dot" style={{ backgroundColor: connection.color }} aria-hidden="true" />
      {connection.displayName}
    </span>
  );
}

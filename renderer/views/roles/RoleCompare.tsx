import { useMemo, useState } from 'react';
import type { Privileges } from '../../../shared/api/roles.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import { compareRoles, type Operation } from '../../../shared/console/roleCompare.ts';
import type { LocalRole } from '../../db/schemas/roleSchema.ts';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { nameKey } from '../../../shared/rules/technicalUserRules.ts';

const letters: Record<Operation, string> = { read: 'R', create: 'C', edit: 'E', delete: 'D' };

export function rolePath(roles: readonly LocalRole[], role: LocalRole): string {
  const names: string[] = [];
  let current: LocalRole | undefined = role;
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    const parentId: string | null = current.parentId;
    current = parentId ? roles.find((r) => r.tenantId === role.tenantId && r.id === parentId) : undefined;
  }
  return names.join(' › ');
}

/** One role by name on every tenant side by side, differences highlighted. */
export function RoleCompare(props: { roles: readonly LocalRole[]; connections: readonly ConnectionView[]; membersOf: (role: LocalRole) => number }) {
  const names = useMemo(() => {
    const byName = new Map<string, { name: string; tenants: Set<string> }>();
    for (const role of props.roles) {
      if (role.parentId === null) continue;
      const key = nameKey(role.name);
      const entry = byName.get(key) ?? { name: role.name, tenants: new Set<string>() };
      entry.tenants.add(role.tenantId);
      byName.set(key, entry);
    }
    return [...byName.values()].sort((a, b) => b.tenants.size - a.tenants.size || a.name.localeCompare(b.name));
  }, [props.roles]);
  const [chosen, setChosen] = useState<string>(names[0]?.name ?? '');
  const matching = props.connections.map((c) => ({ connection: c, role: props.roles.find((r) => r.tenantId === c.id && r.parentId !== null && nameKey(r.name) === nameKey(chosen)) }));
  const present = matching.filter((m) => m.role !== undefined) as Array<{ connection: ConnectionView; role: LocalRole }>;
  const comparison = compareRoles(present.map(({ role }) => ({ tenantId: role.tenantId, privileges: role.privileges as Privileges, path: rolePath(props.roles, role), members: props.membersOf(role) })));
  const missing = matching.filter((m) => !m.role).map((m) => m.connection);

  return (
    <section className="card" aria-label="Compare a role across tenants">
      <div className="toolbar">
        <label className="field-inline">
          <span>Role</span>
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label="Role to compare">
            {names.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name} ({n.tenants.size} of {props.connections.length} tenants)
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <span role="status" className={comparison.differences > 0 || comparison.pathDiffers || missing.length > 0 ? 'field-warning' : 'muted'}>
          {present.length < 2
            ? `Only ${present.length === 1 ? present[0]!.connection.displayName : 'no tenant'} has this role.`
            : comparison.differences === 0 && !comparison.pathDiffers && missing.length === 0
              ? 'Aligned on every tenant.'
              : `${comparison.differences} difference${comparison.differences === 1 ? '' : 's'} in privileges${comparison.pathDiffers ? ', placed differently in the tree' : ''}${missing.length > 0 ? `, missing on ${missing.map((c) => c.displayName).join(', ')}` : ''}.`}
        </span>
      </div>
      {present.length > 0 ? (
        <table className="data-table compare-table" aria-label={`${chosen} on each tenant`}>
          <thead>
            <tr>
              <th scope="col">Privilege</th>
              {present.map(({ connection }) => (
                <th key={connection.id} scope="col">
                  <TenantBadge connection={connection} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className={comparison.pathDiffers ? 'is-different' : ''}>
              <th scope="row">Place in the tree</th>
              {present.map(({ connection, role }) => (
                <td key={connection.id}>{rolePath(props.roles, role)}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">Holders</th>
              {present.map(({ connection, role }) => (
                <td key={connection.id}>{props.membersOf(role)}</td>
              ))}
            </tr>
            {comparison.rows.map((row) => (
              <tr key={`${row.kind}:${row.name}`} className={row.differs ? 'is-different' : ''} aria-label={`${row.name}${row.differs ? ' (differs)' : ''}`}>
                <th scope="row">
                  {row.name}
                  {row.kind === 'system' ? <span className="muted"> · system</span> : null}
                </th>
                {row.cells.map((cell, i) => (
                  <td key={present[i]!.connection.id}>{typeof cell === 'boolean' ? (cell ? '✓' : '–') : cell.length === 0 ? '–' : cell.map((op) => letters[op]).join('')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No tenant has a role by that name.</p>
      )}
      <p className="field-hint">R read · C create · E edit · D delete. Highlighted rows differ between tenants.</p>
    </section>
  );
}

import { useMemo, useState } from 'react';
import type { LocalTechnicalUser } from '../../db/schemas/technicalUserSchema.ts';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useDatabase, useQuery } from '../../sync/useDatabase.ts';
import { SectionView } from '../SectionView.tsx';
import { sectionContent } from '../sectionContent.ts';
import { TechnicalUserEditor, type UserEditorTarget } from './TechnicalUserEditor.tsx';

const shownAtMost = 500;

/** Technical users of every tenant, from the local replica (so it works offline). */
export function TechnicalUsersView() {
  const db = useDatabase();
  const connections = useConnectionsStore((s) => s.connections);
  const users = useQuery(db?.technicalusers, { selector: {}, sort: [{ name: 'asc' }] }, []);
  const pending = useQuery(db?.pendingchanges, { selector: { collectionName: 'technical-users' } }, []);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<UserEditorTarget | null>(null);
  const byId = useMemo(() => new Map(connections.map((c) => [c.id, c])), [connections]);
  const pendingKeys = useMemo(() => new Set((pending ?? []).map((p) => p.key)), [pending]);
  const filtered = useMemo(() => {
    const term = search.trim().toLowerCase();
    return (users ?? []).filter((u) => !term || u.name.toLowerCase().includes(term) || u.description.toLowerCase().includes(term));
  }, [users, search]);

  if (connections.length === 0) return <SectionView section="technical-users" />;
  const content = sectionContent['technical-users'];
  return (
    <>
      <header className="page-header">
        <div>
          <h1 id="page-title" tabIndex={-1}>
            {content.title}
          </h1>
          <p className="page-summary">{content.summary}</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create' })} disabled={!db}>
            New technical user
          </button>
        </div>
      </header>
      <div className="page-body">
        <div className="toolbar">
          <input type="search" className="search" placeholder="Search by name or description" aria-label="Search technical users" value={search} onChange={(e) => setSearch(e.target.value)} />
          <span className="muted" role="status">
            {users === null ? 'Loading the local copy…' : `${filtered.length} of ${users.length} technical users`}
          </span>
        </div>
        {users !== null && users.length === 0 ? (
          <p className="muted empty-inline">No technical users in the local copy yet — they appear as each tenant syncs.</p>
        ) : (
          <table className="data-table" aria-label="Technical users">
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Active</th>
                <th scope="col">Roles</th>
                <th scope="col">Sync</th>
              </tr>
            </thead>
            <tbody>
              {filtered.slice(0, shownAtMost).map((user: LocalTechnicalUser) => (
                <tr key={user.key} tabIndex={0} onClick={() => setEditing({ mode: 'edit', user })} onKeyDown={(e) => e.key === 'Enter' && setEditing({ mode: 'edit', user })} aria-label={user.name}>
                  <td>
                    <TenantBadge connection={byId.get(user.tenantId)} />
                  </td>
                  <td className="strong">{user.name}</td>
                  <td>{user.kind}</td>
                  <td>{user.active ? 'Active' : <span className="muted">Inactive</span>}</td>
                  <td>{user.roleIds.length === 0 ? <span className="muted">No roles</span> : user.roleIds.length}</td>
                  <td>{pendingKeys.has(user.key) ? <span className="badge badge-warning">Pending</span> : <span className="muted">Synced</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {filtered.length > shownAtMost ? <p className="muted">Showing the first {shownAtMost}; narrow the search to see the rest.</p> : null}
      </div>
      {editing && db ? <TechnicalUserEditor db={db} target={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

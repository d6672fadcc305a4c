import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { TesseraDatabase } from '../../db/database.ts';
import type { LocalRole } from '../../db/schemas/roleSchema.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { deleteRole, saveRole } from '../../sync/localEdits.ts';
import { useDatabase, useQuery } from '../../sync/useDatabase.ts';
import { SectionView } from '../SectionView.tsx';
import { sectionContent } from '../sectionContent.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; role: LocalRole };

/** Roles per tenant as a tree under "All employees", from the local replica. */
export function RolesView() {
  const db = useDatabase();
  const connections = useConnectionsStore((s) => s.connections);
  const roles = useQuery(db?.roles, { selector: {}, sort: [{ name: 'asc' }] }, []);
  const [editing, setEditing] = useState<Editing | null>(null);
  if (connections.length === 0) return <SectionView section="roles" />;
  const content = sectionContent.roles;
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
            New role
          </button>
        </div>
      </header>
      <div className="page-body role-columns">
        {connections.map((connection) => (
          <section key={connection.id} className="card" aria-label={`Roles of ${connection.displayName}`}>
            <h2 className="card-title">
              <TenantBadge connection={connection} />
            </h2>
            <RoleTree roles={(roles ?? []).filter((r) => r.tenantId === connection.id)} onOpen={(role) => setEditing({ mode: 'edit', role })} />
          </section>
        ))}
      </div>
      {editing && db ? <RoleEditor db={db} editing={editing} allRoles={roles ?? []} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function RoleTree(props: { roles: LocalRole[]; onOpen: (role: LocalRole) => void }) {
  const children = useMemo(() => {
    const map = new Map<string | null, LocalRole[]>();
    for (const role of props.roles) map.set(role.parentId, [...(map.get(role.parentId) ?? []), role]);
    return map;
  }, [props.roles]);
  if (props.roles.length === 0) return <p className="muted">No roles in the local copy yet.</p>;
  const render = (parentId: string | null, depth: number): ReactNode =>
    (children.get(parentId) ?? []).map((role) => (
      <li key={role.key}>
        <button type="button" className="tree-item" style={{ paddingLeft: 8 + depth * 18 }} onClick={() => props.onOpen(role)} disabled={role.parentId === null} title={role.parentId === null ? 'The root role cannot be changed' : undefined}>
          {role.name}
          {role.parentId === null ? <span className="badge">Root</span> : null}
          {role.localChangedAt > 0 ? <span className="badge badge-warning">Pending</span> : null}
        </button>
        <ul className="tree">{render(role.id, depth + 1)}</ul>
      </li>
    ));
  return <ul className="tree">{render(null, 0)}</ul>;
}

function RoleEditor(props: { db: TesseraDatabase; editing: Editing; allRoles: LocalRole[]; onClose: () => void }) {
  const connections = useConnectionsStore((s) => s.connections);
  const { editing } = props;
  const [tenantId, setTenantId] = useState(editing.mode === 'edit' ? editing.role.tenantId : (connections[0]?.id ?? ''));
  const tenantRoles = props.allRoles.filter((r) => r.tenantId === tenantId);
  const root = tenantRoles.find((r) => r.parentId === null);
  const [name, setName] = useState(editing.mode === 'edit' ? editing.role.name : '');
  const [parentId, setParentId] = useState(editing.mode === 'edit' ? (editing.role.parentId ?? '') : (root?.id ?? ''));
  const [busy, setBusy] = useState(false);
  const clash = tenantRoles.find((r) => r.name.toLowerCase() === name.trim().toLowerCase() && (editing.mode === 'create' || r.id !== editing.role.id));
  const parentChoices = tenantRoles.filter((r) => editing.mode === 'create' || r.id !== editing.role.id);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || clash || !(parentId || root?.id)) return;
    setBusy(true);
    await saveRole(props.db, tenantId, editing.mode === 'edit' ? editing.role.id : null, { name: name.trim(), parentId: parentId || root!.id });
    setBusy(false);
    useNoticesStore.getState().push({ kind: 'info', message: `Saved role ${name.trim()}.` });
    props.onClose();
  };
  const remove = async () => {
    if (editing.mode !== 'edit') return;
    setBusy(true);
    await deleteRole(props.db, editing.role.tenantId, editing.role.id);
    setBusy(false);
    props.onClose();
  };
  return (
    <Dialog
      title={editing.mode === 'create' ? 'New role' : `Edit ${editing.role.name}`}
      onClose={props.onClose}
      busy={busy}
      footer={
        <>
          {editing.mode === 'edit' ? (
            <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy}>
              Delete role
            </button>
          ) : null}
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="role-editor" className="button button-primary" disabled={busy || !name.trim() || Boolean(clash)}>
            Save
          </button>
        </>
      }
    >
      <form id="role-editor" className="form" onSubmit={(e) => void submit(e)}>
        {editing.mode === 'create' ? (
          <div className="field">
            <label htmlFor="role-tenant">Tenant</label>
            <select id="role-tenant" value={tenantId} onChange={(e) => { setTenantId(e.target.value); setParentId(''); }}>
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.displayName}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="role-name">Name</label>
          <input id="role-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} autoFocus />
          {clash ? <p className="field-error" role="alert">A role named "{clash.name}" already exists on this tenant.</p> : null}
        </div>
        <div className="field">
          <label htmlFor="role-parent">Parent role</label>
          <select id="role-parent" value={parentId || root?.id || ''} onChange={(e) => setParentId(e.target.value)}>
            {parentChoices.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <p className="field-hint">Members get this role's privileges only — never its parent's.</p>
        </div>
        {editing.mode === 'edit' ? <p className="field-hint">Deleting a role removes it from every technical user that holds it.</p> : null}
      </form>
    </Dialog>
  );
}

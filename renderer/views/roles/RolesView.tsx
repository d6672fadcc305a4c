import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useRolesStore } from '../../state/rolesStore.ts';
import type { LocalRole } from '../../db/schemas/roleSchema.ts';
import { useInventoryIndex } from '../../inventory/useInventory.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { saveRole } from '../../sync/localEdits.ts';
import { useReplica, useQuery } from '../../sync/useDatabase.ts';
import { SectionView } from '../SectionView.tsx';
import { TenantSelect } from '../../shell/TenantSelect.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { RoleCompare } from './RoleCompare.tsx';
import { ParentRoleField } from './ParentRoleField.tsx';
import { RoleDetail } from './RoleDetail.tsx';
import { DisabledReason, disabledWith } from '../../shell/DisabledReason.tsx';
import { TabList } from '../../shell/TabList.tsx';
import { findNameClash } from '../../../shared/rules/technicalUserRules.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';

type Mode = 'tree' | 'compare';

/** Roles: each tenant's tree under "All employees", a role's privileges and holders, and one role compared across tenants. */
export function RolesView() {
  const replica = useReplica();
  const db = replica?.db;
  const connections = useConnectionsStore((s) => s.connections);
  const roles = useQuery(db?.roles, { selector: {}, sort: [{ name: 'asc' }] }, []);
  const { index } = useInventoryIndex();
  // A role another section asked for (Audit's "Open role") is where the section opens.
  const [focus] = useState(() => useRolesStore.getState().focus);
  useEffect(() => {
    if (focus) useRolesStore.getState().clearFocus();
  }, [focus]);
  const [mode, setMode] = useState<Mode>('tree');
  const [tenantId, setTenantId] = useState<string | null>(focus?.tenantId ?? null);
  const [selectedKey, setSelectedKey] = useState<string | null>(focus?.key ?? null);
  const [creating, setCreating] = useState(false);
  const tenant = connections.find((c) => c.id === tenantId) ?? connections[0];
  const tenantRoles = useMemo(() => (roles ?? []).filter((r) => r.tenantId === tenant?.id), [roles, tenant]);
  const selected = tenantRoles.find((r) => r.key === selectedKey) ?? tenantRoles.find((r) => r.parentId !== null) ?? tenantRoles[0];
  const all = index?.all();
  const holdersOf = useMemo(() => {
    const map = new Map<string, NonNullable<typeof all>>();
    for (const row of all ?? []) for (const roleId of row.roleIds) map.set(localKey(row.tenantId, roleId), [...(map.get(localKey(row.tenantId, roleId)) ?? []), row]);
    return map;
  }, [all]);

  if (connections.length === 0) return <SectionView section="roles" />;
  return (
    <>
      <SectionHeader
        section="roles"
        actions={
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} disabled={!db || !tenant}>
            New role
          </button>
        }
      />
      <TabList
        label="Roles"
        tabs={[
          { id: 'tree', label: 'By tenant' },
          { id: 'compare', label: 'Compare across tenants' },
        ]}
        selected={mode}
        onSelect={setMode}
      />
      <div className="page-body">
        {roles === null ? (
          <p className="muted">Loading the local copy…</p>
        ) : mode === 'compare' ? (
          <RoleCompare roles={roles} connections={connections} membersOf={(role) => holdersOf.get(role.key)?.length ?? 0} />
        ) : (
          <div className="roles-layout">
            <aside className="card roles-aside">
              <label className="field">
                <span className="visually-hidden">Tenant</span>
                <TenantSelect connections={connections} value={tenant?.id ?? ''} onChange={(id) => (setTenantId(id), setSelectedKey(null))} markOffline />
              </label>
              <RoleTree roles={tenantRoles} selectedKey={selected?.key ?? null} onSelect={setSelectedKey} holders={(role) => holdersOf.get(role.key)?.length ?? 0} />
            </aside>
            {selected && replica ? (
              <RoleDetail key={selected.key} replica={replica} role={selected} roles={tenantRoles} members={holdersOf.get(selected.key) ?? []} connection={tenant} onDeleted={() => setSelectedKey(null)} />
            ) : (
              <p className="muted">No roles in the local copy of this tenant yet.</p>
            )}
          </div>
        )}
      </div>
      {creating && replica && tenant ? (
        <NewRoleDialog
          tenantName={tenant.displayName}
          roles={tenantRoles}
          defaultParent={selected?.id ?? null}
          onClose={() => setCreating(false)}
          onCreate={async (name, parentId) => {
            const id = await saveRole(replica, tenant.id, null, { name, parentId });
            useNoticesStore.getState().push({ kind: 'info', message: `Created the role ${name} on ${tenant.displayName}. It grants nothing until you tick its privileges.` });
            setSelectedKey(localKey(tenant.id, id));
            setCreating(false);
          }}
        />
      ) : null}
    </>
  );
}

/** The tenant's roles as a tree (ARIA tree: arrows move, Enter or click selects). */
function RoleTree(props: { roles: readonly LocalRole[]; selectedKey: string | null; onSelect: (key: string) => void; holders: (role: LocalRole) => number }) {
  const ordered = useMemo(() => {
    const children = new Map<string | null, LocalRole[]>();
    for (const role of props.roles) children.set(role.parentId, [...(children.get(role.parentId) ?? []), role]);
    const out: Array<{ role: LocalRole; depth: number }> = [];
    const ids = new Set(props.roles.map((r) => r.id));
    const visit = (parentId: string | null, depth: number) => {
      for (const role of (children.get(parentId) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
        out.push({ role, depth });
        visit(role.id, depth + 1);
      }
    };
    visit(null, 0);
    // Roles whose parent is not in the local copy (yet) still show.
    for (const role of props.roles) {
      if (!role.parentId || ids.has(role.parentId)) continue;
      out.push({ role, depth: 0 });
      visit(role.id, 1);
    }
    return out;
  }, [props.roles]);
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = ordered.findIndex((o) => o.role.key === props.selectedKey);
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? ordered.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const target = ordered[Math.max(0, Math.min(ordered.length - 1, next))];
    if (target) props.onSelect(target.role.key);
  };
  return (
    <ul className="role-tree-list" role="tree" aria-label="Role tree" tabIndex={0} onKeyDown={onKeyDown} aria-activedescendant={props.selectedKey ? `role-${props.selectedKey}` : undefined}>
      {ordered.map(({ role, depth }) => (
        <li
          key={role.key}
          id={`role-${role.key}`}
          role="treeitem"
          aria-level={depth + 1}
          aria-selected={role.key === props.selectedKey}
          className={`tree-item${role.key === props.selectedKey ? ' is-selected' : ''}`}
          style={{ paddingLeft: 10 + depth * 16 }}
          onClick={() => props.onSelect(role.key)}
        >
          <span className="tree-name">{role.name}</span>
          {role.parentId === null ? <span className="badge">Root</span> : null}
          {role.localChangedAt > 0 ? <span className="badge badge-warning">Pending</span> : null}
          {props.holders(role) > 0 ? <span className="muted tree-count">{props.holders(role)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function NewRoleDialog(props: { tenantName: string; roles: readonly LocalRole[]; defaultParent: string | null; onClose: () => void; onCreate: (name: string, parentId: string) => Promise<void> }) {
  const root = props.roles.find((r) => r.parentId === null);
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState(props.defaultParent ?? root?.id ?? '');
  const [busy, setBusy] = useState(false);
  const clash = findNameClash(name, props.roles);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || clash || !parentId) return;
    setBusy(true);
    try {
      await props.onCreate(name.trim(), parentId);
    } finally {
      setBusy(false);
    }
  };
  // A disabled Create says why, next to it.
  const createWhy = !name.trim() ? 'Give the role a name.' : clash ? 'Another role on this tenant has this name.' : !parentId ? 'Choose the role it sits under.' : null;
  return (
    <Dialog
      title={`New role on ${props.tenantName}`}
      onClose={props.onClose}
      busy={busy}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <DisabledReason id="new-role-why" why={createWhy} />
          <button type="submit" form="new-role" className="button button-primary" {...disabledWith(createWhy, 'new-role-why', busy)}>
            Create role
          </button>
        </>
      }
    >
      <form id="new-role" className="form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="new-role-name">Name</label>
          <input id="new-role-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} data-autofocus />
          {clash ? <p className="field-error">A role named “{clash.name}” already exists on this tenant.</p> : null}
        </div>
        <ParentRoleField id="new-role-parent" value={parentId} roles={props.roles} onChange={setParentId} />
      </form>
    </Dialog>
  );
}

import { useState } from 'react';
import type { Privileges } from '../../../shared/api/roles.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import type { InventoryRow } from '../../../shared/console/inventoryRow.ts';
import type { LocalReplica } from '../../sync/localReplica.ts';
import type { LocalRole } from '../../db/schemas/roleSchema.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { useInventoryStore } from '../../state/inventoryStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { useUiStore } from '../../state/uiStore.ts';
import { deleteRole, saveRole } from '../../sync/localEdits.ts';
import { ParentRoleField } from './ParentRoleField.tsx';
import { PrivilegesMatrix } from './PrivilegesMatrix.tsx';
import { DisabledReason, disabledWith } from '../../shell/DisabledReason.tsx';
import { findNameClash } from '../../../shared/rules/technicalUserRules.ts';

/** The role and every role under it (a role cannot move under its own descendant). */
export function descendantsOf(roles: readonly LocalRole[], id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const role of roles) {
      if (role.parentId && out.has(role.parentId) && !out.has(role.id)) {
        out.add(role.id);
        grew = true;
      }
    }
  }
  return out;
}

interface RoleDraft {
  name: string;
  parentId: string | null;
  privileges: Privileges;
}

/** One role: rename, move, its privileges, and the technical users holding it directly. */
export function RoleDetail(props: { replica: LocalReplica; role: LocalRole; roles: readonly LocalRole[]; members: readonly InventoryRow[]; connection: ConnectionView | undefined; onDeleted: () => void }) {
  const { role, roles } = props;
  const isRoot = role.parentId === null || role.id === props.connection?.tenant?.rootRoleId;
  const original: RoleDraft = { name: role.name, parentId: role.parentId, privileges: role.privileges as Privileges };
  const [patch, setPatch] = useState<Partial<RoleDraft>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const draft = { ...original, ...patch };
  const dirty = JSON.stringify(draft) !== JSON.stringify(original);
  const excluded = descendantsOf(roles, role.id);
  const parentChoices = roles.filter((r) => !excluded.has(r.id));
  const clash = findNameClash(draft.name, roles, role.id);
  const offline = props.connection?.state !== 'connected';

  const save = async () => {
    if (!draft.name.trim() || clash) return;
    setBusy(true);
    try {
      const fields: Partial<RoleDraft> = {};
      if (draft.name.trim() !== original.name) fields.name = draft.name.trim();
      if (draft.parentId !== original.parentId) fields.parentId = draft.parentId;
      if (JSON.stringify(draft.privileges) !== JSON.stringify(original.privileges)) fields.privileges = draft.privileges;
      await saveRole(props.replica, role.tenantId, role.id, fields as never);
      setPatch({});
      useNoticesStore.getState().push({ kind: 'info', message: offline ? `Saved ${draft.name.trim()} here; it goes to ${props.connection?.displayName ?? 'the tenant'} when it is reachable.` : `Saved ${draft.name.trim()}.` });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    await deleteRole(props.replica, role.tenantId, role.id);
    setBusy(false);
    setConfirmDelete(false);
    useNoticesStore.getState().push({ kind: 'info', message: `Deleted the role ${role.name}.` });
    props.onDeleted();
  };

  const openUser = (member: InventoryRow) => {
    useInventoryStore.getState().open({ kind: 'user', key: member.key });
    useUiStore.getState().navigate('technical-users');
  };

  const saveWhy = !dirty ? 'Nothing changed yet.' : !draft.name.trim() ? 'A role needs a name.' : clash ? 'Another role on this tenant has this name.' : null;
  return (
    <section className="card role-detail" aria-label={`Role ${role.name}`}>
      {isRoot ? (
        <>
          <h2 className="card-title">
            {role.name} <span className="badge">Root role</span>
          </h2>
          <p className="field-hint">The root of the tenant’s role tree. Technical users cannot be its members, and it cannot be renamed, moved or deleted. Create roles under it.</p>
          <PrivilegesMatrix privileges={role.privileges as Privileges} roleName={role.name} />
        </>
      ) : (
        <>
          <div className="form-row">
            <div className="field">
              <label htmlFor="role-name">Name</label>
              <input id="role-name" value={draft.name} maxLength={64} onChange={(e) => setPatch({ ...patch, name: e.target.value })} aria-invalid={clash ? true : undefined} />
              {clash ? <p className="field-error">A role named “{clash.name}” already exists on this tenant.</p> : null}
            </div>
            <ParentRoleField id="role-parent" value={draft.parentId ?? ''} roles={parentChoices} onChange={(parentId) => setPatch({ ...patch, parentId })} />
          </div>
          <h3 className="subheading">Privileges</h3>
          <PrivilegesMatrix privileges={draft.privileges} roleName={draft.name || role.name} onChange={(privileges) => setPatch({ ...patch, privileges })} />
          <div className="button-row role-actions">
            <button type="button" className="button button-danger" onClick={() => setConfirmDelete(true)} disabled={busy}>
              Delete role…
            </button>
            <span className="spacer" />
            <button type="button" className="button" disabled={!dirty || busy} onClick={() => setPatch({})}>
              Discard changes
            </button>
            <DisabledReason id="role-save-why" why={saveWhy} />
            <button type="button" className="button button-primary" {...disabledWith(saveWhy, 'role-save-why', busy)} onClick={() => void save()}>
              Save role
            </button>
          </div>
        </>
      )}
      <h3 className="subheading">Technical users holding this role directly ({props.members.length})</h3>
      {props.members.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="member-list" aria-label={`Holders of ${role.name}`}>
          {props.members.map((member) => (
            <li key={member.key}>
              <button type="button" className="link-button" onClick={() => openUser(member)}>
                {member.name}
              </button>
              {member.active ? null : <span className="muted"> · inactive</span>}
            </li>
          ))}
        </ul>
      )}
      {confirmDelete ? (
        <Dialog
          title={`Delete the role ${role.name}?`}
          onClose={() => setConfirmDelete(false)}
          busy={busy}
          footer={
            <>
              <span className="spacer" />
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
              <button type="button" className="button button-danger-solid" onClick={() => void remove()}>
                Delete role
              </button>
            </>
          }
        >
          <p>
            {props.members.length === 0 ? 'No technical user holds it.' : `${props.members.length} technical user${props.members.length === 1 ? '' : 's'} hold${props.members.length === 1 ? 's' : ''} it and will lose what it grants: ${props.members.slice(0, 5).map((m) => m.name).join(', ')}${props.members.length > 5 ? ', …' : ''}.`}
            {roles.some((r) => r.parentId === role.id) ? ` Its child roles move up to ${roles.find((r) => r.id === role.parentId)?.name ?? 'its parent'}.` : ''}
          </p>
        </Dialog>
      ) : null}
    </section>
  );
}

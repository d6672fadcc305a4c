import { useMemo, useState, type FormEvent } from 'react';
import { technicalUserKinds } from '../../../shared/api/technicalUsers.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import { findNameClash, planFull, planUsage, rootRoleExplanation } from '../../../shared/rules/technicalUserRules.ts';
import type { TesseraDatabase } from '../../db/database.ts';
import type { LocalTechnicalUser } from '../../db/schemas/technicalUserSchema.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { deleteTechnicalUser, saveTechnicalUser } from '../../sync/localEdits.ts';
import { useQuery } from '../../sync/useDatabase.ts';

export type UserEditorTarget =
  | { mode: 'create' }
  | { mode: 'edit'; user: LocalTechnicalUser }
  | { mode: 'resubmit'; tenantId: string; draft: Record<string, unknown>; masterExists: boolean; rejectionKey: string };

const kindLabels: Record<string, string> = { integration: 'Integration', webhook: 'Webhook', app: 'App', system: 'System' };

/** The basic editor for a technical user: works the same with every tenant offline. */
export function TechnicalUserEditor(props: { db: TesseraDatabase; target: UserEditorTarget; onClose: () => void }) {
  const { db, target } = props;
  const connections = useConnectionsStore((s) => s.connections);
  const initial = target.mode === 'edit' ? target.user : target.mode === 'resubmit' ? (target.draft as Partial<LocalTechnicalUser>) : null;
  const [tenantId, setTenantId] = useState(target.mode === 'edit' ? target.user.tenantId : target.mode === 'resubmit' ? target.tenantId : (connections[0]?.id ?? ''));
  const [name, setName] = useState(String(initial?.name ?? ''));
  const [description, setDescription] = useState(String(initial?.description ?? ''));
  const [kind, setKind] = useState(String(initial?.kind ?? 'integration'));
  const [active, setActive] = useState(initial?.active ?? true);
  const [roleIds, setRoleIds] = useState<string[]>((initial?.roleIds as string[] | undefined) ?? []);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const connection = connections.find((c) => c.id === tenantId);
  const users = useQuery(db.technicalusers, { selector: { tenantId } }, [tenantId]) ?? [];
  const rolesResult = useQuery(db.roles, { selector: { tenantId }, sort: [{ name: 'asc' }] }, [tenantId]);
  const rootRoleId = rolesResult?.find((r) => r.parentId === null)?.id ?? null;
  const selfId = target.mode === 'edit' ? target.user.id : target.mode === 'resubmit' && target.masterExists ? String(target.draft.id) : null;
  const clash = name.trim() ? findNameClash(name, users, selfId) : null;
  const creating = target.mode === 'create' || (target.mode === 'resubmit' && !target.masterExists);
  const plan = connection?.tenant ? planUsage(users, connection.tenant.plan.technicalUserLimit) : null;
  const blockedByPlan = creating && planFull(plan);
  const manyRoles = roleIds.length >= 4;
  const roleOptions = useMemo(() => (rolesResult ?? []).filter((r) => r.id !== rootRoleId), [rolesResult, rootRoleId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!tenantId || !name.trim() || clash || blockedByPlan) return;
    setBusy(true);
    setError(null);
    try {
      const fields = { name: name.trim(), description, kind: kind as LocalTechnicalUser['kind'], active, roleIds: roleIds.filter((id) => id !== rootRoleId) };
      if (target.mode === 'resubmit') {
        if (target.masterExists && (await db.technicalusers.findOne(localKey(tenantId, String(target.draft.id))).exec())) await saveTechnicalUser(db, tenantId, String(target.draft.id), fields);
        else await saveTechnicalUser(db, tenantId, null, fields, connection?.tenant?.timeZone);
        await (await db.rejections.findOne(target.rejectionKey).exec())?.remove();
      } else {
        await saveTechnicalUser(db, tenantId, target.mode === 'edit' ? target.user.id : null, fields, connection?.tenant?.timeZone);
      }
      const offline = connection?.state !== 'connected';
      useNoticesStore.getState().push({ kind: 'info', message: offline ? `Saved here. It goes to ${connection?.displayName ?? 'the tenant'} when it is reachable.` : `Saved ${fields.name}.` });
      props.onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (target.mode !== 'edit') return;
    setBusy(true);
    await deleteTechnicalUser(db, target.user.tenantId, target.user.id);
    setBusy(false);
    useNoticesStore.getState().push({ kind: 'info', message: `Deleted ${target.user.name} here; the tenant deletes it (and its tokens) when it syncs.` });
    props.onClose();
  };

  const title = target.mode === 'create' ? 'New technical user' : target.mode === 'resubmit' ? `Fix and resubmit ${name || 'the change'}` : `Edit ${target.user.name}`;
  return (
    <Dialog
      title={title}
      onClose={props.onClose}
      busy={busy}
      wide
      footer={
        <>
          {target.mode === 'edit' ? (
            confirmDelete ? (
              <span className="confirm-inline" role="group" aria-label="Confirm delete">
                Delete {target.user.name} and its tokens?
                <button type="button" className="button button-small button-danger-solid" onClick={() => void remove()} disabled={busy}>
                  Delete
                </button>
                <button type="button" className="button button-small" onClick={() => setConfirmDelete(false)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="button button-danger" onClick={() => setConfirmDelete(true)} disabled={busy}>
                Delete…
              </button>
            )
          ) : null}
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="user-editor" className="button button-primary" disabled={busy || !name.trim() || Boolean(clash) || blockedByPlan || !tenantId}>
            {target.mode === 'resubmit' ? 'Resubmit' : 'Save'}
          </button>
        </>
      }
    >
      <form id="user-editor" className="form" onSubmit={(e) => void submit(e)} noValidate>
        {target.mode === 'create' ? (
          <div className="field">
            <label htmlFor="user-tenant">Tenant</label>
            <select id="user-tenant" value={tenantId} onChange={(e) => { setTenantId(e.target.value); setRoleIds([]); }}>
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.displayName}
                  {c.state !== 'connected' ? ' (offline — saved here, sent later)' : ''}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {creating && plan ? (
          <p className={blockedByPlan ? 'alert alert-error' : 'field-hint'} role={blockedByPlan ? 'alert' : undefined}>
            Plan: {plan.used} of {plan.limit} technical users{blockedByPlan ? ` — the ${connection?.tenant?.plan.name ?? ''} plan is full, so a new technical user cannot be created. Delete one or raise the plan.` : ''}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="user-name">Name</label>
          <input id="user-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} autoFocus aria-invalid={clash ? true : undefined} aria-describedby="user-name-hint" />
          <p id="user-name-hint" className={clash ? 'field-error' : 'field-hint'} role={clash ? 'alert' : undefined}>
            {clash ? `"${clash.name}" already exists on this tenant (names ignore case).` : 'A clear name that says which system or task it serves. One technical user per integration.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="user-description">Description</label>
          <textarea id="user-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} />
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="user-kind">Kind</label>
            <select id="user-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {technicalUserKinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox field-checkbox">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            <span>Active (an inactive user's tokens are refused but kept)</span>
          </label>
        </div>
        <fieldset className="role-picker">
          <legend>Direct roles</legend>
          {roleOptions.length === 0 ? <p className="field-hint">No child roles on this tenant yet{connection?.state !== 'connected' ? ' in the local copy' : ''}.</p> : null}
          {roleOptions.map((role) => (
            <label key={role.id} className="checkbox">
              <input type="checkbox" checked={roleIds.includes(role.id)} onChange={(e) => setRoleIds((ids) => (e.target.checked ? [...ids, role.id] : ids.filter((id) => id !== role.id)))} />
              <span>{role.name}</span>
            </label>
          ))}
          <p className="field-hint">{rootRoleExplanation}</p>
          {manyRoles ? <p className="field-hint field-warning">Many roles: give each integration its own technical user with only the permissions it needs.</p> : null}
        </fieldset>
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}

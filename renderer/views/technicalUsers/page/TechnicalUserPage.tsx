import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Privileges } from '../../../../shared/api/roles.ts';
import { CodedError } from '../../../../shared/result.ts';
import { localKey } from '../../../../shared/sync/localDocuments.ts';
import { effectivePermissionsOf } from '../../../../shared/rules/effectivePermissions.ts';
import { findNameClash, planUsage, type PlanFacts } from '../../../../shared/rules/technicalUserRules.ts';
import type { InventoryIndex } from '../../../inventory/inventoryIndex.ts';
import { useInventoryIndex } from '../../../inventory/useInventory.ts';
import { Dialog } from '../../../shell/Dialog.tsx';
import { TenantBadge } from '../../../shell/TenantBadge.tsx';
import { useConnectionsStore } from '../../../state/connectionsStore.ts';
import { useInventoryStore, type UserPageTab as Tab, type UserPageTarget } from '../../../state/inventoryStore.ts';
import { UserTokensPanel } from '../../tokens/UserTokensPanel.tsx';
import { SystemUserIntegrations } from '../../people/SystemUserIntegrations.tsx';
import { IssueOnCreateCard, type IssueOnCreate } from '../../tokens/IssueOnCreateCard.tsx';
import { issueAfterCreate } from '../../tokens/issueAfterCreate.ts';
import { dateInputValue, expiryProblem, policyOf, tokenWorkBlocked } from '../../tokens/tokenFormat.ts';
import { useUiStore } from '../../../state/uiStore.ts';
import { useNoticesStore } from '../../../state/noticesStore.ts';
import { saveTechnicalUser } from '../../../sync/localEdits.ts';
import type { LocalReplica } from '../../../sync/localReplica.ts';
import { useQuery, useReplica } from '../../../sync/useDatabase.ts';
import { rootRoleIdOf } from '../inventory/BulkActions.tsx';
import { DeleteUserDialog } from './DeleteUserDialog.tsx';
import { EffectivePermissionsPanel } from './EffectivePermissionsPanel.tsx';
import { TechnicalUserForm } from './TechnicalUserForm.tsx';
import { UserHistory } from './UserHistory.tsx';
import { expectedValuesOf, ownChanges, remoteChangesOf, type SeenValues } from './remoteChanges.ts';
import { RemoteChangesPanel } from './RemoteChangesPanel.tsx';
import { draftOf, fieldsOf, validateDraft, type UserDraft } from './userDraft.ts';
import { TabList } from '../../../shell/TabList.tsx';


// The chart library loads with the Sessions tab, not with the page.
const UserSessionsPanel = lazy(() => import('../../sessions/UserSessionsPanel.tsx').then((m) => ({ default: m.UserSessionsPanel })));

/** A technical user's own page (or a new one): every field, its effective permissions and its history. */
export function TechnicalUserPage(props: { target: Exclude<UserPageTarget, { kind: 'inventory' }> }) {
  const replica = useReplica();
  const { index, version } = useInventoryIndex();
  if (!replica || !index) return <p className="muted empty-inline">Loading the local copy…</p>;
  // A new key (another user) starts a fresh form.
  return <UserPageBody key={props.target.kind === 'user' ? props.target.key : 'new'} replica={replica} index={index} version={version} target={props.target} />;
}

function UserPageBody(props: { replica: LocalReplica; index: InventoryIndex; version: number; target: Exclude<UserPageTarget, { kind: 'inventory' }> }) {
  const { replica, index, target } = props;
  const { db } = replica;
  const connections = useConnectionsStore((s) => s.connections);
  const open = useInventoryStore((s) => s.open);
  const creating = target.kind === 'new';
  const row = target.kind === 'user' ? index.row(target.key) : undefined;
  const [tenantId, setTenantId] = useState(() => (target.kind === 'user' ? (row?.tenantId ?? target.key.split('|')[0]!) : (target.tenantId ?? connections.find((c) => c.state === 'connected')?.id ?? connections[0]?.id ?? '')));
  const connection = connections.find((c) => c.id === tenantId);
  const userKey = target.kind === 'user' ? target.key : null;
  const stored = useQuery(db.technicalusers, { selector: { key: userKey ?? '-' } }, [userKey]);
  const storedDoc = stored?.[0] ?? null;
  const defaultTimeZone = connection?.tenant?.timeZone ?? 'UTC';
  // The stored state now (or a new user's defaults); the person's edits are a patch over it, so a sync
  // that changes other fields underneath shows at once and is never sent back as if edited here.
  const original = creating ? draftOf(null, { timeZone: defaultTimeZone }) : storedDoc ? draftOf(storedDoc as never, { timeZone: defaultTimeZone }) : null;
  const [patch, setPatch] = useState<Partial<UserDraft>>(() => (target.resubmit ? patchOf(target.resubmit.draft) : {}));
  // For each field the person edits, the stored value when they started editing it (the form's base), and the
  // values of others they chose to overwrite: a field someone else changed since is shown before saving.
  const [fieldBase, setFieldBase] = useState<Partial<Record<keyof UserDraft, unknown>>>({});
  const [seen, setSeen] = useState<SeenValues>({});
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>(() => (target.kind === 'user' && target.tab ? target.tab : 'details'));
  const [busy, setBusy] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const [pageOpenedAt] = useState(() => Date.now());
  const [tokenOnCreate, setTokenOnCreate] = useState<IssueOnCreate>(() => ({ enabled: false, label: '', expiry: dateInputValue(pageOpenedAt + policyOf(connection).defaultLifetimeDays * 86_400_000) }));
  const all = index.all();
  const setUnsaved = useUiStore((s) => s.setUnsaved);
  const requestedSection = useUiStore((s) => s.requestedSection);
  const { confirmNavigation, cancelNavigation } = useUiStore.getState();

  const plansByTenant = useMemo(() => {
    const map = new Map<string, PlanFacts>();
    for (const c of connections) if (c.tenant) map.set(c.id, planUsage(all.filter((r) => r.tenantId === c.id), c.tenant.plan.technicalUserLimit));
    return map;
  }, [connections, all]);
  const rootRoleId = rootRoleIdOf(connections, index)(tenantId);
  const tenantUsers = useMemo(() => all.filter((r) => r.tenantId === tenantId), [all, tenantId]);
  // The tenant's roles with their privileges, for the live effective-permissions preview.
  const tenantRoles = useQuery(db.roles, { selector: { tenantId } }, [tenantId]);
  const privilegesById = useMemo(() => new Map((tenantRoles ?? []).map((r) => [r.id, r.privileges as Privileges])), [tenantRoles]);
  const baseDoc = storedDoc ? ({ ...(storedDoc as Record<string, unknown>), ...fieldBase } as Record<string, unknown>) : null;
  const own = creating ? patch : baseDoc ? ownChanges(baseDoc, patch, defaultTimeZone) : {};
  const remote = !creating && baseDoc && storedDoc ? remoteChangesOf({ base: baseDoc, live: storedDoc as never, patch, seen, timeZone: defaultTimeZone }) : [];
  const dirty = original !== null && (Object.keys(own).length > 0 || Boolean(target.resubmit));
  const unsavedLabel = dirty ? (creating ? 'a new technical user' : (original?.name ?? 'a technical user')) : null;
  // Tell the shell, so switching sections asks before dropping the edits.
  useEffect(() => {
    setUnsaved(unsavedLabel);
    return () => setUnsaved(null);
  }, [unsavedLabel, setUnsaved]);

  if (!creating && stored !== null && !storedDoc) {
    return (
      <div className="page-body">
        <BackLink onBack={() => open({ kind: 'inventory' })} />
        <p className="alert alert-warning" role="alert">
          This technical user is not in the local copy any more — it was deleted here or on its tenant.
        </p>
      </div>
    );
  }
  if (!original) return <p className="muted empty-inline">Loading…</p>;
  const draft: UserDraft = { ...original, ...own };
  const edit = (change: Partial<UserDraft>) => {
    // A field's first edit fixes its base: what someone else changes in it from then on is theirs, not mine.
    if (!creating && storedDoc) {
      const stored = storedDoc as Record<string, unknown>;
      const fresh = (Object.keys({ ...patch, ...change }) as Array<keyof UserDraft>).filter((f) => !(f in fieldBase));
      if (fresh.length > 0) setFieldBase({ ...fieldBase, ...Object.fromEntries(fresh.map((f) => [f, stored[f]])) });
    }
    setSaveProblem(null);
    setPatch({ ...patch, ...change });
  };
  const resetEdits = () => {
    setPatch({});
    setFieldBase({});
    setSeen({});
    setSaveProblem(null);
  };

  const selfId = target.kind === 'user' ? (storedDoc?.id ?? null) : null;
  const clash = draft.name.trim() ? findNameClash(draft.name, tenantUsers, selfId) : null;
  const errors = validateDraft(draft);
  const plan = plansByTenant.get(tenantId) ?? null;
  const blockedByPlan = creating && plan !== null && plan.used >= plan.limit;
  const permissions = effectivePermissionsOf(draft.roleIds, (id) => privilegesById.get(id));
  const roleNames = draft.roleIds.map((id) => index.role(tenantId, id)?.name ?? id);
  const offline = connection?.state !== 'connected';
  const pending = row?.pending ?? false;
  const issueOnCreate = creating && draft.active && tokenOnCreate.enabled && !tokenWorkBlocked(connection, true);
  const tokenExpiryProblem = issueOnCreate ? expiryProblem(tokenOnCreate.expiry, pageOpenedAt, policyOf(connection)) : null;

  const leave = () => (dirty ? setConfirmLeave(true) : open({ kind: 'inventory' }));
  const discardAndGo = () => {
    setConfirmLeave(false);
    setUnsaved(null);
    if (requestedSection) confirmNavigation();
    else open({ kind: 'inventory' });
  };

  const save = async () => {
    setShowErrors(true);
    if (errors.size > 0 || clash || blockedByPlan || !tenantId || tokenExpiryProblem || remote.length > 0) return;
    setBusy(true);
    try {
      if (creating) {
        const id = await saveTechnicalUser(replica, tenantId, null, fieldsOf(draft), { defaultTimeZone: connection?.tenant?.timeZone ?? 'UTC' });
        await dropRejection(replica, target.resubmit?.rejectionKey);
        useNoticesStore.getState().push({ kind: 'info', message: offline ? `Created ${draft.name.trim()} here. It goes to ${connection?.displayName ?? 'the tenant'} when it is reachable.` : `Created ${draft.name.trim()}. It starts with the roles you gave it — no others.` });
        setUnsaved(null);
        open({ kind: 'user', key: localKey(tenantId, id), ...(issueOnCreate ? { tab: 'tokens' as const } : {}) });
        // The page is the new user's now; the token follows once the tenant has the user.
        if (issueOnCreate) void issueAfterCreate(replica, { tenantId, id, name: draft.name.trim(), label: tokenOnCreate.label.trim(), expiryDate: tokenOnCreate.expiry, maxLifetimeDays: policyOf(connection).maxLifetimeDays });
      } else if (storedDoc) {
        // Only the fields changed here, each checked against the stored value the person decided against.
        const all = fieldsOf(draft) as Record<string, unknown>;
        const fields = Object.fromEntries(Object.keys(own).map((f) => [f, all[f]]));
        if (Object.keys(fields).length > 0) await saveTechnicalUser(replica, tenantId, storedDoc.id, fields, { expected: expectedValuesOf(baseDoc ?? (storedDoc as never), seen, Object.keys(fields)) });
        await dropRejection(replica, target.kind === 'user' ? target.resubmit?.rejectionKey : undefined);
        useNoticesStore.getState().push({ kind: 'info', message: offline ? `Saved here. It goes to ${connection?.displayName ?? 'the tenant'} when it is reachable.` : `Saved ${draft.name.trim()}.` });
        resetEdits();
        if (target.kind === 'user' && target.resubmit) open({ kind: 'user', key: target.key });
      }
      setShowErrors(false);
    } catch (error) {
      // Someone's change landed just now: the form shows both values (the copy here has it already).
      if (error instanceof CodedError && error.code === 'changed_meanwhile') setSaveProblem(error.message);
      else useNoticesStore.getState().push({ kind: 'error', message: `Not saved: ${error instanceof Error ? error.message : String(error)}`, code: 'save_failed' });
    } finally {
      setBusy(false);
    }
  };

  const title = creating ? 'New technical user' : original.name;
  const resubmit = target.resubmit;
  return (
    <div className="user-page">
      <header className="page-header page-header-compact">
        <div>
          <BackLink onBack={leave} />
          <h1 id="page-title" tabIndex={-1}>
            {title}
          </h1>
          <div className="user-badges">
            {connection ? <TenantBadge connection={connection} /> : null}
            {!creating ? <span className={`badge ${draft.active ? 'badge-ok' : 'badge-muted'}`}>{original.active ? 'Active' : 'Inactive'}</span> : null}
            {pending ? <span className="badge badge-warning">Pending sync</span> : null}
            {offline ? <span className="badge badge-muted">Tenant offline — changes wait here</span> : null}
            {row?.externalAuthId === 'rest_system' ? <span className="badge badge-muted">System user (outside the plan)</span> : null}
          </div>
        </div>
        <div className="page-actions">
          {!creating ? (
            <button type="button" className="button button-danger" onClick={() => setDeleting(true)} disabled={busy}>
              Delete…
            </button>
          ) : null}
        </div>
      </header>
      {resubmit ? (
        <p className="alert alert-error page-alert" role="alert">
          The tenant refused this change: {resubmit.reason} Fix it and save to send it again.
        </p>
      ) : null}
      <TabList label="Technical user" tabs={(['details', 'permissions', ...(creating ? [] : ['tokens', 'sessions', 'history'])] as Tab[]).map((t) => ({ id: t, label: tabLabels[t], tabId: `tab-${t}`, panelId: `panel-${t}` }))} selected={tab} onSelect={setTab} />
      <div className="page-body user-page-body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'details' ? (
          <>
          <RemoteChangesPanel
            changes={remote}
            roleName={(id) => index.role(tenantId, id)?.name ?? id}
            onKeepMine={(field) => setSeen({ ...seen, [field]: (storedDoc as Record<string, unknown> | null)?.[field] ?? null })}
            onTakeTheirs={(field) => {
              const { [field]: _mine, ...rest } = patch;
              const { [field]: _seen, ...seenRest } = seen;
              const { [field]: _base, ...baseRest } = fieldBase;
              setPatch(rest);
              setSeen(seenRest);
              setFieldBase(baseRest);
            }}
          />
          <TechnicalUserForm
            mode={creating ? 'create' : 'edit'}
            draft={draft}
            onChange={edit}
            errors={showErrors ? errors : new Map([...errors].filter(([k]) => k !== 'name' || draft.name !== ''))}
            clashName={clash?.name ?? null}
            connections={connections}
            tenantId={tenantId}
            onTenantChange={(id) => {
              setTenantId(id);
              edit({ roleIds: [] });
            }}
            plansByTenant={plansByTenant}
            index={index}
            rootRoleId={rootRoleId}
          />
          {!creating && storedDoc && row?.externalAuthId === 'rest_system' ? (
            <SystemUserIntegrations connection={connection} systemUserId={storedDoc.id} systemUserName={original.name} technicalUserIds={new Set(tenantUsers.map((u) => u.id))} />
          ) : null}
          {creating ? <IssueOnCreateCard connection={connection} userActive={draft.active} value={tokenOnCreate} onChange={setTokenOnCreate} now={pageOpenedAt} /> : null}
          </>
        ) : tab === 'permissions' ? (
          <EffectivePermissionsPanel permissions={permissions} roleNames={roleNames} active={draft.active} />
        ) : tab === 'tokens' && storedDoc ? (
          // What a token can do is what is saved, not unsaved edits on the Details tab.
          <UserTokensPanel
            replica={replica}
            connection={connection}
            user={{ tenantId, id: storedDoc.id, name: original.name, active: original.active }}
            permissions={effectivePermissionsOf(original.roleIds, (id) => privilegesById.get(id))}
            roleNames={original.roleIds.map((id) => index.role(tenantId, id)?.name ?? id)}
          />
        ) : tab === 'sessions' && storedDoc ? (
          <Suspense fallback={<p className="muted empty-inline">Loading the chart…</p>}>
            <UserSessionsPanel replica={replica} connection={connection} tenantId={tenantId} userId={storedDoc.id} userName={original.name} initialDate={target.kind === 'user' ? target.sessionDate : undefined} />
          </Suspense>
        ) : storedDoc ? (
          <UserHistory replica={replica} index={index} tenantId={tenantId} userId={storedDoc.id} />
        ) : null}
      </div>
      {tab === 'details' || dirty ? (
      <footer className="form-footer">
        {remote.length > 0 ? (
          <span className="field-error" role="status">
            {remote.length === 1 ? 'A field you changed was' : `${remote.length} fields you changed were`} changed by someone else — choose above which value to keep.
          </span>
        ) : saveProblem ? (
          <span className="field-error" role="status">
            {saveProblem}
          </span>
        ) : dirty ? (
          <span className="muted">Unsaved changes</span>
        ) : (
          <span className="muted">{creating ? '' : 'All changes saved here'}</span>
        )}
        <span className="spacer" />
        <button type="button" className="button" disabled={busy || (!dirty && !creating)} onClick={() => (creating ? open({ kind: 'inventory' }) : resetEdits())}>
          {creating ? 'Cancel' : 'Discard changes'}
        </button>
        <button type="button" className="button button-primary" disabled={busy || (!dirty && !creating) || Boolean(clash) || blockedByPlan || (showErrors && errors.size > 0) || Boolean(tokenExpiryProblem) || remote.length > 0} onClick={() => void save()}>
          {creating ? (issueOnCreate ? 'Create and issue token' : 'Create technical user') : resubmit ? 'Save and resubmit' : 'Save'}
        </button>
      </footer>
      ) : null}
      {confirmLeave || requestedSection ? (
        <Dialog
          title="Leave without saving?"
          onClose={() => (setConfirmLeave(false), cancelNavigation())}
          footer={
            <>
              <span className="spacer" />
              <button
                type="button"
                className="button"
                onClick={() => {
                  setConfirmLeave(false);
                  cancelNavigation();
                }}
              >
                Keep editing
              </button>
              <button type="button" className="button button-danger-solid" onClick={discardAndGo}>
                Discard changes
              </button>
            </>
          }
        >
          <p>Your changes to {title} are not saved yet.</p>
        </Dialog>
      ) : null}
      {deleting && storedDoc ? <DeleteUserDialog replica={replica} tenantUsers={tenantUsers.length} user={{ tenantId, id: storedDoc.id, name: storedDoc.name }} connection={connection} onClose={() => setDeleting(false)} /> : null}
    </div>
  );
}

const tabLabels: Record<Tab, string> = { details: 'Details', permissions: 'Effective permissions', tokens: 'API tokens', sessions: 'Sessions', history: 'History' };

function BackLink(props: { onBack: () => void }) {
  return (
    <button type="button" className="link-button back-link" onClick={props.onBack}>
      ← Technical users
    </button>
  );
}

/** The fields of a refused draft the form edits. */
function patchOf(draft: Record<string, unknown>): Partial<UserDraft> {
  const full = draftOf(draft as never, { timeZone: 'UTC' });
  return Object.fromEntries(Object.keys(full).filter((k) => k in draft).map((k) => [k, full[k as keyof UserDraft]])) as Partial<UserDraft>;
}

async function dropRejection(replica: LocalReplica, key: string | undefined): Promise<void> {
  if (key) await replica.notes.dropRejection(key);
}

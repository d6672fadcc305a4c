import { useReducer, useState } from 'react';
import { localKey, splitLocalKey } from '../../../../shared/sync/localDocuments.ts';
import { effectivePermissionsOf } from '../../../../shared/rules/effectivePermissions.ts';
import { findNameClash } from '../../../../shared/rules/technicalUserRules.ts';
import type { InventoryIndex } from '../../../inventory/inventoryIndex.ts';
import { useInventoryIndex } from '../../../inventory/useInventory.ts';
import { useConnectionsStore } from '../../../state/connectionsStore.ts';
import { useInventoryStore, type UserPageTab as Tab, type UserPageTarget } from '../../../state/inventoryStore.ts';
import { SystemUserIntegrations } from '../../people/SystemUserIntegrations.tsx';
import { IssueOnCreateCard, type IssueOnCreate } from '../../tokens/IssueOnCreateCard.tsx';
import { issueAfterCreate } from '../../tokens/issueAfterCreate.ts';
import { dateInputValue, expiryProblem, policyOf, tokenWorkBlocked } from '../../tokens/tokenFormat.ts';
import { useNoticesStore } from '../../../state/noticesStore.ts';
import type { LocalReplica } from '../../../sync/localReplica.ts';
import { useQuery, useReplica } from '../../../sync/useDatabase.ts';
import { DeleteUserDialog } from './DeleteUserDialog.tsx';
import { EffectivePermissionsPanel } from './EffectivePermissionsPanel.tsx';
import { TechnicalUserForm } from './TechnicalUserForm.tsx';
import { SavedUserTab } from './SavedUserTab.tsx';
import { ownChanges, remoteChangesOf } from './remoteChanges.ts';
import { RemoteChangesPanel } from './RemoteChangesPanel.tsx';
import { draftOf, validateDraft, type UserDraft } from './userDraft.ts';
import { noEdits, userEditsReducer } from './userEdits.ts';
import { saveUserForm } from './saveUserForm.ts';
import { useLeaveGuard } from './useLeaveGuard.ts';
import { useTenantFormFacts } from './useTenantFormFacts.ts';
import { BackLink, LeaveDialog, UserPageFooter, UserPageHeader } from './UserPageParts.tsx';
import { TabList } from '../../../shell/TabList.tsx';

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
  const [tenantId, setTenantId] = useState(() => (target.kind === 'user' ? (row?.tenantId ?? splitLocalKey(target.key).tenantId) : (target.tenantId ?? connections.find((c) => c.state === 'connected')?.id ?? connections[0]?.id ?? '')));
  const connection = connections.find((c) => c.id === tenantId);
  const userKey = target.kind === 'user' ? target.key : null;
  const stored = useQuery(db.technicalusers, { selector: { key: userKey ?? '-' } }, [userKey]);
  const storedDoc = stored?.[0] ?? null;
  const defaultTimeZone = connection?.tenant?.timeZone ?? 'UTC';
  // The stored state now (or a new user's defaults); the person's edits are a patch over it, so a sync
  // that changes other fields underneath shows at once and is never sent back as if edited here.
  const original = creating ? draftOf(null, { timeZone: defaultTimeZone }) : storedDoc ? draftOf(storedDoc as never, { timeZone: defaultTimeZone }) : null;
  // The person's edits over the stored document (userEdits.ts): a field someone else changed since is shown before saving.
  const [edits, dispatch] = useReducer(userEditsReducer, target.resubmit, (resubmit) => (resubmit ? { ...noEdits, patch: patchOf(resubmit.draft) } : noEdits));
  const { patch, fieldBase, seen, saveProblem } = edits;
  const [tab, setTab] = useState<Tab>(() => (target.kind === 'user' && target.tab ? target.tab : 'details'));
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const [pageOpenedAt] = useState(() => Date.now());
  const [tokenOnCreate, setTokenOnCreate] = useState<IssueOnCreate>(() => ({ enabled: false, label: '', expiry: dateInputValue(pageOpenedAt + policyOf(connection).defaultLifetimeDays * 86_400_000) }));
  const { plansByTenant, tenantUsers, privilegesById, rootRoleId } = useTenantFormFacts(db, index, connections, tenantId);
  const baseDoc = storedDoc ? ({ ...(storedDoc as Record<string, unknown>), ...fieldBase } as Record<string, unknown>) : null;
  const own = creating ? patch : baseDoc ? ownChanges(baseDoc, patch, defaultTimeZone) : {};
  const remote = !creating && baseDoc && storedDoc ? remoteChangesOf({ base: baseDoc, live: storedDoc as never, patch, seen, timeZone: defaultTimeZone }) : [];
  const dirty = original !== null && (Object.keys(own).length > 0 || Boolean(target.resubmit));
  const unsavedLabel = dirty ? (creating ? 'a new technical user' : (original?.name ?? 'a technical user')) : null;
  const leaving = useLeaveGuard(unsavedLabel, () => open({ kind: 'inventory' }));

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
  const edit = (change: Partial<UserDraft>) => dispatch({ type: 'edit', change, stored: !creating && storedDoc ? (storedDoc as Record<string, unknown>) : null });
  const resetEdits = () => dispatch({ type: 'reset' });

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

  const save = async () => {
    setShowErrors(true);
    if (errors.size > 0 || clash || blockedByPlan || !tenantId || tokenExpiryProblem || remote.length > 0) return;
    setBusy(true);
    try {
      const outcome = await saveUserForm(replica, {
        tenantId,
        draft,
        stored: creating ? null : (storedDoc as (Record<string, unknown> & { id: string }) | null),
        own,
        base: baseDoc,
        seen,
        defaultTimeZone,
        rejectionKey: target.resubmit?.rejectionKey,
      });
      const where = connection?.displayName ?? 'the tenant';
      if (outcome.kind === 'changedMeanwhile') {
        dispatch({ type: 'saveRefused', problem: outcome.problem });
        return;
      }
      if (outcome.kind === 'created') {
        useNoticesStore.getState().push({ kind: 'info', message: offline ? `Created ${draft.name.trim()} here. It goes to ${where} when it is reachable.` : `Created ${draft.name.trim()}. It starts with the roles you gave it — no others.` });
        leaving.saved();
        open({ kind: 'user', key: localKey(tenantId, outcome.id), ...(issueOnCreate ? { tab: 'tokens' as const } : {}) });
        // The page is the new user's now; the token follows once the tenant has the user.
        if (issueOnCreate) void issueAfterCreate(replica, { tenantId, id: outcome.id, name: draft.name.trim(), label: tokenOnCreate.label, expiryDate: tokenOnCreate.expiry, maxLifetimeDays: policyOf(connection).maxLifetimeDays });
      } else {
        useNoticesStore.getState().push({ kind: 'info', message: offline ? `Saved here. It goes to ${where} when it is reachable.` : `Saved ${draft.name.trim()}.` });
        resetEdits();
        if (target.kind === 'user' && target.resubmit) open({ kind: 'user', key: target.key });
      }
      setShowErrors(false);
    } catch (error) {
      useNoticesStore.getState().push({ kind: 'error', message: `Not saved: ${error instanceof Error ? error.message : String(error)}`, code: 'save_failed' });
    } finally {
      setBusy(false);
    }
  };

  const title = creating ? 'New technical user' : original.name;
  const resubmit = target.resubmit;
  return (
    <div className="user-page">
      <UserPageHeader
        title={title}
        connection={connection}
        creating={creating}
        active={original.active}
        draftActive={draft.active}
        pending={pending}
        offline={offline}
        systemUser={row?.externalAuthId === 'rest_system'}
        busy={busy}
        onBack={leaving.leave}
        onDelete={() => setDeleting(true)}
      />
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
            onKeepMine={(field) => dispatch({ type: 'keepMine', field, theirs: (storedDoc as Record<string, unknown> | null)?.[field] })}
            onTakeTheirs={(field) => dispatch({ type: 'takeTheirs', field })}
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
        ) : storedDoc ? (
          <SavedUserTab tab={tab} replica={replica} index={index} connection={connection} tenantId={tenantId} user={{ id: storedDoc.id, ...original }} privilegesById={privilegesById} sessionDate={target.kind === 'user' ? target.sessionDate : undefined} />
        ) : null}
      </div>
      {tab === 'details' || dirty ? (
        <UserPageFooter
          creating={creating}
          dirty={dirty}
          busy={busy}
          conflicts={remote.length}
          saveProblem={saveProblem}
          saveBlocked={Boolean(clash) || blockedByPlan || (showErrors && errors.size > 0) || Boolean(tokenExpiryProblem) || remote.length > 0}
          saveLabel={creating ? (issueOnCreate ? 'Create and issue token' : 'Create technical user') : resubmit ? 'Save and resubmit' : 'Save'}
          onDiscard={() => (creating ? open({ kind: 'inventory' }) : resetEdits())}
          onSave={() => void save()}
        />
      ) : null}
      {leaving.asking ? <LeaveDialog title={title} onStay={leaving.stay} onDiscard={leaving.discardAndGo} /> : null}
      {deleting && storedDoc ? <DeleteUserDialog replica={replica} tenantUsers={tenantUsers.length} user={{ tenantId, id: storedDoc.id, name: storedDoc.name }} connection={connection} onClose={() => setDeleting(false)} /> : null}
    </div>
  );
}

const tabLabels: Record<Tab, string> = { details: 'Details', permissions: 'Effective permissions', tokens: 'API tokens', sessions: 'Sessions', history: 'History' };

/** The fields of a refused draft the form edits. */
function patchOf(draft: Record<string, unknown>): Partial<UserDraft> {
  const full = draftOf(draft as never, { timeZone: 'UTC' });
  return Object.fromEntries(Object.keys(full).filter((k) => k in draft).map((k) => [k, full[k as keyof UserDraft]])) as Partial<UserDraft>;
}

import { useMemo, useState } from 'react';
import type { ConnectionView } from '../../../../shared/connections.ts';
import type { InventoryColumn, InventoryNames } from '../../../../shared/console/inventoryColumns.ts';
import type { InventoryRow } from '../../../../shared/console/inventoryRow.ts';
import { nameKey, rootRoleExplanation } from '../../../../shared/rules/technicalUserRules.ts';
import type { LocalReplica } from '../../../sync/localReplica.ts';
import { accessLossOf, applyBulkPlan, planBulkChange, type AccessLoss, type BulkChange, type BulkPlan } from '../../../inventory/bulkEdits.ts';
import type { InventoryIndex } from '../../../inventory/inventoryIndex.ts';
import { Dialog } from '../../../shell/Dialog.tsx';
import { useInventoryStore } from '../../../state/inventoryStore.ts';
import { useNoticesStore } from '../../../state/noticesStore.ts';
import { ExportMenu } from './InventoryMenus.tsx';
import { useMinuteClock } from '../../../inventory/useInventory.ts';
import { DisabledReason, disabledWith } from '../../../shell/DisabledReason.tsx';

export function rootRoleIdOf(connections: readonly ConnectionView[], index: InventoryIndex) {
  return (tenantId: string): string | null => connections.find((c) => c.id === tenantId)?.tenant?.rootRoleId ?? index.rolesOf(tenantId).find((r) => r.parentId === null)?.id ?? null;
}

/** The bar that appears with a selection: (de)activate, add or remove a role, export. */
export function BulkActions(props: { replica: LocalReplica; index: InventoryIndex; selectedRows: readonly InventoryRow[]; connections: readonly ConnectionView[]; columns: readonly InventoryColumn[]; names: InventoryNames }) {
  const [dialog, setDialog] = useState<BulkChange['kind'] | null>(null);
  const [running, setRunning] = useState<{ done: number; total: number } | null>(null);
  const rootOf = useMemo(() => rootRoleIdOf(props.connections, props.index), [props.connections, props.index]);
  const count = props.selectedRows.length;
  const now = useMinuteClock();

  const run = async (change: BulkChange, plan: BulkPlan) => {
    setDialog(null);
    setRunning({ done: 0, total: plan.changes.length });
    const result = await applyBulkPlan(props.replica, plan, (done, total) => setRunning({ done, total }));
    setRunning(null);
    const what = change.kind === 'active' ? (change.active ? 'Activated' : 'Deactivated') : change.kind === 'addRole' ? `Added the role "${change.roleName}" to` : `Removed the role "${change.roleName}" from`;
    const skipped = [...plan.skippedTenants.values()].reduce((a, b) => a + b, 0);
    const notes = [plan.unchanged > 0 ? `${plan.unchanged} already as asked` : '', skipped > 0 ? `${skipped} skipped (no such role on their tenant)` : ''].filter(Boolean).join('; ');
    useNoticesStore.getState().push({ kind: 'info', message: `${what} ${result.done} technical user${result.done === 1 ? '' : 's'}${notes ? ` (${notes})` : ''}. Offline tenants get the changes when they are back.` });
    for (const failure of result.failed.slice(0, 3)) useNoticesStore.getState().push({ kind: 'error', message: `${failure.name}: ${failure.reason}`, code: 'bulk_change_failed' });
  };

  // Activating gives access back and runs at once; deactivating takes it away and asks first.
  const activate = () => {
    const change: BulkChange = { kind: 'active', active: true };
    void run(change, planBulkChange(props.selectedRows, change, props.index, rootOf));
  };

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected technical users">
      <strong>{count.toLocaleString()} selected</strong>
      {running ? (
        <span role="status" className="progress-line">
          <progress value={running.done} max={Math.max(1, running.total)} /> {running.done.toLocaleString()} of {running.total.toLocaleString()}
        </span>
      ) : (
        <>
          <button type="button" className="button button-small" onClick={activate}>
            Activate
          </button>
          <button type="button" className="button button-small" onClick={() => setDialog('active')}>
            Deactivate…
          </button>
          <button type="button" className="button button-small" onClick={() => setDialog('addRole')}>
            Add role…
          </button>
          <button type="button" className="button button-small" onClick={() => setDialog('removeRole')}>
            Remove role…
          </button>
          <ExportMenu rows={props.selectedRows} columns={props.columns} names={props.names} what="selected technical users" label="Export selection" small />
          <button type="button" className="button button-small" onClick={() => useInventoryStore.getState().clearSelection()}>
            Clear selection
          </button>
        </>
      )}
      {dialog === 'addRole' || dialog === 'removeRole' ? <BulkRoleDialog kind={dialog} {...props} now={now} rootOf={rootOf} onCancel={() => setDialog(null)} onRun={(change, plan) => void run(change, plan)} /> : null}
      {dialog === 'active' ? <BulkDeactivateDialog {...props} now={now} rootOf={rootOf} onCancel={() => setDialog(null)} onRun={(change, plan) => void run(change, plan)} /> : null}
    </div>
  );
}

/** Who is affected on which tenant, and what stops working for them: the part every access-removing bulk dialog shows. */
function AccessLossSummary(props: { loss: AccessLoss; connections: readonly ConnectionView[]; consequence: string }) {
  const { loss } = props;
  const tenantOf = (id: string) => props.connections.find((c) => c.id === id);
  const offline = loss.byTenant.filter((t) => tenantOf(t.tenantId)?.state !== 'connected');
  return (
    <div className="access-loss">
      <ul className="plan-list" aria-label="Affected tenants">
        {loss.byTenant.map((t) => (
          <li key={t.tenantId}>
            <strong>{tenantOf(t.tenantId)?.displayName ?? 'A removed tenant'}</strong>: {t.users.toLocaleString()} technical user{t.users === 1 ? '' : 's'}
            {t.workingTokens > 0 ? `, ${t.workingTokens.toLocaleString()} working API token${t.workingTokens === 1 ? '' : 's'}` : ', no working API tokens'}
          </li>
        ))}
      </ul>
      <p className="alert alert-warning" role="note">
        {props.consequence}
      </p>
      {offline.length > 0 ? (
        <p className="field-hint">
          {offline.map((t) => tenantOf(t.tenantId)?.displayName ?? 'A removed tenant').join(', ')} {offline.length === 1 ? 'is' : 'are'} not connected now: the change waits here and takes effect there when {offline.length === 1 ? 'it is' : 'they are'} back.
        </p>
      ) : null}
    </div>
  );
}

const deactivate: BulkChange = { kind: 'active', active: false };

function BulkDeactivateDialog(props: {
  now: number;
  index: InventoryIndex;
  selectedRows: readonly InventoryRow[];
  connections: readonly ConnectionView[];
  rootOf: (tenantId: string) => string | null;
  onCancel: () => void;
  onRun: (change: BulkChange, plan: BulkPlan) => void;
}) {
  const change: BulkChange = deactivate;
  const plan = useMemo(() => planBulkChange(props.selectedRows, deactivate, props.index, props.rootOf), [props.selectedRows, props.index, props.rootOf]);
  const loss = useMemo(() => accessLossOf(plan, props.now), [plan, props.now]);
  const n = plan.changes.length;
  return (
    <Dialog
      title={`Deactivate ${n.toLocaleString()} technical user${n === 1 ? '' : 's'}?`}
      onClose={props.onCancel}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-danger" {...disabledWith(n === 0 ? 'Every selected technical user is inactive already.' : null, 'bulk-deactivate-why')} onClick={() => props.onRun(change, plan)}>
            {n === 0 ? 'Nothing to deactivate' : `Deactivate ${n.toLocaleString()}`}
          </button>
        </>
      }
    >
      {n === 0 ? (
        <p>Every selected technical user is inactive already; nothing would change.</p>
      ) : (
        <AccessLossSummary
          loss={loss}
          connections={props.connections}
          consequence={`From the moment each tenant takes the change, it refuses ${loss.workingTokens === 0 ? 'any token of these users' : `their ${loss.workingTokens.toLocaleString()} working API token${loss.workingTokens === 1 ? '' : 's'}`}: integrations that call as them stop working until they are activated again. Their tokens are not revoked.`}
        />
      )}
      {plan.unchanged > 0 ? <p className="field-hint">{plan.unchanged.toLocaleString()} of the selection {plan.unchanged === 1 ? 'is' : 'are'} inactive already and stay{plan.unchanged === 1 ? 's' : ''} as {plan.unchanged === 1 ? 'it is' : 'they are'}.</p> : null}
    </Dialog>
  );
}

function BulkRoleDialog(props: {
  now: number;
  kind: 'addRole' | 'removeRole';
  index: InventoryIndex;
  selectedRows: readonly InventoryRow[];
  connections: readonly ConnectionView[];
  rootOf: (tenantId: string) => string | null;
  onCancel: () => void;
  onRun: (change: BulkChange, plan: BulkPlan) => void;
}) {
  const tenants = useMemo(() => [...new Set(props.selectedRows.map((r) => r.tenantId))], [props.selectedRows]);
  // Role names on the selected users' tenants, never the root role.
  const roleNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const tenantId of tenants) {
      const root = props.rootOf(tenantId);
      for (const role of props.index.rolesOf(tenantId)) if (role.id !== root && role.parentId !== null) names.set(nameKey(role.name), role.name);
    }
    return [...names.values()].sort((a, b) => a.localeCompare(b));
  }, [tenants, props]);
  const [roleName, setRoleName] = useState(roleNames[0] ?? '');
  const change: BulkChange = { kind: props.kind, roleName };
  const plan = roleName ? planBulkChange(props.selectedRows, change, props.index, props.rootOf) : null;
  const tenantName = (id: string) => props.connections.find((c) => c.id === id)?.displayName ?? 'a removed tenant';
  // A disabled button says why, next to it.
  const why = !plan
    ? 'The selected users’ tenants have no role to choose.'
    : plan.changes.length > 0
      ? null
      : plan.unchanged > 0
        ? `Every selected user ${props.kind === 'addRole' ? 'has' : 'lacks'} this role already.`
        : `No selected user’s tenant has a role named “${roleName}”.`;
  return (
    <Dialog
      title={props.kind === 'addRole' ? 'Add a role to the selected technical users' : 'Remove a role from the selected technical users'}
      onClose={props.onCancel}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
          <DisabledReason id="bulk-role-why" why={why} />
          <button type="button" className="button button-primary" {...disabledWith(why, 'bulk-role-why')} onClick={() => plan && props.onRun(change, plan)}>
            {props.kind === 'addRole' ? 'Add role' : 'Remove role'}
            {plan && plan.changes.length > 0 ? ` ${props.kind === 'addRole' ? 'to' : 'from'} ${plan.changes.length}` : ''}
          </button>
        </>
      }
    >
      <div className="form">
        <div className="field">
          <label htmlFor="bulk-role">Role</label>
          <select id="bulk-role" value={roleName} onChange={(e) => setRoleName(e.target.value)}>
            {roleNames.length === 0 ? <option value="">No roles on these tenants</option> : null}
            {roleNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <p className="field-hint">Roles are per tenant: the role with this name on each user’s own tenant is used. {rootRoleExplanation}</p>
        </div>
        {plan && props.kind === 'removeRole' && plan.changes.length > 0 ? (
          <AccessLossSummary
            loss={accessLossOf(plan, props.now)}
            connections={props.connections}
            consequence={`Each of them loses what the role “${roleName}” grants on its tenant (unless another of its roles grants the same): calls that need those permissions are refused from the moment the tenant takes the change.`}
          />
        ) : null}
        {plan ? (
          <ul className="plan-list" aria-label="What will happen">
            <li>
              {plan.changes.length.toLocaleString()} technical user{plan.changes.length === 1 ? '' : 's'} will {props.kind === 'addRole' ? 'get' : 'lose'} the role.
            </li>
            {plan.unchanged > 0 ? <li>{plan.unchanged.toLocaleString()} already {props.kind === 'addRole' ? 'have' : 'lack'} it.</li> : null}
            {[...plan.skippedTenants].map(([tenantId, n]) => (
              <li key={tenantId} className="field-warning">
                {n.toLocaleString()} on {tenantName(tenantId)} skipped: that tenant has no role named “{roleName}”.
              </li>
            ))}
          </ul>
        ) : null}
        {props.kind === 'addRole' && roleName ? <p className="field-hint">One technical user per integration, with the least privilege it needs: check that every selected integration needs this role.</p> : null}
      </div>
    </Dialog>
  );
}

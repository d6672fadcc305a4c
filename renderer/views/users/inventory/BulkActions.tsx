import { useMemo, useState } from 'react';
import type { ConnectionView } from '../../../../shared/connections.ts';
import type { InventoryColumn, InventoryNames } from '../../../../shared/console/inventoryColumns.ts';
import type { InventoryRow } from '../../../../shared/console/inventoryRow.ts';
import { rootRoleExplanation } from '../../../../shared/rules/technicalUserRules.ts';
import type { LocalReplica } from '../../../sync/localReplica.ts';
import { applyBulkPlan, planBulkChange, type BulkChange, type BulkPlan } from '../../../inventory/bulkEdits.ts';
import type { InventoryIndex } from '../../../inventory/inventoryIndex.ts';
import { Dialog } from '../../../shell/Dialog.tsx';
import { useInventoryStore } from '../../../state/inventoryStore.ts';
import { useNoticesStore } from '../../../state/noticesStore.ts';
import { ExportMenu } from './InventoryMenus.tsx';

export function rootRoleIdOf(connections: readonly ConnectionView[], index: InventoryIndex) {
  return (tenantId: string): string | null => connections.find((c) => c.id === tenantId)?.tenant?.rootRoleId ?? index.rolesOf(tenantId).find((r) => r.parentId === null)?.id ?? null;
}

/** The bar that appears with a selection: (de)activate, add or remove a role, export. */
export function BulkActions(props: { replica: LocalReplica; index: InventoryIndex; selectedRows: readonly InventoryRow[]; connections: readonly ConnectionView[]; columns: readonly InventoryColumn[]; names: InventoryNames }) {
  const [dialog, setDialog] = useState<BulkChange['kind'] | null>(null);
  const [running, setRunning] = useState<{ done: number; total: number } | null>(null);
  const rootOf = useMemo(() => rootRoleIdOf(props.connections, props.index), [props.connections, props.index]);
  const count = props.selectedRows.length;

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

  const quick = (active: boolean) => {
    const change: BulkChange = { kind: 'active', active };
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
          <button type="button" className="button button-small" onClick={() => quick(true)}>
            Activate
          </button>
          <button type="button" className="button button-small" onClick={() => quick(false)}>
            Deactivate
          </button>
          <button type="button" className="button button-small" onClick={() => setDialog('addRole')}>
            Add role…
          </button>
          <button type="button" className="button button-small" onClick={() => setDialog('removeRole')}>
            Remove role…
          </button>
          <ExportMenu rows={props.selectedRows} columns={props.columns} names={props.names} what="selected technical users" label="Export selection" />
          <button type="button" className="button button-small button-quiet" onClick={() => useInventoryStore.getState().clearSelection()}>
            Clear selection
          </button>
        </>
      )}
      {dialog === 'addRole' || dialog === 'removeRole' ? <BulkRoleDialog kind={dialog} {...props} rootOf={rootOf} onCancel={() => setDialog(null)} onRun={(change, plan) => void run(change, plan)} /> : null}
    </div>
  );
}

function BulkRoleDialog(props: {
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
      for (const role of props.index.rolesOf(tenantId)) if (role.id !== root && role.parentId !== null) names.set(role.name.toLocaleLowerCase('en-US'), role.name);
    }
    return [...names.values()].sort((a, b) => a.localeCompare(b));
  }, [tenants, props]);
  const [roleName, setRoleName] = useState(roleNames[0] ?? '');
  const change: BulkChange = { kind: props.kind, roleName };
  const plan = roleName ? planBulkChange(props.selectedRows, change, props.index, props.rootOf) : null;
  const tenantName = (id: string) => props.connections.find((c) => c.id === id)?.displayName ?? 'a removed tenant';
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
          <button type="button" className="button button-primary" disabled={!plan || plan.changes.length === 0} onClick={() => plan && props.onRun(change, plan)}>
            {props.kind === 'addRole' ? 'Add role' : 'Remove role'}
            {plan && plan.changes.length > 0 ? ` to ${plan.changes.length}` : ''}
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

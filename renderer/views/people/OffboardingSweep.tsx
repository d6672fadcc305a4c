import { useState } from 'react';
import { isEmail, tenantsToLookUp, tenantsToRun, type SweepStatus } from '../../../shared/console/sweep.ts';
import { fullNameOf, terminationPlan } from '../../../shared/console/termination.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { IntegrationList } from './IntegrationParts.tsx';
import type { LocalReplica } from '../../sync/localReplica.ts';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { sweepStore, useSweepStore } from '../../state/sweepStore.ts';
import { TerminationReport } from './PersonPanel.tsx';
import { useOffboardingSweep } from '../../people/useOffboardingSweep.ts';
import { DisabledReason, disabledWith } from '../../shell/DisabledReason.tsx';

const statusText: Record<SweepStatus, string> = {
  planned: 'Planned',
  running: 'Running…',
  done: 'Done',
  pending_offline: 'Pending — tenant offline',
  failed: 'Failed',
  unanswered: 'No answer',
  nothing_to_do: 'Nothing to do',
};

const statusBadge: Record<SweepStatus, string> = { planned: 'badge-muted', running: 'badge-warning', done: 'badge-ok', pending_offline: 'badge-warning', failed: 'badge-danger', unanswered: 'badge-warning', nothing_to_do: 'badge-muted' };

/**
 * Offboarding across tenants: one person by e-mail — as an employee and as
 * the person behind admin clients — everything they own or created on every
 * connected tenant, and one plan (preserve or disable per tenant) carried out
 * tenant by tenant. Offline tenants stay pending until they are back.
 */
export function OffboardingSweep(props: { replica: LocalReplica }) {
  const connections = useConnectionsStore((s) => s.connections);
  const email = useSweepStore((s) => s.email);
  const tenants = useSweepStore((s) => s.tenants);
  const working = useSweepStore((s) => s.working);
  const { update, clear } = sweepStore.getState();
  const sweep = useOffboardingSweep(props.replica);
  const [draft, setDraft] = useState(email);
  const [confirming, setConfirming] = useState(false);
  const byId = new Map(connections.map((c) => [c.id, c]));
  const statuses = Object.fromEntries(Object.entries(tenants).map(([id, t]) => [id, t.status]));
  const online = (id: string) => byId.get(id)?.state === 'connected';
  const runnable = tenantsToRun(statuses).filter(online);
  const back = tenantsToLookUp(statuses).filter(online);
  const stillOffline = tenantsToLookUp(statuses).filter((id) => !online(id) && tenants[id]?.status === 'pending_offline');

  /** Sweep work whose failure (the local copy could not be read, say) is said, not dropped. */
  const attempt = async (work: Promise<void>, what: string) => {
    try {
      await work;
    } catch (error) {
      useNoticesStore.getState().push({ kind: 'error', code: 'sweep_failed', message: `The sweep could not ${what}: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  const find = () => (isEmail(draft) ? attempt(sweep.findEverywhere(draft), 'look everywhere') : Promise.resolve());
  const carryOut = () => {
    setConfirming(false);
    void attempt(sweep.run(runnable), 'carry out the plan');
  };

  const findWhy = isEmail(draft) ? null : draft.trim() ? 'Enter a whole e-mail address, like ana@company.example.' : 'Enter the e-mail address of the person who leaves.';
  return (
    <section className="card sweep" aria-labelledby="sweep-title">
      <h2 id="sweep-title" className="card-title">
        Offboarding sweep across tenants
      </h2>
      <p className="field-hint">Everything one person owns or created on every connected tenant: as an employee (matched by e-mail) and through the admin clients registered to that e-mail.</p>
      <form
        className="sweep-find"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <label className="field-inline">
          Person’s e-mail
          <input type="email" aria-label="Person’s e-mail" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="name@company.example" required />
        </label>
        <button type="submit" className="button button-primary" {...disabledWith(working !== null ? null : findWhy, 'sweep-find-why', working !== null)}>
          {working === 'finding' ? 'Looking on every tenant…' : 'Find everywhere'}
        </button>
        <DisabledReason id="sweep-find-why" why={working !== null ? null : findWhy} />
        {email ? (
          <button type="button" className="button" onClick={clear} disabled={working !== null}>
            Start over
          </button>
        ) : null}
      </form>
      {email && Object.keys(tenants).length > 0 ? (
        <>
          <table className="data-table sweep-table" aria-label={`Offboarding ${email}`}>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Employee and integrations</th>
                <th scope="col">Created by their admin clients</th>
                <th scope="col">Plan</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(tenants).map(([tenantId, t]) => {
                const connection = byId.get(tenantId);
                return (
                  <tr key={tenantId} aria-label={connection?.displayName ?? tenantId}>
                    <td>
                      <TenantBadge connection={connection} />
                    </td>
                    <td>
                      {t.employee ? (
                        <>
                          <strong>{fullNameOf(t.employee)}</strong>
                          {t.integrations.length === 0 ? (
                            <span className="cell-sub">no integrations</span>
                          ) : (
                            <span className="cell-sub">
                              {t.integrations.map((i) => `${i.kind === 'webhook' ? 'Webhook' : 'App'}${i.local ? ' (local)' : ''}: ${i.name}`).join(' · ')}
                            </span>
                          )}
                        </>
                      ) : (
                        <span className="muted">{t.status === 'pending_offline' ? 'not known while offline' : 'not an employee here'}</span>
                      )}
                    </td>
                    <td>
                      {t.createdUsers.length === 0 && t.issuedTokens.length === 0 ? (
                        <span className="muted">nothing</span>
                      ) : (
                        <>
                          {t.createdUsers.length > 0 ? <span className="cell-sub">Technical users: {t.createdUsers.map((u) => u.name).join(', ')}</span> : null}
                          {t.issuedTokens.length > 0 ? <span className="cell-sub">Tokens issued: {t.issuedTokens.map((k) => `${k.label || '(no label)'} ${k.prefix}…`).join(', ')}</span> : null}
                        </>
                      )}
                    </td>
                    <td>
                      <select aria-label={`Plan for ${connection?.displayName ?? tenantId}`} value={t.mode} disabled={t.status !== 'planned' || working !== null} onChange={(e) => update(tenantId, { mode: e.target.value as 'preserve' | 'disable' })}>
                        <option value="preserve">Terminate, preserve integrations</option>
                        <option value="disable">Terminate, disable integrations</option>
                      </select>
                    </td>
                    <td>
                      <span className={`badge ${statusBadge[t.status]}`} role="status">
                        {statusText[t.status]}
                      </span>
                      {t.message ? <span className="cell-sub">{t.message}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="sweep-actions">
            {runnable.length > 0 ? (
              <button type="button" className="button button-danger-solid" onClick={() => setConfirming(true)} disabled={working !== null}>
                {working === 'running' ? 'Carrying out…' : `Carry out the plan on ${runnable.length} tenant${runnable.length === 1 ? '' : 's'}…`}
              </button>
            ) : null}
            {back.length > 0 ? (
              <button type="button" className="button" onClick={() => void attempt(sweep.lookAgain(back), 'look again')} disabled={working !== null}>
                {working === 'looking' ? 'Looking…' : `Look again on ${back.length} tenant${back.length === 1 ? '' : 's'} now reachable`}
              </button>
            ) : null}
            {stillOffline.length > 0 ? (
              <span className="field-hint">
                {stillOffline.length} tenant{stillOffline.length === 1 ? ' is' : 's are'} offline and stay{stillOffline.length === 1 ? 's' : ''} pending: come back when {stillOffline.length === 1 ? 'it is' : 'they are'} connected to finish.
              </span>
            ) : null}
            {runnable.length === 0 && back.length === 0 && stillOffline.length === 0 && working === null ? (
              <span className="field-hint" role="status">
                Nothing is left to carry out.
              </span>
            ) : null}
          </div>
          {confirming ? (
            <Dialog
              title={`Terminate ${email} on ${runnable.length} tenant${runnable.length === 1 ? '' : 's'}?`}
              onClose={() => setConfirming(false)}
              wide
              footer={
                <>
                  <span className="spacer" />
                  <button type="button" className="button" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                  <button type="button" className="button button-danger-solid" onClick={carryOut}>
                    Terminate on {runnable.length} tenant{runnable.length === 1 ? '' : 's'}
                  </button>
                </>
              }
            >
              <div className="termination-preview" aria-label="What the sweep will do">
                {runnable.map((tenantId) => {
                  const t = tenants[tenantId]!;
                  const preview = terminationPlan(t.employee!, t.integrations, t.mode);
                  return (
                    <section key={tenantId} aria-label={`Plan on ${byId.get(tenantId)?.displayName ?? tenantId}`}>
                      <h3 className="preview-title">
                        <TenantBadge connection={byId.get(tenantId)} /> · {fullNameOf(t.employee!)} — {t.mode === 'preserve' ? 'terminate and preserve integrations' : 'terminate and disable integrations'}
                      </h3>
                      {preview.systemUsers.map((u) => (
                        <IntegrationList key={`${u.kind}:${u.name}`} title={`Moves to a new ${u.kind} system user “${u.name}”`} integrations={u.integrations} />
                      ))}
                      <IntegrationList title="Will be disabled" integrations={preview.disabled} />
                      <IntegrationList title="Cannot be transferred — disabled" integrations={preview.notTransferable} note={() => 'local (on-premise) integrations cannot be transferred'} />
                      {t.integrations.length === 0 ? <p className="field-hint">No integrations: only the employee becomes inactive.</p> : null}
                    </section>
                  );
                })}
              </div>
            </Dialog>
          ) : null}
          {Object.entries(tenants).some(([, t]) => t.result) ? (
            <div className="sweep-report" aria-label="Sweep report">
              {Object.entries(tenants)
                .filter(([, t]) => t.result)
                .map(([tenantId, t]) => (
                  <section key={tenantId} aria-label={`Result on ${byId.get(tenantId)?.displayName ?? tenantId}`}>
                    <h3 className="preview-title">
                      <TenantBadge connection={byId.get(tenantId)} />
                    </h3>
                    <TerminationReport tenantId={tenantId} result={t.result!} />
                  </section>
                ))}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

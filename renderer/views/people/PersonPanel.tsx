import { useState } from 'react';
import type { Employee, Integration, TerminationResult } from '../../../shared/api/employees.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import { appHandoverRefusal, fullNameOf, terminationPlan } from '../../../shared/console/termination.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import { bridge } from '../../bridge.ts';
import type { OwnedIntegrations } from '../../people/integrationsReader.ts';
import { ActionDialog } from '../../shell/ActionDialog.tsx';
import { Dialog } from '../../shell/Dialog.tsx';
import { useInventoryStore } from '../../state/inventoryStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { useUiStore } from '../../state/uiStore.ts';
import { IntegrationList, IntegrationTable } from './IntegrationParts.tsx';
import { DisabledReason, disabledWith } from '../../shell/DisabledReason.tsx';

/** One person: the integrations they own, app handover, and termination. */
export function PersonPanel(props: { connection: ConnectionView; person: Employee; integrations: OwnedIntegrations; technicalUserNames: readonly string[]; onChanged: () => void }) {
  const { connection, person } = props;
  const unreadable = Array.isArray(props.integrations) ? null : props.integrations.error;
  const owned = Array.isArray(props.integrations) ? props.integrations.filter((i) => i.ownerType === 'user') : [];
  const missingScope = connection.grantedScopes.length > 0 && !connection.grantedScopes.includes('employees:manage') ? `The admin client of ${connection.displayName} lacks the “employees:manage” scope, which the tenant requires to terminate people or move integrations.` : null;
  const [terminating, setTerminating] = useState(false);
  const [handover, setHandover] = useState<Integration | null>(null);
  return (
    <section className="card person-panel" aria-labelledby="person-title">
      <div className="card-header">
        <h2 id="person-title" className="card-title">
          {fullNameOf(person)}
        </h2>
        <span className="spacer" />
        {person.active ? (
          <button type="button" className="button button-danger" onClick={() => setTerminating(true)} disabled={Boolean(unreadable) || Boolean(missingScope)} title={unreadable ? 'Their integrations could not be read' : (missingScope ?? undefined)}>
            Terminate…
          </button>
        ) : (
          <span className="badge badge-muted">Terminated</span>
        )}
      </div>
      <p className="field-hint">
        {person.email} · {person.language} · {person.timeZone}
      </p>
      {missingScope ? <p className="alert alert-warning">{missingScope}</p> : null}
      {unreadable ? (
        <p className="alert alert-error" role="alert">
          Their integrations could not be read ({unreadable}), so terminating is blocked: nobody should lose an integration nobody saw. Reload People to try again.
        </p>
      ) : owned.length === 0 ? (
        <p className="muted empty-inline">{fullNameOf(person)} owns no webhooks or apps.</p>
      ) : (
        <IntegrationTable
          label={`Integrations of ${fullNameOf(person)}`}
          integrations={owned}
          action={(i) =>
            i.kind === 'app' ? (
              // An app that cannot be handed over says so here; no dialog promises what the tenant refuses.
              <>
                <button type="button" className="button button-small" onClick={() => setHandover(i)} aria-label={`Hand ${i.name} over to a system user`} {...disabledWith(appHandoverRefusal(i), `handover-why-${i.id}`)}>
                  Hand over…
                </button>
                <DisabledReason id={`handover-why-${i.id}`} why={appHandoverRefusal(i)} />
              </>
            ) : null
          }
        />
      )}
      {terminating ? <TerminateDialog connection={connection} person={person} integrations={owned} technicalUserNames={props.technicalUserNames} onClose={() => setTerminating(false)} onDone={props.onChanged} /> : null}
      {handover ? <HandoverDialog connection={connection} integration={handover} blocked={missingScope} onClose={() => setHandover(null)} onDone={props.onChanged} /> : null}
    </section>
  );
}

/** Opens a technical user's page (a system user made by termination), once the replica has it. */
function openTechnicalUser(tenantId: string, id: string): void {
  useInventoryStore.getState().open({ kind: 'user', key: localKey(tenantId, id) });
  useUiStore.getState().navigate('technical-users');
}

function TerminateDialog(props: { connection: ConnectionView; person: Employee; integrations: readonly Integration[]; technicalUserNames: readonly string[]; onClose: () => void; onDone: () => void }) {
  const { connection, person } = props;
  const [mode, setMode] = useState<'preserve' | 'disable'>('preserve');
  const [result, setResult] = useState<TerminationResult | null>(null);
  const name = fullNameOf(person);
  const preview = terminationPlan(person, props.integrations, mode, props.technicalUserNames);
  const rootRoleId = connection.tenant?.rootRoleId;
  const keepsNoRole = person.roleIds.filter((id) => id !== rootRoleId).length === 0;
  const hasIntegrations = props.integrations.length > 0;

  if (result) {
    // The list reloads once the report is closed (reloading now would take the report away).
    const close = () => {
      props.onClose();
      props.onDone();
    };
    return (
      <Dialog title={`${name} was terminated`} onClose={close} wide footer={<><span className="spacer" /><button type="button" className="button button-primary" onClick={close}>Close</button></>}>
        <TerminationReport tenantId={connection.id} result={result} />
      </Dialog>
    );
  }
  return (
    <ActionDialog
      title={`Terminate ${name}?`}
      confirmLabel={hasIntegrations ? (mode === 'preserve' ? 'Terminate and preserve integrations' : 'Terminate and disable integrations') : 'Terminate'}
      busyLabel="Terminating…"
      danger
      wide
      stayOpen
      blocked={connection.state === 'connected' ? null : `${connection.displayName} is offline: terminating is an immediate action on the tenant, so it needs the tenant online.`}
      onConfirm={async () => {
        const answer = await bridge().people.terminate({ connectionId: connection.id, employeeId: person.id, integrations: mode });
        if (answer.ok) {
          setResult(answer.value);
          useNoticesStore.getState().push({ kind: 'info', message: `${name} was terminated on ${connection.displayName}.` });
        }
        return answer;
      }}
      onDone={() => undefined}
      onClose={props.onClose}
    >
      <p>
        {name} becomes inactive on {connection.displayName} at once. {hasIntegrations ? `They own ${props.integrations.length} integration${props.integrations.length === 1 ? '' : 's'}; choose what happens to them:` : 'They own no integrations.'}
      </p>
      {hasIntegrations ? (
        <fieldset className="choice-list">
          <legend className="visually-hidden">What happens to the integrations</legend>
          <label className="choice">
            <input type="radio" name="termination" checked={mode === 'preserve'} onChange={() => setMode('preserve')} />
            <span>
              <strong>Terminate and preserve integrations</strong>
              <span className="cell-sub">System users take them over, with {name}’s roles (never the root role), language and time zone.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="termination" checked={mode === 'disable'} onChange={() => setMode('disable')} />
            <span>
              <strong>Terminate and disable integrations</strong>
              <span className="cell-sub">Every webhook and app of {name} stops.</span>
            </span>
          </label>
        </fieldset>
      ) : null}
      {hasIntegrations ? (
        <div className="termination-preview" aria-label="What will happen">
          {preview.systemUsers.map((s) => (
            <IntegrationList key={`${s.kind}:${s.name}`} title={`Moves to a new ${s.kind} system user “${s.name}”`} integrations={s.integrations} />
          ))}
          <IntegrationList title="Will be disabled" integrations={preview.disabled} />
          <IntegrationList title="Cannot be transferred — disabled" integrations={preview.notTransferable} note={() => 'local (on-premise) integrations cannot be transferred'} className="alert alert-warning" />
          {mode === 'preserve' && preview.systemUsers.length > 0 && keepsNoRole ? (
            <p className="alert alert-warning">{name} has no role but the root role, which system users never get: the new system users start with no roles, so the integrations keep running but can do nothing until they are given one.</p>
          ) : null}
        </div>
      ) : null}
    </ActionDialog>
  );
}

/** What the tenant did, as it says it did it. */
export function TerminationReport(props: { tenantId: string; result: TerminationResult }) {
  const { result } = props;
  return (
    <div className="termination-report" aria-label="Termination result">
      {result.systemUsers.length > 0 ? (
        <>
          <h3 className="preview-title">New system users</h3>
          <ul>
            {result.systemUsers.map((u) => (
              <li key={u.id}>
                <button type="button" className="link-button" onClick={() => openTechnicalUser(props.tenantId, u.id)}>
                  {u.name}
                </button>{' '}
                ({u.kind}, {u.externalAuthId ?? 'system'}) — runs {result.transferred.filter((i) => i.ownerId === u.id).map((i) => i.name).join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <IntegrationList title="Disabled" integrations={result.disabled} />
      <IntegrationList title="Not transferable (local apps, disabled)" integrations={result.notTransferable} />
      {result.systemUsers.length === 0 && result.disabled.length === 0 && result.notTransferable.length === 0 ? <p>No integrations were affected.</p> : null}
    </div>
  );
}

function HandoverDialog(props: { connection: ConnectionView; integration: Integration; blocked: string | null; onClose: () => void; onDone: () => void }) {
  const { connection, integration } = props;
  return (
    <ActionDialog
      title={`Hand ${integration.name} over to a system user?`}
      confirmLabel="Hand over"
      blocked={appHandoverRefusal(integration) ?? props.blocked}
      onConfirm={async () => {
        const answer = await bridge().people.transferApp({ connectionId: connection.id, integrationId: integration.id });
        if (answer.ok) useNoticesStore.getState().push({ kind: 'info', message: `${integration.name} now runs as its own system user “${answer.value.systemUser.name}”.` });
        return answer;
      }}
      onDone={props.onDone}
      onClose={props.onClose}
    >
      <p>A new app system user named “{integration.name}” takes the app over, with its owner’s roles (never the root role), language and time zone. The app keeps working when its owner leaves.</p>
    </ActionDialog>
  );
}

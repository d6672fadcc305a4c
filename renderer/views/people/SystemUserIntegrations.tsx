import { useMemo, useState } from 'react';
import type { Integration } from '../../../shared/api/employees.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import { humanUsersOnly } from '../../../shared/console/humanPicker.ts';
import { fullNameOf } from '../../../shared/console/termination.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import { bridge } from '../../bridge.ts';
import { useTenantRead } from '../../shell/useTenantRead.ts';
import { ActionDialog } from '../../shell/ActionDialog.tsx';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { IntegrationTable } from './IntegrationParts.tsx';

/**
 * The webhooks and apps a system user runs (made by termination or an app
 * handover). Editing one as a named employee moves it to that employee,
 * as the tenant does — the dialog says so before it is saved.
 */
export function SystemUserIntegrations(props: { connection: ConnectionView | undefined; systemUserId: string; systemUserName: string; technicalUserIds: ReadonlySet<string> }) {
  const { connection, systemUserId } = props;
  const online = connection?.state === 'connected';
  const [editing, setEditing] = useState<Integration | null>(null);
  const owned = useTenantRead(online && connection ? localKey(connection.id, systemUserId) : null, () => bridge().people.integrations({ connectionId: connection!.id, ownerId: systemUserId }));
  const data = owned.read.state === 'ready' ? { integrations: owned.read.value } : owned.read.state === 'failed' ? { error: owned.read.error.message } : null;

  return (
    <section className="card" aria-labelledby="system-integrations-title">
      <h2 id="system-integrations-title" className="card-title">
        Integrations run by this system user
      </h2>
      {!online ? (
        <p className="field-hint">Integrations live on the tenant, and {connection?.displayName ?? 'it'} is offline.</p>
      ) : !data ? (
        <p className="muted empty-inline">Loading…</p>
      ) : 'error' in data ? (
        <p className="alert alert-error" role="alert">
          {data.error}
        </p>
      ) : data.integrations.length === 0 ? (
        <p className="muted empty-inline">None — everything it ran was taken over or removed.</p>
      ) : (
        <IntegrationTable
          label={`Integrations run by ${props.systemUserName}`}
          integrations={data.integrations}
          action={(i) => (
            <button type="button" className="button button-small" onClick={() => setEditing(i)} aria-label={`Edit ${i.name} as an employee`}>
              Edit as employee…
            </button>
          )}
        />
      )}
      {editing && connection ? (
        <TakeoverDialog connection={connection} integration={editing} systemUserName={props.systemUserName} technicalUserIds={props.technicalUserIds} onClose={() => setEditing(null)} onDone={owned.reload} />
      ) : null}
    </section>
  );
}

function TakeoverDialog(props: { connection: ConnectionView; integration: Integration; systemUserName: string; technicalUserIds: ReadonlySet<string>; onClose: () => void; onDone: () => void }) {
  const { connection, integration } = props;
  const listed = useTenantRead(connection.id, () => bridge().people.list({ connectionId: connection.id }));
  const people = listed.read.state === 'ready' ? listed.read.value.people : null;
  const error = listed.read.state === 'failed' ? listed.read.error.message : null;
  const [employeeId, setEmployeeId] = useState('');
  const [name, setName] = useState(integration.name);
  const [active, setActive] = useState(integration.active);
  // Only people may take an integration over: never a technical or system user.
  const candidates = useMemo(() => humanUsersOnly(people ?? [], props.technicalUserIds).filter((p) => p.active), [people, props.technicalUserIds]);
  const editor = candidates.find((p) => p.id === employeeId);

  return (
    <ActionDialog
      title={`Edit ${integration.name}`}
      confirmLabel="Save and take over"
      invalid={!editor || !name.trim()}
      blocked={error ?? (connection.grantedScopes.length > 0 && !connection.grantedScopes.includes('employees:manage') ? `The admin client of ${connection.displayName} lacks the “employees:manage” scope, which the tenant requires to move an integration.` : null)}
      onConfirm={async () => {
        const answer = await bridge().people.editIntegration({ connectionId: connection.id, integrationId: integration.id, actingUserId: editor!.id, ...(name.trim() !== integration.name ? { name: name.trim() } : {}), ...(active !== integration.active ? { active } : {}) });
        if (answer.ok) useNoticesStore.getState().push({ kind: 'info', message: `${answer.value.name} now belongs to ${fullNameOf(editor!)}.` });
        return answer;
      }}
      onDone={props.onDone}
      onClose={props.onClose}
    >
      <div className="field">
        <label htmlFor="takeover-employee">Editing as</label>
        <select id="takeover-employee" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} disabled={people === null}>
          <option value="">{people === null ? 'Loading people…' : 'Choose an employee'}</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {fullNameOf(p)} ({p.email})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="takeover-name">Name</label>
        <input id="takeover-name" value={name} maxLength={128} onChange={(e) => setName(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <span>Active</span>
      </label>
      <p className={editor ? 'alert alert-warning' : 'field-hint'} role="status">
        {editor
          ? `Ownership moves from the system user “${props.systemUserName}” to ${fullNameOf(editor)}: the integration then runs on their behalf, with their permissions — and stops if they leave without a handover.`
          : `${integration.name} runs on behalf of the system user “${props.systemUserName}”. Whoever edits it takes it over.`}
      </p>
    </ActionDialog>
  );
}

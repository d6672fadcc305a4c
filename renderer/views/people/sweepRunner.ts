import type { ConnectionView } from '../../../shared/connections.ts';
import { humanUsersOnly } from '../../../shared/console/humanPicker.ts';
import { createdByEmail, employeeByEmail } from '../../../shared/console/sweep.ts';
import { fullNameOf } from '../../../shared/console/termination.ts';
import { bridge } from '../../bridge.ts';
import type { TesseraDatabase } from '../../db/database.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useSweepStore, type TenantSweep } from '../../state/sweepStore.ts';

type Doc = Record<string, unknown> & { tenantId: string; id: string };

/** Plain documents of a whole collection, straight from the storage (read-only). */
async function readAll(collection: TesseraDatabase['technicalusers'] | TesseraDatabase['tokens']): Promise<Doc[]> {
  const prepared = (collection.find() as unknown as { getPreparedQuery(): never }).getPreparedQuery();
  return (await collection.storageInstance.query(prepared)).documents as unknown as Doc[];
}

/** The person on one online tenant: the employee with that e-mail (people only) and what they own. */
async function lookup(connection: ConnectionView, email: string, technicalIds: ReadonlySet<string>): Promise<Pick<TenantSweep, 'employee' | 'integrations' | 'status' | 'message'>> {
  const listed = await bridge().people.list({ connectionId: connection.id, q: email.trim() });
  if (!listed.ok) return { employee: null, integrations: [], status: listed.error.code === 'tenant_offline' ? 'pending_offline' : 'failed', message: listed.error.message };
  const employee = employeeByEmail(humanUsersOnly(listed.value.people, technicalIds), email);
  if (!employee) return { employee: null, integrations: [], status: 'nothing_to_do', message: `No employee with this e-mail on ${connection.displayName}.` };
  const owned = await bridge().people.integrations({ connectionId: connection.id, ownerId: employee.id });
  const integrations = owned.ok ? owned.value.filter((i) => i.ownerType === 'user') : [];
  if (!employee.active) return { employee, integrations, status: 'nothing_to_do', message: `${fullNameOf(employee)} was already terminated on ${connection.displayName}.` };
  return { employee, integrations, status: 'planned', message: null };
}

/**
 * Finds the person on every connected tenant: online ones are asked, offline
 * ones are listed as pending (never skipped); what their admin clients
 * created comes from the local copy, so it shows for offline tenants too.
 */
export async function findEverywhere(db: TesseraDatabase, email: string): Promise<void> {
  const connections = useConnectionsStore.getState().connections;
  const [users, tokens] = await Promise.all([readAll(db.technicalusers), readAll(db.tokens)]);
  const created = createdByEmail(users as never as Array<Doc & { createdBy?: { email: string | null } }>, email);
  const issued = createdByEmail(tokens as never as Array<Doc & { createdBy?: { email: string | null } }>, email);
  const entries = await Promise.all(
    connections.map(async (c): Promise<[string, TenantSweep]> => {
      const technicalIds = new Set(users.filter((u) => u.tenantId === c.id).map((u) => u.id));
      const base: TenantSweep = {
        status: 'pending_offline',
        mode: 'preserve',
        employee: null,
        integrations: [],
        createdUsers: created.filter((u) => u.tenantId === c.id).map((u) => ({ id: u.id, name: String(u.name) })),
        issuedTokens: issued.filter((t) => t.tenantId === c.id).map((t) => ({ id: t.id, label: String(t.label ?? ''), prefix: String(t.prefix ?? ''), status: String(t.status ?? '') })),
        message: `${c.displayName} is offline: listed as pending, carried out when it is back.`,
        result: null,
      };
      if (c.state !== 'connected') return [c.id, base];
      return [c.id, { ...base, ...(await lookup(c, email, technicalIds)) }];
    }),
  );
  useSweepStore.getState().begin(email.trim(), Object.fromEntries(entries));
}

/** Carries out the plan on the given tenants, one after another, reporting each as it goes. */
export async function runSweep(db: TesseraDatabase, tenantIds: readonly string[]): Promise<void> {
  const store = useSweepStore.getState();
  for (const tenantId of tenantIds) {
    const connection = useConnectionsStore.getState().connections.find((c) => c.id === tenantId);
    let part = useSweepStore.getState().tenants[tenantId];
    if (!part || !connection) continue;
    if (connection.state !== 'connected') {
      store.update(tenantId, { status: 'pending_offline', message: `${connection.displayName} is offline: pending, carried out when it is back.` });
      continue;
    }
    store.update(tenantId, { status: 'running', message: null });
    try {
      if (!part.employee || part.status === 'pending_offline') {
        const users = (await readAll(db.technicalusers)).filter((u) => u.tenantId === tenantId);
        store.update(tenantId, await lookup(connection, useSweepStore.getState().email, new Set(users.map((u) => u.id))));
        part = useSweepStore.getState().tenants[tenantId]!;
        if (part.status !== 'planned') continue;
        store.update(tenantId, { status: 'running' });
      }
      const answer = await bridge().people.terminate({ connectionId: tenantId, employeeId: part.employee!.id, integrations: part.mode });
      if (answer.ok) store.update(tenantId, { status: 'done', result: answer.value, message: null });
      else store.update(tenantId, { status: answer.error.code === 'tenant_offline' ? 'pending_offline' : 'failed', message: answer.error.message });
    } catch (error) {
      store.update(tenantId, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
}

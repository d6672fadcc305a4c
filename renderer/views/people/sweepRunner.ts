import type { ConnectionView } from '../../../shared/connections.ts';
import { humanUsersOnly } from '../../../shared/console/humanPicker.ts';
import { createdByEmail, employeeByEmail } from '../../../shared/console/sweep.ts';
import { fullNameOf } from '../../../shared/console/termination.ts';
import { bridge } from '../../bridge.ts';
import { readPlain } from '../../db/storageRead.ts';
import type { LocalReplica } from '../../sync/localReplica.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useSweepStore, type TenantSweep } from '../../state/sweepStore.ts';

type Doc = Record<string, unknown> & { tenantId: string; id: string };

type SweepReplica = Pick<LocalReplica, 'db' | 'pages'>;
const readUsers = (replica: SweepReplica) => readPlain<unknown, Doc>(replica.db.technicalusers as never);

/** Errors that mean "the tenant could not be reached", so the tenant stays pending. */
const unreachable = new Set(['tenant_offline', 'tenant_unreachable', 'timeout', 'network_error']);

/** The person on one online tenant: the employee with that e-mail (people only) and what they own. */
async function lookup(connection: ConnectionView, email: string, technicalIds: ReadonlySet<string>): Promise<Pick<TenantSweep, 'employee' | 'integrations' | 'status' | 'message'>> {
  const listed = await bridge().people.list({ connectionId: connection.id, q: email.trim() });
  if (!listed.ok) return { employee: null, integrations: [], status: unreachable.has(listed.error.code) ? 'pending_offline' : 'failed', message: listed.error.message };
  const employee = employeeByEmail(humanUsersOnly(listed.value.people, technicalIds), email);
  if (!employee) return { employee: null, integrations: [], status: 'nothing_to_do', message: `No employee with this e-mail on ${connection.displayName}.` };
  const owned = await bridge().people.integrations({ connectionId: connection.id, ownerId: employee.id });
  // Not knowing what they own is not "owns nothing": nothing runs until it is known.
  if (!owned.ok) return { employee, integrations: [], status: unreachable.has(owned.error.code) ? 'pending_offline' : 'failed', message: `Their integrations could not be read: ${owned.error.message}` };
  const integrations = owned.value.filter((i) => i.ownerType === 'user');
  if (!employee.active) return { employee, integrations, status: 'nothing_to_do', message: `${fullNameOf(employee)} was already terminated on ${connection.displayName}.` };
  return { employee, integrations, status: 'planned', message: null };
}


/**
 * Finds the person on every connected tenant: online ones are asked, offline
 * ones are listed as pending (never skipped); what their admin clients
 * created comes from the local copy, so it shows for offline tenants too.
 */
export async function findEverywhere(replica: SweepReplica, email: string): Promise<void> {
  const store = useSweepStore.getState();
  if (store.working) return;
  store.setWorking('finding');
  try {
    const connections = useConnectionsStore.getState().connections;
    const [users, tokens] = await Promise.all([readUsers(replica), replica.pages.tokens.all() as Promise<unknown[]> as Promise<Doc[]>]);
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
          message: `${c.displayName} is offline: listed as pending, looked at again when it is back.`,
          result: null,
        };
        if (c.state !== 'connected') return [c.id, base];
        return [c.id, { ...base, ...(await lookup(c, email, technicalIds)) }];
      }),
    );
    useSweepStore.getState().begin(email.trim(), Object.fromEntries(entries));
  } finally {
    useSweepStore.getState().setWorking(null);
  }
}

/** Looks again at tenants that were offline (or failed) and are reachable now; they become planned, never carried out at once. */
export async function lookAgain(replica: SweepReplica, tenantIds: readonly string[]): Promise<void> {
  const store = useSweepStore.getState();
  if (store.working) return;
  const { sweepId, email } = store;
  store.setWorking('looking');
  try {
    const users = await readUsers(replica);
    for (const tenantId of tenantIds) {
      const connection = useConnectionsStore.getState().connections.find((c) => c.id === tenantId);
      if (!connection || connection.state !== 'connected' || useSweepStore.getState().sweepId !== sweepId) continue;
      const found = await lookup(connection, email, new Set(users.filter((u) => u.tenantId === tenantId).map((u) => u.id)));
      if (useSweepStore.getState().sweepId !== sweepId) return;
      // Someone terminated here while the answer was lost: say so rather than "nothing to do".
      const lostAnswer = found.employee && !found.employee.active && useSweepStore.getState().tenants[tenantId]?.status === 'failed' && useSweepStore.getState().tenants[tenantId]?.message?.startsWith('Sent');
      useSweepStore.getState().update(tenantId, lostAnswer ? { ...found, status: 'done', message: 'Terminated — the tenant’s report did not arrive; see its Audit log for what moved.' } : found);
    }
  } finally {
    useSweepStore.getState().setWorking(null);
  }
}

/**
 * Carries out the confirmed plan, tenant by tenant, reporting each as it
 * goes. Each tenant is checked again when its turn comes: still planned,
 * same sweep, tenant online — anything else is left alone.
 */
export async function runSweep(tenantIds: readonly string[]): Promise<void> {
  const store = useSweepStore.getState();
  if (store.working) return;
  const { sweepId } = store;
  store.setWorking('running');
  try {
    for (const tenantId of tenantIds) {
      if (useSweepStore.getState().sweepId !== sweepId) return;
      const part = useSweepStore.getState().tenants[tenantId];
      const connection = useConnectionsStore.getState().connections.find((c) => c.id === tenantId);
      if (!part || part.status !== 'planned' || !part.employee) continue;
      if (!connection || connection.state !== 'connected') {
        useSweepStore.getState().update(tenantId, { status: 'pending_offline', message: `${connection?.displayName ?? 'The tenant'} is offline: pending, looked at again when it is back.` });
        continue;
      }
      useSweepStore.getState().update(tenantId, { status: 'running', message: null });
      try {
        const answer = await bridge().people.terminate({ connectionId: tenantId, employeeId: part.employee.id, integrations: part.mode });
        if (answer.ok) useSweepStore.getState().update(tenantId, { status: 'done', result: answer.value, message: null });
        else if (unreachable.has(answer.error.code)) useSweepStore.getState().update(tenantId, { status: 'failed', message: `Sent, but no answer came back (${answer.error.message}). Look again to see whether it happened.` });
        else useSweepStore.getState().update(tenantId, { status: 'failed', message: answer.error.message });
      } catch (error) {
        useSweepStore.getState().update(tenantId, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    useSweepStore.getState().setWorking(null);
  }
}

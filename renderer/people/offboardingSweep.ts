import type { StoreApi } from 'zustand';
import type { ConnectionView } from '../../shared/connections.ts';
import { humanUsersOnly } from '../../shared/console/humanPicker.ts';
import { createdByEmail, employeeByEmail } from '../../shared/console/sweep.ts';
import { fullNameOf } from '../../shared/console/termination.ts';
import type { TesseraBridge } from '../../shared/ipc/contract.ts';
import { ipcErrorCodes } from '../../shared/ipc/errorCodes.ts';
import { answerLostCodes, isTenantAway } from '../../shared/tenantErrorCodes.ts';
import type { SweepState, TenantSweep } from '../state/sweepStore.ts';

/** A document of the local copy as the sweep reads it: who created it, and what to call it. */
export type SweepDocument = Record<string, unknown> & { tenantId: string; id: string; createdBy?: { email: string | null } | null };

/** What the sweep needs: the tenants' people API (through main), the connections, the local copy, and where it reports. */
export interface SweepDeps {
  readonly people: Pick<TesseraBridge['people'], 'list' | 'integrations' | 'terminate'>;
  readonly connections: () => readonly ConnectionView[];
  readonly localCopy: { technicalUsers(): Promise<SweepDocument[]>; tokens(): Promise<SweepDocument[]> };
  readonly store: StoreApi<SweepState>;
}

export interface OffboardingSweep {
  /** Finds the person on every connected tenant: online ones are asked, offline ones are listed as pending (never skipped). */
  findEverywhere(email: string): Promise<void>;
  /** Looks again at tenants that were offline, failed or unanswered and are reachable now; they become planned, never carried out at once. */
  lookAgain(tenantIds: readonly string[]): Promise<void>;
  /** Carries out the confirmed plan, tenant by tenant, reporting each as it goes. */
  run(tenantIds: readonly string[]): Promise<void>;
}

type Found = Pick<TenantSweep, 'employee' | 'integrations' | 'status' | 'message'>;

const offlineMessage = (connection: ConnectionView | undefined) => `${connection?.displayName ?? 'The tenant'} is offline: pending, looked at again when it is back.`;

/**
 * The cross-tenant offboarding sweep, headless: the view renders the sweep
 * store and calls these. What the person's admin clients created comes from
 * the local copy, so it shows for offline tenants too; what they are and own
 * as an employee comes from each tenant, online only. A termination whose
 * answer is lost (timeout, connection cut) is "unanswered", never "failed":
 * it may have happened, and looking again tells.
 */
export function createOffboardingSweep(deps: SweepDeps): OffboardingSweep {
  const { people, store } = deps;
  const connectionOf = (tenantId: string) => deps.connections().find((c) => c.id === tenantId);
  const technicalIdsOn = (users: readonly SweepDocument[], tenantId: string) => new Set(users.filter((u) => u.tenantId === tenantId).map((u) => u.id));

  /** The person on one online tenant: the employee with that e-mail (people only) and what they own. */
  async function lookup(connection: ConnectionView, email: string, technicalIds: ReadonlySet<string>): Promise<Found> {
    const listed = await people.list({ connectionId: connection.id, q: email.trim() });
    if (!listed.ok) return { employee: null, integrations: [], status: isTenantAway(listed.error.code) ? 'pending_offline' : 'failed', message: listed.error.message };
    const employee = employeeByEmail(humanUsersOnly(listed.value.people, technicalIds), email);
    if (!employee) return { employee: null, integrations: [], status: 'nothing_to_do', message: `No employee with this e-mail on ${connection.displayName}.` };
    const owned = await people.integrations({ connectionId: connection.id, ownerId: employee.id });
    // Not knowing what they own is not "owns nothing": nothing runs until it is known.
    if (!owned.ok) return { employee, integrations: [], status: isTenantAway(owned.error.code) ? 'pending_offline' : 'failed', message: `Their integrations could not be read: ${owned.error.message}` };
    const integrations = owned.value.filter((i) => i.ownerType === 'user');
    if (!employee.active) return { employee, integrations, status: 'nothing_to_do', message: `${fullNameOf(employee)} was already terminated on ${connection.displayName}.` };
    return { employee, integrations, status: 'planned', message: null };
  }

  /** Runs one piece of sweep work unless another is running; `working` says which while it runs. */
  async function exclusively(working: NonNullable<SweepState['working']>, work: () => Promise<void>): Promise<void> {
    if (store.getState().working) return;
    store.getState().setWorking(working);
    try {
      await work();
    } finally {
      store.getState().setWorking(null);
    }
  }

  return {
    findEverywhere: (email) =>
      exclusively('finding', async () => {
        const [users, tokens] = await Promise.all([deps.localCopy.technicalUsers(), deps.localCopy.tokens()]);
        const created = createdByEmail(users, email);
        const issued = createdByEmail(tokens, email);
        const entries = await Promise.all(
          deps.connections().map(async (c): Promise<[string, TenantSweep]> => {
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
            return [c.id, { ...base, ...(await lookup(c, email, technicalIdsOn(users, c.id))) }];
          }),
        );
        store.getState().begin(email.trim(), Object.fromEntries(entries));
      }),

    lookAgain: (tenantIds) =>
      exclusively('looking', async () => {
        const { sweepId, email } = store.getState();
        const users = await deps.localCopy.technicalUsers();
        for (const tenantId of tenantIds) {
          const connection = connectionOf(tenantId);
          if (!connection || connection.state !== 'connected' || store.getState().sweepId !== sweepId) continue;
          const wasUnanswered = store.getState().tenants[tenantId]?.status === 'unanswered';
          const found = await lookup(connection, email, technicalIdsOn(users, tenantId));
          if (store.getState().sweepId !== sweepId) return;
          // The termination arrived although its answer did not: say so rather than "nothing to do".
          const arrived = wasUnanswered && found.employee !== null && !found.employee.active;
          store.getState().update(tenantId, arrived ? { ...found, status: 'done', message: 'Terminated — the tenant’s report did not arrive; see its Audit log for what moved.' } : found);
        }
      }),

    run: (tenantIds) =>
      exclusively('running', async () => {
        const { sweepId } = store.getState();
        for (const tenantId of tenantIds) {
          if (store.getState().sweepId !== sweepId) return;
          const part = store.getState().tenants[tenantId];
          const connection = connectionOf(tenantId);
          if (!part || part.status !== 'planned' || !part.employee) continue;
          if (!connection || connection.state !== 'connected') {
            store.getState().update(tenantId, { status: 'pending_offline', message: offlineMessage(connection) });
            continue;
          }
          store.getState().update(tenantId, { status: 'running', message: null });
          // The bridge answers with a Result; a rejection would mean the bridge itself broke.
          const answer = await people.terminate({ connectionId: tenantId, employeeId: part.employee.id, integrations: part.mode }).catch((error: unknown) => ({
            ok: false as const,
            error: { code: ipcErrorCodes.internal, message: error instanceof Error ? error.message : String(error) },
          }));
          if (answer.ok) store.getState().update(tenantId, { status: 'done', result: answer.value, message: null });
          else if (answerLostCodes.has(answer.error.code)) store.getState().update(tenantId, { status: 'unanswered', message: `Sent, but no answer came back (${answer.error.message}). Look again to see whether it happened.` });
          // Known offline before it was sent: nothing happened there, it waits like any offline tenant.
          else if (isTenantAway(answer.error.code)) store.getState().update(tenantId, { status: 'pending_offline', message: offlineMessage(connection) });
          else store.getState().update(tenantId, { status: 'failed', message: answer.error.message });
        }
      }),
  };
}

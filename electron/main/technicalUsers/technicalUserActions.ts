import type { ServiceCall } from '../../../shared/ipc/contract.ts';
import type { TenantPort } from '../connections/tenantPort.ts';
import { readAllPages } from '../tenantApi/readAllPages.ts';

/**
 * What the console does to technical users on a tenant right away rather
 * than through the replica (the `technicalUsers:*` commands): actions the
 * tenant must carry out (and may refuse) while the person waits. Each needs
 * the tenant online and says so when it is not.
 */
export interface TechnicalUserActions {
  /** Deletes a technical user now; `confirmLast` is the explicit yes to removing the tenant's last one. */
  delete: ServiceCall<'technicalUsers:delete'>;
  /** One technical user's sessions on one date (the tenant keeps them; the replica has daily totals only). */
  sessionsOn: ServiceCall<'technicalUsers:sessionsOn'>;
}

/** A day's list is read in pages; beyond this many sessions the list says it was cut. */
const maxSessionsPerDay = 5_000;

export function createTechnicalUserActions(deps: { tenants: TenantPort }): TechnicalUserActions {
  const online = (connectionId: string) => deps.tenants.reach(connectionId).client;
  return {
    async delete({ connectionId, id, confirmLast }) {
      await online(connectionId).call('deleteTechnicalUser', { params: { id }, query: { confirmLast: confirmLast ? 'true' : 'false' } });
      return null;
    },
    async sessionsOn({ connectionId, technicalUserId, date }) {
      const client = online(connectionId);
      const { items, truncated } = await readAllPages(
        (cursor) => client.call('listSessions', { params: { id: technicalUserId }, query: { date, limit: 1000, ...(cursor ? { cursor } : {}) } }),
        { maxItems: maxSessionsPerDay },
      );
      return { sessions: items, truncated };
    },
  };
}

import { CodedError } from '../../../shared/result.ts';
import type { Session } from '../../../shared/api/sessions.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import type { TenantClient } from './tenantClient.ts';
import { tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';

/**
 * What the console does on a tenant right away rather than through the
 * replica: actions the tenant must carry out (and may refuse) while the
 * person waits. Each needs the tenant online and says so when it is not.
 */
export interface TenantActions {
  /** Deletes a technical user now; `confirmLast` is the explicit yes to removing the tenant's last one. */
  deleteTechnicalUser(request: { connectionId: string; id: string; confirmLast: boolean }): Promise<null>;
  /** One technical user's sessions on one date (the tenant keeps them; the replica has daily totals only). */
  sessionsOn(request: { connectionId: string; technicalUserId: string; date: string }): Promise<{ sessions: Session[]; truncated: boolean }>;
}

/** A day's list is read in pages; beyond this many sessions the list says it was cut. */
const maxSessionsPerDay = 5_000;

/** The tenant's client, or `tenant_offline` / `connection_not_found` when the action cannot be carried out now. */
export function onlineTenant(connections: ConnectionService, connectionId: string): { client: TenantClient; connection: ConnectionView } {
  const connection = connections.list().find((c) => c.id === connectionId);
  if (!connection) throw new CodedError('connection_not_found', 'This tenant connection no longer exists.');
  if (connection.state !== 'connected') throw new CodedError(tenantErrorCodes.offline, `${connection.displayName} cannot be reached right now; this needs the tenant online.`);
  return { client: connections.client(connectionId), connection };
}

export function createTenantActions(deps: { connections: ConnectionService }): TenantActions {
  const online = (connectionId: string) => onlineTenant(deps.connections, connectionId).client;
  return {
    async deleteTechnicalUser({ connectionId, id, confirmLast }) {
      await online(connectionId).call('deleteTechnicalUser', { params: { id }, query: { confirmLast: confirmLast ? 'true' : 'false' } });
      return null;
    },
    async sessionsOn({ connectionId, technicalUserId, date }) {
      const client = online(connectionId);
      const sessions: Session[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Session[]; nextCursor: string | null } = await client.call('listSessions', { params: { id: technicalUserId }, query: { date, limit: 1000, ...(cursor ? { cursor } : {}) } });
        sessions.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && sessions.length < maxSessionsPerDay);
      return { sessions: sessions.slice(0, maxSessionsPerDay), truncated: cursor !== null };
    },
  };
}

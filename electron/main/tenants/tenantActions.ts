import { CodedError } from '../../../shared/result.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import type { TenantClient } from './tenantClient.ts';

/**
 * What the console does on a tenant right away rather than through the
 * replica: actions the tenant must carry out (and may refuse) while the
 * person waits. Each needs the tenant online and says so when it is not.
 */
export interface TenantActions {
  /** Deletes a technical user now; `confirmLast` is the explicit yes to removing the tenant's last one. */
  deleteTechnicalUser(request: { connectionId: string; id: string; confirmLast: boolean }): Promise<null>;
}

/** The tenant's client, or `tenant_offline` / `connection_not_found` when the action cannot be carried out now. */
export function onlineTenant(connections: ConnectionService, connectionId: string): { client: TenantClient; connection: ConnectionView } {
  const connection = connections.list().find((c) => c.id === connectionId);
  if (!connection) throw new CodedError('connection_not_found', 'This tenant connection no longer exists.');
  if (connection.state !== 'connected') throw new CodedError('tenant_offline', `${connection.displayName} cannot be reached right now; this needs the tenant online.`);
  return { client: connections.client(connectionId), connection };
}

export function createTenantActions(deps: { connections: ConnectionService }): TenantActions {
  const online = (connectionId: string) => onlineTenant(deps.connections, connectionId).client;
  return {
    async deleteTechnicalUser({ connectionId, id, confirmLast }) {
      await online(connectionId).call('deleteTechnicalUser', { params: { id }, query: { confirmLast: confirmLast ? 'true' : 'false' } });
      return null;
    },
  };
}

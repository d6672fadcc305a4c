import { CodedError } from '../../../shared/result.ts';
import type { ConnectionService } from '../connections/connectionService.ts';

/**
 * What the console does on a tenant right away rather than through the
 * replica: actions the tenant must carry out (and may refuse) while the
 * person waits. Each needs the tenant online and says so when it is not.
 */
export interface TenantActions {
  /** Deletes a technical user now; `confirmLast` is the explicit yes to removing the tenant's last one. */
  deleteTechnicalUser(request: { connectionId: string; id: string; confirmLast: boolean }): Promise<null>;
}

export function createTenantActions(deps: { connections: ConnectionService }): TenantActions {
  const online = (connectionId: string) => {
    const connection = deps.connections.list().find((c) => c.id === connectionId);
    if (!connection) throw new CodedError('connection_not_found', 'This tenant connection no longer exists.');
    if (connection.state !== 'connected') throw new CodedError('tenant_offline', `${connection.displayName} cannot be reached right now; this needs the tenant online.`);
    return deps.connections.client(connectionId);
  };
  return {
    async deleteTechnicalUser({ connectionId, id, confirmLast }) {
      await online(connectionId).call('deleteTechnicalUser', { params: { id }, query: { confirmLast: confirmLast ? 'true' : 'false' } });
      return null;
    },
  };
}

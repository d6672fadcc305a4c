import { toTenantSummary } from '../../../shared/connections.ts';
import { CodedError } from '../../../shared/result.ts';
import { tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';
import type { ConnectionStore } from '../connections/connectionStore.ts';
import type { ProbeAnswer, ReachabilityMonitor } from '../connections/reachabilityMonitor.ts';
import type { ReachedTenant, TenantPort } from '../connections/tenantPort.ts';
import type { TenantClientPool } from './tenantClientPool.ts';

/** The tenant port for tenants that speak Tenant Admin API v1: the pool's client of each connection. */
export function createTenantApiPort(deps: { connections: Pick<ConnectionStore, 'list'>; reachability: Pick<ReachabilityMonitor, 'of'>; clients: TenantClientPool }): TenantPort {
  const reachEvenIfOffline = (connectionId: string): ReachedTenant => {
    const connection = deps.connections.list().find((c) => c.id === connectionId);
    if (!connection) throw new CodedError('connection_not_found', 'This tenant connection no longer exists.');
    return { connection: { id: connection.id, displayName: connection.displayName }, client: deps.clients.client(connectionId) };
  };
  return {
    reachEvenIfOffline,
    reach(connectionId) {
      const reached = reachEvenIfOffline(connectionId);
      if (deps.reachability.of(connectionId).state !== 'connected') {
        throw new CodedError(tenantErrorCodes.offline, `${reached.connection.displayName} cannot be reached right now; this needs the tenant online.`);
      }
      return reached;
    },
  };
}

/**
 * One look at a Tenant Admin API v1 tenant, with the same client (and access token) everything else
 * uses: `GET /tenant`, bound to the connection's server tenant id (another tenant at that address is refused).
 */
export function probeTenantApi(deps: { connections: Pick<ConnectionStore, 'bindServerTenant'>; clients: TenantClientPool }): (connectionId: string) => Promise<ProbeAnswer> {
  return async (connectionId) => {
    const client = deps.clients.client(connectionId);
    const info = await client.call('getTenant', { maxResponseBytes: 1024 * 1024 });
    deps.connections.bindServerTenant(connectionId, info);
    return { tenant: toTenantSummary(info), grantedScopes: client.grantedScopes() };
  };
}

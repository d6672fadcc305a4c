import type { TenantClient } from '../tenantApi/tenantClient.ts';

/** A connection's tenant, reached: the connection (for messages) and the client to call the tenant with. */
export interface ReachedTenant {
  readonly connection: { readonly id: string; readonly displayName: string };
  readonly client: TenantClient;
}

/**
 * The one way main's services reach the tenant of a connection. Tenant Admin
 * API v1 is one implementation (`tenantApi/tenantApiPort.ts`); the vendor
 * connectors (SCIM, Keystone) will plug in behind this same port.
 */
export interface TenantPort {
  /**
   * For what a person waits on: the tenant when its connection is connected, else `tenant_offline`
   * (nothing is sent); `connection_not_found` for a connection that no longer exists.
   */
  reach(connectionId: string): ReachedTenant;
  /** For sync and its event stream, which try whatever the last look said and let the answer tell: `connection_not_found` only. */
  reachEvenIfOffline(connectionId: string): ReachedTenant;
}

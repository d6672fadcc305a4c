import type { Logger } from '../../../shared/logger.ts';
import { TenantClient, type TenantEndpoint } from './tenantClient.ts';

/**
 * One Tenant Admin API v1 client per connection, made when first needed and
 * kept (it holds the connection's access token in memory), so every service
 * talking to a tenant shares one sign-in.
 */
export interface TenantClientPool {
  /** The connection's client; its endpoint and secret are read when it is made. */
  client(connectionId: string): TenantClient;
  /** Drops a connection's client and its access token (its address or secret changed, or it was removed). */
  forget(connectionId: string): void;
}

export function createTenantClientPool(options: {
  readonly endpointOf: (connectionId: string) => TenantEndpoint;
  /** The client secret, from the keychain, read only when a token is needed. */
  readonly secretOf: (connectionId: string) => Promise<string | null>;
  readonly logger: Logger;
  readonly requestTimeoutMs?: number;
}): TenantClientPool {
  const clients = new Map<string, TenantClient>();
  return {
    client(connectionId) {
      let existing = clients.get(connectionId);
      if (!existing) {
        const { baseUrl, clientId, caCertificate } = options.endpointOf(connectionId);
        existing = new TenantClient({
          endpoint: { baseUrl, clientId, caCertificate },
          secret: () => options.secretOf(connectionId),
          logger: options.logger,
          ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
        });
        clients.set(connectionId, existing);
      }
      return existing;
    },
    forget(connectionId) {
      clients.get(connectionId)?.reset();
      clients.delete(connectionId);
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/connections.ts';
import { createLogger } from '../../../shared/logger.ts';
import type { Reachability } from '../connections/reachabilityMonitor.ts';
import type { StoredConnection } from '../settings/storedSettings.ts';
import { createTenantApiPort } from './tenantApiPort.ts';
import { createTenantClientPool } from './tenantClientPool.ts';

/** The port over one connection in the given state, with the real client pool (no request is sent here). */
function rig(state: ConnectionState) {
  const endpointsRead: string[] = [];
  const connections = [{ id: 'conn', displayName: 'Acme', baseUrl: 'http://127.0.0.1:9', clientId: 'c', caCertificate: null } as StoredConnection];
  const clients = createTenantClientPool({
    endpointOf: (id) => (endpointsRead.push(id), connections.find((c) => c.id === id)!),
    secretOf: async () => 'secret',
    logger: createLogger(() => {}),
  });
  const port = createTenantApiPort({ connections: { list: () => connections }, reachability: { of: () => ({ state }) as Reachability }, clients });
  return { port, clients, endpointsRead };
}

describe('tenant port (Tenant Admin API v1)', () => {
  it('reaches a connected tenant through one shared client per connection', () => {
    const r = rig('connected');
    const reached = r.port.reach('conn');
    expect(reached.connection).toEqual({ id: 'conn', displayName: 'Acme' });
    expect(reached.client.endpoint.baseUrl).toBe('http://127.0.0.1:9');
    expect(r.port.reach('conn').client).toBe(reached.client);
    expect(r.endpointsRead).toEqual(['conn']);
  });

  it('sends nothing to a tenant that is not connected, and names it', () => {
    for (const state of ['offline', 'checking', 'auth_failed', 'error'] as const) {
      expect(() => rig(state).port.reach('conn')).toThrow(expect.objectContaining({ code: 'tenant_offline', message: expect.stringContaining('Acme') }));
    }
    // Sync tries anyway and lets the answer tell.
    expect(rig('offline').port.reachEvenIfOffline('conn').client.endpoint.clientId).toBe('c');
  });

  it('says when the connection no longer exists', () => {
    const r = rig('connected');
    expect(() => r.port.reach('gone')).toThrow(expect.objectContaining({ code: 'connection_not_found' }));
    expect(() => r.port.reachEvenIfOffline('gone')).toThrow(expect.objectContaining({ code: 'connection_not_found' }));
  });

  it('makes a new client (and sign-in) once a connection\'s client is forgotten', () => {
    const r = rig('connected');
    const first = r.port.reach('conn').client;
    r.clients.forget('conn');
    expect(r.port.reach('conn').client).not.toBe(first);
    expect(r.endpointsRead).toEqual(['conn', 'conn']);
  });
});

import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import type { SettingsStorePort } from '../ports/settingsStorePort.ts';
import { SettingsRepository } from '../settings/settingsRepository.ts';
import type { StoredConnection } from '../settings/storedSettings.ts';
import { createConnectionStore } from './connectionStore.ts';

function storeWith(connections: StoredConnection[]) {
  let data: Record<string, unknown> = {};
  const port: SettingsStorePort = { read: () => data, write: (d) => void (data = structuredClone(d)), quarantine: () => {} };
  const settings = new SettingsRepository(port, createLogger(() => {}));
  const store = createConnectionStore(settings);
  for (const c of connections) store.add(c);
  return { store, written: () => (data as { connections: StoredConnection[] }).connections };
}

const connection = (id: string, serverTenantId: string | null = null): StoredConnection => ({
  id, displayName: `Tenant ${id.slice(0, 4)}`, baseUrl: 'https://acme.example', clientId: 'c', serverTenantId, caCertificate: null, color: '#3a5bd9', kind: 'tessera-v1', demo: null, createdAt: '2026-01-01T00:00:00.000Z',
});
const a = '6f1c1f43-61fb-4d0f-9d3e-2b0b4a6f3a11';
const b = '0b6e0d8a-3c55-4f0e-9a39-6f3c2b1d7e22';

describe('connection store', () => {
  it('binds a connection to the first server tenant it reaches, and refuses another one after that', () => {
    const { store, written } = storeWith([connection(a)]);
    store.bindServerTenant(a, { id: 'srv-acme', name: 'Acme' });
    expect(written()[0]!.serverTenantId).toBe('srv-acme');
    expect(store.findByServerTenant('srv-acme')?.id).toBe(a);
    store.bindServerTenant(a, { id: 'srv-acme', name: 'Acme' });
    expect(() => store.bindServerTenant(a, { id: 'srv-globex', name: 'Globex' })).toThrow(expect.objectContaining({ code: 'connection_tenant_mismatch', message: expect.stringContaining('Globex') }));
    expect(store.get(a).serverTenantId).toBe('srv-acme');
  });

  it('keeps the order the person gave, every connection exactly once', () => {
    const { store } = storeWith([connection(a), connection(b)]);
    store.reorder([b, a]);
    expect(store.list().map((c) => c.id)).toEqual([b, a]);
    expect(() => store.reorder([b])).toThrow(expect.objectContaining({ code: 'connection_order_invalid' }));
    expect(() => store.reorder([b, b])).toThrow(expect.objectContaining({ code: 'connection_order_invalid' }));
  });

  it('says when a connection no longer exists', () => {
    const { store } = storeWith([connection(a)]);
    store.remove(a);
    expect(store.has(a)).toBe(false);
    expect(() => store.get(a)).toThrow(expect.objectContaining({ code: 'connection_not_found' }));
    expect(() => store.replace(connection(a))).toThrow(expect.objectContaining({ code: 'connection_not_found' }));
  });
});

import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import type { SettingsStorePort } from '../ports/settingsStorePort.ts';
import { SettingsRepository } from './settingsRepository.ts';
import { migrateSettings } from './storedSettings.ts';

function memoryStore(initial: unknown) {
  const state = { data: initial, quarantined: [] as Array<{ raw: unknown; reason: string }>, writes: 0 };
  const port: SettingsStorePort = {
    read: () => state.data,
    write: (data) => {
      state.data = structuredClone(data);
      state.writes += 1;
    },
    quarantine: (raw, reason) => state.quarantined.push({ raw, reason }),
  };
  return { port, state };
}

const logger = createLogger(() => {});

/** A connection as Tessera stored it before version 5, when the server's tenant id was called `tenantId`. */
const oldConnection = { id: '6f1c1f43-61fb-4d0f-9d3e-2b0b4a6f3a11', displayName: 'Acme', baseUrl: 'https://acme.example', clientId: 'c', tenantId: 'tenant-acme', caCertificate: null, color: '#3a5bd9', demo: null, createdAt: '2026-01-01T00:00:00.000Z' };

describe('settings migrations', () => {
  it('turns an empty store into current defaults', () => {
    const outcome = migrateSettings({});
    expect(outcome).toEqual({ ok: true, migratedFrom: 0, settings: { schemaVersion: 5, preferences: { theme: 'system', sidebarCollapsed: false, inventoryColumns: null, savedFilters: [] }, connections: [], tokenReminders: {} } });
  });

  it('keeps known preferences from an unversioned store', () => {
    const outcome = migrateSettings({ preferences: { theme: 'dark' } });
    expect(outcome.ok && outcome.settings.preferences.theme).toBe('dark');
  });

  it('adds connections to version 1 settings', () => {
    const outcome = migrateSettings({ schemaVersion: 1, preferences: { theme: 'light', sidebarCollapsed: true } });
    expect(outcome).toEqual({ ok: true, migratedFrom: 1, settings: { schemaVersion: 5, preferences: { theme: 'light', sidebarCollapsed: true, inventoryColumns: null, savedFilters: [] }, connections: [], tokenReminders: {} } });
  });

  it('adds the inventory preferences to version 2 settings, keeping the rest', () => {
    const { tenantId: _old, ...connection } = oldConnection;
    const outcome = migrateSettings({ schemaVersion: 2, preferences: { theme: 'dark', sidebarCollapsed: false }, connections: [{ ...connection, tenantId: null }] });
    expect(outcome).toEqual({ ok: true, migratedFrom: 2, settings: { schemaVersion: 5, preferences: { theme: 'dark', sidebarCollapsed: false, inventoryColumns: null, savedFilters: [] }, connections: [{ ...connection, serverTenantId: null, kind: 'tessera-v1' }], tokenReminders: {} } });
  });

  it('loads a connection stored as version 4, its server tenant id kept under its new name, as a Tenant Admin API v1 tenant', () => {
    const { port, state } = memoryStore({ schemaVersion: 4, preferences: { theme: 'dark', sidebarCollapsed: false, inventoryColumns: null, savedFilters: [] }, connections: [oldConnection], tokenReminders: { 'c1|t1': [30] } });
    const repo = new SettingsRepository(port, logger);
    const { tenantId, ...rest } = oldConnection;
    expect(repo.get().connections).toEqual([{ ...rest, serverTenantId: tenantId, kind: 'tessera-v1' }]);
    expect(repo.get().tokenReminders).toEqual({ 'c1|t1': [30] });
    expect(state.quarantined).toEqual([]);
    expect((state.data as { connections: Array<Record<string, unknown>> }).connections[0]).not.toHaveProperty('tenantId');
  });

  it('refuses settings from a newer version instead of guessing', () => {
    expect(migrateSettings({ schemaVersion: 99 })).toMatchObject({ ok: false });
  });

  it('refuses values outside the schema', () => {
    expect(migrateSettings({ schemaVersion: 5, preferences: { theme: 'purple', sidebarCollapsed: false, inventoryColumns: null, savedFilters: [] }, connections: [], tokenReminders: {} })).toMatchObject({ ok: false });
    expect(migrateSettings({ schemaVersion: 5, preferences: { theme: 'dark', sidebarCollapsed: false, inventoryColumns: null, savedFilters: [] }, connections: [{ id: 'not-a-uuid' }], tokenReminders: {} })).toMatchObject({ ok: false });
  });
});

describe('SettingsRepository', () => {
  it('writes migrated settings back once', () => {
    const { port, state } = memoryStore({});
    const repo = new SettingsRepository(port, logger);
    expect(repo.get().preferences.theme).toBe('system');
    expect(state.writes).toBe(1);
  });

  it('quarantines unreadable content and starts from defaults', () => {
    const broken = { schemaVersion: 1, preferences: { theme: 42 } };
    const { port, state } = memoryStore(broken);
    const repo = new SettingsRepository(port, logger);
    expect(repo.get().preferences.theme).toBe('system');
    expect(state.quarantined).toHaveLength(1);
    expect(state.quarantined[0]!.raw).toEqual(broken);
  });

  it('persists updates and rejects invalid ones without changing anything', () => {
    const { port, state } = memoryStore({});
    const repo = new SettingsRepository(port, logger);
    repo.update((s) => ({ ...s, preferences: { ...s.preferences, theme: 'dark' } }));
    expect((state.data as { preferences: { theme: string } }).preferences.theme).toBe('dark');
    expect(() => repo.update((s) => ({ ...s, preferences: { ...s.preferences, theme: 'neon' as 'dark' } }))).toThrow();
    expect(repo.get().preferences.theme).toBe('dark');
  });
});

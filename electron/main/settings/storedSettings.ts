import { z } from 'zod';
import { defaultPreferences, preferencesSchema } from '../../../shared/settings.ts';
import { issuesText } from '../../../shared/validationIssues.ts';
import { connectorKinds } from '../../../shared/connectors.ts';

/**
 * What main keeps in electron-store: non-secret settings only. Secrets live
 * in the OS keychain (credential vault); this file may be read by anyone
 * with access to the user's profile.
 */
export const currentSettingsVersion = 5;

/** A tenant connection as stored: everything but the client secret (that is in the keychain). */
export const storedConnectionSchema = z.object({
  id: z.uuid(),
  displayName: z.string().min(1).max(80),
  baseUrl: z.string().url(),
  clientId: z.string().min(1),
  /**
   * The server's own tenant id (`GET /tenant`), learnt at the first successful contact; a URL edit must
   * keep it. Not the connection's `id`, which is the `tenantId` of every local document.
   */
  serverTenantId: z.string().nullable(),
  caCertificate: z.string().nullable(),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  /** The kind of system (its connector); connections stored before there were kinds are Tenant Admin API v1. */
  kind: z.enum(connectorKinds).default('tessera-v1'),
  /** Set for the demo tenants Tessera starts itself. */
  demo: z.object({ slug: z.string() }).nullable(),
  createdAt: z.string(),
});
export type StoredConnection = z.infer<typeof storedConnectionSchema>;

export const storedSettingsSchema = z.object({
  schemaVersion: z.literal(currentSettingsVersion),
  preferences: preferencesSchema,
  /** In the order the person arranged them. */
  connections: z.array(storedConnectionSchema),
  /** Token expiry reminders already sent: `connectionId|tokenId` → thresholds in days (no secrets). */
  tokenReminders: z.record(z.string(), z.array(z.number().int())),
});
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

export function defaultSettings(): StoredSettings {
  return { schemaVersion: currentSettingsVersion, preferences: { ...defaultPreferences }, connections: [], tokenReminders: {} };
}

type Migration = (previous: Record<string, unknown>) => Record<string, unknown>;

/** `migrations[n]` turns version n into version n + 1. */
const migrations: Record<number, Migration> = {
  // Version 0: an empty store, or one written before versioning.
  0: (previous) => ({
    ...previous,
    schemaVersion: 1,
    preferences: { ...defaultPreferences, ...(isRecord(previous.preferences) ? previous.preferences : {}) },
  }),
  // Version 2 adds tenant connections.
  1: (previous) => ({ ...previous, schemaVersion: 2, connections: [] }),
  // Version 3 adds the inventory's columns and saved filters to the preferences.
  2: (previous) => ({ ...previous, schemaVersion: 3, preferences: { ...(isRecord(previous.preferences) ? previous.preferences : {}), inventoryColumns: null, savedFilters: [] } }),
  // Version 4 remembers which token expiry reminders were sent.
  3: (previous) => ({ ...previous, schemaVersion: 4, tokenReminders: {} }),
  // Version 5 names a connection's server tenant id `serverTenantId` (it was `tenantId`, the word local documents use for the connection id).
  4: (previous) => ({
    ...previous,
    schemaVersion: 5,
    connections: (Array.isArray(previous.connections) ? previous.connections : []).map((connection: unknown) => {
      if (!isRecord(connection) || !('tenantId' in connection)) return connection;
      const { tenantId, ...rest } = connection;
      return { ...rest, serverTenantId: tenantId };
    }),
  }),
};

export type MigrationOutcome =
  | { readonly ok: true; readonly settings: StoredSettings; readonly migratedFrom: number | null }
  | { readonly ok: false; readonly reason: string };

export function migrateSettings(raw: unknown): MigrationOutcome {
  if (raw === undefined || raw === null) return { ok: true, settings: defaultSettings(), migratedFrom: 0 };
  if (!isRecord(raw)) return { ok: false, reason: 'the settings file does not hold an object' };
  let data: Record<string, unknown> = raw;
  const startVersion = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 0;
  if (!Number.isInteger(startVersion) || startVersion < 0) return { ok: false, reason: `unknown settings version ${String(raw.schemaVersion)}` };
  if (startVersion > currentSettingsVersion) {
    return { ok: false, reason: `the settings were written by a newer Tessera (version ${startVersion})` };
  }
  for (let version = startVersion; version < currentSettingsVersion; version += 1) {
    const migrate = migrations[version];
    if (!migrate) return { ok: false, reason: `no migration from settings version ${version}` };
    data = migrate(data);
  }
  const parsed = storedSettingsSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, reason: issuesText(parsed.error.issues) };
  }
  return { ok: true, settings: parsed.data, migratedFrom: startVersion === currentSettingsVersion ? null : startVersion };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

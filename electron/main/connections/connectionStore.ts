import { CodedError } from '../../../shared/result.ts';
import type { SettingsRepository } from '../settings/settingsRepository.ts';
import type { StoredConnection } from '../settings/storedSettings.ts';

/**
 * The tenant connections as the person saved them, in their order: what
 * electron-store keeps (through the settings repository). No secret is
 * here — the client secret is in the keychain — and nothing live either
 * (reachability is the monitor's).
 */
export interface ConnectionStore {
  list(): readonly StoredConnection[];
  /** The connection, or `connection_not_found`. */
  get(id: string): StoredConnection;
  has(id: string): boolean;
  /** The connection already bound to this server tenant, if any (one connection per tenant). */
  findByServerTenant(serverTenantId: string): StoredConnection | undefined;
  add(connection: StoredConnection): void;
  /** Saves a changed connection in its place. */
  replace(connection: StoredConnection): void;
  remove(id: string): void;
  /** Puts the connections in this order; every id exactly once, else `connection_order_invalid`. */
  reorder(ids: readonly string[]): void;
  /**
   * Records the server tenant a connection reached. The first contact binds it; after that an answer
   * from another tenant is `connection_tenant_mismatch`, so two tenants' data never mix.
   */
  bindServerTenant(id: string, tenant: { id: string; name: string }): void;
}

export function createConnectionStore(settings: SettingsRepository): ConnectionStore {
  const all = () => settings.get().connections;
  const save = (change: (connections: StoredConnection[]) => StoredConnection[]) => settings.update((s) => ({ ...s, connections: change(s.connections) }));
  const get = (id: string): StoredConnection => {
    const found = all().find((c) => c.id === id);
    if (!found) throw new CodedError('connection_not_found', 'This connection no longer exists.');
    return found;
  };
  return {
    list: all,
    get,
    has: (id) => all().some((c) => c.id === id),
    findByServerTenant: (serverTenantId) => all().find((c) => c.serverTenantId === serverTenantId),
    add(connection) {
      save((connections) => [...connections, connection]);
    },
    replace(connection) {
      get(connection.id);
      save((connections) => connections.map((c) => (c.id === connection.id ? connection : c)));
    },
    remove(id) {
      save((connections) => connections.filter((c) => c.id !== id));
    },
    reorder(ids) {
      const current = all();
      if (ids.length !== current.length || !current.every((c) => ids.includes(c.id))) {
        throw new CodedError('connection_order_invalid', 'The new order must list every connection exactly once.');
      }
      save(() => ids.map((id) => current.find((c) => c.id === id)!));
    },
    bindServerTenant(id, tenant) {
      const connection = get(id);
      if (connection.serverTenantId === tenant.id) return;
      if (connection.serverTenantId !== null) {
        throw new CodedError('connection_tenant_mismatch', `${connection.baseUrl} now answers as another tenant ("${tenant.name}"). Tessera stopped talking to it so its data cannot mix; check the address.`);
      }
      save((connections) => connections.map((c) => (c.id === id ? { ...c, serverTenantId: tenant.id } : c)));
    },
  };
}

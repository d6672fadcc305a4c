import { randomUUID } from 'node:crypto';
import { checkTenantAddress } from '../../../shared/connectionAddress.ts';
import {
  connectionColors,
  toTenantSummary,
  type ConnectionDraft,
  type ConnectionEdit,
  type ConnectionState,
  type ConnectionTestReport,
  type ConnectionTestRequest,
  type ConnectionView,
  type TenantSummary,
} from '../../../shared/connections.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { EventSink } from '../ports/eventSink.ts';
import type { SettingsRepository } from '../settings/settingsRepository.ts';
import type { StoredConnection } from '../settings/storedSettings.ts';
import { offlineCodes, tenantErrorCodes, unreachableCodes } from '../../../shared/tenantErrorCodes.ts';
import { TenantClient } from '../tenants/tenantClient.ts';
import type { CredentialVault } from '../vault/credentialVault.ts';
import { testConnection, type TestTarget } from './connectionTester.ts';

/** What is known about a connection right now (memory only). */
interface LiveState {
  state: ConnectionState;
  detail: { code: string; message: string } | null;
  lastCheckedAt: string | null;
  lastConnectedAt: string | null;
  tenant: TenantSummary | null;
  grantedScopes: string[];
}

export interface ConnectionServiceOptions {
  readonly settings: SettingsRepository;
  readonly vault: CredentialVault;
  readonly events: EventSink;
  readonly logger: Logger;
  /** How often a connected tenant is checked, and the longest wait between checks of an offline one. */
  readonly checkIntervalMs?: number;
  readonly maxOfflineBackoffMs?: number;
  readonly requestTimeoutMs?: number;
}

export interface ConnectionService {
  list(): ConnectionView[];
  add(draft: ConnectionDraft, options?: { demo?: { slug: string } }): Promise<ConnectionView>;
  update(edit: ConnectionEdit): Promise<ConnectionView>;
  remove(id: string): Promise<{ keychainEntryRemoved: boolean }>;
  reorder(ids: readonly string[]): ConnectionView[];
  test(request: ConnectionTestRequest): Promise<ConnectionTestReport>;
  /** Check a connection now (the "Retry" button, and after edits). */
  check(id: string): Promise<ConnectionView>;
  /** The tenant client of a connection, for the services that talk to tenants. */
  client(id: string): TenantClient;
  stored(id: string): StoredConnection;
  /** Watch every connection's live state; `stop` ends that (app quit, tests). */
  start(): void;
  stop(): void;
  /** Main's own services follow the same changes the renderer sees. */
  onChange(listener: (connections: ConnectionView[]) => void): () => void;
}

/** Errors that mean the credentials are wrong, not that the tenant is away. */
const authCodes = new Set<string>([tenantErrorCodes.authFailed, tenantErrorCodes.noSecret, 'vault_unavailable', 'vault_failed', 'insufficient_scope']);

/**
 * Tenant connections: non-secret settings in electron-store (through the
 * settings repository), client secrets in the keychain (through the vault),
 * one tenant client per connection, and each connection's live state —
 * connected, offline, authentication failed — watched in the background
 * and announced to the renderer.
 */
export function createConnectionService(options: ConnectionServiceOptions): ConnectionService {
  const { settings, vault, events, logger } = options;
  const checkIntervalMs = options.checkIntervalMs ?? 15_000;
  // A tenant coming back is noticed within this (a person waits for it).
  const maxOfflineBackoffMs = options.maxOfflineBackoffMs ?? 15_000;
  const live = new Map<string, LiveState>();
  const clients = new Map<string, TenantClient>();
  const timers = new Map<string, NodeJS.Timeout>();
  const failures = new Map<string, number>();
  let running = false;

  const storedList = () => settings.get().connections;
  const stored = (id: string): StoredConnection => {
    const found = storedList().find((c) => c.id === id);
    if (!found) throw new CodedError('connection_not_found', 'This connection no longer exists.');
    return found;
  };
  const liveOf = (id: string): LiveState => {
    let state = live.get(id);
    if (!state) {
      state = { state: 'checking', detail: null, lastCheckedAt: null, lastConnectedAt: null, tenant: null, grantedScopes: [] };
      live.set(id, state);
    }
    return state;
  };
  const view = (c: StoredConnection): ConnectionView => {
    const state = liveOf(c.id);
    return {
      id: c.id,
      displayName: c.displayName,
      baseUrl: c.baseUrl,
      clientId: c.clientId,
      color: c.color,
      tenantId: c.tenantId,
      hasCustomCa: c.caCertificate !== null,
      encrypted: c.baseUrl.startsWith('https:'),
      demo: c.demo !== null,
      state: state.state,
      stateDetail: state.detail,
      lastCheckedAt: state.lastCheckedAt,
      lastConnectedAt: state.lastConnectedAt,
      tenant: state.tenant,
      grantedScopes: state.grantedScopes,
    };
  };
  const list = () => storedList().map(view);
  const listeners = new Set<(connections: ConnectionView[]) => void>();
  const announce = () => {
    for (const [id, state] of live) announced.set(id, signature(state));
    const current = list();
    events.emit('connections:changed', current);
    for (const listener of listeners) listener(current);
  };

  const client = (id: string): TenantClient => {
    let existing = clients.get(id);
    if (!existing) {
      const c = stored(id);
      existing = new TenantClient({
        endpoint: { baseUrl: c.baseUrl, clientId: c.clientId, caCertificate: c.caCertificate },
        secret: () => vault.read(id),
        logger: logger.child('tenant'),
        ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
      });
      clients.set(id, existing);
    }
    return existing;
  };

  const saveConnections = (change: (connections: StoredConnection[]) => StoredConnection[]) =>
    settings.update((s) => ({ ...s, connections: change(s.connections) }));

  /** One health check: the tenant's info, with the same client (and token) everything else uses. */
  /** What each connection looked like when the renderer last heard of it. */
  const announced = new Map<string, string>();
  const signature = (state: LiveState) => JSON.stringify({ ...state, lastCheckedAt: null, lastConnectedAt: null });

  const check = async (id: string): Promise<ConnectionView> => {
    const connection = stored(id);
    const state = liveOf(id);
    try {
      const api = client(id);
      const info = await api.call('getTenant', { maxResponseBytes: 1024 * 1024 });
      if (connection.tenantId && info.id !== connection.tenantId) {
        throw new CodedError('connection_tenant_mismatch', `${connection.baseUrl} now answers as another tenant ("${info.name}"). Tessera stopped talking to it so its data cannot mix; check the address.`);
      }
      if (!connection.tenantId) saveConnections((all) => all.map((c) => (c.id === id ? { ...c, tenantId: info.id } : c)));
      Object.assign(state, {
        state: 'connected',
        detail: null,
        lastConnectedAt: new Date().toISOString(),
        tenant: toTenantSummary(info),
        grantedScopes: api.grantedScopes(),
      } satisfies Partial<LiveState>);
      // Back after failures: the monitor's next look is at the normal interval again, not at the end
      // of an offline backoff (that would leave a tenant that goes away again unnoticed for as long).
      if (failures.delete(id)) schedule(id);
    } catch (error) {
      const coded = error instanceof CodedError ? error : new CodedError('internal', String(error));
      state.state = offlineCodes.has(coded.code) ? 'offline' : authCodes.has(coded.code) ? 'auth_failed' : 'error';
      state.detail = { code: coded.code, message: coded.message };
      failures.set(id, (failures.get(id) ?? 0) + 1);
      if (state.state !== 'offline') logger.warn('connection check failed', { connection: id, code: coded.code });
    }
    state.lastCheckedAt = new Date().toISOString();
    // Compared with what was last announced, not with this check's start: checks overlap (the monitor,
    // the event stream, the Retry button), and a slow one must not hide a change another one made.
    if (announced.get(id) !== signature(state)) announce();
    return view(stored(id));
  };

  const schedule = (id: string) => {
    clearTimeout(timers.get(id));
    if (!running) return;
    const failed = failures.get(id) ?? 0;
    const wait = failed === 0 ? checkIntervalMs : Math.min(maxOfflineBackoffMs, Math.max(500, checkIntervalMs / 4) * 2 ** Math.min(failed - 1, 8));
    timers.set(
      id,
      setTimeout(() => {
        if (!storedList().some((c) => c.id === id)) return;
        void check(id).finally(() => schedule(id));
      }, wait),
    );
  };

  const forget = (id: string) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    clients.get(id)?.reset();
    clients.delete(id);
    live.delete(id);
    failures.delete(id);
  };

  const targetOf = async (request: ConnectionTestRequest): Promise<TestTarget> => {
    if ('id' in request) {
      const c = stored(request.id);
      return { baseUrl: c.baseUrl, clientId: c.clientId, secret: await vault.read(c.id), caCertificate: c.caCertificate };
    }
    const { draft } = request;
    const existing = draft.id ? stored(draft.id) : null;
    return {
      baseUrl: draft.baseUrl,
      clientId: draft.clientId,
      secret: draft.clientSecret ?? (existing ? await vault.read(existing.id) : null),
      caCertificate: draft.caCertificate === undefined ? (existing?.caCertificate ?? null) : draft.caCertificate,
    };
  };

  const requireVault = async () => {
    const status = await vault.status();
    if (!status.available) throw new CodedError('vault_unavailable', `${status.reason} ${status.fix}`, { reason: status.reason, fix: status.fix });
  };

  /** Refuses a report that would save a connection that does not work (unless it is only unreachable and the person said so). */
  const acceptReport = (report: ConnectionTestReport, saveUnreachable: boolean) => {
    if (report.ok) return;
    const failedStep = report.steps.find((s) => s.status === 'failed');
    const code = failedStep?.code ?? 'connection_test_failed';
    const unreachable = code !== undefined && unreachableCodes.has(code);
    if (unreachable && saveUnreachable) return;
    throw new CodedError(code, `${failedStep?.label ?? 'The test'} failed: ${failedStep?.detail ?? 'unknown reason'}`, { report });
  };

  return {
    list,
    stored,
    client,
    check,

    async test(request) {
      return testConnection(await targetOf(request), { logger: logger.child('test'), ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}) });
    },

    async add(draft, extra = {}) {
      const address = checkTenantAddress(draft.baseUrl);
      if (!address.ok) throw new CodedError(address.code, address.message);
      await requireVault();
      const report = await testConnection({ baseUrl: address.normalized, clientId: draft.clientId, secret: draft.clientSecret, caCertificate: draft.caCertificate ?? null }, { logger: logger.child('test') });
      acceptReport(report, draft.saveUnreachable === true);
      if (report.tenant && storedList().some((c) => c.tenantId === report.tenant!.id)) {
        throw new CodedError('connection_duplicate', `${report.tenant.name} is already connected in Tessera.`);
      }
      const id = randomUUID();
      const used = new Set(storedList().map((c) => c.color));
      const connection: StoredConnection = {
        id,
        displayName: draft.displayName.trim(),
        baseUrl: address.normalized,
        clientId: draft.clientId.trim(),
        tenantId: report.tenant?.id ?? null,
        caCertificate: draft.caCertificate ?? null,
        color: draft.color ?? connectionColors.find((c) => !used.has(c)) ?? connectionColors[storedList().length % connectionColors.length]!,
        demo: extra.demo ?? null,
        createdAt: new Date().toISOString(),
      };
      await vault.save(id, draft.clientSecret);
      try {
        saveConnections((all) => [...all, connection]);
      } catch (error) {
        await vault.remove(id).catch(() => undefined);
        throw error;
      }
      if (report.tenant) Object.assign(liveOf(id), { state: 'connected', tenant: report.tenant, grantedScopes: report.grantedScopes, lastCheckedAt: new Date().toISOString(), lastConnectedAt: new Date().toISOString() });
      else Object.assign(liveOf(id), { state: 'offline', detail: { code: 'tenant_unreachable', message: report.steps.find((s) => s.status === 'failed')?.detail ?? 'Not reachable yet.' } });
      logger.info('connection added', { connection: id, tenant: connection.tenantId });
      announce();
      schedule(id);
      return view(connection);
    },

    async update(edit) {
      const current = stored(edit.id);
      const baseUrl = edit.baseUrl !== undefined ? checkTenantAddress(edit.baseUrl) : null;
      if (baseUrl && !baseUrl.ok) throw new CodedError(baseUrl.code, baseUrl.message);
      const next: StoredConnection = {
        ...current,
        ...(edit.displayName !== undefined ? { displayName: edit.displayName.trim() } : {}),
        ...(baseUrl?.ok ? { baseUrl: baseUrl.normalized } : {}),
        ...(edit.clientId !== undefined ? { clientId: edit.clientId.trim() } : {}),
        ...(edit.caCertificate !== undefined ? { caCertificate: edit.caCertificate } : {}),
        ...(edit.color !== undefined ? { color: edit.color } : {}),
      };
      const reachChanged = next.baseUrl !== current.baseUrl || next.clientId !== current.clientId || next.caCertificate !== current.caCertificate || edit.clientSecret !== undefined;
      if (reachChanged) {
        await requireVault();
        const secret = edit.clientSecret ?? (await vault.read(current.id));
        const report = await testConnection({ baseUrl: next.baseUrl, clientId: next.clientId, secret, caCertificate: next.caCertificate }, { logger: logger.child('test') });
        acceptReport(report, false);
        if (report.tenant && current.tenantId && report.tenant.id !== current.tenantId) {
          throw new CodedError(
            'connection_tenant_mismatch',
            `${next.baseUrl} is a different tenant ("${report.tenant.name}") from the one this connection belongs to. Add it as a new connection instead.`,
          );
        }
        if (report.tenant) next.tenantId = report.tenant.id;
        if (edit.clientSecret !== undefined) await vault.save(current.id, edit.clientSecret);
      }
      saveConnections((all) => all.map((c) => (c.id === current.id ? next : c)));
      if (reachChanged) {
        clients.get(current.id)?.reset();
        clients.delete(current.id);
        failures.delete(current.id);
        await check(current.id);
        schedule(current.id);
      }
      logger.info('connection updated', { connection: current.id, reachChanged });
      announce();
      return view(stored(current.id));
    },

    async remove(id) {
      stored(id);
      let keychainEntryRemoved = true;
      try {
        await vault.remove(id);
      } catch (error) {
        keychainEntryRemoved = false;
        logger.warn('keychain entry not removed', { connection: id, code: error instanceof CodedError ? error.code : 'unknown' });
      }
      saveConnections((all) => all.filter((c) => c.id !== id));
      forget(id);
      logger.info('connection removed', { connection: id, keychainEntryRemoved });
      announce();
      return { keychainEntryRemoved };
    },

    reorder(ids) {
      const all = storedList();
      if (ids.length !== all.length || !all.every((c) => ids.includes(c.id))) {
        throw new CodedError('connection_order_invalid', 'The new order must list every connection exactly once.');
      }
      saveConnections(() => ids.map((id) => all.find((c) => c.id === id)!));
      announce();
      return list();
    },

    start() {
      if (running) return;
      running = true;
      for (const c of storedList()) void check(c.id).finally(() => schedule(c.id));
    },

    stop() {
      running = false;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import { randomUUID } from 'node:crypto';
import { checkTenantAddress } from '../../../shared/connectionAddress.ts';
import { connectionColors, type ConnectionTestReport, type ConnectionView } from '../../../shared/connections.ts';
import type { CommandResult, ParsedCommandArgs } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { unreachableCodes } from '../../../shared/tenantErrorCodes.ts';
import type { EventSink } from '../ports/eventSink.ts';
import type { StoredConnection } from '../settings/storedSettings.ts';
import type { TenantClientPool } from '../tenantApi/tenantClientPool.ts';
import type { CredentialVault } from '../vault/credentialVault.ts';
import type { ConnectionStore } from './connectionStore.ts';
import { testConnection, type TestTarget } from './connectionTester.ts';
import type { ReachabilityMonitor } from './reachabilityMonitor.ts';
import { capabilitiesOf } from '../../../shared/connectors.ts';

export interface ConnectionServiceOptions {
  readonly store: ConnectionStore;
  readonly reachability: ReachabilityMonitor;
  readonly clients: Pick<TenantClientPool, 'forget'>;
  readonly vault: CredentialVault;
  readonly events: EventSink;
  readonly logger: Logger;
  readonly requestTimeoutMs?: number;
}

/** What the `connections:*` commands do, typed from the IPC contract. */
export interface ConnectionService {
  list(): ConnectionView[];
  add(draft: ParsedCommandArgs<'connections:add'>, options?: { demo?: { slug: string } }): Promise<ConnectionView>;
  update(edit: ParsedCommandArgs<'connections:update'>): Promise<ConnectionView>;
  remove(id: string): Promise<CommandResult<'connections:remove'>>;
  reorder(ids: readonly string[]): ConnectionView[];
  test(request: ParsedCommandArgs<'connections:test'>): Promise<ConnectionTestReport>;
  /** Check a connection now (the "Retry" button, and after edits). */
  check(id: string): Promise<ConnectionView>;
  stored(id: string): StoredConnection;
  /** Watch every connection's live state; `stop` ends that (app quit, tests). */
  start(): void;
  stop(): void;
  /** Main's own services follow the same changes the renderer sees. */
  onChange(listener: (connections: ConnectionView[]) => void): () => void;
}

/**
 * Tenant connections as the person manages them: adding (tested first,
 * the secret into the keychain), editing (a different tenant at the new
 * address is refused), removing, ordering — the saved connections from the
 * store with each one's live state from the reachability monitor, announced
 * to the renderer whenever either changes.
 */
export function createConnectionService(options: ConnectionServiceOptions): ConnectionService {
  const { store, reachability, clients, vault, events, logger } = options;
  const testOptions = (name: string) => ({ logger: logger.child(name), ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}) });

  const view = (c: StoredConnection): ConnectionView => {
    const live = reachability.of(c.id);
    return {
      id: c.id,
      displayName: c.displayName,
      baseUrl: c.baseUrl,
      clientId: c.clientId,
      color: c.color,
      serverTenantId: c.serverTenantId,
      hasCustomCa: c.caCertificate !== null,
      encrypted: c.baseUrl.startsWith('https:'),
      demo: c.demo !== null,
      state: live.state,
      stateDetail: live.detail,
      lastCheckedAt: live.lastCheckedAt,
      lastConnectedAt: live.lastConnectedAt,
      tenant: live.tenant,
      grantedScopes: live.grantedScopes,
      kind: c.kind,
      capabilities: capabilitiesOf(c.kind),
    };
  };
  const list = () => store.list().map(view);
  const listeners = new Set<(connections: ConnectionView[]) => void>();
  const announce = () => {
    const current = list();
    events.emit('connections:changed', current);
    for (const listener of listeners) listener(current);
  };
  reachability.onChange(announce);

  const check = async (id: string): Promise<ConnectionView> => {
    store.get(id);
    await reachability.check(id);
    return view(store.get(id));
  };

  const targetOf = async (request: ParsedCommandArgs<'connections:test'>): Promise<TestTarget> => {
    if ('id' in request) {
      const c = store.get(request.id);
      return { baseUrl: c.baseUrl, clientId: c.clientId, secret: await vault.read(c.id), caCertificate: c.caCertificate };
    }
    const { draft } = request;
    const existing = draft.id ? store.get(draft.id) : null;
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
    stored: (id) => store.get(id),
    check,

    async test(request) {
      return testConnection(await targetOf(request), testOptions('test'));
    },

    async add(draft, extra = {}) {
      const address = checkTenantAddress(draft.baseUrl);
      if (!address.ok) throw new CodedError(address.code, address.message);
      await requireVault();
      const report = await testConnection({ baseUrl: address.normalized, clientId: draft.clientId, secret: draft.clientSecret, caCertificate: draft.caCertificate ?? null }, { logger: logger.child('test') });
      acceptReport(report, draft.saveUnreachable === true);
      if (report.tenant && store.findByServerTenant(report.tenant.id)) {
        throw new CodedError('connection_duplicate', `${report.tenant.name} is already connected in Tessera.`);
      }
      const id = randomUUID();
      const saved = store.list();
      const used = new Set(saved.map((c) => c.color));
      // Names and ids arrive trimmed: the IPC contract's schemas trim them.
      const connection: StoredConnection = {
        id,
        displayName: draft.displayName,
        baseUrl: address.normalized,
        clientId: draft.clientId,
        // The only kind that can be connected so far (the vendor connectors add theirs).
        kind: 'tessera-v1',
        serverTenantId: report.tenant?.id ?? null,
        caCertificate: draft.caCertificate ?? null,
        color: draft.color ?? connectionColors.find((c) => !used.has(c)) ?? connectionColors[saved.length % connectionColors.length]!,
        demo: extra.demo ?? null,
        createdAt: new Date().toISOString(),
      };
      await vault.save(id, draft.clientSecret);
      try {
        store.add(connection);
      } catch (error) {
        await vault.remove(id).catch((removeError: unknown) => logger.warn('keychain entry of an unsaved connection not removed', { connection: id, error: removeError }));
        throw error;
      }
      reachability.record(id, report.tenant ? { answer: { tenant: report.tenant, grantedScopes: report.grantedScopes } } : { unreachable: report.steps.find((s) => s.status === 'failed')?.detail ?? 'Not reachable yet.' });
      logger.info('connection added', { connection: id, tenant: connection.serverTenantId });
      announce();
      reachability.watch(id);
      return view(connection);
    },

    async update(edit) {
      const current = store.get(edit.id);
      const baseUrl = edit.baseUrl !== undefined ? checkTenantAddress(edit.baseUrl) : null;
      if (baseUrl && !baseUrl.ok) throw new CodedError(baseUrl.code, baseUrl.message);
      const next: StoredConnection = {
        ...current,
        ...(edit.displayName !== undefined ? { displayName: edit.displayName } : {}),
        ...(baseUrl?.ok ? { baseUrl: baseUrl.normalized } : {}),
        ...(edit.clientId !== undefined ? { clientId: edit.clientId } : {}),
        ...(edit.caCertificate !== undefined ? { caCertificate: edit.caCertificate } : {}),
        ...(edit.color !== undefined ? { color: edit.color } : {}),
      };
      const reachChanged = next.baseUrl !== current.baseUrl || next.clientId !== current.clientId || next.caCertificate !== current.caCertificate || edit.clientSecret !== undefined;
      if (reachChanged) {
        await requireVault();
        const secret = edit.clientSecret ?? (await vault.read(current.id));
        const report = await testConnection({ baseUrl: next.baseUrl, clientId: next.clientId, secret, caCertificate: next.caCertificate }, { logger: logger.child('test') });
        acceptReport(report, false);
        if (report.tenant && current.serverTenantId && report.tenant.id !== current.serverTenantId) {
          throw new CodedError(
            'connection_tenant_mismatch',
            `${next.baseUrl} is a different tenant ("${report.tenant.name}") from the one this connection belongs to. Add it as a new connection instead.`,
          );
        }
        if (report.tenant) next.serverTenantId = report.tenant.id;
        if (edit.clientSecret !== undefined) await vault.save(current.id, edit.clientSecret);
      }
      store.replace(next);
      if (reachChanged) {
        clients.forget(current.id);
        await reachability.restart(current.id);
      }
      logger.info('connection updated', { connection: current.id, reachChanged });
      announce();
      return view(store.get(current.id));
    },

    async remove(id) {
      store.get(id);
      let keychainEntryRemoved = true;
      try {
        await vault.remove(id);
      } catch (error) {
        keychainEntryRemoved = false;
        logger.warn('keychain entry not removed', { connection: id, code: error instanceof CodedError ? error.code : 'unknown' });
      }
      store.remove(id);
      reachability.forget(id);
      clients.forget(id);
      logger.info('connection removed', { connection: id, keychainEntryRemoved });
      announce();
      return { keychainEntryRemoved };
    },

    reorder(ids) {
      store.reorder(ids);
      announce();
      return list();
    },

    start: () => reachability.start(),
    stop: () => reachability.stop(),

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../shared/connections.ts';
import { createLogger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { addAdminClient } from '../../../server/domain/clients.ts';
import { startTenantServer, type RunningTenantServer } from '../../../server/tenantServer.ts';
import type { SettingsStorePort } from '../ports/settingsStorePort.ts';
import { SettingsRepository } from '../settings/settingsRepository.ts';
import type { CredentialVault } from '../vault/credentialVault.ts';
import { composeConnections } from '../composition.ts';
import type { ConnectionService } from './connectionService.ts';

const logger = createLogger(() => {});

/** The vault's contract in memory: this test is about the connection logic, not the keychain. */
function memoryVault() {
  const secrets = new Map<string, string>();
  const vault: CredentialVault = {
    status: async () => ({ available: true, store: 'memory' }),
    save: async (id, secret) => void secrets.set(id, secret),
    read: async (id) => secrets.get(id) ?? null,
    remove: async (id) => void secrets.delete(id),
  };
  return { vault, secrets };
}

function memorySettings() {
  let data: Record<string, unknown> = {};
  const port: SettingsStorePort = { read: () => data, write: (d) => void (data = structuredClone(d)), quarantine: () => {} };
  return new SettingsRepository(port, logger);
}

/** The connection service as main wires it (store, monitor, client pool), over these stand-ins. */
const createConnectionService = (options: Parameters<typeof composeConnections>[0]): ConnectionService => composeConnections(options).connections;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: unknown) => (error instanceof CodedError ? error.code : String(error)),
  );
}

describe('connection service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-conn-'));
  let acme: RunningTenantServer;
  let globex: RunningTenantServer;
  let acmeClient: { clientId: string; clientSecret: string };
  let globexClient: { clientId: string; clientSecret: string };
  let service: ConnectionService;
  let vault: ReturnType<typeof memoryVault>;
  const events: ConnectionView[][] = [];

  beforeAll(async () => {
    acme = await startTenantServer({ dataFile: join(dir, 'acme.db'), name: 'Acme', logSink: () => {} });
    globex = await startTenantServer({ dataFile: join(dir, 'globex.db'), name: 'Globex', logSink: () => {} });
    acmeClient = addAdminClient(acme.store, { name: 'Ada', email: 'ada@example.com', scopes: ['admin:read', 'admin:write', 'tokens:issue', 'employees:manage'] });
    globexClient = addAdminClient(globex.store, { name: 'Ada', email: 'ada@example.com', scopes: ['admin:read', 'admin:write'] });
    vault = memoryVault();
    service = createConnectionService({ settings: memorySettings(), vault: vault.vault, events: { emit: (event, payload) => event === 'connections:changed' && events.push(payload as ConnectionView[]) }, logger });
  });
  afterAll(async () => {
    service.stop();
    await acme.close();
    await globex.close().catch(() => undefined);
  });

  it('adds a connection bound to the tenant\'s own id, secret in the vault only', async () => {
    const view = await service.add({ displayName: 'Acme', baseUrl: `${acme.url}/`, clientId: acmeClient.clientId, clientSecret: acmeClient.clientSecret });
    expect(view).toMatchObject({ serverTenantId: acme.tenantId, state: 'connected', baseUrl: acme.url, encrypted: false, tenant: { name: 'Acme' } });
    expect(vault.secrets.get(view.id)).toBe(acmeClient.clientSecret);
    expect(JSON.stringify(service.list())).not.toContain(acmeClient.clientSecret);
    expect(JSON.stringify(events)).not.toContain(acmeClient.clientSecret);
    expect(await codeOf(service.add({ displayName: 'Acme again', baseUrl: acme.url, clientId: acmeClient.clientId, clientSecret: acmeClient.clientSecret }))).toBe('connection_duplicate');
  });

  it('refuses a URL edit that reaches another tenant', async () => {
    const [acmeView] = service.list();
    const error = await service.update({ id: acmeView!.id, baseUrl: globex.url, clientId: globexClient.clientId, clientSecret: globexClient.clientSecret }).catch((e: CodedError) => e);
    expect((error as CodedError).code).toBe('connection_tenant_mismatch');
    expect(service.stored(acmeView!.id).baseUrl).toBe(acme.url);
    expect(vault.secrets.get(acmeView!.id)).toBe(acmeClient.clientSecret);
  });

  it('refuses plain HTTP except on loopback, and a connection that does not work', async () => {
    expect(await codeOf(service.add({ displayName: 'x', baseUrl: 'http://tenant.example.com', clientId: 'c', clientSecret: 's' }))).toBe('address_not_encrypted');
    expect(await codeOf(service.add({ displayName: 'x', baseUrl: globex.url, clientId: globexClient.clientId, clientSecret: 'wrong' }))).toBe('tenant_auth_failed');
    expect(service.list()).toHaveLength(1);
  });

  it('saves an unreachable tenant when asked, and binds its id at the first contact', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const url = `http://127.0.0.1:${port}`;
    expect(await codeOf(service.add({ displayName: 'Later', baseUrl: url, clientId: globexClient.clientId, clientSecret: globexClient.clientSecret }))).toBe('tenant_unreachable');
    const saved = await service.add({ displayName: 'Later', baseUrl: url, clientId: globexClient.clientId, clientSecret: globexClient.clientSecret, saveUnreachable: true });
    expect(saved).toMatchObject({ state: 'offline', serverTenantId: null });
    // Globex comes up at that address.
    await globex.close();
    globex = await startTenantServer({ dataFile: join(dir, 'globex.db'), port, logSink: () => {} });
    const checked = await service.check(saved.id);
    expect(checked).toMatchObject({ state: 'connected', serverTenantId: globex.tenantId });
  });

  it('stops talking to an address that starts answering as another tenant', async () => {
    const later = service.list().find((c) => c.displayName === 'Later')!;
    const port = Number(new URL(globex.url).port);
    await globex.close();
    const impostor = await startTenantServer({ dataFile: join(dir, 'impostor.db'), port, name: 'Impostor', logSink: () => {} });
    try {
      addAdminClient(impostor.store, { name: 'x', scopes: ['admin:read'] });
      // The impostor does not know this client: authentication fails before anything is read.
      expect((await service.check(later.id)).state).toBe('auth_failed');
    } finally {
      await impostor.close();
    }
    globex = await startTenantServer({ dataFile: join(dir, 'globex.db'), port, logSink: () => {} });
    expect((await service.check(later.id)).state).toBe('connected');
  });

  it('re-orders and removes connections, deleting the keychain entry', async () => {
    const [first, second] = service.list();
    expect(service.reorder([second!.id, first!.id]).map((c) => c.id)).toEqual([second!.id, first!.id]);
    expect(await codeOf(Promise.resolve().then(() => service.reorder([first!.id])))).toBe('connection_order_invalid');
    expect(await service.remove(first!.id)).toEqual({ keychainEntryRemoved: true });
    expect(vault.secrets.has(first!.id)).toBe(false);
    expect(service.list().map((c) => c.id)).toEqual([second!.id]);
  });
});

describe('connection test report', () => {
  let server: RunningTenantServer;
  let ca: string;
  let reader: { clientId: string; clientSecret: string };
  let writer: { clientId: string; clientSecret: string };
  let service: ConnectionService;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-conn-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=Tessera test CA', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = await startTenantServer({ dataFile: join(dir, 't.db'), tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') }, logSink: () => {} });
    reader = addAdminClient(server.store, { name: 'Reader', scopes: ['admin:read'] });
    writer = addAdminClient(server.store, { name: 'Writer', scopes: ['admin:read', 'admin:write'] });
    service = createConnectionService({ settings: memorySettings(), vault: memoryVault().vault, events: { emit: () => {} }, logger });
  });
  afterAll(() => server.close());

  const statuses = (report: { steps: Array<{ id: string; status: string }> }) => Object.fromEntries(report.steps.map((s) => [s.id, s.status]));

  it('stops at TLS for a self-signed certificate and says to add the CA', async () => {
    const report = await service.test({ draft: { baseUrl: server.url, clientId: writer.clientId, clientSecret: writer.clientSecret } });
    expect(statuses(report)).toEqual({ address: 'ok', dns: 'ok', tls: 'failed', http: 'skipped', oauth: 'skipped', scopes: 'skipped', tenant: 'skipped' });
    expect(report.steps.find((s) => s.id === 'tls')!.detail).toContain('CA certificate');
  });

  it('passes with the CA, and reports missing scopes: required ones fail, optional ones warn', async () => {
    const ok = await service.test({ draft: { baseUrl: server.url, clientId: writer.clientId, clientSecret: writer.clientSecret, caCertificate: ca } });
    expect(statuses(ok)).toEqual({ address: 'ok', dns: 'ok', tls: 'ok', http: 'ok', oauth: 'ok', scopes: 'warning', tenant: 'ok' });
    expect(ok.missingScopes).toEqual(['tokens:issue', 'employees:manage']);
    expect(ok.tenant?.id).toBe(server.tenantId);
    const readOnly = await service.test({ draft: { baseUrl: server.url, clientId: reader.clientId, clientSecret: reader.clientSecret, caCertificate: ca } });
    expect(statuses(readOnly).scopes).toBe('failed');
    expect(readOnly.steps.find((s) => s.id === 'scopes')!.detail).toContain('admin:write');
  });

  it('names invalid_client, and a host that is not a tenant', async () => {
    const wrong = await service.test({ draft: { baseUrl: server.url, clientId: writer.clientId, clientSecret: 'nope', caCertificate: ca } });
    expect(wrong.steps.find((s) => s.id === 'oauth')).toMatchObject({ status: 'failed', code: 'tenant_auth_failed' });
    expect(wrong.steps.find((s) => s.id === 'oauth')!.detail).toContain('invalid_client');
    const plain = createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', () => resolve()));
    try {
      const report = await service.test({ draft: { baseUrl: `http://127.0.0.1:${(plain.address() as AddressInfo).port}`, clientId: 'c', clientSecret: 's' } });
      expect(report.steps.find((s) => s.id === 'http')).toMatchObject({ status: 'failed' });
      expect(report.steps.find((s) => s.id === 'http')!.detail).toContain('HTTP 404');
    } finally {
      plain.close();
    }
  });
});

describe('connection monitor', () => {
  it('after a long time offline, a tenant that comes back and goes away again is noticed at the normal interval, not after the offline backoff', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-monitor-'));
    let tenant = await startTenantServer({ dataFile: join(dir, 'acme.db'), name: 'Acme', logSink: () => {} });
    const port = Number(new URL(tenant.url).port);
    const admin = addAdminClient(tenant.store, { name: 'Ada', scopes: ['admin:read', 'admin:write'] });
    const states: string[] = [];
    const service = createConnectionService({
      settings: memorySettings(),
      vault: memoryVault().vault,
      events: { emit: (event, payload) => event === 'connections:changed' && states.push((payload as ConnectionView[])[0]?.state ?? 'none') },
      logger,
      checkIntervalMs: 100,
      // Long enough that the test's own time limit runs out first if the monitor were still waiting it out.
      maxOfflineBackoffMs: 120_000,
    });
    const { id } = await service.add({ displayName: 'Acme', baseUrl: tenant.url, clientId: admin.clientId, clientSecret: admin.clientSecret });
    service.start();
    const becomes = (state: string) =>
      new Promise<void>((resolve) => {
        const off = service.onChange((all) => {
          if (all[0]?.state === state) {
            off();
            resolve();
          }
        });
      });
    try {
      const away = becomes('offline');
      await tenant.close();
      await away;
      // Offline long enough for the backoff to grow past a minute (each failed look doubles it: 500 ms × 2⁷).
      for (let i = 0; i < 7; i++) await service.check(id);
      tenant = await startTenantServer({ dataFile: join(dir, 'acme.db'), port, logSink: () => {} });
      expect((await service.check(id)).state).toBe('connected');
      const awayAgain = becomes('offline');
      await tenant.close();
      await awayAgain;
      expect(states.at(-1)).toBe('offline');
    } finally {
      service.stop();
      await tenant.close().catch(() => undefined);
    }
    // Each failed look retries a refused connection a few times (≈ 1.5 s), so the time limit is generous but
    // still well short of the 64 s the monitor would wait without being reset.
  }, 50_000);
});

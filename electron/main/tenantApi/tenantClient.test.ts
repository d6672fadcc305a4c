import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { startTenantServer, type RunningTenantServer } from '../../../server/tenantServer.ts';
import { TestTenant } from '../../../server/testing/testTenant.ts';
import { TenantClient, type TenantEndpoint } from './tenantClient.ts';
import { FaultyProxy } from './testing/faultyProxy.ts';

const logger = createLogger(() => {});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CodedError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('tenant client against real servers', () => {
  let tenant: TestTenant;
  let proxy: FaultyProxy;
  let client: { clientId: string; clientSecret: string };
  const waits: number[] = [];

  const make = (endpoint: Partial<TenantEndpoint> = {}, secret: string | null = client.clientSecret, extra: Partial<ConstructorParameters<typeof TenantClient>[0]> = {}) =>
    new TenantClient({
      endpoint: { baseUrl: proxy.url, clientId: client.clientId, caCertificate: null, ...endpoint },
      secret: async () => secret,
      logger,
      timeoutMs: 1_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
      ...extra,
    });

  beforeAll(async () => {
    tenant = await TestTenant.start();
    client = tenant.addClient(['admin:read', 'admin:write']);
    proxy = await FaultyProxy.start(tenant.url);
  });
  afterAll(async () => {
    await proxy.close();
    await tenant.stop();
  });

  it('signs in with client credentials, caches the token in memory, and validates answers', async () => {
    const api = make();
    const before = proxy.requests.length;
    const info = await api.call('getTenant');
    expect(info.name).toBe('Tenant');
    await api.call('listTechnicalUsers', { query: { limit: 5 } });
    const sent = proxy.requests.slice(before);
    expect(sent.filter((r) => r.startsWith('POST /oauth/token'))).toHaveLength(1);
    expect(sent).toContain('GET /api/v1/technical-users?limit=5');
    expect(api.grantedScopes()).toEqual(['admin:read', 'admin:write']);
  });

  it('refreshes the access token before it expires and after a 401', async () => {
    let now = Date.now();
    const api = make({}, client.clientSecret, { now: () => now });
    await api.call('getTenant');
    const tokenCalls = () => proxy.requests.filter((r) => r.startsWith('POST /oauth/token')).length;
    const start = tokenCalls();
    now += 14 * 60_000 + 30_000; // the server's tokens live 15 minutes; refresh a minute before
    await api.call('getTenant');
    expect(tokenCalls()).toBe(start + 1);
    proxy.inject(/\/api\/v1\/tenant/, { kind: 'status', status: 401, body: JSON.stringify({ code: 'invalid_token', message: 'expired' }) });
    await api.call('getTenant');
    expect(tokenCalls()).toBe(start + 2);
  });

  it('reports a wrong secret and a missing secret clearly', async () => {
    expect(await codeOf(make({}, 'tcs_wrong').call('getTenant'))).toBe('tenant_auth_failed');
    expect(await codeOf(make({}, null).call('getTenant'))).toBe('vault_secret_missing');
  });

  it('passes the tenant\'s own refusals through (missing scope)', async () => {
    const error = await make().call('issueToken', { params: { id: 'x' }, body: {} }).catch((e: CodedError) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('insufficient_scope');
    expect((error as CodedError).message).toContain('tokens:issue');
  });

  it('retries a 500 and then succeeds; gives up on a non-idempotent call', async () => {
    waits.length = 0;
    proxy.inject(/\/api\/v1\/tenant$/, { kind: 'status', status: 500 });
    proxy.inject(/\/api\/v1\/tenant$/, { kind: 'status', status: 503 });
    expect((await make().call('getTenant')).name).toBe('Tenant');
    expect(waits).toEqual([150, 300]);
    proxy.inject(/\/tokens$/, { kind: 'status', status: 500 });
    expect(await codeOf(make().call('issueToken', { params: { id: 'x' }, body: {} }))).toBe('internal');
  });

  it('honours 429 Retry-After', async () => {
    waits.length = 0;
    proxy.inject(/\/api\/v1\/tenant$/, { kind: 'status', status: 429, headers: { 'Retry-After': '2' }, body: JSON.stringify({ code: 'rate_limited', message: 'slow down' }) });
    expect((await make().call('getTenant')).name).toBe('Tenant');
    expect(waits).toEqual([2000]);
  });

  it('turns malformed, off-contract and oversized answers into errors', async () => {
    const api = make();
    await api.call('getTenant');
    proxy.inject(/\/api\/v1\/tenant$/, { kind: 'malformed' });
    expect(await codeOf(api.call('getTenant'))).toBe('tenant_invalid_response');
    proxy.inject(/\/api\/v1\/tenant$/, { kind: 'mutate', change: (body) => ({ ...(body as object), plan: { name: 42 } }) });
    const offContract = await api.call('getTenant').catch((e: CodedError) => e);
    expect((offContract as CodedError).code).toBe('tenant_invalid_response');
    expect((offContract as CodedError).message).toContain('plan.name');
    proxy.inject(/technical-users/, { kind: 'oversize', bytes: 9 * 1024 * 1024 });
    expect(await codeOf(api.call('listTechnicalUsers'))).toBe('tenant_response_too_large');
    proxy.inject(/\/api\/v1\/tenant$/, { kind: 'status', status: 418, body: '<html>teapot</html>' });
    expect(await codeOf(api.call('getTenant'))).toBe('tenant_invalid_response');
  });

  it('refuses a redirect to another origin', async () => {
    const api = make();
    await api.call('getTenant');
    proxy.inject(/\/api\/v1\/tenant$/, { kind: 'redirect', location: 'https://evil.example/steal' });
    const error = (await api.call('getTenant').catch((e: CodedError) => e)) as CodedError;
    expect(error.code).toBe('tenant_redirect_refused');
    expect(error.message).toContain('https://evil.example');
    expect(proxy.requests.some((r) => r.includes('steal'))).toBe(false);
  });

  it('times out a tenant that never answers, after retrying', async () => {
    waits.length = 0;
    for (let i = 0; i < 4; i++) proxy.inject(/\/api\/v1\/tenant$/, { kind: 'hang' });
    const started = Date.now();
    expect(await codeOf(make({}, client.clientSecret, { timeoutMs: 200, maxRetries: 1 }).call('getTenant'))).toBe('tenant_timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(waits).toHaveLength(1);
  });

  it('reports a server that is down as unreachable', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', () => resolve()));
    const port = (down.address() as AddressInfo).port;
    await new Promise<void>((resolve) => down.close(() => resolve()));
    waits.length = 0;
    const error = (await make({ baseUrl: `http://127.0.0.1:${port}` }).call('getTenant').catch((e: CodedError) => e)) as CodedError;
    expect(error.code).toBe('tenant_unreachable');
    expect(error.message).toContain('connection refused');
    expect(waits).toHaveLength(3);
    expect(await codeOf(make({ baseUrl: 'http://tenant.invalid' }).call('getTenant'))).toBe('tenant_dns_failed');
  });
});

describe('tenant client over HTTPS with a self-signed certificate', () => {
  let server: RunningTenantServer;
  let ca: string;
  let client: { clientId: string; clientSecret: string };
  let hang: Server;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=Tessera test tenant', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = await startTenantServer({ dataFile: join(dir, 'tenant.db'), tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') }, logSink: () => {} });
    const { addAdminClient } = await import('../../../server/domain/clients.ts');
    client = addAdminClient(server.store, { name: 'Ada', email: 'ada@example.com', scopes: ['admin:read'] });
    hang = createServer(() => undefined);
  });
  afterAll(async () => {
    await server.close();
    hang.close();
  });

  it('refuses the certificate without the custom CA and accepts it with it', async () => {
    const endpoint = { baseUrl: server.url, clientId: client.clientId };
    const without = new TenantClient({ endpoint: { ...endpoint, caCertificate: null }, secret: async () => client.clientSecret, logger, sleep: async () => {} });
    const error = (await without.call('getTenant').catch((e: CodedError) => e)) as CodedError;
    expect(error.code).toBe('tenant_tls_failed');
    expect(error.message).toContain('CA certificate');
    const withCa = new TenantClient({ endpoint: { ...endpoint, caCertificate: ca }, secret: async () => client.clientSecret, logger, sleep: async () => {} });
    expect((await withCa.call('getTenant')).id).toBe(server.tenantId);
  });
});

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { ListEnvelope } from '../../shared/api/common.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { openStream } from '../testing/streamClient.ts';
import { TestTenant } from '../testing/testTenant.ts';

describe('a robust HTTP face', () => {
  let tenant: TestTenant;
  let api: ReturnType<TestTenant['as']>;
  let accessToken: string;
  let clientSecret: string;

  beforeAll(async () => {
    tenant = await TestTenant.start({ requestTimeoutMs: 1000 });
    const client = tenant.addClient();
    clientSecret = client.clientSecret;
    accessToken = (await tenant.request<{ access_token: string }>('POST', '/oauth/token', { form: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret } })).body.access_token;
    api = tenant.as(accessToken);
  });
  afterAll(() => tenant.stop());

  it('refuses bodies over 1 MiB with 413', async () => {
    const response = await api<{ code: string }>('POST', '/api/v1/technical-users', { body: { name: 'big', description: 'x'.repeat(1024 * 1024 + 10) } });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('insists on JSON content types and valid JSON', async () => {
    const text = await api<{ code: string }>('POST', '/api/v1/technical-users', { raw: 'name=x', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('unsupported_media_type');
    const broken = await api<{ code: string }>('POST', '/api/v1/technical-users', { raw: '{"name": ', headers: { 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('invalid_request');
  });

  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    expect((await api<{ code: string }>('GET', '/api/v1/nothing-here', { unchecked: true })).body.code).toBe('not_found');
    const put = await api<{ code: string }>('PUT', '/api/v1/technical-users', { body: {} });
    expect(put.status).toBe(405);
    expect(put.body.code).toBe('method_not_allowed');
    expect(put.headers.get('allow')).toBe('GET, POST');
  });

  it('serves its OpenAPI 3.1 document without authentication', async () => {
    const response = await tenant.request<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/technical-users', '/api/v1/replication/{collection}/push', '/oauth/token']));
  });

  it('times out requests whose body never arrives', async () => {
    const { port } = new URL(tenant.url);
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /api/v1/technical-users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${accessToken}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`);
      });
      socket.on('data', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', reject);
    });
    expect(closedAfter).toBeLessThan(5000);
  });

  it('logs one line per request, without secrets or query strings', async () => {
    await api('GET', '/api/v1/technical-users?q=secret-search-term');
    const lines = tenant.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.message === 'request');
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/technical-users', route: 'listTechnicalUsers', status: 200, client: expect.stringMatching(/^tc_/) });
    const all = tenant.logs.join('\n');
    expect(all).not.toContain(clientSecret);
    expect(all).not.toContain(accessToken);
    expect(all).not.toContain('secret-search-term');
  });

  it('lists the audit newest first, by subject', async () => {
    const created = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'Audited' } })).body;
    await api('PATCH', `/api/v1/technical-users/${created.id}`, { body: { description: 'v2' } });
    const all = (await api<ListEnvelope<AuditEntry>>('GET', '/api/v1/audit?limit=1000')).body.items;
    expect([...all].sort((a, b) => (a.at < b.at ? 1 : -1)).map((e) => e.id)).toEqual(all.map((e) => e.id));
    const mine = (await api<ListEnvelope<AuditEntry>>(`GET`, `/api/v1/audit?subjectId=${created.id}`)).body.items;
    expect(mine.map((e) => e.action)).toEqual(['technical-user.updated', 'technical-user.created']);
    expect(mine[1]).toMatchObject({ subjectType: 'technical-user', subjectId: created.id, before: null, after: { name: 'Audited' } });
  });

  it('answers 500 internal, without details, when stored data is broken', async () => {
    const user = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'Soon corrupted' } })).body;
    tenant.store.db.run('UPDATE technical_users SET body = ? WHERE id = ?', '{"truncated', user.id);
    const response = await api<{ code: string; message: string }>('GET', `/api/v1/technical-users/${user.id}`);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ code: 'internal', message: 'The tenant server failed to handle this request.' });
    expect(tenant.logs.some((l) => l.includes('"level":"error"') && l.includes('request failed'))).toBe(true);
    // The server keeps serving everything else.
    expect((await api('GET', '/api/v1/tenant')).status).toBe(200);
  });

  it('shuts down gracefully with a stream open', async () => {
    const other = await TestTenant.start();
    const stream = openStream(other.url, await other.adminToken());
    await stream.until((events) => events.length === 1);
    await other.stop();
    await expect(stream.ended).resolves.toBe('ended');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a caller exceeds its budget', async () => {
    const tenant = await TestTenant.start({ rateLimit: { perSecond: 1, burst: 3 } });
    try {
      const api = tenant.as(await tenant.adminToken());
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const response = await api<{ code: string }>('GET', '/api/v1/tenant');
        statuses.push(response.status);
        if (response.status === 429) {
          retryAfter = response.headers.get('retry-after');
          expect(response.body.code).toBe('rate_limited');
        }
      }
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await tenant.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListEnvelope } from '../../shared/api/common.ts';
import type { Role } from '../../shared/api/roles.ts';
import type { Session, SessionDay } from '../../shared/api/sessions.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { TenantInfo } from '../../shared/api/tenant.ts';
import type { ApiToken } from '../../shared/api/tokens.ts';
import { dateInZone } from '../domain/tenant.ts';
import { TestTenant } from '../testing/testTenant.ts';

describe('integration API (what technical users\' tokens call)', () => {
  let tenant: TestTenant;
  let api: ReturnType<TestTenant['as']>;
  let user: TechnicalUser;
  let token: { token: ApiToken; secret: string };
  let info: TenantInfo;

  const call = (path: string, bearer: string, agent = 'test-agent/1.0') => tenant.request('GET', path, { headers: { Authorization: `Bearer ${bearer}`, 'User-Agent': agent } });

  beforeAll(async () => {
    tenant = await TestTenant.start();
    api = tenant.as(await tenant.adminToken());
    info = (await api<TenantInfo>('GET', '/api/v1/tenant')).body;
    const parent = (await api<Role>('POST', '/api/v1/roles', { body: { name: 'Finance', parentId: info.rootRoleId, privileges: { objects: [{ object: 'invoices', read: true, create: true, edit: true, delete: true }], system: [] } } })).body;
    const child = (await api<Role>('POST', '/api/v1/roles', { body: { name: 'Finance integrations', parentId: parent.id, privileges: { objects: [{ object: 'orders', read: true, create: false, edit: false, delete: false }], system: ['access-api'] } } })).body;
    user = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'ERP export', language: 'de', timeZone: 'Asia/Tokyo', roleIds: [child.id] } })).body;
    token = (await api<{ token: ApiToken; secret: string }>('POST', `/api/v1/technical-users/${user.id}/tokens`, { body: {} })).body;
  });
  afterAll(() => tenant.stop());

  it('tells the token who it is, in the user\'s language', async () => {
    const response = await call('/api/v1/integration/whoami', token.secret);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('de');
    expect(response.body).toMatchObject({ technicalUserId: user.id, name: 'ERP export', language: 'de', timeZone: 'Asia/Tokyo', permissions: { objects: [{ object: 'orders', read: true }], system: ['access-api'] } });
  });

  it('serves objects a direct role may read, rendered in the user\'s language and time zone', async () => {
    const response = await call('/api/v1/integration/objects/orders', token.secret);
    expect(response.status).toBe(200);
    const body = response.body as { records: Array<{ name: string; createdOn: string; createdOnUtc: string }>; timeZone: string };
    expect(body.timeZone).toBe('Asia/Tokyo');
    expect(body.records[0]!.name).toBe('Bestellung 7781');
    const expected = new Intl.DateTimeFormat('de', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(body.records[0]!.createdOnUtc));
    expect(body.records[0]!.createdOn).toBe(expected);
  });

  it('refuses objects only a parent role grants (no inheritance) with 403, and counts the failure', async () => {
    const response = await call('/api/v1/integration/objects/invoices', token.secret);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'forbidden' });
  });

  it('exchanges an API token for an access token that works only on the integration API', async () => {
    const exchanged = await tenant.request<{ access_token: string; token_type: string; expires_in: number; scope: string }>('POST', '/oauth/token', {
      form: { grant_type: 'client_credentials', client_id: token.token.id, client_secret: token.secret },
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.token_type).toBe('Bearer');
    expect((await call('/api/v1/integration/whoami', exchanged.body.access_token)).status).toBe(200);
    const admin = await tenant.request<{ code: string }>('GET', '/api/v1/technical-users', { headers: { Authorization: `Bearer ${exchanged.body.access_token}` } });
    expect(admin.status).toBe(401);
    const asSecret = await tenant.request('GET', '/api/v1/technical-users', { headers: { Authorization: `Bearer ${token.secret}` } });
    expect(asSecret.status).toBe(401);
    const wrong = await tenant.request<{ error: string }>('POST', '/oauth/token', { form: { grant_type: 'client_credentials', client_id: token.token.id, client_secret: 'tsk_wrong' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
  });

  it('does not let admin access tokens call the integration API, nor anybody sign in interactively', async () => {
    const adminToken = await tenant.adminToken(['admin:read']);
    expect((await call('/api/v1/integration/whoami', adminToken)).status).toBe(401);
    const password = await tenant.request<{ error: string; message: string }>('POST', '/oauth/token', { form: { grant_type: 'password', username: user.name, password: 'anything' } });
    expect(password.status).toBe(400);
    expect(password.body.error).toBe('unsupported_grant_type');
    expect(password.body.message).toContain('cannot sign in interactively');
  });

  it('records sessions: a run of calls per token, address and agent, ended after 30 idle minutes', async () => {
    const fresh = (await api<{ token: ApiToken; secret: string }>('POST', `/api/v1/technical-users/${user.id}/tokens`, { body: { label: 'Sessions' } })).body;
    // All four calls on one date of the tenant's (a run that starts late in its evening would cross midnight):
    // the first start from now on, in half hours, whose 50 minutes stay within one date there.
    let start = Date.now();
    while (dateInZone(new Date(start), info.timeZone) !== dateInZone(new Date(start + 51 * 60_000), info.timeZone)) start += 30 * 60_000;
    const date = dateInZone(new Date(start), info.timeZone);
    const dayOf = async () =>
      (await api<ListEnvelope<SessionDay>>('GET', `/api/v1/sessions/daily?from=${date}&to=${date}&technicalUserId=${user.id}`)).body.items;
    // Earlier tests' calls count on today's date too (when the run stays on it): compare with the day before the calls.
    const before = (await dayOf())[0] ?? { sessions: 0, requests: 0, failures: 0, clients: 0 };
    tenant.clock.pin(start);
    try {
      await call('/api/v1/integration/whoami', fresh.secret, 'agent-a');
      tenant.clock.pin(start + 10 * 60_000);
      await call('/api/v1/integration/objects/invoices', fresh.secret, 'agent-a');
      tenant.clock.pin(start + 11 * 60_000);
      await call('/api/v1/integration/whoami', fresh.secret, 'agent-b');
      tenant.clock.pin(start + 50 * 60_000);
      await call('/api/v1/integration/whoami', fresh.secret, 'agent-a');
    } finally {
      tenant.clock.release();
    }
    const sessions = (await api<ListEnvelope<Session>>('GET', `/api/v1/technical-users/${user.id}/sessions?date=${date}`)).body.items.filter((s) => s.tokenId === fresh.token.id);
    expect(sessions.map((s) => [s.userAgent, s.requests, s.failures])).toEqual([
      ['agent-a', 2, 1],
      ['agent-b', 1, 0],
      ['agent-a', 1, 0],
    ]);
    expect(sessions[0]!.tokenPrefix).toBe(fresh.token.prefix);
    expect(sessions[0]!.clientAddress).toMatch(/127\.0\.0\.1/);
    const days = await dayOf();
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ id: `${user.id}:${date}`, technicalUserId: user.id, date });
    expect(days[0]!.sessions - before.sessions).toBe(3);
    expect(days[0]!.requests - before.requests).toBe(4);
    expect(days[0]!.failures - before.failures).toBe(1);
    expect(days[0]!.clients).toBeGreaterThanOrEqual(Math.max(2, before.clients));
  });

  it('records refused calls of known tokens as failures, and ignores unknown tokens', async () => {
    const before = (await api<ListEnvelope<ApiToken>>('GET', `/api/v1/technical-users/${user.id}/tokens?limit=100`)).body.items.find((t) => t.id === token.token.id)!;
    await api('DELETE', `/api/v1/tokens/${token.token.id}`);
    expect((await call('/api/v1/integration/whoami', token.secret)).status).toBe(401);
    const after = (await api<ListEnvelope<ApiToken>>('GET', `/api/v1/technical-users/${user.id}/tokens?limit=100`)).body.items.find((t) => t.id === token.token.id)!;
    expect(after.lastAttemptAt! > before.lastAttemptAt!).toBe(true);
    expect(after.lastUsedAt).toBe(before.lastUsedAt);
    const unknown = await call('/api/v1/integration/whoami', 'tsk_unknownunknownunknownunknownunknownunknown');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: 'invalid_token' });
  });

  it('limits daily session queries to 366 days', async () => {
    expect((await api('GET', '/api/v1/sessions/daily?from=2025-01-01&to=2026-01-02')).status).toBe(422);
    expect((await api('GET', '/api/v1/sessions/daily?from=2025-01-02&to=2026-01-02')).status).toBe(200);
    expect((await api('GET', '/api/v1/sessions/daily?from=2026-01-02&to=2026-01-01')).status).toBe(422);
    // A date that is no date is a malformed request (400), a range that makes no sense a refused one (422).
    expect((await api('GET', '/api/v1/sessions/daily?from=yesterday&to=2026-01-01')).status).toBe(400);
  });
});

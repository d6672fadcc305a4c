import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListEnvelope } from '../../shared/api/common.ts';
import type { Role } from '../../shared/api/roles.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { TenantInfo } from '../../shared/api/tenant.ts';
import type { ApiToken } from '../../shared/api/tokens.ts';
import { TestTenant } from '../testing/testTenant.ts';

const day = 86_400_000;

describe('API tokens', () => {
  let tenant: TestTenant;
  let api: ReturnType<TestTenant['as']>;
  let user: TechnicalUser;
  const secrets: string[] = [];

  const issue = async (body: object = {}) => {
    const response = await api<{ token: ApiToken; secret: string }>('POST', `/api/v1/technical-users/${user.id}/tokens`, { body });
    if (response.status === 201) secrets.push(response.body.secret);
    return response;
  };
  const whoami = (secret: string) => tenant.request('GET', '/api/v1/integration/whoami', { headers: { Authorization: `Bearer ${secret}` } });

  beforeAll(async () => {
    tenant = await TestTenant.start();
    api = tenant.as(await tenant.adminToken());
    const info = (await api<TenantInfo>('GET', '/api/v1/tenant')).body;
    const role = (await api<Role>('POST', '/api/v1/roles', { body: { name: 'Readers', parentId: info.rootRoleId, privileges: { objects: [{ object: 'contacts', read: true, create: false, edit: false, delete: false }], system: [] } } })).body;
    user = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'Token holder', roleIds: [role.id] } })).body;
  });
  afterAll(() => tenant.stop());

  it('issues a token with its own scope; the secret comes once and only here', async () => {
    const withoutScope = tenant.as(await tenant.adminToken(['admin:read', 'admin:write']));
    const refused = await withoutScope<{ code: string }>('POST', `/api/v1/technical-users/${user.id}/tokens`, { body: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('insufficient_scope');

    tenant.clock.pin(Date.now());
    const issued = await issue({ label: 'CI key' });
    expect(issued.status).toBe(201);
    expect(issued.body.secret).toMatch(/^tsk_[A-Za-z0-9_-]{40,}$/);
    expect(issued.body.token).toMatchObject({ label: 'CI key', prefix: issued.body.secret.slice(0, 8), status: 'active', lastUsedAt: null, technicalUserId: user.id });
    // Default expiry from the tenant's policy (90 days).
    expect(Date.parse(issued.body.token.expiresAt) - tenant.clock.now().getTime()).toBe(90 * day);
    tenant.clock.release();

    const list = await api<ListEnvelope<ApiToken>>('GET', `/api/v1/technical-users/${user.id}/tokens`);
    expect(JSON.stringify(list.body)).not.toContain(issued.body.secret);
    expect(list.body.items[0]).not.toHaveProperty('secret');
    const hash = tenant.store.db.get<{ secret_hash: string }>('SELECT secret_hash FROM tokens WHERE id = ?', issued.body.token.id)!.secret_hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(issued.body.secret);
  });

  it('refuses an expiry beyond the policy, in the past, and tokens for inactive users', async () => {
    expect((await issue({ expiresAt: new Date(Date.now() + 400 * day).toISOString() })).body).toMatchObject({ code: 'expiry_too_far' });
    expect((await issue({ expiresAt: new Date(Date.now() - day).toISOString() })).status).toBe(422);
    await api('PATCH', `/api/v1/technical-users/${user.id}`, { body: { active: false } });
    const inactive = await issue();
    expect(inactive.status).toBe(409);
    expect(inactive.body).toMatchObject({ code: 'user_inactive' });
    await api('PATCH', `/api/v1/technical-users/${user.id}`, { body: { active: true } });
  });

  it('works as a bearer token and records use; tokens of an inactive user are refused but kept', async () => {
    const { body } = await issue({ label: 'Bearer' });
    expect((await whoami(body.secret)).status).toBe(200);
    const used = (await api<ListEnvelope<ApiToken>>('GET', `/api/v1/technical-users/${user.id}/tokens`)).body.items.find((t) => t.id === body.token.id)!;
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.lastAttemptAt).toBe(used.lastUsedAt);

    await api('PATCH', `/api/v1/technical-users/${user.id}`, { body: { active: false } });
    expect((await whoami(body.secret)).status).toBe(401);
    const refused = (await api<ListEnvelope<ApiToken>>('GET', `/api/v1/technical-users/${user.id}/tokens`)).body.items.find((t) => t.id === body.token.id)!;
    expect(refused.status).toBe('active');
    expect(refused.lastAttemptAt! > refused.lastUsedAt!).toBe(true);
    await api('PATCH', `/api/v1/technical-users/${user.id}`, { body: { active: true } });
    expect((await whoami(body.secret)).status).toBe(200);
  });

  it('replaces a token at once: the old one stops, the new one works', async () => {
    const old = (await issue({ label: 'Rotate now' })).body;
    const replaced = await api<{ token: ApiToken; secret: string; replaced: ApiToken }>('POST', `/api/v1/tokens/${old.token.id}/replace`, { body: {} });
    expect(replaced.status).toBe(201);
    secrets.push(replaced.body.secret);
    expect(replaced.body.replaced).toMatchObject({ id: old.token.id, status: 'replaced', replacedBy: replaced.body.token.id });
    expect((await whoami(old.secret)).status).toBe(401);
    expect((await whoami(replaced.body.secret)).status).toBe(200);
    expect((await api('POST', `/api/v1/tokens/${old.token.id}/replace`, { body: {} })).status).toBe(422);
  });

  it('replaces with an overlap: both work until it ends, then only the new one', async () => {
    const old = (await issue({ label: 'Rotate gently' })).body;
    const replaced = (await api<{ token: ApiToken; secret: string; replaced: ApiToken }>('POST', `/api/v1/tokens/${old.token.id}/replace`, { body: { overlapSeconds: 3600 } })).body;
    secrets.push(replaced.secret);
    expect(replaced.replaced.status).toBe('replaced');
    expect((await whoami(old.secret)).status).toBe(200);
    expect((await whoami(replaced.secret)).status).toBe(200);
    tenant.clock.pin(Date.now() + 3601_000);
    try {
      expect((await whoami(old.secret)).status).toBe(401);
      expect((await whoami(replaced.secret)).status).toBe(200);
    } finally {
      tenant.clock.release();
    }
    expect((await api('POST', `/api/v1/tokens/${replaced.token.id}/replace`, { body: { overlapSeconds: 604_801 } })).status).toBe(422);
  });

  it('changes the expiry without changing the secret', async () => {
    const { body } = await issue({ label: 'Extend me' });
    const newExpiry = new Date(Date.now() + 200 * day).toISOString();
    const changed = await api<ApiToken>('PATCH', `/api/v1/tokens/${body.token.id}`, { body: { expiresAt: newExpiry } });
    expect(changed.status).toBe(200);
    expect(changed.body.expiresAt).toBe(newExpiry);
    expect(changed.body.prefix).toBe(body.token.prefix);
    expect((await whoami(body.secret)).status).toBe(200);
    expect((await api('PATCH', `/api/v1/tokens/${body.token.id}`, { body: { expiresAt: new Date(Date.now() + 900 * day).toISOString() } })).body).toMatchObject({ code: 'expiry_too_far' });
    // An expired token is refused; moving its expiry brings it back (same secret).
    tenant.clock.pin(Date.now() + 201 * day);
    try {
      expect((await whoami(body.secret)).status).toBe(401);
    } finally {
      tenant.clock.release();
    }
  });

  it('revokes a token', async () => {
    const { body } = await issue({ label: 'Revoke me' });
    expect((await api('DELETE', `/api/v1/tokens/${body.token.id}`)).status).toBe(204);
    expect((await whoami(body.secret)).status).toBe(401);
    const listed = (await api<ListEnvelope<ApiToken>>('GET', `/api/v1/technical-users/${user.id}/tokens?limit=100`)).body.items.find((t) => t.id === body.token.id);
    expect(listed?.status).toBe('revoked');
    expect((await api('DELETE', `/api/v1/tokens/${body.token.id}`)).status).toBe(204);
    expect((await api('PATCH', `/api/v1/tokens/${body.token.id}`, { body: { expiresAt: new Date(Date.now() + day).toISOString() } })).status).toBe(422);
    expect((await api('DELETE', '/api/v1/tokens/unknown')).status).toBe(404);
  });

  it('never writes a secret into audit entries, replicated documents or logs', async () => {
    const audit = JSON.stringify((await api('GET', '/api/v1/audit?limit=1000')).body);
    const pulled = JSON.stringify((await api('GET', '/api/v1/replication/tokens/pull?limit=1000')).body);
    const logs = tenant.logs.join('\n');
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(audit).not.toContain(secret);
      expect(pulled).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});

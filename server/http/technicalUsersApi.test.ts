import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { ListEnvelope } from '../../shared/api/common.ts';
import type { Role } from '../../shared/api/roles.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { TenantInfo } from '../../shared/api/tenant.ts';
import { TestTenant } from '../testing/testTenant.ts';

type Call = ReturnType<TestTenant['as']>;

describe('technical users API', () => {
  let tenant: TestTenant;
  let api: Call;
  let info: TenantInfo;
  let childRole: Role;

  beforeAll(async () => {
    tenant = await TestTenant.start({ planLimit: 6 });
    api = tenant.as(await tenant.adminToken());
    info = (await api<TenantInfo>('GET', '/api/v1/tenant')).body;
    const parent = await api<Role>('POST', '/api/v1/roles', { body: { name: 'Integrations', parentId: info.rootRoleId, privileges: { objects: [{ object: 'contacts', read: true, create: true, edit: true, delete: true }], system: ['export-data'] } } });
    childRole = (await api<Role>('POST', '/api/v1/roles', { body: { name: 'CRM readers', parentId: parent.body.id, privileges: { objects: [{ object: 'accounts', read: true, create: false, edit: false, delete: false }], system: [] } } })).body;
  });
  afterAll(() => tenant.stop());

  it('starts a new tenant with one default technical user and the root role', async () => {
    const users = await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users');
    expect(users.body.items.map((u) => [u.name, u.kind])).toEqual([['default-technical-user', 'system']]);
    const root = await api<Role>('GET', `/api/v1/roles/${info.rootRoleId}`);
    expect(root.body).toMatchObject({ name: 'All employees', parentId: null });
    expect(info.plan.technicalUserLimit).toBe(6);
    expect(info.technicalTasks.length).toBeGreaterThan(0);
  });

  it('creates a user with no role unless asked, names who created it, and ignores server-managed fields', async () => {
    const created = await api<TechnicalUser>('POST', '/api/v1/technical-users', {
      body: { name: 'Salesforce sync', dataFields: [{ key: 'System', value: 'Salesforce EU' }], language: 'de', timeZone: 'Europe/Berlin', revision: 99, createdAt: '2000-01-01T00:00:00.000Z' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Salesforce sync', kind: 'integration', roleIds: [], active: true, permissionRole: 'viewer', revision: 1, externalAuthId: null, language: 'de', timeZone: 'Europe/Berlin' });
    expect(created.body.createdBy).toEqual({ clientId: expect.stringMatching(/^tc_/), name: 'Ada Admin', email: 'ada@example.com' });
    expect(created.body.createdAt).not.toBe('2000-01-01T00:00:00.000Z');
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('refuses unknown fields, a password, bad values and a missing name', async () => {
    for (const body of [{ name: 'x1', colour: 'red' }, { name: 'x2', password: 'hunter2' }, { name: 'x3', timeZone: 'Mars/Olympus' }, { name: 'x4', language: 'not a tag!' }, { description: 'no name' }, { name: ' padded ' }, { name: 'x5', externalAuthId: 'rest_system' }]) {
      const response = await api<{ code: string }>('POST', '/api/v1/technical-users', { body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.code).toBe('validation_failed');
    }
  });

  it('keeps names unique ignoring case', async () => {
    const response = await api<{ code: string; message: string }>('POST', '/api/v1/technical-users', { body: { name: 'SALESFORCE SYNC' } });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('name_taken');
  });

  it('refuses membership of the root role and of unknown roles, allows child roles', async () => {
    const root = await api<{ code: string }>('POST', '/api/v1/technical-users', { body: { name: 'Root wanted', roleIds: [info.rootRoleId] } });
    expect(root.status).toBe(422);
    expect(root.body.code).toBe('root_role_forbidden');
    const unknown = await api<{ code: string }>('POST', '/api/v1/technical-users', { body: { name: 'Ghost role', roleIds: ['no-such-role'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('validation_failed');
    const child = await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'CRM reader', roleIds: [childRole.id] } });
    expect(child.status).toBe(201);
  });

  it('grants permissions from direct roles only, never from parent roles', async () => {
    const list = await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?q=crm%20reader');
    const user = list.body.items[0]!;
    const permissions = await api('GET', `/api/v1/technical-users/${user.id}/effective-permissions`);
    expect(permissions.body).toEqual({ objects: [{ object: 'accounts', read: true, create: false, edit: false, delete: false }], system: [] });
  });

  it('makes a retried create with the same id a no-op, and refuses a different one', async () => {
    const id = '7f1b4c1e-0d1e-4f7e-9b1a-1a2b3c4d5e6f';
    const first = await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { id, name: 'Retry me' } });
    const again = await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { id, name: 'Retry me' } });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.revision).toBe(1);
    const different = await api<{ code: string }>('POST', '/api/v1/technical-users', { body: { id, name: 'Someone else' } });
    expect(different.status).toBe(422);
  });

  it('searches name, description and data-field values ignoring case, and pages with cursors', async () => {
    expect((await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?q=SALESFORCE%20eu')).body.items.map((u) => u.name)).toEqual(['Salesforce sync']);
    const first = await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await api<ListEnvelope<TechnicalUser>>('GET', `/api/v1/technical-users?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0]!.name.localeCompare(first.body.items[1]!.name, 'en', { sensitivity: 'base' })).toBeGreaterThanOrEqual(0);
    expect(new Set([...first.body.items, ...second.body.items].map((u) => u.id)).size).toBe(first.body.items.length + second.body.items.length);
    expect((await api('GET', '/api/v1/technical-users?limit=0')).status).toBe(400);
    expect((await api('GET', '/api/v1/technical-users?limit=1001')).status).toBe(400);
    expect((await api<{ code: string }>('GET', '/api/v1/technical-users?cursor=garbage')).body.code).toBe('invalid_request');
  });

  it('patches with optimistic concurrency and audits the change', async () => {
    const user = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?q=salesforce%20sync')).body.items[0]!;
    const stale = await api<{ code: string; details: TechnicalUser }>('PATCH', `/api/v1/technical-users/${user.id}`, { body: { description: 'late' }, headers: { 'If-Match': '"7"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('revision_mismatch');
    expect(stale.body.details.revision).toBe(user.revision);
    const patched = await api<TechnicalUser>('PATCH', `/api/v1/technical-users/${user.id}`, { body: { description: 'Syncs accounts', active: false }, headers: { 'If-Match': `"${user.revision}"` } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: 'Syncs accounts', active: false, revision: user.revision + 1, name: 'Salesforce sync' });
    const same = await api<TechnicalUser>('PATCH', `/api/v1/technical-users/${user.id}`, { body: { description: 'Syncs accounts' } });
    expect(same.body.revision).toBe(user.revision + 1);
    expect((await api('PATCH', `/api/v1/technical-users/${user.id}`, { body: { roleIds: [info.rootRoleId] } })).status).toBe(422);
    expect((await api<{ code: string }>('PATCH', `/api/v1/technical-users/${user.id}`, { body: { name: 'crm READER' } })).body.code).toBe('name_taken');
    expect((await api('PATCH', `/api/v1/technical-users/${user.id}`, { body: { externalAuthId: 'x' } })).status).toBe(422);
    expect((await api('PATCH', `/api/v1/technical-users/${user.id}`, { body: {}, headers: { 'If-Match': 'banana' } })).status).toBe(400);
    const history = await api<ListEnvelope<AuditEntry>>('GET', `/api/v1/technical-users/${user.id}/history`);
    expect(history.body.items.map((e) => e.action)).toEqual(['technical-user.updated', 'technical-user.created']);
    expect(history.body.items[0]).toMatchObject({ before: { description: '', active: true }, after: { description: 'Syncs accounts', active: false }, actor: { name: 'Ada Admin', email: 'ada@example.com' } });
  });

  it('answers 404 for unknown users', async () => {
    for (const [method, path] of [['GET', '/api/v1/technical-users/nope'], ['PATCH', '/api/v1/technical-users/nope'], ['DELETE', '/api/v1/technical-users/nope'], ['GET', '/api/v1/technical-users/nope/effective-permissions'], ['GET', '/api/v1/technical-users/nope/history']] as const) {
      const response = await api<{ code: string }>(method, path, method === 'PATCH' ? { body: { description: 'x' } } : {});
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
  });

  it('enforces the plan limit', async () => {
    const used = (await api<TenantInfo>('GET', '/api/v1/tenant')).body.counts.technicalUsers;
    for (let i = used; i < 6; i++) expect((await api('POST', '/api/v1/technical-users', { body: { name: `Filler ${i}` } })).status).toBe(201);
    const over = await api<{ code: string; details: { limit: number } }>('POST', '/api/v1/technical-users', { body: { name: 'One too many' } });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'subscription_limit', details: { limit: 6 } });
  });

  it('checks scopes and tokens', async () => {
    const reader = tenant.as(await tenant.adminToken(['admin:read']));
    expect((await reader('GET', '/api/v1/technical-users')).status).toBe(200);
    const refused = await reader<{ code: string }>('POST', '/api/v1/technical-users', { body: { name: 'Nope' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('insufficient_scope');
    const anonymous = await tenant.request<{ code: string }>('GET', '/api/v1/technical-users');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('invalid_token');
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    const forged = await tenant.request<{ code: string }>('GET', '/api/v1/technical-users', { headers: { Authorization: 'Bearer tat1.eyJraW5kIjoiYWRtaW4ifQ.forged' } });
    expect(forged.status).toBe(401);
  });

  it('deletes users with their tokens, and the last one only with confirmation', async () => {
    const all = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?limit=1000')).body.items;
    const withToken = all.find((u) => u.name === 'CRM reader')!;
    const issued = await api<{ token: { id: string }; secret: string }>('POST', `/api/v1/technical-users/${withToken.id}/tokens`, { body: {} });
    expect(issued.status).toBe(201);
    const last = all.find((u) => u.name === 'default-technical-user')!;
    for (const user of all.filter((u) => u !== last)) expect((await api('DELETE', `/api/v1/technical-users/${user.id}`)).status).toBe(204);
    expect((await tenant.request('GET', '/api/v1/integration/whoami', { headers: { Authorization: `Bearer ${issued.body.secret}` } })).status).toBe(401);
    const pulled = await api<{ documents: Array<{ id: string; _deleted: boolean }> }>('GET', '/api/v1/replication/tokens/pull?limit=1000');
    expect(pulled.body.documents.find((d) => d.id === issued.body.token.id)?._deleted).toBe(true);
    const refused = await api<{ code: string; message: string; details: { technicalTasks: unknown[] } }>('DELETE', `/api/v1/technical-users/${last.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('last_technical_user');
    expect(refused.body.message).toContain('Search re-indexing');
    expect(refused.body.details.technicalTasks.length).toBeGreaterThan(0);
    expect((await api('DELETE', `/api/v1/technical-users/${last.id}?confirmLast=true`)).status).toBe(204);
    expect((await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users')).body.items).toEqual([]);
  });
});

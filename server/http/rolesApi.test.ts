import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { ListEnvelope } from '../../shared/api/common.ts';
import type { Role } from '../../shared/api/roles.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { TenantInfo } from '../../shared/api/tenant.ts';
import { TestTenant } from '../testing/testTenant.ts';

describe('roles API', () => {
  let tenant: TestTenant;
  let api: ReturnType<TestTenant['as']>;
  let rootId: string;
  const privileges = { objects: [{ object: 'contacts', read: true, create: false, edit: false, delete: false }], system: [] };

  beforeAll(async () => {
    tenant = await TestTenant.start();
    api = tenant.as(await tenant.adminToken());
    rootId = (await api<TenantInfo>('GET', '/api/v1/tenant')).body.rootRoleId;
  });
  afterAll(() => tenant.stop());

  it('builds a hierarchy under the root role', async () => {
    const sales = await api<Role>('POST', '/api/v1/roles', { body: { name: 'Sales', parentId: rootId, privileges } });
    expect(sales.status).toBe(201);
    const child = await api<Role>('POST', '/api/v1/roles', { body: { name: 'Sales integrations', parentId: sales.body.id } });
    expect(child.body).toMatchObject({ parentId: sales.body.id, privileges: { objects: [], system: [] }, revision: 1 });
    const list = await api<ListEnvelope<Role>>('GET', '/api/v1/roles');
    expect(list.body.items.map((r) => r.name)).toEqual(['All employees', 'Sales', 'Sales integrations']);
  });

  it('refuses a role without an existing parent, a duplicate name, or a second root', async () => {
    expect((await api<{ code: string }>('POST', '/api/v1/roles', { body: { name: 'Orphan', parentId: 'missing' } })).body.code).toBe('validation_failed');
    expect((await api<{ code: string }>('POST', '/api/v1/roles', { body: { name: 'sales', parentId: rootId } })).body.code).toBe('name_taken');
    expect((await api('POST', '/api/v1/roles', { body: { name: 'Second root', parentId: null } })).status).toBe(422);
  });

  it('renames and moves roles, but never into a cycle', async () => {
    const roles = (await api<ListEnvelope<Role>>('GET', '/api/v1/roles')).body.items;
    const sales = roles.find((r) => r.name === 'Sales')!;
    const child = roles.find((r) => r.name === 'Sales integrations')!;
    const cycle = await api<{ code: string }>('PATCH', `/api/v1/roles/${sales.id}`, { body: { parentId: child.id } });
    expect(cycle.status).toBe(422);
    const renamed = await api<Role>('PATCH', `/api/v1/roles/${child.id}`, { body: { name: 'CRM integrations', parentId: rootId }, headers: { 'If-Match': `"${child.revision}"` } });
    expect(renamed.body).toMatchObject({ name: 'CRM integrations', parentId: rootId, revision: 2 });
    expect((await api('PATCH', `/api/v1/roles/${child.id}`, { body: { name: 'x' }, headers: { 'If-Match': '"1"' } })).status).toBe(412);
  });

  it('protects the root role', async () => {
    const del = await api<{ code: string }>('DELETE', `/api/v1/roles/${rootId}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('root_role_protected');
    const roles = (await api<ListEnvelope<Role>>('GET', '/api/v1/roles')).body.items;
    const move = await api<{ code: string }>('PATCH', `/api/v1/roles/${rootId}`, { body: { parentId: roles.find((r) => r.name === 'Sales')!.id } });
    expect(move.status).toBe(409);
    expect(move.body.code).toBe('root_role_protected');
    const other = await api<{ code: string }>('PATCH', `/api/v1/roles/${roles.find((r) => r.name === 'Sales')!.id}`, { body: { parentId: null } });
    expect(other.status).toBe(422);
  });

  it('deletes a role: removed from every member (audited), children move up', async () => {
    const marketing = (await api<Role>('POST', '/api/v1/roles', { body: { name: 'Marketing', parentId: rootId } })).body;
    const automation = (await api<Role>('POST', '/api/v1/roles', { body: { name: 'Marketing automation', parentId: marketing.id } })).body;
    const member = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'HubSpot', roleIds: [marketing.id, automation.id] } })).body;
    expect((await api('DELETE', `/api/v1/roles/${marketing.id}`)).status).toBe(204);
    const after = (await api<TechnicalUser>('GET', `/api/v1/technical-users/${member.id}`)).body;
    expect(after.roleIds).toEqual([automation.id]);
    expect(after.revision).toBe(member.revision + 1);
    expect((await api<Role>('GET', `/api/v1/roles/${automation.id}`)).body.parentId).toBe(rootId);
    expect((await api('GET', `/api/v1/roles/${marketing.id}`)).status).toBe(404);
    const history = (await api<ListEnvelope<AuditEntry>>('GET', `/api/v1/technical-users/${member.id}/history`)).body.items;
    expect(history[0]).toMatchObject({ action: 'technical-user.updated', before: { roleIds: [marketing.id, automation.id] }, after: { roleIds: [automation.id] } });
    const tombstones = (await api<{ documents: Array<{ id: string; _deleted: boolean }> }>('GET', '/api/v1/replication/roles/pull?limit=1000')).body.documents;
    expect(tombstones.find((d) => d.id === marketing.id)?._deleted).toBe(true);
  });
});

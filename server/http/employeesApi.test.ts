import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { ListEnvelope } from '../../shared/api/common.ts';
import type { Employee, Integration, TerminationResult } from '../../shared/api/employees.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { TenantInfo } from '../../shared/api/tenant.ts';
import { TestTenant } from '../testing/testTenant.ts';
import { terminationPlan } from '../../shared/console/termination.ts';
import { insertEmployee, insertIntegration } from '../domain/employees.ts';

describe('employees, integrations and termination', () => {
  let tenant: TestTenant;
  let api: ReturnType<TestTenant['as']>;
  let info: TenantInfo;
  let employees: Employee[];

  const integrationsOf = async (id: string) => (await api<ListEnvelope<Integration>>('GET', `/api/v1/users/${id}/integrations`)).body.items;
  const byName = (first: string) => employees.find((e) => e.firstName === first)!;

  beforeAll(async () => {
    tenant = await TestTenant.start({ seed: 'demo', name: 'Acme', technicalUsers: 20, planLimit: 20 });
    api = tenant.as(await tenant.adminToken());
    info = (await api<TenantInfo>('GET', '/api/v1/tenant')).body;
    employees = (await api<ListEnvelope<Employee>>('GET', '/api/v1/users?limit=100')).body.items;
  });
  afterAll(() => tenant.stop());

  it('lists human users only', async () => {
    expect(employees.length).toBeGreaterThan(5);
    const technical = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?limit=1000')).body.items;
    const technicalIds = new Set(technical.map((u) => u.id));
    expect(employees.some((e) => technicalIds.has(e.id))).toBe(false);
    expect((await api<ListEnvelope<Employee>>('GET', '/api/v1/users?q=default-technical-user')).body.items).toEqual([]);
    expect((await api<ListEnvelope<Employee>>('GET', '/api/v1/users?q=novak')).body.items.map((e) => e.lastName)).toEqual(['Novak']);
  });

  it('the console\'s termination preview names and groups exactly what the tenant then does, name clashes included', async () => {
    const elena = byName('Elena');
    // A technical user already carries her name (the plan is full, so one is renamed): the tenant will call the new one "Elena Rossi (2)".
    const someone = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?limit=1000')).body.items.at(-1)!;
    expect((await api('PATCH', `/api/v1/technical-users/${someone.id}`, { body: { name: 'Elena Rossi' } })).status).toBe(200);
    const owned = await integrationsOf(elena.id);
    const names = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?limit=1000')).body.items.map((u) => u.name);
    const preview = terminationPlan(elena, owned, 'preserve', names);
    const result = (await api<TerminationResult>('POST', `/api/v1/users/${elena.id}/terminate`, { body: { integrations: 'preserve' } })).body;
    expect(result.systemUsers.map((u) => [u.kind, u.name])).toEqual(preview.systemUsers.map((u) => [u.kind, u.name]));
    expect(result.systemUsers.map((u) => [u.kind, u.name])).toContainEqual(['webhook', 'Elena Rossi (2)']);
    for (const [i, planned] of preview.systemUsers.entries()) {
      expect(result.transferred.filter((t) => t.ownerId === result.systemUsers[i]!.id).map((t) => t.id).sort()).toEqual(planned.integrations.map((t) => t.id).sort());
    }
    expect(result.notTransferable.map((i) => i.id)).toEqual(preview.notTransferable.map((i) => i.id));
  });

  it('carries out the one shared termination plan: names that clash only ignoring case and compatibility forms are renamed as the console previews', async () => {
    const store = tenant.server.store;
    const max: Employee = { id: 'emp-fullwidth', firstName: 'Ｍａｘ', lastName: 'Ｍｕｓｔｅｒ', email: 'max.muster@acme.example', roleIds: [info.rootRoleId], language: 'de', timeZone: 'Europe/Berlin', active: true };
    insertEmployee(store, max);
    for (const [id, kind, name] of [['int-fw-1', 'webhook', 'Max hook'], ['int-fw-2', 'app', 'Slack'], ['int-fw-3', 'app', 'slack']] as const) {
      insertIntegration(store, { id, kind, name, ownerId: max.id, ownerType: 'user', local: false, active: true });
    }
    const users = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?limit=1000')).body.items;
    // The plan is full: existing users are renamed to take the names the new system users want.
    expect((await api('PATCH', `/api/v1/technical-users/${users.at(-2)!.id}`, { body: { name: 'max muster' } })).status).toBe(200);
    expect((await api('PATCH', `/api/v1/technical-users/${users.at(-3)!.id}`, { body: { name: 'SLACK' } })).status).toBe(200);
    const names = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?limit=1000')).body.items.map((u) => u.name);
    const plan = terminationPlan(max, await integrationsOf(max.id), 'preserve', names);
    const result = (await api<TerminationResult>('POST', `/api/v1/users/${max.id}/terminate`, { body: { integrations: 'preserve' } })).body;
    // "Ｍａｘ Ｍｕｓｔｅｒ" is "max muster" under NFKC: the tenant and the preview both see the clash.
    expect(plan.systemUsers.map((u) => u.name)).toEqual(['Ｍａｘ Ｍｕｓｔｅｒ (2)', 'Slack (2)', 'slack (3)']);
    expect(result.systemUsers.map((u) => ({ kind: u.kind, name: u.name, description: u.description }))).toEqual(plan.systemUsers.map((u) => ({ kind: u.kind, name: u.name, description: u.description })));
    expect(result.transferred.map((i) => i.id)).toEqual(plan.systemUsers.flatMap((u) => u.integrations.map((i) => i.id)));
  });

  it('terminates preserving integrations: system users inherit roles (not the root), language and time zone, outside the plan limit', async () => {
    const maya = byName('Maya');
    const owned = await integrationsOf(maya.id);
    expect(owned.filter((i) => i.kind === 'webhook')).toHaveLength(2);
    expect(owned.filter((i) => i.local)).toHaveLength(1);
    // The plan is full: preserving must not fail on it.
    expect(info.counts.technicalUsers).toBe(info.plan.technicalUserLimit);
    const refused = await api<{ code: string }>('POST', `/api/v1/users/${maya.id}/terminate`, { body: { integrations: 'keep' } });
    expect(refused.status).toBe(422);
    const withoutScope = tenant.as(await tenant.adminToken(['admin:read', 'admin:write']));
    expect((await withoutScope('POST', `/api/v1/users/${maya.id}/terminate`, { body: { integrations: 'preserve' } })).status).toBe(403);

    const result = await api<TerminationResult>('POST', `/api/v1/users/${maya.id}/terminate`, { body: { integrations: 'preserve' } });
    expect(result.status).toBe(200);
    const { user, systemUsers, transferred, notTransferable, disabled } = result.body;
    expect(user.active).toBe(false);
    expect(systemUsers.map((u) => [u.name, u.kind])).toEqual([
      ['Maya Novak', 'webhook'],
      ['Calendar sync app', 'app'],
    ]);
    for (const systemUser of systemUsers) {
      expect(systemUser).toMatchObject({ externalAuthId: 'rest_system', language: maya.language, timeZone: maya.timeZone, active: true });
      expect(systemUser.roleIds).toEqual(maya.roleIds.filter((r) => r !== info.rootRoleId));
      expect(systemUser.roleIds).not.toContain(info.rootRoleId);
    }
    expect(transferred.map((i) => i.name).sort()).toEqual(['Calendar sync app', 'Deal won webhook', 'Lead form webhook']);
    expect(transferred.every((i) => i.ownerType === 'system')).toBe(true);
    expect(transferred.filter((i) => i.kind === 'webhook').every((i) => i.ownerId === systemUsers[0]!.id)).toBe(true);
    expect(notTransferable.map((i) => [i.name, i.active])).toEqual([['Quote builder (on-premise)', false]]);
    expect(disabled).toEqual([]);
    // Plan usage does not count them; they are never listed as humans.
    expect((await api<TenantInfo>('GET', '/api/v1/tenant')).body.counts.technicalUsers).toBe(info.counts.technicalUsers);
    expect((await api<ListEnvelope<Employee>>('GET', '/api/v1/users?q=maya')).body.items.map((e) => e.active)).toEqual([false]);
    expect((await api<ListEnvelope<Employee>>('GET', '/api/v1/users?limit=100')).body.items.some((e) => systemUsers.some((s) => s.id === e.id))).toBe(false);
    const history = (await api<ListEnvelope<AuditEntry>>('GET', `/api/v1/technical-users/${systemUsers[0]!.id}/history`)).body.items;
    expect(history.map((h) => h.action)).toEqual(['technical-user.created']);
    expect((await api('POST', `/api/v1/users/${maya.id}/terminate`, { body: { integrations: 'preserve' } })).status).toBe(422);
  });

  it('terminates disabling integrations', async () => {
    const jonas = byName('Jonas');
    const result = await api<TerminationResult>('POST', `/api/v1/users/${jonas.id}/terminate`, { body: { integrations: 'disable' } });
    expect(result.body.systemUsers).toEqual([]);
    expect(result.body.disabled.map((i) => i.active)).toEqual([false, false]);
    expect((await integrationsOf(jonas.id)).every((i) => !i.active && i.ownerType === 'user')).toBe(true);
  });

  it('lets an employee take over a webhook that runs as a system user by editing it', async () => {
    const maya = byName('Maya');
    const webhookUser = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?q=maya%20novak')).body.items.find((u) => u.name === 'Maya Novak')!;
    expect(webhookUser.kind).toBe('webhook');
    const hooks = await integrationsOf(webhookUser.id);
    expect(hooks).toHaveLength(2);
    const sam = byName('Sam');
    const edited = await api<Integration>('PATCH', `/api/v1/integrations/${hooks[0]!.id}`, { body: { actingUserId: sam.id, name: 'Lead form webhook v2' } });
    expect(edited.body).toMatchObject({ ownerId: sam.id, ownerType: 'user', name: 'Lead form webhook v2' });
    expect(await integrationsOf(webhookUser.id)).toHaveLength(1);
    expect((await api('PATCH', `/api/v1/integrations/${hooks[1]!.id}`, { body: { actingUserId: maya.id } })).status).toBe(422);
    expect((await api('PATCH', '/api/v1/integrations/missing', { body: { actingUserId: sam.id } })).status).toBe(404);
  });

  it('hands an app over to its own system user; local apps and webhooks are refused', async () => {
    const aiko = byName('Aiko');
    const owned = await integrationsOf(aiko.id);
    const app = owned.find((i) => i.kind === 'app' && !i.local)!;
    const local = owned.find((i) => i.local)!;
    const moved = await api<{ integration: Integration; systemUser: TechnicalUser }>('POST', `/api/v1/integrations/${app.id}/transfer-to-system-user`);
    expect(moved.status).toBe(200);
    expect(moved.body.systemUser).toMatchObject({ name: app.name, kind: 'app', externalAuthId: 'rest_system', language: aiko.language });
    expect(moved.body.integration).toMatchObject({ ownerId: moved.body.systemUser.id, ownerType: 'system' });
    const refused = await api<{ code: string; message: string }>('POST', `/api/v1/integrations/${local.id}/transfer-to-system-user`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not_transferable');
    const webhook = (await integrationsOf(byName('Lucie').id)).find((i) => i.kind === 'webhook')!;
    expect((await api('POST', `/api/v1/integrations/${webhook.id}/transfer-to-system-user`)).status).toBe(422);
    expect((await api('GET', '/api/v1/users/nobody/integrations')).status).toBe(404);
    expect((await api('POST', '/api/v1/users/nobody/terminate', { body: { integrations: 'disable' } })).status).toBe(404);
  });
});

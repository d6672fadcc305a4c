import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import type { Integration } from '../shared/api/employees.ts';
import type { TechnicalUser } from '../shared/api/technicalUsers.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { screenshotDir } from './harness/paths.ts';
import { openUser, sectionButton, showInventory } from './support/console.ts';
import { addClientWithCli, fetchAccessToken } from '../server/tenantProcess.ts';
import { allScopes, connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

const tenantName = 'Acme People';
const globexName = 'Globex People';
const elena = 'elena.rossi@acme.example';

/** Acts on a tenant as an admin client registered to Elena's e-mail: a technical user and a token she created. */
async function createAsElena(tenant: TestTenantProcess, userName: string): Promise<void> {
  const client = addClientWithCli(tenant.dataFile, { name: 'Elena Rossi', email: elena, scopes: allScopes });
  const token = await fetchAccessToken(tenant.url, client);
  const call = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${tenant.url}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, `${method} ${path}`).toBe(201);
    return (await response.json()) as { id: string };
  };
  const user = await call('POST', '/api/v1/technical-users', { name: userName });
  await call('POST', `/api/v1/technical-users/${user.id}/tokens`, { label: `${userName} key` });
}

test.describe('people and termination', () => {
  // Two tenants and one console for every test here; each test starts where the one before left off.
  test.describe.configure({ mode: 'serial', timeout: 90_000 });
  let tenant: TestTenantProcess;
  let globex: TestTenantProcess;
  let globexId: string;
  let app: HarnessApp;
  let page: Page;
  test.beforeAll(async () => {
    // Two instances of one organisation: the same people, with the same addresses, on both.
    [tenant, globex] = await Promise.all([startTestTenant({ name: tenantName, mailDomain: 'acme.example' }), startTestTenant({ name: globexName, mailDomain: 'acme.example' })]);
    app = await launchHarnessApp();
    page = app.page;
    await connectTenant(app, tenant, tenantName);
    globexId = await connectTenant(app, globex, globexName);
    await createAsElena(tenant, 'Elena Acme bot');
    await createAsElena(globex, 'Elena Globex bot');
  });
  test.afterAll(async () => {
    await app?.close();
    await Promise.all([tenant?.stop(), globex?.stop()]);
  });

  test('People lists human users only, with their integrations; a local app says why it cannot be handed over', async () => {
    await showInventory(page);
    await sectionButton(page, 'People').click();
    await page.getByLabel('Tenant', { exact: true }).selectOption({ label: tenantName });
    const list = page.getByRole('table', { name: `People on ${tenantName}` });
    await expect(list.getByRole('row')).toHaveCount(11, { timeout: 30_000 });
    // No technical or system user is a person.
    const technical = (await tenant.api<{ items: TechnicalUser[] }>('GET', '/api/v1/technical-users?limit=1000')).body.items;
    for (const name of technical.slice(0, 10).map((u) => u.name)) await expect(list.getByRole('row', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toHaveCount(0);
    await expect(list.getByRole('row', { name: /Maya Novak/ })).toContainText('Webhook: Lead form webhook');
    await expect(list.getByRole('row', { name: /Maya Novak/ })).toContainText('App: Quote builder (on-premise) (local)');

    await list.getByRole('button', { name: 'Maya Novak' }).click();
    const panel = page.getByRole('region', { name: 'Maya Novak' });
    // A local app cannot be handed over: the button says why, before anyone clicks it.
    const handover = panel.getByRole('button', { name: 'Hand Quote builder (on-premise) over to a system user' });
    await expect(handover).toBeDisabled();
    await expect(handover).toHaveAccessibleDescription(/local apps cannot be transferred/);
  });

  test('terminating with preserve shows what moves and what is disabled before, and reports it after', async () => {
    const panel = page.getByRole('region', { name: 'Maya Novak' });
    await panel.getByRole('button', { name: 'Terminate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terminate Maya Novak?' });
    const preview = dialog.getByLabel('What will happen');
    await expect(preview).toContainText('Moves to a new webhook system user “Maya Novak”');
    await expect(preview).toContainText('Webhook: Lead form webhook');
    await expect(preview).toContainText('Webhook: Deal won webhook');
    await expect(preview).toContainText('Moves to a new app system user “Calendar sync app”');
    await expect(preview).toContainText('App (local): Quote builder (on-premise) — local (on-premise) integrations cannot be transferred');
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'people-terminate-dialog.png') });
    // The other choice, shown before anything happens.
    await dialog.getByRole('radio', { name: /Terminate and disable integrations/ }).check();
    await expect(preview).toContainText('Will be disabled');
    await dialog.getByRole('radio', { name: /Terminate and preserve integrations/ }).check();
    await dialog.getByRole('button', { name: 'Terminate and preserve integrations' }).click();

    const report = page.getByRole('dialog', { name: 'Maya Novak was terminated' });
    await expect(report.getByLabel('Termination result')).toContainText('New system users');
    await expect(report.getByLabel('Termination result')).toContainText('Not transferable (local apps, disabled)');
    await expect(report.getByLabel('Termination result')).toContainText('Quote builder (on-premise)');
    await page.screenshot({ path: join(screenshotDir, 'people-terminate-report.png') });
  });

  test('on the tenant, the webhooks run as a new webhook system user and the app as its own', async () => {
    const users = (await tenant.api<{ items: TechnicalUser[] }>('GET', '/api/v1/technical-users?limit=1000')).body.items;
    const webhookUser = users.find((u) => u.name === 'Maya Novak')!;
    expect(webhookUser).toMatchObject({ kind: 'webhook', externalAuthId: 'rest_system' });
    const hooks = (await tenant.api<{ items: Integration[] }>('GET', `/api/v1/users/${webhookUser.id}/integrations`)).body.items;
    expect(hooks.map((h) => h.name).sort()).toEqual(['Deal won webhook', 'Lead form webhook']);
    expect(users.find((u) => u.name === 'Calendar sync app')).toMatchObject({ kind: 'app', externalAuthId: 'rest_system' });
  });

  test('the new system users appear in the inventory with a history from the tenant’s audit', async () => {
    const report = page.getByRole('dialog', { name: 'Maya Novak was terminated' });
    await report.getByRole('button', { name: 'Maya Novak' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Maya Novak' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('System user (outside the plan)')).toBeVisible();
    await page.getByRole('tab', { name: 'History' }).click();
    // Created by the console's admin client, as the tenant's audit says.
    await expect(page.getByRole('tabpanel')).toContainText('Ada Admin', { timeout: 20_000 });
  });

  test('editing a webhook of a system user as an employee takes it over', async () => {
    // Takeover: editing a webhook that runs on behalf of the system user, as a named employee.
    await page.getByRole('tab', { name: 'Details' }).click();
    const runs = page.getByRole('table', { name: 'Integrations run by Maya Novak' });
    await expect(runs.getByRole('row')).toHaveCount(3, { timeout: 20_000 });
    await runs.getByRole('button', { name: 'Edit Lead form webhook as an employee' }).click();
    const takeover = page.getByRole('dialog', { name: 'Edit Lead form webhook' });
    // Only people are offered: never the system user itself or any other technical user.
    await expect(takeover.getByLabel('Editing as').locator('option', { hasText: 'Maya Novak' })).toHaveCount(0);
    await takeover.getByLabel('Editing as').selectOption({ label: 'Elena Rossi (elena.rossi@acme.example)' });
    await expect(takeover.getByRole('status')).toContainText('Ownership moves from the system user “Maya Novak” to Elena Rossi');
    await takeover.getByRole('button', { name: 'Save and take over' }).click();
    await expect(takeover).toBeHidden();
    await expect(runs.getByRole('row')).toHaveCount(2);
    const elenaEmployee = (await tenant.api<{ items: Array<{ id: string; email: string }> }>('GET', '/api/v1/users?q=elena')).body.items[0]!;
    const elenas = (await tenant.api<{ items: Integration[] }>('GET', `/api/v1/users/${elenaEmployee.id}/integrations`)).body.items;
    expect(elenas.find((i) => i.name === 'Lead form webhook')).toMatchObject({ ownerId: elenaEmployee.id, ownerType: 'user' });
  });

  test('the terminated person shows as terminated, and the other new system user is outside the plan too', async () => {
    await openUser(page, 'Calendar sync app');
    await expect(page.getByText('System user (outside the plan)')).toBeVisible();

    // Maya is now terminated in the People view.
    await sectionButton(page, 'People').click();
    await page.getByLabel('Tenant', { exact: true }).selectOption({ label: tenantName });
    await expect(page.getByRole('table', { name: `People on ${tenantName}` }).getByRole('row', { name: /Maya Novak/ })).toContainText('Terminated');
  });

  test('an app handed over outside termination gets a system user of its own, and only that person’s integrations are read again', async () => {
    // App handover outside termination: Aiko's app gets a system user of its own.
    await page.getByRole('table', { name: `People on ${tenantName}` }).getByRole('button', { name: 'Aiko Tanaka' }).click();
    await page.getByRole('region', { name: 'Aiko Tanaka' }).getByRole('button', { name: 'Hand Social listening app over to a system user' }).click();
    // From here on, count whose integrations the console reads: after the handover only Aiko's again, not everyone's.
    const aiko = (await tenant.api<{ items: Array<{ id: string; email: string }> }>('GET', '/api/v1/users?q=aiko&limit=10')).body.items.find((p) => p.email.startsWith('aiko.'))!;
    const read: string[] = [];
    const peopleService = app.main.services.people;
    const readIntegrations = peopleService.integrations.bind(peopleService);
    peopleService.integrations = async (request) => (read.push(request.ownerId), readIntegrations(request));
    await page.getByRole('dialog').getByRole('button', { name: 'Hand over' }).click();
    await expect(page.getByText('Social listening app now runs as its own system user “Social listening app”.')).toBeVisible();
    // The row reads Aiko's integrations again ("reading…" first, then what the tenant says now); only then is the count complete.
    const aikoRow = page.getByRole('table', { name: `People on ${tenantName}` }).getByRole('row', { name: /Aiko Tanaka/ });
    await expect(aikoRow).not.toContainText('Social listening app');
    await expect(aikoRow).not.toContainText('reading…');
    expect(read).toEqual([aiko.id]);
    const handedOver = (await tenant.api<{ items: TechnicalUser[] }>('GET', '/api/v1/technical-users?limit=1000')).body.items.find((u) => u.name === 'Social listening app');
    expect(handedOver).toMatchObject({ kind: 'app', externalAuthId: 'rest_system' });
  });

  test('the offboarding sweep across two tenants, one offline: pending there, carried out on the other after confirmation', async () => {
    // The sweep: Elena, an employee on both tenants and the person behind admin clients there — with Globex offline.
    await waitForInventory(page, 'Elena Globex bot');
    await globex.stop();
    await page.evaluate((id) => window.tessera.connections.check({ id }), globexId);
    // People of an offline tenant: the view says the tenant is needed.
    await page.getByLabel('Tenant', { exact: true }).selectOption({ label: `${globexName} (offline)` });
    await expect(page.getByRole('status').filter({ hasText: `${globexName} is offline. People and their integrations live on the tenant` })).toBeVisible();
    await page.getByRole('tab', { name: 'Offboarding sweep (all tenants)' }).click();
    await page.getByLabel('Person’s e-mail').fill(elena);
    await page.getByRole('button', { name: 'Find everywhere' }).click();
    const sweep = page.getByRole('table', { name: `Offboarding ${elena}` });
    const acmeRow = sweep.getByRole('row', { name: tenantName });
    const globexRow = sweep.getByRole('row', { name: globexName });
    await expect(acmeRow).toContainText('Elena Rossi');
    await expect(acmeRow).toContainText('Webhook: Partner portal webhook');
    await expect(acmeRow).toContainText('Technical users: Elena Acme bot');
    await expect(acmeRow).toContainText('Tokens issued: Elena Acme bot key');
    await expect(acmeRow.getByRole('status')).toHaveText('Planned');
    // Offline: pending, not skipped — and what her admin clients created is known from the local copy.
    await expect(globexRow.getByRole('status')).toHaveText('Pending — tenant offline');
    await expect(globexRow).toContainText('Technical users: Elena Globex bot');
    // Nothing happens before the plan is confirmed, with what will move on each tenant.
    await page.getByRole('button', { name: 'Carry out the plan on 1 tenant…' }).click();
    const confirm = page.getByRole('dialog', { name: `Terminate ${elena} on 1 tenant?` });
    await expect(confirm.getByRole('region', { name: `Plan on ${tenantName}` })).toContainText('Moves to a new webhook system user “Elena Rossi”');
    await expect(confirm.getByRole('region', { name: `Plan on ${globexName}` })).toHaveCount(0);
    await page.screenshot({ path: join(screenshotDir, 'people-sweep-confirm.png') });
    await confirm.getByRole('button', { name: 'Terminate on 1 tenant' }).click();
    await expect(acmeRow.getByRole('status')).toHaveText('Done', { timeout: 20_000 });
    await expect(globexRow.getByRole('status')).toHaveText('Pending — tenant offline');
    await expect(page.getByLabel('Sweep report')).toContainText('Elena Rossi');
  });

  test('when the offline tenant is back, the sweep looks again and carries out the plan there too', async () => {
    const sweep = page.getByRole('table', { name: `Offboarding ${elena}` });
    const globexRow = sweep.getByRole('row', { name: globexName });
    // Globex is back: look again (it becomes planned, nothing runs yet), then carry it out.
    await globex.restart();
    await page.evaluate((id) => window.tessera.connections.check({ id }), globexId);
    await page.getByRole('button', { name: 'Look again on 1 tenant now reachable' }).click();
    await expect(globexRow.getByRole('status')).toHaveText('Planned');
    await expect(globexRow).toContainText('Webhook: Partner portal webhook');
    await page.getByRole('button', { name: 'Carry out the plan on 1 tenant…' }).click();
    await page.getByRole('dialog', { name: `Terminate ${elena} on 1 tenant?` }).getByRole('button', { name: 'Terminate on 1 tenant' }).click();
    await expect(globexRow.getByRole('status')).toHaveText('Done', { timeout: 20_000 });
    await expect(page.getByRole('region', { name: `Result on ${globexName}` })).toContainText('New system users');
    await expect(page.getByText('Nothing is left to carry out.')).toBeVisible();
    await page.getByRole('heading', { name: 'Offboarding sweep across tenants' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'people-sweep-report.png') });
    for (const t of [tenant, globex]) {
      const person = (await t.api<{ items: Array<{ email: string; active: boolean }> }>('GET', '/api/v1/users?q=elena')).body.items.find((p) => p.email === elena)!;
      expect(person.active).toBe(false);
    }
  });
});

/** Waits until the inventory (the local copy) has a user by this name. */
async function waitForInventory(page: Page, name: string): Promise<void> {
  await showInventory(page);
  await page.getByRole('searchbox', { name: 'Search technical users' }).fill(name);
  await expect(page.getByTestId('inventory-count')).toHaveText(/^1 of \d+ technical users$/, { timeout: 20_000 });
  await page.getByRole('searchbox', { name: 'Search technical users' }).fill('');
  await sectionButton(page, 'People').click();
}

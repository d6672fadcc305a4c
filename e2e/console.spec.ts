import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Role } from '../shared/api/roles.ts';
import type { TechnicalUser } from '../shared/api/technicalUsers.ts';
import { addClientWithCli, fetchAccessToken } from '../server/tenantProcess.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { screenshotDir } from './harness/paths.ts';
import { inventoryGrid, saveUserPage, sectionButton, showInventory, userRow } from './support/console.ts';
import { readLocal } from './support/replica.ts';
import { allScopes } from './support/tenants.ts';

const acme = 'Acme Corp (demo)';
const globex = 'Globex Labs (demo)';

/** Another administrator of a demo tenant: calls its API directly, wherever the tenant runs now. */
function demoAdmin(app: HarnessApp, slug: 'acme' | 'globex', displayName: string) {
  const client = addClientWithCli(join(app.profileDir, 'demo-tenants', `${slug}.db`), { name: 'Other Admin', email: 'other@example.com', scopes: allScopes });
  const tokens = new Map<string, string>();
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const url = app.main.services.connections.list().find((c) => c.displayName === displayName)!.baseUrl;
    if (!tokens.has(url)) tokens.set(url, await fetchAccessToken(url, client));
    const response = await fetch(`${url}${path}`, { method, headers: { Authorization: `Bearer ${tokens.get(url)}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect(response.ok, `${method} ${path} → ${response.status}`).toBe(true);
    return (await response.json()) as T;
  };
  return {
    user: async (name: string) => (await api<{ items: TechnicalUser[] }>('GET', `/api/v1/technical-users?q=${encodeURIComponent(name)}&limit=100`)).items.find((u) => u.name === name),
    roles: async () => (await api<{ items: Role[] }>('GET', '/api/v1/roles?limit=1000')).items,
  };
}

/** Waits until every change made here has reached its tenant; says which did not, if one does not. */
async function expectAllSynced(app: HarnessApp, timeout = 60_000): Promise<void> {
  try {
    await expect(app.page.getByTestId('pending-summary')).toHaveText('All changes synced', { timeout });
  } catch (error) {
    const left = { pending: await readLocal(app, 'pendingchanges'), rejections: await readLocal(app, 'rejections'), conflicts: await readLocal(app, 'conflicts') };
    throw new Error(`Not everything synced: ${JSON.stringify(left, null, 1).slice(0, 4000)}`, { cause: error });
  }
}

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search technical users' });
const count = (page: Page) => page.getByTestId('inventory-count');

async function searchFor(page: Page, text: string): Promise<void> {
  await showInventory(page);
  await search(page).fill(text);
}

/** The plan figures the new-user page shows for a tenant: [used, limit]. */
async function planOf(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('plan-usage').textContent()) ?? '';
  const match = /Plan: (\d+) of (\d+) technical users/.exec(text);
  expect(match, text).not.toBeNull();
  return [Number(match![1]), Number(match![2])];
}

async function startNewUser(page: Page, tenant: string): Promise<void> {
  await showInventory(page);
  await page.getByRole('button', { name: 'New technical user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New technical user' })).toBeVisible();
  const option = await page.getByLabel('Tenant', { exact: true }).locator('option', { hasText: tenant }).getAttribute('value');
  await page.getByLabel('Tenant', { exact: true }).selectOption(option!);
}

/**
 * One pass of what a person does in the console, in six steps (one test
 * each, below). `offline` passes run with both demo tenants stopped:
 * everything reads and writes the local copy, and waits to be sent.
 */
interface Pass {
  readonly title: string;
  readonly suffix: string;
  readonly offline: boolean;
  readonly planTenant: string;
  readonly roleTenant: string;
  readonly roleObject: string;
}

const createdName = (run: Pass) => `NetSuite ledger sync ${run.suffix}`;

/** Finds a user across tenants by a data-field value, opens it by keyboard, and saves a tenant filter to apply again. */
async function findAcrossTenantsAndSaveAFilter(app: HarnessApp, run: Pass): Promise<void> {
  const { page } = app;
  // 1. Find a user across tenants by a data-field value (the Jira ticket is only in a data field).
  await searchFor(page, 'OPS-1412');
  await expect(count(page)).toHaveText(/^2 of \d+ technical users$/);
  await expect(userRow(page, 'Salesforce sync', acme)).toBeVisible();
  await expect(userRow(page, 'Salesforce sync', globex)).toBeVisible();

  // Keyboard: into the grid, down to the second row, Enter opens it.
  await inventoryGrid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Salesforce sync' })).toBeVisible();
  await showInventory(page);
  // Narrow to one tenant with the filter panel, save that as a named filter, clear it, and apply it again.
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByRole('region', { name: 'Filters' }).getByRole('checkbox', { name: globex }).check();
  await expect(count(page)).toHaveText(/^1 of \d+ technical users$/);
  await page.getByRole('button', { name: /^Filters/ }).click();
  const savedName = `Globex ticket ${run.suffix}`;
  await page.getByRole('button', { name: /^Saved filters/ }).click();
  await page.getByLabel('Save the current filter as').fill(savedName);
  await page.getByRole('dialog', { name: 'Saved filters' }).getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Remove filter Tenant: Globex Labs (demo)' }).click();
  await search(page).fill('');
  await expect(count(page)).toHaveText(/^(\d+) of \1 technical users$/);
  await page.getByRole('button', { name: /^Saved filters/ }).click();
  await page.getByRole('list', { name: 'Saved filters' }).getByRole('button', { name: savedName, exact: true }).click();
  await expect(search(page)).toHaveValue('OPS-1412');
  await expect(count(page)).toHaveText(/^1 of \d+ technical users$/);
  await expect(userRow(page, 'Salesforce sync', globex)).toBeVisible();
  await page.getByRole('button', { name: 'Remove filter Tenant: Globex Labs (demo)' }).click();
}

/** Creates a technical user with data fields, language, time zone and one child role, after its effective permissions. */
async function createWithFieldsAndOneRole(app: HarnessApp, run: Pass): Promise<void> {
  const { page } = app;
  const name = createdName(run);
  // 2. Create a technical user with data fields, language, time zone and one child role.
  await startNewUser(page, acme);
  const [used, limit] = await planOf(page);
  expect(used).toBeLessThan(limit);
  // A name already taken on the tenant is flagged while typing.
  await page.getByLabel('Name', { exact: true }).fill('salesforce SYNC');
  await expect(page.getByRole('alert').filter({ hasText: 'already exists on this tenant' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create technical user' })).toBeDisabled();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await expect(page.getByText('already exists on this tenant')).toBeHidden();
  await page.getByLabel('Description', { exact: true }).fill('Posts journal entries to NetSuite.');
  await page.getByLabel('Category', { exact: true }).fill('Programmatic user');
  for (const [key, value] of [
    ['Ticket', `FIN-${run.suffix}`],
    ['External system', 'NetSuite'],
    ['Scratch', 'remove me'],
  ]) {
    await page.getByRole('button', { name: 'Add data field' }).click();
    const rows = page.getByRole('list', { name: 'Data fields' }).getByRole('listitem');
    const n = await rows.count();
    await page.getByLabel(`Key ${n}`, { exact: true }).fill(key!);
    await page.getByLabel(`Value ${n}`, { exact: true }).fill(value!);
  }
  await page.getByRole('button', { name: 'Remove data field 3' }).click();
  await page.getByRole('button', { name: 'Move data field 2 up' }).click();
  await expect(page.getByLabel('Key 1', { exact: true })).toHaveValue('External system');
  await page.getByLabel('Language', { exact: true }).selectOption('de');
  await page.getByLabel('Time zone', { exact: true }).fill('Prague');
  await expect(page.getByText('is not an IANA time zone')).toBeVisible();
  await page.getByLabel('Time zone', { exact: true }).fill('Europe/Prague');
  await expect(page.getByText('is not an IANA time zone')).toBeHidden();
  // The root role is not offered, and the page says why.
  const roleList = page.getByRole('list', { name: 'Roles to grant' });
  await expect(roleList.getByRole('checkbox', { name: 'Finance integrations' })).toBeVisible();
  await expect(roleList.getByRole('checkbox', { name: 'All employees' })).toHaveCount(0);
  await expect(page.getByTestId('root-role-explanation')).toContainText('All employees');
  // Creating starts with no roles: nothing is ticked until the person ticks it.
  await expect(roleList.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await roleList.getByRole('checkbox', { name: 'Finance integrations' }).check();
  // Effective permissions before creating: direct roles only.
  await page.getByRole('tab', { name: 'Effective permissions' }).click();
  await expect(page.getByText('permissions from parent roles are not inherited')).toBeVisible();
  const objects = page.getByRole('table', { name: 'Object permissions' });
  await expect(objects.getByRole('row', { name: /^invoices/ })).toBeVisible();
  await expect(objects.getByRole('row', { name: /^orders/ })).toBeVisible();
  // Finance (the parent) may delete invoices; this user may not.
  await expect(objects.getByRole('row', { name: /^invoices/ }).getByLabel('yes')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'System operations' })).toContainText('export-data');
  await page.getByRole('tab', { name: 'Details' }).click();
  await page.getByRole('button', { name: 'Create technical user' }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await expect(page.getByLabel('Key 1', { exact: true })).toHaveValue('External system');
  await expect(page.getByLabel('Value 2', { exact: true })).toHaveValue(`FIN-${run.suffix}`);
  await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/Prague');
  if (run.offline) await expect(page.getByText('Pending sync', { exact: true })).toBeVisible();
}

/** Fills the tenant's plan; the next user is refused with the reason. */
async function fillThePlanThenRefuse(app: HarnessApp, run: Pass): Promise<void> {
  const { page } = app;
  // 3. The plan limit: fill the tenant's plan, then the next one is refused with the reason.
  await startNewUser(page, run.planTenant);
  let [planUsed, planLimit] = await planOf(page);
  for (let i = 1; planUsed < planLimit; i++) {
    await page.getByLabel('Name', { exact: true }).fill(`Filler ${run.suffix} ${i}`);
    await page.getByRole('button', { name: 'Create technical user' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Filler ${run.suffix} ${i}` })).toBeVisible();
    await startNewUser(page, run.planTenant);
    [planUsed, planLimit] = await planOf(page);
  }
  await expect(page.getByTestId('plan-usage')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('plan-usage')).toContainText('is full, so a new technical user cannot be created');
  await page.getByLabel('Name', { exact: true }).fill(`One too many ${run.suffix}`);
  await expect(page.getByRole('button', { name: 'Create technical user' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(count(page)).toBeVisible();
}

/** Deactivates on the user's page; reactivates with a bulk action from the inventory. */
async function deactivateThenBulkReactivate(app: HarnessApp, run: Pass): Promise<void> {
  const { page } = app;
  const name = createdName(run);
  // 4. Deactivate on the user's page; reactivate with a bulk action from the inventory.
  await searchFor(page, name);
  await userRow(page, name, acme).click();
  await page.getByLabel(/^Active/).uncheck();
  await saveUserPage(page);
  await searchFor(page, name);
  await expect(userRow(page, name, acme)).toContainText('Inactive');
  await userRow(page, name, acme).getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('toolbar', { name: 'Selected technical users' }).getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(userRow(page, name, acme)).not.toContainText('Inactive');
}

/** Changes a role on one tenant and compares it across tenants. */
async function changeARoleAndCompare(app: HarnessApp, run: Pass): Promise<void> {
  const { page } = app;
  // 5. Compare a role across tenants after changing it on one of them.
  await sectionButton(page, 'Roles').click();
  await page.getByRole('tab', { name: 'By tenant' }).click();
  const tenantOption = await page.getByLabel('Tenant', { exact: true }).locator('option', { hasText: run.roleTenant }).getAttribute('value');
  await page.getByLabel('Tenant', { exact: true }).selectOption(tenantOption!);
  await page.getByRole('treeitem', { name: /^Sales integrations/ }).click();
  await page.getByRole('checkbox', { name: `Delete ${run.roleObject}` }).check();
  await page.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByRole('button', { name: 'Save role' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Compare across tenants' }).click();
  await page.getByLabel('Role to compare').selectOption({ label: 'Sales integrations (2 of 2 tenants)' });
  await expect(page.getByRole('region', { name: 'Compare a role across tenants' }).getByRole('status')).toContainText('difference');
  await expect(page.getByRole('table', { name: 'Sales integrations on each tenant' }).getByRole('row', { name: `${run.roleObject} (differs)` })).toBeVisible();
}

/** Exports the view (the users this pass made, found by its suffix) as CSV and as JSON. */
async function exportTheView(app: HarnessApp, run: Pass): Promise<void> {
  const { page } = app;
  const name = createdName(run);
  // 6. Export the view (the users this pass made, found by its suffix), as CSV and as JSON.
  await searchFor(page, run.suffix);
  await expect(count(page)).toHaveText(/^\d+ of \d+ technical users$/);
  const shown = Number(/^(\d+)/.exec((await count(page).textContent())!)![1]);
  expect(shown).toBeGreaterThan(1);
  const exportsDir = join(app.profileDir, 'exports');
  for (const [format, extension] of [['CSV (the visible columns)', 'csv'], ['JSON (every field)', 'json']] as const) {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('button', { name: format }).click();
    // Each export says where it went (the CSV's notice may still be showing when the JSON's comes).
    await expect(page.getByText(new RegExp(`Exported ${shown} technical users to .*\\.${extension}`))).toBeVisible();
  }
  const files = readdirSync(exportsDir).sort();
  const csv = readFileSync(join(exportsDir, files.filter((f) => f.endsWith('.csv')).at(-1)!), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain('Name');
  expect(lines).toHaveLength(shown + 1);
  expect(csv).toContain(name);
  const json = JSON.parse(readFileSync(join(exportsDir, files.filter((f) => f.endsWith('.json')).at(-1)!), 'utf8')) as Array<Record<string, unknown>>;
  expect(json).toHaveLength(shown);
  expect(json.find((u) => u.name === name)).toMatchObject({ tenant: acme, active: true, language: 'de', timeZone: 'Europe/Prague', dataFields: [{ key: 'External system', value: 'NetSuite' }, { key: 'Ticket', value: `FIN-${run.suffix}` }] });
}

const steps: ReadonlyArray<readonly [title: string, step: (app: HarnessApp, run: Pass) => Promise<void>]> = [
  ['finds a user across tenants by a data-field value, opens it by keyboard, and saves a filter to apply again', findAcrossTenantsAndSaveAFilter],
  ['creates a technical user with data fields, language, time zone and a child role, showing effective permissions first', createWithFieldsAndOneRole],
  ['fills the plan of a tenant, then refuses the next technical user with the reason', fillThePlanThenRefuse],
  ['deactivates a user on its page and reactivates it with a bulk action', deactivateThenBulkReactivate],
  ['changes a role on one tenant and shows the difference across tenants', changeARoleAndCompare],
  ['exports the view as CSV and as JSON', exportTheView],
];

test.describe('cross-tenant console on two demo tenants', () => {
  // One console and two demo tenants for every test here; each test starts where the one before left off.
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  let app: HarnessApp;
  let page: Page;
  let acmeAdmin: ReturnType<typeof demoAdmin>;
  let globexAdmin: ReturnType<typeof demoAdmin>;
  let financeIntegrationsId: string;
  const online: Pass = { title: 'online: the tenants take each change as it is made', suffix: 'A1', offline: false, planTenant: globex, roleTenant: acme, roleObject: 'contacts' };
  const offline: Pass = { title: 'offline: both tenants stopped, the same work waits in the local copy', suffix: 'B2', offline: true, planTenant: acme, roleTenant: globex, roleObject: 'accounts' };

  test.beforeAll(async () => {
    app = await launchHarnessApp();
    page = app.page;
    await page.getByRole('button', { name: 'Try with demo tenants' }).click();
    await expect(page.getByRole('listitem', { name: acme }).getByRole('status')).toHaveText('Connected', { timeout: 120_000 });
    await expect(page.getByRole('listitem', { name: globex }).getByRole('status')).toHaveText('Connected', { timeout: 120_000 });
    await sectionButton(page, 'Technical users').click();
    await expect(count(page)).toHaveText('54 of 54 technical users', { timeout: 60_000 });
    await expectAllSynced(app);
    acmeAdmin = demoAdmin(app, 'acme', acme);
    globexAdmin = demoAdmin(app, 'globex', globex);
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test.describe(online.title, () => {
    for (const [title, step] of steps) test(title, () => step(app, online));

    test('every change reached the tenants', async () => {
      const name = createdName(online);
      await expectAllSynced(app);
      const created = await acmeAdmin.user(name);
      financeIntegrationsId = (await acmeAdmin.roles()).find((r) => r.name === 'Finance integrations')!.id;
      expect(created).toMatchObject({ active: true, language: 'de', timeZone: 'Europe/Prague', category: 'Programmatic user', roleIds: [financeIntegrationsId], dataFields: [{ key: 'External system', value: 'NetSuite' }, { key: 'Ticket', value: 'FIN-A1' }] });
      expect((await globexAdmin.user('One too many A1')) ?? null).toBeNull();
      expect((await acmeAdmin.roles()).find((r) => r.name === 'Sales integrations')!.privileges.objects.find((o) => o.object === 'contacts')).toMatchObject({ read: true, delete: true });
    });

    test('the created user’s history: created by this console, deactivated, reactivated, as readable diffs', async () => {
      const name = createdName(online);
      await searchFor(page, name);
      await userRow(page, name, acme).click();
      await page.getByRole('tab', { name: 'History' }).click();
      const history = page.getByRole('list', { name: 'History' });
      await expect(history.getByRole('listitem')).toHaveCount(3, { timeout: 30_000 });
      await expect(history.getByRole('listitem').first()).toContainText('Tessera demo');
      // Newest first: reactivated, deactivated, created.
      await expect(history.getByRole('listitem').nth(0).getByRole('row', { name: /^Active/ })).toHaveText(/Active\s*no\s*→\s*yes/);
      await expect(history.getByRole('listitem').nth(1).getByRole('row', { name: /^Active/ })).toHaveText(/Active\s*yes\s*→\s*no/);
      await expect(history.getByRole('listitem').nth(2)).toContainText('NetSuite');
      await page.screenshot({ path: join(screenshotDir, 'console-history.png') });
    });
  });

  test.describe(offline.title, () => {
    test.beforeAll(async () => {
      await app.main.services.demo.stopAll();
      await expect.poll(() => app.main.services.connections.list().map((c) => c.state), { timeout: 30_000 }).toEqual(['offline', 'offline']);
    });

    for (const [title, step] of steps) test(title, () => step(app, offline));

    test('the changes wait to be sent, and the new user has no history in the local copy yet', async () => {
      const name = createdName(offline);
      await expect(page.getByTestId('pending-summary')).toHaveText(/^\d+ changes waiting to sync$/);
      await searchFor(page, name);
      await userRow(page, name, acme).click();
      await page.getByRole('tab', { name: 'History' }).click();
      await expect(page.getByText('No history in the local copy yet.')).toBeVisible();
    });
  });

  test('back online: everything reaches the tenants, and the history fills in', async () => {
    const name = createdName(offline);
    await app.main.services.demo.resume();
    await expectAllSynced(app);
    expect(await acmeAdmin.user(name)).toMatchObject({ active: true, language: 'de', timeZone: 'Europe/Prague', roleIds: [financeIntegrationsId], dataFields: [{ key: 'External system', value: 'NetSuite' }, { key: 'Ticket', value: 'FIN-B2' }] });
    expect((await globexAdmin.roles()).find((r) => r.name === 'Sales integrations')!.privileges.objects.find((o) => o.object === 'accounts')).toMatchObject({ read: true, delete: true });
    expect((await acmeAdmin.user('One too many B2')) ?? null).toBeNull();
    await expect(page.getByRole('list', { name: 'History' }).getByRole('listitem')).not.toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('list', { name: 'History' })).toContainText('Tessera demo');
  });

  test('what a customer sees: the inventory, a user’s page and a role’s matrix, in both themes', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const dismiss = page.getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark' }).check();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await showInventory(page);
      await search(page).fill('');
      await expect(count(page)).toHaveText(/^\d+ of \d+ technical users$/);
      await expect(inventoryGrid(page).getByRole('row')).not.toHaveCount(1);
      await page.screenshot({ path: join(screenshotDir, `console-inventory-${theme}.png`) });
      await searchFor(page, 'Salesforce sync');
      await userRow(page, 'Salesforce sync', acme).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Salesforce sync' })).toBeVisible();
      await page.screenshot({ path: join(screenshotDir, `console-user-${theme}.png`) });
      await page.getByRole('tab', { name: 'Effective permissions' }).click();
      await page.screenshot({ path: join(screenshotDir, `console-user-permissions-${theme}.png`) });
      await sectionButton(page, 'Roles').click();
      await page.getByRole('tab', { name: 'By tenant' }).click();
      await page.getByRole('treeitem', { name: /^Finance integrations/ }).click();
      await expect(page.getByRole('table', { name: 'Privileges of Finance integrations' })).toBeVisible();
      await page.screenshot({ path: join(screenshotDir, `console-roles-${theme}.png`) });
      await page.getByRole('tab', { name: 'Compare across tenants' }).click();
      await page.getByLabel('Role to compare').selectOption({ label: 'Sales integrations (2 of 2 tenants)' });
      await page.screenshot({ path: join(screenshotDir, `console-compare-${theme}.png`) });
    }
  });
});

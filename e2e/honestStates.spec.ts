import { join } from 'node:path';
import type { ApiToken } from '../shared/api/tokens.ts';
import { expect, test } from './fixtures.ts';
import { screenshotDir } from './harness/paths.ts';
import { inventoryGrid, openUser, sectionButton, showInventory, userRow } from './support/console.ts';
import { connectTenant, startTestTenant, technicalUserNamed, type TestTenantProcess } from './support/tenants.ts';

/** Calls the tenant as an integration would, with the token's secret. */
async function callAsIntegration(tenant: TestTenantProcess, secret: string): Promise<number> {
  const response = await fetch(`${tenant.url}/api/v1/integration/objects/invoices`, { headers: { Authorization: `Bearer ${secret}` } });
  await response.arrayBuffer();
  return response.status;
}

test.describe('states that tell the truth', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  test.afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });

  test('a bulk deactivate asks first and says what stops; an inactive user’s token shows as refused wherever its status appears', async ({ app }) => {
    const { page } = app;
    const acme = await startTestTenant({ name: 'Acme', technicalUsers: 5 });
    cleanup.push(() => acme.stop());
    const globex = await startTestTenant({ name: 'Globex', technicalUsers: 5 });
    cleanup.push(() => globex.stop());
    // One working token for Salesforce sync on Acme, issued through the REST API as a colleague would.
    const sf = await technicalUserNamed(acme, 'Salesforce sync');
    const issued = await acme.api<{ token: ApiToken; secret: string }>('POST', `/api/v1/technical-users/${sf.id}/tokens`, { label: 'CRM bridge' });
    expect(issued.status).toBe(201);
    // The tenant takes the token (401 would mean it refuses it; 403 only that the roles do not reach this object).
    expect(await callAsIntegration(acme, issued.body.secret)).not.toBe(401);
    await connectTenant(app, acme, 'Acme');
    await connectTenant(app, globex, 'Globex');

    // Select Salesforce sync on both tenants.
    await showInventory(page);
    await page.getByRole('searchbox', { name: 'Search technical users' }).fill('Salesforce sync');
    await expect(inventoryGrid(page).getByRole('row', { name: /^Salesforce sync · / })).toHaveCount(2);
    for (const tenant of ['Acme', 'Globex']) await userRow(page, 'Salesforce sync', tenant).getByRole('checkbox', { name: 'Select Salesforce sync' }).check();
    await page.getByRole('toolbar', { name: 'Selected technical users' }).getByRole('button', { name: 'Deactivate…' }).click();

    // Nothing has happened yet: the dialog says who, where, and what stops working.
    const dialog = page.getByRole('dialog', { name: 'Deactivate 2 technical users?' });
    await expect(dialog).toBeVisible();
    const tenants = dialog.getByRole('list', { name: 'Affected tenants' });
    const working = async (tenant: TestTenantProcess) => {
      const id = (await technicalUserNamed(tenant, 'Salesforce sync')).id;
      const list = (await tenant.api<{ items: ApiToken[] }>('GET', `/api/v1/technical-users/${id}/tokens?limit=1000`)).body.items;
      const n = list.filter((t) => (t.status === 'active' || t.status === 'replaced') && Date.parse(t.expiresAt) > Date.now()).length;
      return n === 0 ? 'no working API tokens' : `${n} working API token${n === 1 ? '' : 's'}`;
    };
    expect(await working(acme)).not.toBe('no working API tokens');
    await expect(tenants.getByRole('listitem').filter({ hasText: 'Acme' })).toHaveText(`Acme: 1 technical user, ${await working(acme)}`);
    await expect(tenants.getByRole('listitem').filter({ hasText: 'Globex' })).toHaveText(`Globex: 1 technical user, ${await working(globex)}`);
    await expect(dialog.getByRole('note')).toContainText('it refuses their');
    await expect(dialog.getByRole('note')).toContainText('integrations that call as them stop working');
    await page.screenshot({ path: join(screenshotDir, 'bulk-deactivate-confirm.png') });
    expect((await technicalUserNamed(acme, 'Salesforce sync')).active).toBe(true);
    // Cancel changes nothing; confirming does it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(userRow(page, 'Salesforce sync', 'Acme')).not.toContainText('Inactive');
    await page.getByRole('toolbar', { name: 'Selected technical users' }).getByRole('button', { name: 'Deactivate…' }).click();
    await dialog.getByRole('button', { name: 'Deactivate 2' }).click();
    await expect(userRow(page, 'Salesforce sync', 'Acme')).toContainText('Inactive');
    await expect(userRow(page, 'Salesforce sync', 'Globex')).toContainText('Inactive');
    await expect.poll(async () => (await technicalUserNamed(acme, 'Salesforce sync')).active, { timeout: 20_000 }).toBe(false);
    await expect.poll(async () => (await technicalUserNamed(globex, 'Salesforce sync')).active, { timeout: 20_000 }).toBe(false);
    // The tenant does refuse the token now…
    expect(await callAsIntegration(acme, issued.body.secret)).toBe(401);

    // …and the console says so: on the user's API tokens tab…
    await openUser(page, 'Salesforce sync', 'Acme');
    await page.getByRole('tab', { name: 'API tokens' }).click();
    const tokens = page.getByRole('table', { name: 'API tokens of Salesforce sync' });
    const row = tokens.getByRole('row').filter({ hasText: issued.body.token.prefix });
    await expect(row).toContainText('Refused: user inactive');
    await expect(row).not.toContainText(/\bActive\b/);
    await expect(page.getByRole('note').filter({ hasText: 'Salesforce sync is inactive' })).toContainText(/the tenant refuses (its token|all \d+ of its tokens) until the user is active again/);
    // …and in the Tokens section, where "Still working" leaves it out and "Refused" finds it.
    await sectionButton(page, 'Tokens').click();
    const all = page.getByRole('table', { name: 'API tokens', exact: true });
    await expect(all.getByRole('row').filter({ hasText: issued.body.token.prefix })).toContainText('Refused: user inactive');
    await page.getByLabel('Token status').selectOption('working');
    await expect(all.getByRole('row').filter({ hasText: issued.body.token.prefix })).toHaveCount(0);
    await page.getByLabel('Token status').selectOption('refused');
    await expect(all.getByRole('row').filter({ hasText: issued.body.token.prefix })).toHaveCount(1);
  });
});

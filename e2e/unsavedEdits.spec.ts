import { expect, test } from './fixtures.ts';
import { openUser, saveUserPage, sectionButton } from './support/console.ts';
import { connectTenant, startTestTenant, technicalUserNamed, type TestTenantProcess } from './support/tenants.ts';

test.describe('unsaved edits of a technical user', () => {
  let tenant: TestTenantProcess;
  test.beforeEach(async () => {
    tenant = await startTestTenant({ name: 'Acme Edits', technicalUsers: 3 });
  });
  test.afterEach(async () => {
    await tenant.stop();
  });

  test('leaving the page or the section asks first; keep editing keeps them, discard drops them, and nothing unsaved reaches the tenant', async ({ app }) => {
    const { page } = app;
    await connectTenant(app, tenant, 'Acme Edits');
    const before = await technicalUserNamed(tenant, 'Salesforce sync');
    await openUser(page, 'Salesforce sync');
    const description = page.getByLabel('Description');
    await description.fill('Half-typed note');
    await expect(page.getByText('Unsaved changes')).toBeVisible();

    // Back to the list: asked, and "Keep editing" keeps the text.
    await page.getByRole('button', { name: '← Technical users' }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(ask).toContainText('Your changes to Salesforce sync are not saved yet.');
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await expect(ask).toBeHidden();
    await expect(description).toHaveValue('Half-typed note');

    // Another section: asked too; "Discard changes" goes there and drops the edit.
    await sectionButton(page, 'Tokens').click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tokens' })).toBeVisible();
    await openUser(page, 'Salesforce sync');
    await expect(page.getByLabel('Description')).toHaveValue(before.description);
    await expect(page.getByText('All changes saved here')).toBeVisible();

    // Saved edits leave without a question.
    await page.getByLabel('Description').fill('Kept note');
    await saveUserPage(page);
    await page.getByRole('button', { name: '← Technical users' }).click();
    await expect(page.getByTestId('inventory-count')).toBeVisible();
    await expect(ask).toBeHidden();
    await expect.poll(async () => (await technicalUserNamed(tenant, 'Salesforce sync')).description, { timeout: 20_000 }).toBe('Kept note');
  });
});

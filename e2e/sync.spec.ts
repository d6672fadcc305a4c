import { expect, test } from './fixtures.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

test.describe('offline-first sync', () => {
  const tenants: TestTenantProcess[] = [];
  test.afterEach(async () => {
    await Promise.all(tenants.splice(0).map((t) => t.stop()));
  });

  test('replicates a tenant into the local copy', async ({ app }) => {
    const { page } = app;
    const acme = await startTestTenant({ name: 'Acme', technicalUsers: 8 });
    tenants.push(acme);
    await connectTenant(app, acme, 'Acme');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Technical users' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'technical users' })).toHaveText('8 of 8 technical users', { timeout: 20_000 });
  });
});

import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { screenshotDir } from './harness/paths.ts';
import { sectionButton } from './support/console.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

test.describe('long lists', () => {
  let tenant: TestTenantProcess;
  test.beforeAll(async () => {
    tenant = await startTestTenant({ name: 'Initech', technicalUsers: 400 });
  });
  test.afterAll(() => tenant.stop());

  test('the Tokens section draws every matching token, only the rows in view at a time', async ({ app }) => {
    test.slow();
    const { page } = app;
    await connectTenant(app, tenant, 'Initech');
    await sectionButton(page, 'Tokens').click();
    const count = page.getByTestId('token-count');
    // The first sync brings every token (one per seeded user): more than the old cap of 300 drawn rows.
    const totalNow = async () => Number(/^(\d+) tokens$/.exec((await count.textContent()) ?? '')?.[1] ?? 0);
    await expect.poll(totalNow, { timeout: 60_000 }).toBeGreaterThanOrEqual(399);
    const total = await totalNow();
    const table = page.getByRole('table', { name: 'API tokens' });
    // Every token counts for assistive technology; only a window of them is in the page.
    await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));
    const drawn = table.locator('tbody tr[data-row]');
    await expect(drawn.first()).toBeVisible();
    expect(await drawn.count()).toBeLessThan(100);
    await expect(drawn.first()).toHaveAttribute('aria-rowindex', '2');

    // Scrolled to the end, the last token is drawn (nothing is cut off at a limit).
    await page.locator('.tokens-page .page-body').evaluate((body) => body.scrollTo({ top: body.scrollHeight }));
    await expect(table.locator(`tbody tr[aria-rowindex="${total + 1}"]`)).toBeVisible();
    await page.screenshot({ path: join(screenshotDir, 'tokens-long-list-end.png') });
    expect(await drawn.count()).toBeLessThan(100);

    // Filters still narrow the whole list, not the rows drawn.
    await page.getByLabel('Search tokens').fill('00399');
    await expect(count).toHaveText(/^\d+ of \d+ tokens$/);
  });
});

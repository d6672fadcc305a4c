import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { screenshotDir } from './harness/paths.ts';
import { sectionButton } from './support/console.ts';
import { colleagueChanges, connectTenant, startTestTenant } from './support/tenants.ts';

test.describe('the Audit section', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  test.afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });

  test('one timeline of two tenants’ entries, filtered by actor and by user, in the forms’ words, opening the subject', async ({ app }) => {
    const { page } = app;
    const acme = await startTestTenant({ name: 'Acme', technicalUsers: 5 });
    cleanup.push(() => acme.stop());
    const globex = await startTestTenant({ name: 'Globex', technicalUsers: 5 });
    cleanup.push(() => globex.stop());
    await colleagueChanges(acme, 'Salesforce sync', { permissionRole: 'admin', language: 'fr' });
    await colleagueChanges(globex, 'Zendesk connector', { kind: 'webhook' });
    await connectTenant(app, acme, 'Acme');
    await connectTenant(app, globex, 'Globex');

    await sectionButton(page, 'Audit').click();
    const count = page.getByTestId('audit-count');
    await expect(count).toHaveText(/^[\d,]+ audit entries$/);
    const list = page.getByRole('listbox', { name: 'Audit entries, newest first' });

    // Who: the colleague, on both tenants.
    await page.getByLabel('Actor').fill('other@example.com');
    await expect(count).toHaveText(/^2 of [\d,]+ audit entries$/);
    await expect(list.getByRole('option')).toHaveCount(2);
    await expect(list.getByRole('option').filter({ hasText: 'Acme' })).toContainText('Salesforce sync');
    await expect(list.getByRole('option').filter({ hasText: 'Globex' })).toContainText('Zendesk connector');

    // Which user: Salesforce sync (on Acme only, by this colleague).
    await page.getByLabel('Subject', { exact: true }).fill('Salesforce sync');
    await expect(list.getByRole('option')).toHaveCount(1);
    // The keyboard picks the entry; the detail says what changed in the forms' words, never raw values.
    await list.focus();
    await page.keyboard.press('Home');
    const detail = page.getByRole('region', { name: 'Audit entry' });
    await expect(detail).toContainText('Other Admin changed the technical user');
    await expect(detail).toContainText('other@example.com');
    const changes = detail.getByRole('table', { name: 'What changed' });
    await expect(changes.getByRole('row', { name: /Permission role/ })).toContainText('Viewer');
    await expect(changes.getByRole('row', { name: /Permission role/ })).toContainText('Admin');
    await expect(changes.getByRole('row', { name: /Language/ })).toContainText('French');
    await expect(changes).not.toContainText(/\b(viewer|admin|fr)\b/);
    await page.screenshot({ path: join(screenshotDir, 'audit-section.png') });

    // Opening the subject goes to the user's page; its History tab uses the same words.
    await detail.getByRole('button', { name: 'Open Salesforce sync' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Salesforce sync', exact: true })).toBeVisible();
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('list', { name: 'History' });
    await expect(history.getByRole('table', { name: 'Changes by Other Admin' }).first()).toContainText('French');

    // The filter is kept while away; clearing it shows everything again.
    await sectionButton(page, 'Audit').click();
    await expect(count).toHaveText(/^1 of [\d,]+ audit entries$/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(count).toHaveText(/^[\d,]+ audit entries$/);
  });
});

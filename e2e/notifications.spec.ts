import { join } from 'node:path';
import { addClientWithCli, fetchAccessToken } from '../server/tenantProcess.ts';
import type { TechnicalUser } from '../shared/api/technicalUsers.ts';
import { expect, test } from './fixtures.ts';
import { screenshotDir } from './harness/paths.ts';
import { axeViolations, serious } from './support/axe.ts';
import { allScopes } from './support/tenants.ts';

test.describe('notification e-mail', () => {
  test('the demo tenants e-mail subscribed users; the user page says where it goes; Demo mail shows each message, live', async ({ app }) => {
    test.slow();
    const { page } = app;
    await page.getByRole('button', { name: 'Try with demo tenants' }).click();
    const acme = page.getByRole('listitem', { name: 'Acme Corp (demo)' });
    await expect(acme.getByRole('status')).toHaveText('Connected', { timeout: 60_000 });
    await expect(page.getByRole('listitem', { name: 'Globex Labs (demo)' }).getByRole('status')).toHaveText('Connected', { timeout: 60_000 });

    // The seed's paid invoices of the last days were mailed to the finance group of both tenants.
    const demoMail = page.getByRole('button', { name: /^Demo mail \(\d+\)$/ });
    await expect(demoMail).toBeVisible({ timeout: 30_000 });
    await demoMail.click();
    const dialog = page.getByRole('dialog', { name: 'Demo mail' });
    const messages = dialog.getByRole('list', { name: 'Messages, newest first' });
    await expect(messages.getByRole('button', { name: /^Acme Corp: invoice created — Invoice \d{4}-\d{4} \(paid by card\)/ }).first()).toBeVisible();
    await expect(messages.getByRole('button', { name: /^Globex Labs: invoice created/ }).first()).toBeVisible();
    await messages.getByRole('button', { name: /^Acme Corp: invoice created.*finance-integrations@acmecorp\.example/ }).first().click();
    const message = dialog.getByRole('article');
    await expect(message).toContainText('Stripe billing webhook created an invoice in Acme Corp');
    await expect(message).toContainText('finance-integrations@acmecorp.example');
    await expect(message.getByText('Acme Corp (demo)')).toBeVisible();
    await page.screenshot({ path: join(screenshotDir, 'demo-mail.png') });
    // Accessible in both themes (axe-core, WCAG 2.1 A/AA: no critical or serious violation).
    expect(serious(await axeViolations(page, 'Demo mail, light')).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    expect(serious(await axeViolations(page, 'Demo mail, dark')).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'demo-mail-dark.png') });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    // Arrow keys move through the list.
    await messages.getByRole('button', { name: /^Acme Corp: invoice created.*finance-integrations@acmecorp\.example/ }).first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(messages.locator('[aria-current="true"]')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(messages.getByRole('button', { name: /^Acme Corp: invoice created.*finance-integrations@acmecorp\.example/ }).first()).toHaveAttribute('aria-current', 'true');

    // "Sent for" opens the subscribed technical user; its page says where its notifications go.
    await message.getByRole('button', { name: 'SAP invoice export' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'SAP invoice export' })).toBeVisible();
    const line = page.locator('#user-notifications');
    await expect(line).toHaveText(/E-mail goes to finance-integrations@acmecorp\.example when an integration creates or changes invoices \(not for its own changes\)\./);
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'user-notifications.png') });
    // Editing the form changes what it says before anything is saved.
    await page.getByLabel('Notification e-mail').fill('');
    await expect(line).toHaveText('Subscribed to invoices, but without a notification e-mail nothing is sent.');
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect(line).toContainText('E-mail goes to finance-integrations@acmecorp.example');

    // A live change: the Stripe webhook records another paid invoice through the integration API
    // (with a token issued by another admin); the message arrives in the open Demo mail.
    const dataFile = join(app.profileDir, 'demo-tenants', 'acme.db');
    const acmeUrl = app.main.services.connections.list().find((c) => c.displayName === 'Acme Corp (demo)')!.baseUrl;
    const colleague = addClientWithCli(dataFile, { name: 'Other Admin', email: 'other@example.com', scopes: allScopes });
    const adminToken = await fetchAccessToken(acmeUrl, colleague);
    const admin = async <T>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${acmeUrl}${path}`, { method, headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      return (await response.json()) as T;
    };
    const stripe = (await admin<{ items: TechnicalUser[] }>('GET', '/api/v1/technical-users?q=Stripe')).items.find((u) => u.name === 'Stripe billing webhook')!;
    const { secret } = await admin<{ secret: string }>('POST', `/api/v1/technical-users/${stripe.id}/tokens`, { label: 'e2e' });
    await page.getByRole('button', { name: 'Open demo mail' }).click();
    await expect(dialog).toBeVisible();
    const created = await fetch(`${acmeUrl}/api/v1/integration/objects/invoices`, { method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Invoice E2E-1' }) });
    expect(created.status).toBe(201);
    await expect(messages.getByRole('button').first()).toContainText('Acme Corp: invoice created — Invoice E2E-1');
    await expect(dialog.getByRole('article')).toContainText('Invoice E2E-1');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});

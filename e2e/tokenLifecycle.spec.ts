import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { ApiToken } from '../shared/api/tokens.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { projectRoot } from './harness/paths.ts';
import { openUser, sectionButton } from './support/console.ts';
import { filesContaining, pageStorageDump } from './support/secretScan.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';
import { callAsIntegration, closeReveal, readReveal, serverTokens, shot } from './support/tokens.ts';

const tenantName = 'Acme Tokens';
const userName = 'SAP invoice export';
const clipboardClearMs = 3_000;

const tokenRow = (page: Page, prefix: string) => page.getByRole('table', { name: `API tokens of ${userName}` }).locator(`tr[data-token-prefix="${prefix}"]`);

/**
 * One token's life, step by step, on one tenant and one console started once:
 * each step is its own test (so a failure names the step), and each starts
 * where the one before left off — serial mode skips the rest after a failure.
 */
test.describe('the life of an API token', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });
  let tenant: TestTenantProcess;
  let app: HarnessApp;
  let page: Page;
  let sap: { id: string; name: string };
  let before: ApiToken[];
  let first: { reveal: Page; secret: string };
  let second: { reveal: Page; secret: string };
  let issued: ApiToken;
  let replacement: ApiToken;

  test.beforeAll(async () => {
    tenant = await startTestTenant({ name: tenantName });
    app = await launchHarnessApp({ clipboardClearMs });
    page = app.page;
    await connectTenant(app, tenant, tenantName);
    sap = (await tenant.api<{ items: Array<{ id: string; name: string }> }>('GET', `/api/v1/technical-users?q=${encodeURIComponent(userName)}`)).body.items.find((u) => u.name === userName)!;
    await openUser(page, userName);
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await expect(page.getByRole('heading', { name: 'API tokens', level: 2 })).toBeVisible();
    before = await serverTokens(tenant, sap.id);
  });
  test.afterAll(async () => {
    await app?.close();
    await tenant?.stop();
  });

  test('issuing shows the effective permissions first, reveals the secret once in its own window, and a copied secret leaves the clipboard', async () => {
    // 1. Issue: effective permissions and the warning come first.
    await page.getByRole('button', { name: 'Issue token…' }).click();
    const dialog = page.getByRole('dialog', { name: `Issue an API token for ${userName}` });
    await expect(dialog.getByText(`Whoever holds this token can do everything below, as ${userName}.`)).toBeVisible();
    await expect(dialog.getByRole('table', { name: 'Object permissions' }).getByRole('row', { name: /invoices/ })).toBeVisible();
    await expect(dialog.getByText(/Tenant policy: \d+ days by default, at most \d+/)).toBeVisible();
    await dialog.getByLabel('Label').fill('E2E nightly export');
    const opened = app.main.reveal.next();
    await dialog.getByRole('button', { name: 'Issue token' }).click();
    first = await readReveal(app, opened);
    await expect(first.reveal.getByRole('heading', { name: 'New API token' })).toBeVisible();
    await expect(first.reveal.getByText(`${userName} · ${tenantName}`)).toBeVisible();
    await expect(first.reveal.getByText(/This window closes in \d:\d\d/)).toBeVisible();
    await expect(dialog).toBeHidden();

    // Copy puts it on the clipboard; the clipboard is cleared after the delay if it still holds it.
    await first.reveal.getByRole('button', { name: 'Copy' }).click();
    await expect(first.reveal.getByRole('status')).toContainText('Copied. The clipboard is cleared');
    expect(app.main.recorder.clipboard.text).toBe(first.secret);
    await closeReveal(first.reveal, true);
    await expect.poll(() => app.main.recorder.clipboard.text, { timeout: clipboardClearMs + 5_000 }).toBe('');
    expect(app.main.recorder.clipboard.clears).toBe(1);

    issued = (await serverTokens(tenant, sap.id)).find((t) => !before.some((b) => b.id === t.id))!;
    expect(issued).toMatchObject({ label: 'E2E nightly export', status: 'active', lastUsedAt: null, prefix: first.secret.slice(0, 8) });
    await expect(tokenRow(page, issued.prefix)).toContainText('Active');
    await expect(tokenRow(page, issued.prefix)).toContainText('never');
  });

  test('a call with the token arrives in the console as its last use', async () => {
    // 2. The integration uses it; last used arrives in the console.
    expect(await callAsIntegration(tenant, first.secret)).toBe(200);
    await expect(tokenRow(page, issued.prefix)).not.toContainText('never', { timeout: 20_000 });
    await shot(app, 'user-tokens', [first.secret]);
  });

  test('replacing with a day of overlap: both work, and the rotation is guided until the old token can be revoked', async () => {
    // 3. Replace with a day of overlap: both work, and the rotation is guided.
    await page.getByRole('button', { name: `Replace ${issued.prefix}` }).click();
    const replaceDialog = page.getByRole('dialog', { name: `Replace token ${issued.prefix}…?` });
    await replaceDialog.getByLabel('Keep the old token working for').selectOption({ label: '1 day' });
    await expect(replaceDialog.getByText(/Both tokens work until/)).toBeVisible();
    const opened = app.main.reveal.next();
    await replaceDialog.getByRole('button', { name: 'Replace token' }).click();
    second = await readReveal(app, opened);
    await expect(second.reveal.getByRole('heading', { name: 'Replacement API token' })).toBeVisible();
    await expect(second.reveal.getByText(new RegExp(`${issued.prefix}… — keeps working until`))).toBeVisible();
    await closeReveal(second.reveal, false);
    expect(second.secret).not.toBe(first.secret);
    replacement = (await serverTokens(tenant, sap.id)).find((t) => t.prefix === second.secret.slice(0, 8))!;

    const rotation = page.getByRole('region', { name: `Rotating ${issued.prefix}… → ${replacement.prefix}…` });
    await expect(rotation).toHaveAttribute('data-rotation-state', 'waiting', { timeout: 20_000 });
    await expect(rotation.getByRole('status')).toContainText('the new token has not been used yet');
    expect(await callAsIntegration(tenant, first.secret)).toBe(200);
    expect(await callAsIntegration(tenant, second.secret)).toBe(200);
    await expect(rotation).toHaveAttribute('data-rotation-state', 'switched', { timeout: 20_000 });
    // Something still calls with the old secret: not safe yet.
    expect(await callAsIntegration(tenant, first.secret)).toBe(200);
    await expect(rotation).toHaveAttribute('data-rotation-state', 'both_in_use', { timeout: 20_000 });
    await expect(rotation.getByRole('status')).toContainText('Something still holds the old secret');
    // The integration has moved over.
    expect(await callAsIntegration(tenant, second.secret)).toBe(200);
    await expect(rotation).toHaveAttribute('data-rotation-state', 'switched', { timeout: 20_000 });
    await expect(rotation.getByRole('status')).toContainText('It is safe to revoke the old token now');
    await shot(app, 'rotation', [first.secret, second.secret]);
    await rotation.getByRole('button', { name: 'Revoke the old token now' }).click();
    const revokeOld = page.getByRole('dialog', { name: `Revoke token ${issued.prefix}…?` });
    await expect(revokeOld.getByText(/refused from the moment you confirm/)).toBeVisible();
    await revokeOld.getByRole('button', { name: 'Revoke token' }).click();
    await expect(revokeOld).toBeHidden();
    await expect(rotation).toBeHidden({ timeout: 20_000 });
    expect(await callAsIntegration(tenant, first.secret)).toBe(401);
    expect(await callAsIntegration(tenant, second.secret)).toBe(200);
    await expect(tokenRow(page, issued.prefix)).toContainText('Revoked');
  });

  test('changing the expiry keeps the same secret working until the new date', async () => {
    // 4. Change the expiry: same secret, new date.
    await page.getByRole('button', { name: `Change expiry of ${replacement.prefix}` }).click();
    const expiryDialog = page.getByRole('dialog', { name: `Change the expiry of ${replacement.prefix}…` });
    const target = new Date(Date.now() + 10 * 86_400_000);
    const targetValue = `${target.getFullYear()}-${String(target.getMonth() + 1).padStart(2, '0')}-${String(target.getDate()).padStart(2, '0')}`;
    await expiryDialog.getByLabel('New expiry date').fill(targetValue);
    await expiryDialog.getByRole('button', { name: 'Change expiry' }).click();
    await expect(expiryDialog).toBeHidden();
    await expect.poll(async () => (await serverTokens(tenant, sap.id)).find((t) => t.id === replacement.id)!.expiresAt.slice(0, 10)).toBe(new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
    expect(await callAsIntegration(tenant, second.secret)).toBe(200);
    await expect(tokenRow(page, replacement.prefix)).toContainText('in 10 days', { timeout: 20_000 });
  });

  test('a revoked token is refused from then on', async () => {
    // 5. Revoke: refused from then on.
    await page.getByRole('button', { name: `Revoke ${replacement.prefix}` }).click();
    const revokeNew = page.getByRole('dialog', { name: `Revoke token ${replacement.prefix}…?` });
    const othersWorking = (await serverTokens(tenant, sap.id)).filter((t) => t.id !== replacement.id && t.status !== 'revoked' && Date.parse(t.expiresAt) > Date.now()).length;
    await expect(revokeNew.getByText(othersWorking === 0 ? `${userName} has no other working token afterwards.` : `${userName} keeps ${othersWorking} other working token${othersWorking === 1 ? '' : 's'}.`)).toBeVisible();
    await revokeNew.getByRole('button', { name: 'Revoke token' }).click();
    await expect(revokeNew).toBeHidden();
    expect(await callAsIntegration(tenant, second.secret)).toBe(401);
    await expect(tokenRow(page, replacement.prefix)).toContainText('Revoked', { timeout: 20_000 });
  });

  test('the Tokens section lists them across tenants, with filters', async () => {
    // 6. The Tokens section lists them across tenants, with filters.
    await sectionButton(page, 'Tokens').click();
    await page.getByRole('searchbox', { name: 'Search tokens' }).fill(userName);
    // The header and at least the two tokens of this test.
    await expect(page.getByRole('table', { name: 'API tokens' }).getByRole('row').nth(2)).toBeVisible();
    await page.getByLabel('Token status').selectOption('revoked');
    const revokedCount = (await serverTokens(tenant, sap.id)).filter((t) => t.status === 'revoked').length;
    expect(revokedCount).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('token-count')).toHaveText(new RegExp(`^${revokedCount} of \\d+ tokens$`));
    await shot(app, 'list', [first.secret, second.secret]);
  });

  test('afterwards the secrets are nowhere: not in the DOM, Web Storage, IndexedDB, settings, logs, the profile or the test results', async () => {
    // 7. Nowhere: not in the console's DOM, Web Storage or IndexedDB (read through the API),
    // electron-store, logs, the profile folder, or what the test suite keeps.
    const storage = await pageStorageDump(page);
    expect(storage.databases.length).toBeGreaterThan(0);
    expect(storage.records).toBeGreaterThan(50);
    // The metadata is there (so the dump really covers the tokens), the secrets are not.
    expect(storage.indexedDb).toContain(issued.prefix);
    expect(storage.indexedDb).toContain(replacement.prefix);
    for (const secret of [first.secret, second.secret]) {
      expect(storage.dom).not.toContain(secret);
      expect(storage.webStorage).not.toContain(secret);
      expect(storage.indexedDb).not.toContain(secret);
      expect(readFileSync(join(app.profileDir, 'settings.json'), 'utf8')).not.toContain(secret);
      expect(readFileSync(app.main.logFile, 'utf8')).not.toContain(secret);
      expect(filesContaining(app.profileDir, secret)).toEqual([]);
      expect(filesContaining(resolve(projectRoot, 'test-results'), secret)).toEqual([]);
    }
    expect(readFileSync(app.main.logFile, 'utf8')).toContain('reveal window closed; the secret is dropped');
    // Playwright keeps no trace, video or automatic screenshot that could hold a reveal window.
    const use = test.info().project.use;
    expect([use.trace, use.video, use.screenshot]).toEqual(['off', 'off', 'off']);
    expect(app.main.reveal.opened()).toBe(2);
  });
});

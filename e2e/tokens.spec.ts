import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { ApiToken } from '../shared/api/tokens.ts';
import { dueExpiryReminders } from '../shared/console/tokenFacts.ts';
import { securityHeaders } from '../electron/main/security/contentSecurityPolicy.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { projectRoot, screenshotDir } from './harness/paths.ts';
import { openUser, sectionButton } from './support/console.ts';
import { filesContaining, pageStorageDump } from './support/secretScan.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

const tenantName = 'Acme Tokens';
const userName = 'SAP invoice export';
const clipboardClearMs = 3_000;

/** Calls the tenant's integration API as an integration would: with the token's secret. */
async function callAsIntegration(tenant: TestTenantProcess, secret: string, object = 'invoices'): Promise<number> {
  // Calls in a row land on different milliseconds, so "which token was used last" is never a tie.
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 5));
  const response = await fetch(`${tenant.url}/api/v1/integration/objects/${object}`, { headers: { Authorization: `Bearer ${secret}`, 'User-Agent': 'e2e-integration/1.0' } });
  await response.arrayBuffer();
  return response.status;
}

async function serverTokens(tenant: TestTenantProcess, technicalUserId: string): Promise<ApiToken[]> {
  return (await tenant.api<{ items: ApiToken[] }>('GET', `/api/v1/technical-users/${technicalUserId}/tokens`)).body.items;
}

/** Waits for the reveal window main opens, and reads the secret as a person would (the field's value). */
async function readReveal(app: HarnessApp, opened: Promise<Page>): Promise<{ reveal: Page; secret: string }> {
  const reveal = await opened;
  const field = reveal.getByRole('textbox', { name: 'Token secret' });
  await expect(field).toBeVisible();
  const secret = await field.inputValue();
  expect(secret.length).toBeGreaterThan(20);
  // While it is on screen, the console window has no trace of it.
  expect(await app.page.content()).not.toContain(secret);
  return { reveal, secret };
}

async function closeReveal(reveal: Page, copied: boolean): Promise<void> {
  // The click that closes the window may not see its own end: the page is gone by then.
  const clickClosing = (name: string) =>
    reveal
      .getByRole('button', { name })
      .click()
      .catch((error: unknown) => {
        if (!reveal.isClosed()) throw error;
      });
  if (copied) {
    await clickClosing('Done');
  } else {
    await reveal.getByRole('button', { name: 'Done' }).click();
    await expect(reveal.getByRole('status')).toContainText('You have not copied the token');
    await clickClosing('Close without copying');
  }
  await expect.poll(() => reveal.isClosed()).toBe(true);
}

const tokenRow = (page: Page, prefix: string) => page.getByRole('table', { name: `API tokens of ${userName}` }).locator(`tr[data-token-prefix="${prefix}"]`);

async function shot(app: HarnessApp, name: string, secrets: readonly string[]): Promise<void> {
  const html = await app.page.content();
  for (const secret of secrets) expect(html, 'a screenshot of the console must not be able to show a secret').not.toContain(secret);
  mkdirSync(screenshotDir, { recursive: true });
  await app.page.screenshot({ path: join(screenshotDir, `tokens-${name}.png`) });
}

test.describe('API tokens', () => {
  let tenant: TestTenantProcess;
  test.beforeEach(async () => {
    tenant = await startTestTenant({ name: tenantName });
  });
  test.afterEach(async () => {
    await tenant.stop();
  });

  test('issue, reveal once, use, replace with overlap through a guided rotation, change expiry, revoke — and the secrets are nowhere afterwards', async () => {
    test.setTimeout(240_000);
    const app = await launchHarnessApp({ clipboardClearMs });
    try {
      const { page } = app;
      await connectTenant(app, tenant, tenantName);
      const sap = (await tenant.api<{ items: Array<{ id: string; name: string }> }>('GET', `/api/v1/technical-users?q=${encodeURIComponent(userName)}`)).body.items.find((u) => u.name === userName)!;
      await openUser(page, userName);
      await page.getByRole('tab', { name: 'API tokens' }).click();
      await expect(page.getByRole('heading', { name: 'API tokens', level: 2 })).toBeVisible();
      const before = await serverTokens(tenant, sap.id);

      // 1. Issue: effective permissions and the warning come first.
      await page.getByRole('button', { name: 'Issue token…' }).click();
      const dialog = page.getByRole('dialog', { name: `Issue an API token for ${userName}` });
      await expect(dialog.getByText(`Whoever holds this token can do everything below, as ${userName}.`)).toBeVisible();
      await expect(dialog.getByRole('table', { name: 'Object permissions' }).getByRole('row', { name: /invoices/ })).toBeVisible();
      await expect(dialog.getByText(/Tenant policy: \d+ days by default, at most \d+/)).toBeVisible();
      await dialog.getByLabel('Label').fill('E2E nightly export');
      let opened = app.main.reveal.next();
      await dialog.getByRole('button', { name: 'Issue token' }).click();
      const first = await readReveal(app, opened);
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

      const issued = (await serverTokens(tenant, sap.id)).find((t) => !before.some((b) => b.id === t.id))!;
      expect(issued).toMatchObject({ label: 'E2E nightly export', status: 'active', lastUsedAt: null, prefix: first.secret.slice(0, 8) });
      await expect(tokenRow(page, issued.prefix)).toContainText('Active');
      await expect(tokenRow(page, issued.prefix)).toContainText('never');

      // 2. The integration uses it; last used arrives in the console.
      expect(await callAsIntegration(tenant, first.secret)).toBe(200);
      await expect(tokenRow(page, issued.prefix)).not.toContainText('never', { timeout: 20_000 });
      await shot(app, 'user-tokens', [first.secret]);

      // 3. Replace with a day of overlap: both work, and the rotation is guided.
      await page.getByRole('button', { name: `Replace ${issued.prefix}` }).click();
      const replaceDialog = page.getByRole('dialog', { name: `Replace token ${issued.prefix}…?` });
      await replaceDialog.getByLabel('Keep the old token working for').selectOption({ label: '1 day' });
      await expect(replaceDialog.getByText(/Both tokens work until/)).toBeVisible();
      opened = app.main.reveal.next();
      await replaceDialog.getByRole('button', { name: 'Replace token' }).click();
      const second = await readReveal(app, opened);
      await expect(second.reveal.getByRole('heading', { name: 'Replacement API token' })).toBeVisible();
      await expect(second.reveal.getByText(new RegExp(`${issued.prefix}… — keeps working until`))).toBeVisible();
      await closeReveal(second.reveal, false);
      expect(second.secret).not.toBe(first.secret);
      const replacement = (await serverTokens(tenant, sap.id)).find((t) => t.prefix === second.secret.slice(0, 8))!;

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

      // 5. Revoke: refused from then on.
      await page.getByRole('button', { name: `Revoke ${replacement.prefix}` }).click();
      const revokeNew = page.getByRole('dialog', { name: `Revoke token ${replacement.prefix}…?` });
      const othersWorking = (await serverTokens(tenant, sap.id)).filter((t) => t.id !== replacement.id && t.status !== 'revoked' && Date.parse(t.expiresAt) > Date.now()).length;
      await expect(revokeNew.getByText(othersWorking === 0 ? `${userName} has no other working token afterwards.` : `${userName} keeps ${othersWorking} other working token${othersWorking === 1 ? '' : 's'}.`)).toBeVisible();
      await revokeNew.getByRole('button', { name: 'Revoke token' }).click();
      await expect(revokeNew).toBeHidden();
      expect(await callAsIntegration(tenant, second.secret)).toBe(401);
      await expect(tokenRow(page, replacement.prefix)).toContainText('Revoked', { timeout: 20_000 });

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
      expect(app.problems).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('the reveal window: its own origin, strict CSP and three calls only; token work refused offline and for inactive users', async () => {
    test.setTimeout(180_000);
    const app = await launchHarnessApp();
    try {
      const { page } = app;
      const connectionId = await connectTenant(app, tenant, tenantName);
      const users = (await tenant.api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/v1/technical-users?limit=100')).body.items;
      const zendesk = users.find((u) => u.name === 'Zendesk connector')!;
      await openUser(page, 'Zendesk connector');
      await page.getByRole('tab', { name: 'API tokens' }).click();
      await page.getByRole('button', { name: 'Issue token…' }).click();
      const opened = app.main.reveal.next();
      await page.getByRole('dialog').getByRole('button', { name: 'Issue token' }).click();
      const { reveal, secret } = await readReveal(app, opened);

      // The page comes from its own origin with the reveal policy: no connections, no inline script.
      const response = await reveal.request.get(reveal.url());
      expect(response.headers()['content-security-policy']).toBe(securityHeaders({ page: 'reveal' })['Content-Security-Policy']);
      expect(response.headers()['content-security-policy']).toContain("connect-src 'none'");
      expect(new URL(reveal.url()).origin).not.toBe(app.origin);
      const probe = await reveal.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.head.append(script);
        let fetched = 'refused';
        try {
          await fetch('/reveal.html');
          fetched = 'allowed';
        } catch {
          // CSP refused the connection.
        }
        return { inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, fetched, console: typeof (window as unknown as { tessera?: unknown }).tessera, bridge: Object.keys((window as unknown as { tesseraReveal: object }).tesseraReveal).sort() };
      });
      expect(probe).toEqual({ inline: false, fetched: 'refused', console: 'undefined', bridge: ['copy', 'done', 'load'] });
      // The console window has no way to the reveal calls.
      expect(await page.evaluate(() => ['tesseraReveal', '__tesseraHarnessRevealInvoke'].filter((k) => k in window))).toEqual([]);
      // A second token cannot be minted while one is on screen.
      const second = await page.evaluate(({ id, user }) => window.tessera.tokens.issue({ connectionId: id, technicalUserId: user, userName: 'Zendesk connector' }), { id: connectionId, user: zendesk.id });
      expect(second).toMatchObject({ ok: false, error: { code: 'reveal_open' } });
      await closeReveal(reveal, false);
      expect(await callAsIntegration(tenant, secret, 'activities')).toBe(200);

      // Inactive user: the page says why, and the tenant refuses it through the bridge too.
      await page.getByRole('tab', { name: 'Details' }).click();
      await page.getByRole('checkbox', { name: /Active/ }).uncheck();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByText('All changes saved here')).toBeVisible();
      await expect.poll(async () => (await tenant.api<{ active: boolean }>('GET', `/api/v1/technical-users/${zendesk.id}`)).body.active, { timeout: 20_000 }).toBe(false);
      await page.getByRole('tab', { name: 'API tokens' }).click();
      // The button says so before anyone clicks it: disabled, with the reason as its description.
      await expect(page.getByRole('button', { name: 'Issue token…' })).toBeDisabled();
      await expect(page.getByRole('button', { name: 'Issue token…' })).toHaveAccessibleDescription(/Zendesk connector is inactive: the tenant issues no tokens/);
      const inactive = await page.evaluate(({ id, user }) => window.tessera.tokens.issue({ connectionId: id, technicalUserId: user, userName: 'Zendesk connector' }), { id: connectionId, user: zendesk.id });
      expect(inactive).toMatchObject({ ok: false, error: { code: 'user_inactive' } });
      expect(app.main.reveal.opened()).toBe(1);

      // Offline: the list stays (from the local copy), token work is refused with the reason.
      await tenant.stop();
      await page.evaluate((id) => window.tessera.connections.check({ id }), connectionId);
      await expect(page.getByText(/is offline\. Tokens are minted by the tenant/)).toBeVisible({ timeout: 20_000 });
      await expect(page.getByRole('button', { name: 'Issue token…' })).toBeDisabled();
      await expect(page.getByRole('table', { name: 'API tokens of Zendesk connector' })).toBeVisible();
      const offline = await page.evaluate(({ id, user }) => window.tessera.tokens.issue({ connectionId: id, technicalUserId: user, userName: 'Zendesk connector' }), { id: connectionId, user: zendesk.id });
      expect(offline).toMatchObject({ ok: false, error: { code: 'tenant_offline' } });
      await tenant.restart();
      expect(app.problems).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('a new technical user gets its token as it is created; expiry calendar; reminders once per token and threshold, across a restart', async () => {
    test.setTimeout(180_000);
    const first = await launchHarnessApp();
    const { profileDir } = first;
    const port = Number(new URL(first.origin).port);
    let again: HarnessApp | null = null;
    try {
      const { page } = first;
      await connectTenant(first, tenant, tenantName);

      // The new-user flow issues the token once the tenant has the user (LeanIX shows it right away).
      await sectionButton(page, 'Technical users').click();
      await page.getByRole('button', { name: 'New technical user' }).click();
      await page.getByLabel('Name', { exact: true }).fill('E2E token bot');
      await page.getByRole('checkbox', { name: 'Issue an API token as soon as the user is created' }).check();
      await page.getByLabel('Token label').fill('Bot key');
      await expect(page.getByLabel('Token expires on')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
      const opened = first.main.reveal.next();
      await page.getByRole('button', { name: 'Create and issue token' }).click();
      const { reveal, secret } = await readReveal(first, opened);
      await expect(reveal.getByText(`E2E token bot · ${tenantName}`)).toBeVisible();
      await closeReveal(reveal, false);
      await expect(page.getByRole('heading', { level: 1, name: 'E2E token bot' })).toBeVisible();
      await expect(page.getByRole('tab', { name: 'API tokens', selected: true })).toBeVisible();
      await expect(page.getByRole('table', { name: 'API tokens of E2E token bot' })).toContainText('Bot key');
      const whoami = await fetch(`${tenant.url}/api/v1/integration/whoami`, { headers: { Authorization: `Bearer ${secret}` } });
      expect(whoami.status).toBe(200);
      expect(((await whoami.json()) as { name: string }).name).toBe('E2E token bot');

      // Tokens expiring soon, issued by another admin on the tenant.
      const users = (await tenant.api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/v1/technical-users?limit=100')).body.items;
      const hubspot = users.find((u) => u.name === 'HubSpot marketing')!;
      const issue = async (label: string, days: number) => {
        const r = await tenant.api<{ token: ApiToken }>('POST', `/api/v1/technical-users/${hubspot.id}/tokens`, { label, expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() });
        expect(r.status).toBe(201);
        return r.body.token;
      };
      const soon = await issue('E2E expires in 5 days', 5);
      await issue('E2E expires in 20 days', 20);

      // Calendar: the next 90 days, the 5-day token on its day.
      await sectionButton(page, 'Tokens').click();
      await page.getByRole('searchbox', { name: 'Search tokens' }).fill('E2E expires');
      await expect(page.getByTestId('token-count')).toHaveText(/^2 of \d+ tokens$/, { timeout: 20_000 });
      await page.getByLabel('Expiring within days').fill('7');
      await expect(page.getByTestId('token-count')).toHaveText(/^1 of \d+ tokens$/);
      await expect(page.getByRole('table', { name: 'API tokens' })).toContainText('E2E expires in 5 days');
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.getByRole('tab', { name: 'Expiry calendar (90 days)' }).click();
      const agenda = page.getByLabel('Expiring tokens by day');
      await expect(agenda).toContainText('E2E expires in 5 days');
      await expect(agenda).toContainText('E2E expires in 20 days');
      const day = new Date(soon.expiresAt).toLocaleDateString('en-US', { day: 'numeric', month: 'short' });
      await page.getByRole('button', { name: new RegExp(`^${day}: \\d+ tokens? expire`) }).click();
      await expect(agenda).toContainText('E2E expires in 5 days');
      await expect(agenda).not.toContainText('E2E expires in 20 days');
      // One Tab stop for the calendar, not one per day: arrow keys move between days.
      const calendar = page.getByRole('group', { name: 'Token expiries, next 90 days' });
      await expect(calendar.locator('button[tabindex="0"]')).toHaveCount(1);
      const chosenDay = calendar.getByRole('button', { name: new RegExp(`^${day}: `) });
      await expect(chosenDay).toBeFocused();
      const nextDay = new Date(Date.parse(soon.expiresAt) + 86_400_000).toLocaleDateString('en-US', { day: 'numeric', month: 'short' });
      await page.keyboard.press('ArrowRight');
      await expect(calendar.getByRole('button', { name: new RegExp(`^${nextDay}: `) })).toBeFocused();
      await expect(calendar.locator('button[tabindex="0"]')).toHaveCount(1);
      await page.keyboard.press('ArrowLeft');
      await expect(chosenDay).toBeFocused();
      await shot(first, 'calendar', [secret]);

      // Reminders: which are due now, worked out from the tenant's own tokens (the seed issued
      // long-lived tokens weeks ago that expire soon; the 5- and 20-day tokens above are too
      // short-lived for a 30- or 7-day reminder).
      const allTokens = (await Promise.all(users.map(async (u) => (await tenant.api<{ items: ApiToken[] }>('GET', `/api/v1/technical-users/${u.id}/tokens`)).body.items))).flat();
      const connectionId = first.main.services.connections.list()[0]!.id;
      const due = dueExpiryReminders(allTokens.map((t) => ({ ...t, tenantId: connectionId })), () => [], Date.now());
      expect(due.length).toBeGreaterThan(3);
      const remembered = () => (JSON.parse(readFileSync(join(profileDir, 'settings.json'), 'utf8')) as { tokenReminders: Record<string, number[]> }).tokenReminders;
      await expect.poll(() => Object.keys(remembered()).sort(), { timeout: 45_000 }).toEqual(due.map((d) => d.key).sort());
      for (const d of due) expect(remembered()[d.key]).toEqual([...d.reached].sort((a, b) => b - a));
      // More than three at once: one summary notification, not a stack.
      expect(first.main.recorder.notifications).toHaveLength(1);
      expect(first.main.recorder.notifications[0]!.title).toBe(`${due.length} API tokens expire soon`);
      await first.close();

      // While the app is closed, forget one reminder: after the restart exactly that one comes again, nothing else.
      const forgotten = due[0]!;
      const settingsFile = join(profileDir, 'settings.json');
      const stored = JSON.parse(readFileSync(settingsFile, 'utf8')) as { tokenReminders: Record<string, number[]> };
      delete stored.tokenReminders[forgotten.key];
      writeFileSync(settingsFile, JSON.stringify(stored, null, '\t'));
      again = await launchHarnessApp({ profileDir, port });
      await expect.poll(() => again!.main.recorder.notifications.length, { timeout: 45_000 }).toBe(1);
      expect(again.main.recorder.notifications[0]!.title).toBe(`API token expires in ${forgotten.threshold === 1 ? '1 day' : `${forgotten.threshold} days`}`);
      await expect.poll(() => remembered()[forgotten.key]).toEqual([...forgotten.reached].sort((a, b) => b - a));
      expect(again.main.recorder.notifications).toHaveLength(1);
      expect(first.problems).toEqual([]);
      expect(again.problems).toEqual([]);
    } finally {
      await first.close();
      await again?.close();
    }
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiToken } from '../shared/api/tokens.ts';
import { dueExpiryReminders } from '../shared/console/tokenFacts.ts';
import { securityHeaders } from '../electron/main/security/contentSecurityPolicy.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { openUser, sectionButton } from './support/console.ts';
import { callAsIntegration, closeReveal, readReveal, shot } from './support/tokens.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

const tenantName = 'Acme Tokens';

// The lifecycle of one token (issue, use, replace, expiry, revoke, nowhere afterwards) is in tokenLifecycle.spec.ts.
test.describe('API tokens', () => {
  let tenant: TestTenantProcess;
  test.beforeEach(async () => {
    tenant = await startTestTenant({ name: tenantName });
  });
  test.afterEach(async () => {
    await tenant.stop();
  });

  test('the reveal window: its own origin, strict CSP and three calls only; token work refused offline and for inactive users', async ({ pageProblems }) => {
    test.setTimeout(180_000);
    pageProblems.expect(/Executing inline script violates the following Content Security Policy directive 'script-src 'self''/, 'the probe inserts an inline script into the reveal window');
    pageProblems.expect(/violates the following Content Security Policy directive: "connect-src 'none'"/, 'the probe fetches from the reveal window, which may connect nowhere');
    pageProblems.expect(/Fetch API cannot load .*reveal\.html\. Refused to connect/, 'the same refusal, as the fetch reports it');
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
    } finally {
      await first.close();
      await again?.close();
    }
  });
});

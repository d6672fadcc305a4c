import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addClientWithCli, spawnTenant, type SpawnedTenant } from '../server/tenantProcess.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp } from './harness/harnessApp.ts';
import { screenshotDir } from './harness/paths.ts';

const scopes = 'admin:read admin:write tokens:issue employees:manage';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

async function fillConnection(page: Page, values: { name: string; url: string; clientId: string; secret: string }) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Display name').fill(values.name);
  await dialog.getByLabel('Base URL').fill(values.url);
  await dialog.getByLabel('Client ID').fill(values.clientId);
  await dialog.getByLabel('Client secret').fill(values.secret);
}

test.describe('tenant connections', () => {
  const tenants: SpawnedTenant[] = [];
  test.afterEach(async () => {
    await Promise.all(tenants.splice(0).map((t) => t.stop()));
  });

  test('adds two tenants, watches one go offline and recover, and keeps secrets out of every file', async ({ app }) => {
    test.slow();
    const { page } = app;
    const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-tenants-'));
    const acmeData = join(dir, 'acme.db');
    const acme = await spawnTenant(['--port', '0', '--data', acmeData, '--seed', 'demo', '--name', 'Acme', '--technical-users', '8', '--plan-limit', '10']);
    tenants.push(acme);
    const globex = await spawnTenant(['--port', '0', '--data', join(dir, 'globex.db'), '--name', 'Globex', '--plan-limit', '5']);
    tenants.push(globex);
    const acmeClient = addClientWithCli(acmeData, { name: 'Ada Admin', email: 'ada@example.com', scopes });
    const globexClient = addClientWithCli(join(dir, 'globex.db'), { name: 'Ada Admin', email: 'ada@example.com', scopes: 'admin:read admin:write' });

    // First tenant, from the empty state; test it before saving.
    await page.getByRole('button', { name: 'Connect a tenant' }).click();
    await fillConnection(page, { name: 'Acme production', url: acme.url, clientId: acmeClient.clientId, secret: acmeClient.clientSecret });
    await expect(page.getByRole('dialog').getByText('Not encrypted: plain HTTP is allowed for a tenant on this computer only.')).toBeVisible();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const report = page.getByRole('region', { name: 'Connection test' });
    await expect(report.getByRole('heading', { name: 'The connection works' })).toBeVisible();
    await expect(report).toContainText('Acme · Professional plan · 8 of 10 technical users');
    await page.screenshot({ path: join(screenshotDir, 'tenants-add-dialog.png') });
    await page.getByRole('button', { name: 'Add tenant' }).click();
    const acmeCard = page.getByRole('listitem', { name: 'Acme production' });
    await expect(acmeCard.getByRole('status')).toHaveText('Connected');
    await expect(acmeCard).toContainText('8 of 10 technical users');
    await expect(acmeCard.getByText('Not encrypted')).toBeVisible();

    // A wrong secret is reported as invalid_client, and nothing is saved.
    await page.getByRole('button', { name: 'Add tenant' }).click();
    await fillConnection(page, { name: 'Globex', url: globex.url, clientId: globexClient.clientId, secret: 'tcs_wrong' });
    await page.getByRole('dialog').getByRole('button', { name: 'Add tenant' }).click();
    await expect(page.getByRole('dialog').getByRole('alert').first()).toContainText('invalid_client');
    await page.getByRole('dialog').getByLabel('Client secret').fill(globexClient.clientSecret);
    await page.getByRole('dialog').getByRole('button', { name: 'Add tenant' }).click();
    const globexCard = page.getByRole('listitem', { name: 'Globex' });
    await expect(globexCard.getByRole('status')).toHaveText('Connected');
    // This client lacks the optional scopes: the card says what stays disabled.
    await expect(globexCard).toContainText('lacks tokens:issue and employees:manage');
    await expect(page.getByTestId('connection-summary')).toHaveText('2 tenants · all connected');

    // The secrets are in the keychain (service Tessera, account tenant:<id>).
    const views = app.main.services.connections.list();
    for (const [view, secret] of [[views[0]!, acmeClient.clientSecret], [views[1]!, globexClient.clientSecret]] as const) {
      const lookup = spawnSync('secret-tool', ['lookup', 'service', 'Tessera', 'username', `tenant:${view.id}`], { encoding: 'utf8' });
      expect(lookup.stdout).toBe(secret);
    }

    // Re-order: Globex first.
    await globexCard.getByRole('button', { name: 'Move Globex up' }).click();
    await expect(page.getByRole('list', { name: 'Tenant connections' }).getByRole('listitem').first()).toHaveAttribute('aria-label', 'Globex');

    // Pointing Acme's connection at Globex's address is refused: it is another tenant.
    await acmeCard.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('dialog').getByLabel('Base URL').fill(globex.url);
    await page.getByRole('dialog').getByLabel('Client ID').fill(globexClient.clientId);
    await page.getByRole('dialog').getByLabel('Client secret').fill(globexClient.clientSecret);
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('dialog').getByRole('alert').first()).toContainText('different tenant');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(app.main.services.connections.stored(views[0]!.id).baseUrl).toBe(acme.url);
    await page.screenshot({ path: join(screenshotDir, 'tenants-connected.png') });

    // Stop Acme: it turns offline; start it again on the same port: it recovers.
    const port = new URL(acme.url).port;
    await acme.stop();
    tenants.splice(tenants.indexOf(acme), 1);
    await expect(acmeCard.getByRole('status')).toHaveText('Offline');
    await expect(acmeCard).toContainText('connection refused');
    await expect(page.getByTestId('connection-summary')).toHaveText('2 tenants · 1 offline');
    await page.screenshot({ path: join(screenshotDir, 'tenants-offline.png') });
    const back = await spawnTenant(['--port', port, '--data', acmeData]);
    tenants.push(back);
    await expect(acmeCard.getByRole('status')).toHaveText('Connected', { timeout: 20_000 });

    // No file the app wrote holds a client secret or an access token.
    const accessTokens = await Promise.all(views.map(async (v) => (await app.main.services.tenants.reachEvenIfOffline(v.id).client.accessToken()).value));
    const needles = [acmeClient.clientSecret, globexClient.clientSecret, ...accessTokens];
    await app.close();
    const files = filesUnder(app.profileDir);
    expect(files.some((f) => f.endsWith('settings.json'))).toBe(true);
    expect(files.some((f) => f.includes('main.log'))).toBe(true);
    for (const file of files) {
      const content = readFileSync(file);
      for (const needle of needles) expect(content.includes(needle), `${file} contains a secret`).toBe(false);
    }
  });

  test('refuses to save a secret when no keychain is available, and says what to fix', async ({ app }) => {
    // This test's harness keeps its real vault; here the probe finds no Secret Service.
    const { page } = app;
    const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-novault-'));
    const tenant = await spawnTenant(['--port', '0', '--data', join(dir, 't.db')]);
    tenants.push(tenant);
    const client = addClientWithCli(join(dir, 't.db'), { name: 'Ada', scopes });
    const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
    // The harness's main runs in this process: without a session bus, no Secret Service can be found.
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    try {
      await page.reload();
      await expect(page.getByRole('alert').filter({ hasText: 'cannot use your keychain' })).toContainText('no D-Bus session bus');
      await page.getByRole('button', { name: 'Connect a tenant' }).click();
      await fillConnection(page, { name: 'No keychain', url: tenant.url, clientId: client.clientId, secret: client.clientSecret });
      await page.getByRole('dialog').getByRole('button', { name: 'Add tenant' }).click();
      await expect(page.getByRole('dialog').getByRole('alert').first()).toContainText('vault_unavailable');
      expect(app.main.services.connections.list()).toEqual([]);
      const settings = readFileSync(join(app.profileDir, 'settings.json'), 'utf8');
      expect(settings).not.toContain(client.clientSecret);
    } finally {
      if (previous !== undefined) process.env.DBUS_SESSION_BUS_ADDRESS = previous;
    }
  });

  test('first run: "Try with demo tenants" starts and connects two demo tenants', async ({ app }) => {
    test.slow();
    const { page } = app;
    await expect(page.getByRole('button', { name: 'Try with demo tenants' })).toBeEnabled();
    await page.getByRole('button', { name: 'Try with demo tenants' }).click();
    const acme = page.getByRole('listitem', { name: 'Acme Corp (demo)' });
    const globex = page.getByRole('listitem', { name: 'Globex Labs (demo)' });
    await expect(acme.getByRole('status')).toHaveText('Connected', { timeout: 60_000 });
    await expect(globex.getByRole('status')).toHaveText('Connected', { timeout: 60_000 });
    await expect(acme).toContainText('36 of 40 technical users');
    await expect(globex).toContainText('18 of 20 technical users');
    await page.screenshot({ path: join(screenshotDir, 'tenants-demo.png') });

    // The keychain loses the demo secrets (a new login keyring, say) while the app is closed: at the next
    // start the demo tenants come back, on their addresses, and connect — no Remove, no secret to type.
    const before = app.main.services.connections.list().map((c) => c.baseUrl);
    const profileDir = app.profileDir;
    const port = Number(new URL(app.origin).port);
    await app.close();
    const wiped = spawnSync('secret-tool', ['clear', 'service', 'Tessera'], { encoding: 'utf8' });
    expect(wiped.status, wiped.stderr).toBe(0);
    const again = await launchHarnessApp({ profileDir, port });
    try {
      await again.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Tenants', exact: true }).click();
      await expect(again.page.getByRole('listitem', { name: 'Acme Corp (demo)' }).getByRole('status')).toHaveText('Connected', { timeout: 60_000 });
      await expect(again.page.getByRole('listitem', { name: 'Globex Labs (demo)' }).getByRole('status')).toHaveText('Connected', { timeout: 60_000 });
      expect(again.main.services.connections.list().map((c) => c.baseUrl)).toEqual(before);
    } finally {
      await again.close();
    }
  });
});

import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { FaultyProxy } from '../electron/main/tenantApi/testing/faultyProxy.ts';
import { expect, test } from './fixtures.ts';
import { screenshotDir } from './harness/paths.ts';
import { openUser, sectionButton } from './support/console.ts';
import { expectInSync } from './support/replica.ts';
import { colleagueChanges, startTestTenant, technicalUserNamed } from './support/tenants.ts';

const changedPanel = (page: Page) => page.getByRole('region', { name: 'Changed by someone else while you were editing' });

test.describe('two admins, one field', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  test.afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });

  test('the form says, before saving, that a field I changed was changed by a colleague; a field I did not touch takes their value', async ({ app }) => {
    const { page } = app;
    const acme = await startTestTenant({ name: 'Acme', technicalUsers: 5 });
    cleanup.push(() => acme.stop());
    const id = (await app.main.services.connections.add({ displayName: 'Acme', baseUrl: acme.url, clientId: acme.client.clientId, clientSecret: acme.client.clientSecret })).id;
    await openUser(page, 'Salesforce sync');
    await page.getByLabel('Description').fill('Mine: syncs leads too');

    // Meanwhile a colleague changes the same description, and the category I did not touch.
    await colleagueChanges(acme, 'Salesforce sync', { description: 'Theirs: accounts only', category: 'Colleague category' });
    const panel = changedPanel(page);
    const item = panel.getByRole('listitem').filter({ hasText: 'Description' });
    await expect(item).toContainText('Yours: Mine: syncs leads too');
    await expect(item).toContainText('Theirs: Theirs: accounts only');
    await expect(item).toContainText('Other Admin (other@example.com)');
    // The untouched field shows their value; my text stays in the field; nothing can be saved yet.
    await expect(page.getByLabel('Category')).toHaveValue('Colleague category');
    await expect(page.getByLabel('Description')).toHaveValue('Mine: syncs leads too');
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await expect(page.getByRole('status').filter({ hasText: 'changed by someone else' })).toHaveText('A field you changed was changed by someone else — choose above which value to keep.');
    await page.screenshot({ path: join(screenshotDir, 'form-changed-by-someone-else.png') });

    // Keep mine: saved over theirs, knowingly; their category stays.
    await item.getByRole('button', { name: 'Keep mine' }).click();
    await expect(panel).toBeHidden();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('All changes saved here')).toBeVisible();
    await expect.poll(async () => (await technicalUserNamed(acme, 'Salesforce sync')).description, { timeout: 30_000 }).toBe('Mine: syncs leads too');
    expect((await technicalUserNamed(acme, 'Salesforce sync')).category).toBe('Colleague category');

    // Again, and this time take theirs: the field shows their value and nothing is left to save.
    await page.getByLabel('Description').fill('Mine again');
    await colleagueChanges(acme, 'Salesforce sync', { description: 'Theirs again' });
    await changedPanel(page).getByRole('listitem').filter({ hasText: 'Description' }).getByRole('button', { name: 'Take theirs' }).click();
    await expect(page.getByLabel('Description')).toHaveValue('Theirs again');
    await expect(page.getByText('All changes saved here')).toBeVisible();
    expect((await technicalUserNamed(acme, 'Salesforce sync')).description).toBe('Theirs again');
    await expectInSync(app, id, acme);
  });

  test('a colleague’s change that lands between Save and the push is a conflict in the Sync view, resolvable both ways', async ({ app }) => {
    test.slow();
    const { page } = app;
    const acme = await startTestTenant({ name: 'Acme', technicalUsers: 5 });
    cleanup.push(() => acme.stop());
    const proxy = await FaultyProxy.start(acme.url);
    cleanup.push(() => proxy.close());
    const id = (await app.main.services.connections.add({ displayName: 'Acme', baseUrl: proxy.url, clientId: acme.client.clientId, clientSecret: acme.client.clientSecret })).id;

    const round = async (mine: string, theirs: string) => {
      // The push is slow on its way: the colleague's change reaches the tenant first.
      let release!: () => void;
      let arrived!: () => void;
      const held = new Promise<void>((resolve) => (arrived = resolve));
      proxy.inject(/replication\/technical-users\/push/, { kind: 'hold', until: new Promise<void>((resolve) => (release = resolve)), onHeld: () => arrived() });
      await openUser(page, 'Zendesk connector');
      await page.getByLabel('Description').fill(mine);
      await page.getByLabel('Category').fill(`${mine} (category)`);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByText('All changes saved here')).toBeVisible();
      await held;
      await colleagueChanges(acme, 'Zendesk connector', { description: theirs });
      release();
      await sectionButton(page, 'Sync').click();
      const conflict = page.getByRole('list', { name: 'Conflicts' }).getByRole('listitem', { name: 'Zendesk connector: description' });
      await expect(conflict).toContainText(`Yours: ${mine}`, { timeout: 30_000 });
      await expect(conflict).toContainText(`Theirs (kept for now): ${theirs}`);
      await expect(conflict).toContainText('Other Admin');
      // Their description is kept for now; my category (a field they did not touch) went through.
      await expect.poll(async () => (await technicalUserNamed(acme, 'Zendesk connector')).category, { timeout: 30_000 }).toBe(`${mine} (category)`);
      expect((await technicalUserNamed(acme, 'Zendesk connector')).description).toBe(theirs);
      return conflict;
    };

    const first = await round('Mine, saved first', 'Theirs, landed before my push');
    await page.screenshot({ path: join(screenshotDir, 'sync-conflict-after-save.png') });
    await first.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(async () => (await technicalUserNamed(acme, 'Zendesk connector')).description, { timeout: 30_000 }).toBe('Mine, saved first');
    await expect(page.getByTestId('pending-summary')).toHaveText('All changes synced', { timeout: 30_000 });

    const second = await round('Mine, second time', 'Theirs, second time');
    await second.getByRole('button', { name: 'Keep theirs' }).click();
    await expect(page.getByRole('list', { name: 'Conflicts' })).toBeHidden();
    await expect(page.getByTestId('pending-summary')).toHaveText('All changes synced', { timeout: 30_000 });
    expect((await technicalUserNamed(acme, 'Zendesk connector')).description).toBe('Theirs, second time');
    await expectInSync(app, id, acme);
  });
});

import type { Page } from '@playwright/test';
import { join } from 'node:path';
import type { TechnicalUser } from '../shared/api/technicalUsers.ts';
import { FaultyProxy } from '../electron/main/tenantApi/testing/faultyProxy.ts';
import { seededRandom } from '../shared/testing/seededRandom.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp } from './harness/harnessApp.ts';
import { screenshotDir } from './harness/paths.ts';
import { expectInSync, readLocal, replicaDifferences } from './support/replica.ts';
import { createUser, editDescription, openUser, saveUserPage, showInventory } from './support/console.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();

async function users(tenant: TestTenantProcess): Promise<TechnicalUser[]> {
  return (await tenant.api<{ items: TechnicalUser[] }>('GET', '/api/v1/technical-users?limit=1000')).body.items;
}

test.describe('offline-first sync', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  test.afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });
  const track = (tenant: TestTenantProcess) => {
    cleanup.push(() => tenant.stop());
    return tenant;
  };

  test('the offline story: edits while the tenant is down wait, count as pending, sync when it is back, and a colleague’s conflict is resolved', async ({ app }) => {
    test.slow();
    const { page } = app;
    const acme = track(await startTestTenant({ name: 'Acme', technicalUsers: 8 }));
    // The console reaches Acme through a proxy, so the tenant can come back before the console sees it.
    const proxy = await FaultyProxy.start(acme.url);
    cleanup.push(() => proxy.close());
    const id = (await app.main.services.connections.add({ displayName: 'Acme', baseUrl: proxy.url, clientId: acme.client.clientId, clientSecret: acme.client.clientSecret })).id;
    await section(page, 'Technical users');
    await expect(page.getByRole('status').filter({ hasText: 'technical users' })).toHaveText('8 of 8 technical users');
    const before = await users(acme);

    // The tenant goes down.
    await acme.stop();
    await proxy.disconnect();
    await expect.poll(() => app.main.services.connections.list()[0]?.state).toBe('offline');
    await editDescription(page, 'Salesforce sync', 'Edited on the train');
    await editDescription(page, 'Zendesk connector', 'Also edited offline');
    await openUser(page, 'Power BI reader');
    await page.getByLabel(/^Active/).uncheck();
    await saveUserPage(page);
    await createUser(page, 'Made offline');
    await expect(page.getByTestId('pending-summary')).toHaveText('4 changes waiting to sync');
    // The status bar breaks it down per tenant.
    await page.getByTestId('pending-summary').click();
    const perTenant = page.getByRole('region', { name: 'Sync state per tenant' });
    await expect(perTenant.getByRole('row', { name: 'Acme' }).getByRole('cell')).toHaveText([/Acme/, /^offline · paused$/, /just now|min ago/, '4', '0', '0']);
    await page.screenshot({ path: join(screenshotDir, 'sync-status-popover.png') });
    await page.keyboard.press('Escape');
    await expect(perTenant).toBeHidden();
    await section(page, 'Sync');
    await expect(page.getByTestId(`sync-pending-${id}`)).toHaveText('4');
    await expect(page.getByRole('list', { name: 'Pending changes' }).getByRole('listitem')).toHaveCount(4);
    await page.screenshot({ path: join(screenshotDir, 'sync-offline-pending.png') });

    // The tenant is back; before this console reaches it, a colleague changes the same description.
    await acme.restart();
    const salesforce = (await users(acme)).find((u) => u.name === 'Salesforce sync')!;
    const colleague = await acme.api('PATCH', `/api/v1/technical-users/${salesforce.id}`, { description: 'Changed by a colleague' }, { 'If-Match': `"${salesforce.revision}"` });
    expect(colleague.status).toBe(200);
    await proxy.reconnect();
    await expect(page.getByTestId(`sync-pending-${id}`)).toHaveText('0', { timeout: 30_000 });
    await expect(page.getByTestId('pending-summary')).toHaveText('1 conflict');
    const after = await users(acme);
    expect(after.find((u) => u.name === 'Salesforce sync')?.description).toBe('Changed by a colleague');
    expect(after.find((u) => u.name === 'Zendesk connector')?.description).toBe('Also edited offline');
    expect(after.find((u) => u.name === 'Power BI reader')?.active).toBe(false);
    expect(after.find((u) => u.name === 'Made offline')).toMatchObject({ roleIds: [], createdBy: { name: 'Ada Admin' } });
    expect(after).toHaveLength(before.length + 1);

    // The conflict is shown with both values; keeping mine sends it again.
    const conflict = page.getByRole('list', { name: 'Conflicts' }).getByRole('listitem', { name: 'Salesforce sync: description' });
    await expect(conflict).toContainText('Yours: Edited on the train');
    await expect(conflict).toContainText('Theirs (kept for now): Changed by a colleague');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(async () => (await users(acme)).find((u) => u.name === 'Salesforce sync')?.description, { timeout: 30_000 }).toBe('Edited on the train');
    await expect(page.getByTestId('pending-summary')).toHaveText('All changes synced', { timeout: 30_000 });
    await expectInSync(app, id, acme);
  });

  test('a first sync shows documents received, in the status bar and the Sync view, until the tenant is up to date', async ({ app }) => {
    const acme = track(await startTestTenant({ name: 'Acme', technicalUsers: 40 }));
    const proxy = await FaultyProxy.start(acme.url);
    cleanup.push(() => proxy.close());
    // A slow tenant: the audit trail's first page takes a few seconds to arrive.
    proxy.inject(/replication\/audit\/pull/, { kind: 'delay', ms: 4000 });
    await section(app.page, 'Sync');
    const id = (await app.main.services.connections.add({ displayName: 'Acme', baseUrl: proxy.url, clientId: acme.client.clientId, clientSecret: acme.client.clientSecret })).id;
    await expect(app.page.getByTestId('pending-summary')).toHaveText(/^Syncing… [\d,]+ documents received$/);
    await expect(app.page.getByTestId(`sync-phase-${id}`)).toHaveText('First sync…');
    const card = app.page.getByRole('article', { name: 'Sync of Acme' });
    await expect(card.getByRole('status')).toHaveText(/[\d,]+ documents received/);
    await expect(card.locator('progress')).toBeVisible();
    await app.page.screenshot({ path: join(screenshotDir, 'sync-first-sync.png') });
    await expect(app.page.getByTestId(`sync-phase-${id}`)).toHaveText('Up to date', { timeout: 30_000 });
    await expect(app.page.getByTestId('pending-summary')).toHaveText('All changes synced');
    await expect(card.locator('progress')).toBeHidden();
    await expectInSync(app, id, acme);
  });

  test('a change saved here survives closing the app and is pushed after the next start', async ({ app }) => {
    const acme = track(await startTestTenant({ name: 'Acme', technicalUsers: 5 }));
    const proxy = await FaultyProxy.start(acme.url);
    cleanup.push(() => proxy.close());
    const id = (await app.main.services.connections.add({ displayName: 'Acme', baseUrl: proxy.url, clientId: acme.client.clientId, clientSecret: acme.client.clientSecret })).id;
    await section(app.page, 'Technical users');
    await expect(app.page.getByRole('status').filter({ hasText: 'technical users' })).toHaveText('5 of 5 technical users');
    await proxy.disconnect();
    await expect.poll(() => app.main.services.connections.list()[0]?.state).toBe('offline');
    await editDescription(app.page, 'SAP invoice export', 'Saved before closing');
    const profileDir = app.profileDir;
    const port = Number(new URL(app.origin).port);
    await app.close();

    await proxy.reconnect();
    // The same profile and origin (IndexedDB belongs to it): main's services and the page start anew.
    const again = await launchHarnessApp({ profileDir, port });
    cleanup.push(() => again.close());
    await expect.poll(async () => (await users(acme)).find((u) => u.name === 'SAP invoice export')?.description, { timeout: 30_000 }).toBe('Saved before closing');
    await expectInSync(again, id, acme);
  });

  test('a push whose answer is lost, and a tenant killed mid-push, lose nothing and duplicate nothing', async ({ app }) => {
    test.slow();
    const acme = track(await startTestTenant({ name: 'Acme', technicalUsers: 3, planLimit: 100 }));
    const proxy = await FaultyProxy.start(acme.url);
    cleanup.push(() => proxy.close());
    const id = (await app.main.services.connections.add({ displayName: 'Acme', baseUrl: proxy.url, clientId: acme.client.clientId, clientSecret: acme.client.clientSecret })).id;
    await section(app.page, 'Technical users');
    await expect(app.page.getByRole('status').filter({ hasText: 'technical users' })).toHaveText('3 of 3 technical users');
    await proxy.disconnect();
    await expect.poll(() => app.main.services.connections.list()[0]?.state).toBe('offline');
    for (const name of ['Lost answer 1', 'Lost answer 2', 'Lost answer 3']) await createUser(app.page, name);
    // The first push reaches the tenant, but its answer never comes back.
    proxy.inject(/replication\/technical-users\/push/, { kind: 'lose-answer' });
    await proxy.reconnect();
    await expect
      .poll(async () => (await users(acme)).filter((u) => u.name.startsWith('Lost answer')).length, { timeout: 30_000 })
      .toBe(3);
    // Now kill the tenant outright while more writes are on their way, and bring it back.
    await proxy.disconnect();
    await expect.poll(() => app.main.services.connections.list()[0]?.state).toBe('offline');
    await editDescription(app.page, 'Lost answer 1', 'edited before the crash');
    await proxy.reconnect();
    await acme.process.kill();
    await acme.restart();
    await expectInSync(app, id, acme);
    const final = await users(acme);
    // Nothing was refused or left to decide on the way: no change set aside.
    expect(await readLocal(app, 'rejections')).toEqual([]);
    expect(await readLocal(app, 'conflicts')).toEqual([]);
    expect(final.filter((u) => u.name.startsWith('Lost answer')).map((u) => u.name).sort()).toEqual(['Lost answer 1', 'Lost answer 2', 'Lost answer 3']);
    expect(final.find((u) => u.name === 'Lost answer 1')?.description).toBe('edited before the crash');
    expect(new Set(final.map((u) => u.id)).size).toBe(final.length);
  });

  test('two consoles: different fields merge, the same field becomes one visible conflict, resolvable both ways', async ({ app }) => {
    test.slow();
    const acme = track(await startTestTenant({ name: 'Acme', technicalUsers: 5 }));
    const first = { app, id: await connectTenant(app, acme, 'Acme') };
    const secondApp = await launchHarnessApp();
    cleanup.push(() => secondApp.close());
    const second = { app: secondApp, id: await connectTenant(secondApp, acme, 'Acme') };
    for (const c of [first, second]) {
      await section(c.app.page, 'Technical users');
      await expect(c.app.page.getByRole('status').filter({ hasText: 'technical users' })).toHaveText('5 of 5 technical users');
    }

    const round = async (description: [string, string]) => {
      await acme.stop();
      for (const c of [first, second]) await expect.poll(() => c.app.main.services.connections.list()[0]?.state).toBe('offline');
      await editDescription(first.app.page, 'Salesforce sync', description[0]);
      // The second console changes the same field, and another one (Active).
      await openUser(second.app.page, 'Salesforce sync');
      await second.app.page.getByLabel('Description').fill(description[1]);
      await second.app.page.getByLabel(/^Active/).setChecked(!description[1].endsWith('inactive'));
      await saveUserPage(second.app.page);
      await acme.restart();
      // Exactly one console pushed second: it sees one conflict, on the description.
      await expect
        .poll(async () => (await readLocal(first.app, 'conflicts')).length + (await readLocal(second.app, 'conflicts')).length, { timeout: 30_000 })
        .toBe(1);
      const loser = (await readLocal(first.app, 'conflicts')).length === 1 ? first : second;
      const winnerValue = loser === first ? description[1] : description[0];
      const loserValue = loser === first ? description[0] : description[1];
      const conflict = (await readLocal(loser.app, 'conflicts'))[0]!;
      expect(conflict).toMatchObject({ field: 'description', localValue: loserValue, serverValue: winnerValue, docName: 'Salesforce sync' });
      // The other field merged without a conflict.
      await expect.poll(async () => (await users(acme)).find((u) => u.name === 'Salesforce sync')?.active).toBe(!description[1].endsWith('inactive'));
      await section(loser.app.page, 'Sync');
      const item = loser.app.page.getByRole('list', { name: 'Conflicts' }).getByRole('listitem', { name: 'Salesforce sync: description' });
      await expect(item).toContainText(`Yours: ${loserValue}`);
      await expect(item).toContainText(`Theirs (kept for now): ${winnerValue}`);
      return { loser, loserValue, winnerValue, item };
    };

    const one = await round(['Described by the first console', 'Described by the second console, inactive']);
    await one.loser.app.page.screenshot({ path: join(screenshotDir, 'sync-conflict.png') });
    await one.item.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(async () => (await users(acme)).find((u) => u.name === 'Salesforce sync')?.description, { timeout: 30_000 }).toBe(one.loserValue);
    await expectInSync(first.app, first.id, acme);
    await expectInSync(second.app, second.id, acme);
    await section(one.loser.app.page, 'Technical users');

    const two = await round(['First console again', 'Second console again']);
    await two.item.getByRole('button', { name: 'Keep theirs' }).click();
    await expect(two.loser.app.page.getByRole('list', { name: 'Conflicts' })).toBeHidden();
    expect((await users(acme)).find((u) => u.name === 'Salesforce sync')?.description).toBe(two.winnerValue);
    await expectInSync(first.app, first.id, acme);
    await expectInSync(second.app, second.id, acme);
  });

  test('an offline create the tenant refuses (plan limit) waits with its reason, then is fixed and resubmitted', async ({ app }) => {
    const { page } = app;
    const acme = track(await startTestTenant({ name: 'Acme', technicalUsers: 4, planLimit: 5 }));
    const proxy = await FaultyProxy.start(acme.url);
    cleanup.push(() => proxy.close());
    const id = (await app.main.services.connections.add({ displayName: 'Acme', baseUrl: proxy.url, clientId: acme.client.clientId, clientSecret: acme.client.clientSecret })).id;
    await section(page, 'Technical users');
    await expect(page.getByRole('status').filter({ hasText: 'technical users' })).toHaveText('4 of 4 technical users');
    await proxy.disconnect();
    await expect.poll(() => app.main.services.connections.list()[0]?.state).toBe('offline');
    // Meanwhile another administrator takes the last free place on the plan.
    const filler = (await acme.api<TechnicalUser>('POST', '/api/v1/technical-users', { name: 'Someone else' })).body;
    await showInventory(page);
    await page.getByRole('button', { name: 'New technical user' }).click();
    await expect(page.getByTestId('plan-usage')).toHaveText('Plan: 4 of 5 technical users');
    await page.getByLabel('Name', { exact: true }).fill('Offline hopeful');
    await page.getByRole('button', { name: 'Create technical user' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Offline hopeful' })).toBeVisible();
    await proxy.reconnect();
    await section(page, 'Sync');
    const refused = page.getByRole('list', { name: 'Refused changes' }).getByRole('listitem', { name: 'Refused: Offline hopeful' });
    await expect(refused).toContainText('subscription_limit', { timeout: 30_000 });
    await expect(refused).toContainText('allows 5 technical users');
    await page.screenshot({ path: join(screenshotDir, 'sync-refused.png') });
    // The refused create leaves the list (RxDB stores the tenant's answer, a tombstone, just after the draft is kept).
    await expect.poll(async () => (await readLocal(app, 'technicalusers')).some((u) => u.name === 'Offline hopeful')).toBe(false);

    // Room is made on the tenant; fix the name and resubmit.
    await acme.api('DELETE', `/api/v1/technical-users/${filler.id}`);
    await refused.getByRole('button', { name: 'Fix and resubmit' }).click();
    // The draft opens as a new technical user again, with the tenant's reason above it.
    await expect(page.getByRole('alert').filter({ hasText: 'The tenant refused this change' })).toContainText('subscription_limit');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Offline hopeful');
    await page.getByLabel('Name', { exact: true }).fill('Offline hopeful, fixed');
    await page.getByRole('button', { name: 'Create technical user' }).click();
    await expect.poll(async () => (await users(acme)).some((u) => u.name === 'Offline hopeful, fixed'), { timeout: 30_000 }).toBe(true);
    await expect(page.getByRole('list', { name: 'Refused changes' })).toBeHidden();
    await expectInSync(app, id, acme);
  });

  test('three tenants sync at once while one is stopped and restarted five times; all match exactly afterwards', async ({ app }) => {
    test.setTimeout(240_000);
    const tenants = [
      track(await startTestTenant({ name: 'Alpha', technicalUsers: 30, planLimit: 500 })),
      track(await startTestTenant({ name: 'Beta', technicalUsers: 30, planLimit: 500 })),
      track(await startTestTenant({ name: 'Gamma', technicalUsers: 30, planLimit: 500 })),
    ];
    const ids = [];
    for (const [i, t] of tenants.entries()) ids.push(await connectTenant(app, t, ['Alpha', 'Beta', 'Gamma'][i]!));
    // The pauses are the chaos under test (when a write or a kill lands): seeded, the seed printed, replayable.
    const random = seededRandom('sync chaos');
    const pause = (min: number, max: number) => new Promise((resolve) => setTimeout(resolve, random.int(min, max)));
    let writing = true;
    const writers = tenants.map(async (tenant, index) => {
      for (let n = 0; writing; n++) {
        // Another administrator keeps working on every tenant; a write refused while its tenant is down is part of the chaos.
        await tenant.api('POST', '/api/v1/technical-users', { name: `Remote ${index}-${n}` }).catch(() => undefined);
        await pause(10, 50);
      }
    });
    const flaky = tenants[1]!;
    for (let i = 0; i < 5; i++) {
      await pause(200, 1000);
      await flaky.process.kill();
      await pause(100, 800);
      await flaky.restart();
    }
    writing = false;
    await Promise.all(writers);
    for (const [i, tenant] of tenants.entries()) await expectInSync(app, ids[i]!, tenant, 60_000);
    for (const [i, tenant] of tenants.entries()) expect(await replicaDifferences(app, ids[i]!, tenant)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { inventoryGrid, sectionButton, showInventory, userRow } from './support/console.ts';
import { colleagueChanges, connectTenant, startTestTenant, technicalUserNamed, type TestTenantProcess } from './support/tenants.ts';

/**
 * Run in the page before the app: the two reads the full index is made
 * from — the bulk read of technical users (one IndexedDB getAll over
 * RxDB's table) and the snapshot's every-row record — are answered only
 * when the test says so, so that what the start shows before the full
 * index is seen for as long as the test needs; and writes of the start-up
 * snapshot can be refused, to keep an older one on disk. Nothing else is
 * touched: RxDB's own reads and writes (cursors, key ranges, single gets)
 * go through, and so does the snapshot's first screen.
 */
const holdScript = `(() => {
  const waiting = [];
  let released = false;
  window.__tesseraReleaseIndex = () => { released = true; for (const go of waiting.splice(0)) go(); };
  window.__tesseraRefuseSnapshots = false;
  const hold = (request) => {
    let handler = null;
    request.addEventListener('success', (event) => {
      const deliver = () => handler && handler.call(request, event);
      if (released) deliver(); else waiting.push(deliver);
    });
    Object.defineProperty(request, 'onsuccess', { configurable: true, get: () => handler, set: (fn) => { handler = fn; } });
    return request;
  };
  const getAll = IDBObjectStore.prototype.getAll;
  IDBObjectStore.prototype.getAll = function (...args) {
    const request = getAll.apply(this, args);
    // Every row, no range: getAll(), or getAll({ query: null, ... }) where the browser takes options (Dexie uses those then).
    const query = args[0];
    const everything = query == null || (typeof query === 'object' && !(query instanceof IDBKeyRange) && query.query == null);
    if (released || this.name !== 'docs' || !/--technicalusers$/.test(this.transaction.db.name) || !everything) return request;
    return hold(request);
  };
  window.__tesseraRowsReads = 0;
  const get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (...args) {
    const request = get.apply(this, args);
    if (this.name !== 'snapshots' || args[0] !== 'inventory-rows') return request;
    window.__tesseraRowsReads += 1;
    return released ? request : hold(request);
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (window.__tesseraRefuseSnapshots && this.name === 'snapshots') throw new DOMException('refused by the test', 'DataError');
    return put.apply(this, args);
  };
})();`;

const marks = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).map((m) => ({ at: m.startTime, detail: (m as PerformanceMark).detail as Record<string, unknown> | null })), name);
const indexReady = async (page: Page) => (await marks(page, 'tessera:inventory-ready')).length > 0;
const indexFrom = async (page: Page) => (await marks(page, 'tessera:inventory-ready'))[0]?.detail?.from;
const snapshotWritten = (page: Page, after = 0) => expect.poll(async () => (await marks(page, 'tessera:inventory-snapshot-written')).filter((m) => m.at > after).length, { timeout: 30_000 }).toBeGreaterThan(0);
const count = (page: Page) => page.getByTestId('inventory-count');

test.describe('start-up from the last snapshot', () => {
  test.describe.configure({ mode: 'serial' });
  let acme: TestTenantProcess;
  let globex: TestTenantProcess;
  test.beforeAll(async () => {
    acme = await startTestTenant({ name: 'Acme Start' });
    globex = await startTestTenant({ name: 'Globex Start', technicalUsers: 5 });
  });
  test.afterAll(async () => {
    await acme?.stop();
    await globex?.stop();
  });

  test('a restart shows the first rows before the full index, keeps an edit made meanwhile, and never shows rows that are gone', async () => {
    test.setTimeout(240_000);
    const apps: HarnessApp[] = [];
    const launch = async (options: Parameters<typeof launchHarnessApp>[0] = {}) => {
      const app = await launchHarnessApp(options);
      apps.push(app);
      return app;
    };
    try {
      // 1. A synced profile: both tenants, the inventory shown, its snapshot written.
      const first = await launch();
      const { profileDir } = first;
      const port = Number(new URL(first.origin).port);
      await connectTenant(first, acme, 'Acme');
      const globexId = await connectTenant(first, globex, 'Globex');
      await showInventory(first.page);
      const acmeUsers = (await acme.api<{ items: unknown[] }>('GET', '/api/v1/technical-users?limit=1000')).body.items.length;
      const total = acmeUsers + 5;
      await expect(count(first.page)).toHaveText(`${total} of ${total} technical users`, { timeout: 60_000 });
      await snapshotWritten(first.page);
      await first.close();

      // 2. Restart with the full index held back: the snapshot's rows, in order, with the count of all.
      const second = await launch({ profileDir, port, initScripts: [holdScript] });
      await showInventory(second.page);
      await expect(userRow(second.page, 'Box document sync', 'Acme')).toBeVisible();
      expect(await indexReady(second.page)).toBe(false);
      expect((await marks(second.page, 'tessera:inventory-snapshot'))[0]?.detail).toMatchObject({ used: true });
      await expect(count(second.page)).toHaveText(`${total} of ${total} technical users`);
      const drawnRows = (page: Page) => inventoryGrid(page).locator('[role="row"][aria-label]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
      const firstNames = await drawnRows(second.page);
      expect(firstNames.length).toBeGreaterThan(10);
      // What would act on every row waits for every row (the snapshot holds the first screen only).
      const exportButton = second.page.getByRole('button', { name: 'Export', exact: true });
      await expect(exportButton).toBeDisabled();
      await expect(exportButton).toHaveAttribute('title', /once every technical user is read/);
      await expect(inventoryGrid(second.page).getByRole('checkbox', { name: /^Select all/ })).toBeDisabled();
      // A search needs every row: it waits for them and says so (the snapshot holds only the first screen).
      await second.page.getByRole('searchbox', { name: 'Search technical users' }).fill('Salesforce sync');
      await expect(count(second.page)).toHaveText(`Reading all ${total} technical users to search and sort…`);
      await second.page.getByRole('searchbox', { name: 'Search technical users' }).fill('');
      await expect(count(second.page)).toHaveText(`${total} of ${total} technical users`);

      // An edit while only the snapshot is shown: deactivate Box document sync on Acme (bulk, confirmed).
      await userRow(second.page, 'Box document sync', 'Acme').getByRole('checkbox', { name: 'Select Box document sync' }).check();
      await second.page.getByRole('toolbar', { name: 'Selected technical users' }).getByRole('button', { name: 'Deactivate…' }).click();
      await second.page.getByRole('dialog', { name: 'Deactivate 1 technical user?' }).getByRole('button', { name: 'Deactivate 1' }).click();
      await expect.poll(async () => (await technicalUserNamed(acme, 'Box document sync')).active, { timeout: 30_000 }).toBe(false);
      expect(await indexReady(second.page)).toBe(false);

      // The full index arrives: the same rows in the same order, and the edit is there, not undone by the snapshot.
      const beforeSwitch = await drawnRows(second.page);
      expect(beforeSwitch.slice(0, 10)).toEqual(firstNames.slice(0, 10));
      await second.page.evaluate(() => (window as unknown as { __tesseraReleaseIndex(): void }).__tesseraReleaseIndex());
      await expect.poll(() => indexReady(second.page)).toBe(true);
      await expect(userRow(second.page, 'Box document sync', 'Acme')).toContainText('Inactive');
      await expect(count(second.page)).toHaveText(`${total} of ${total} technical users`);
      expect(await drawnRows(second.page)).toEqual(beforeSwitch);
      await expect(exportButton).toBeEnabled();
      // The selection did not move either.
      await expect(userRow(second.page, 'Box document sync', 'Acme').getByRole('checkbox', { name: 'Select Box document sync' })).toBeChecked();
      // The snapshot's rows were checked against the replica before the edit (as soon as the first screen was drawn):
      // the index came from them, and the edit, heard while they were read, applied on top.
      expect(await indexFrom(second.page)).toBe('snapshot');
      expect((await marks(second.page, 'tessera:inventory-snapshot-rows'))[0]?.detail).toMatchObject({ used: true, rows: total });
      const writtenAfterEdit = (await marks(second.page, 'tessera:inventory-ready'))[0]!.at;
      await snapshotWritten(second.page, writtenAfterEdit);
      const afterEdit = await drawnRows(second.page);
      await second.close();

      // 3. Nothing changed anywhere: the full index is the snapshot's every-row record (no technical user read), the same rows.
      const unchanged = await launch({ profileDir, port, initScripts: [holdScript] });
      await showInventory(unchanged.page);
      await expect(userRow(unchanged.page, 'Box document sync', 'Acme')).toContainText('Inactive');
      expect(await indexReady(unchanged.page)).toBe(false);
      await unchanged.page.evaluate(() => (window as unknown as { __tesseraReleaseIndex(): void }).__tesseraReleaseIndex());
      await expect.poll(() => indexReady(unchanged.page)).toBe(true);
      expect(await indexFrom(unchanged.page)).toBe('snapshot');
      expect(await unchanged.page.evaluate(() => (window as unknown as { __tesseraRowsReads: number }).__tesseraRowsReads)).toBe(1);
      await expect(count(unchanged.page)).toHaveText(`${total} of ${total} technical users`);
      // The same rows from the top (how many are drawn below the fold depends on the window's last measure).
      const drawnNow = await drawnRows(unchanged.page);
      expect(drawnNow.slice(0, 20)).toEqual(afterEdit.slice(0, 20));
      // Search and sort work on it like on any full index.
      await unchanged.page.getByRole('searchbox', { name: 'Search technical users' }).fill('Box document');
      await expect(userRow(unchanged.page, 'Box document sync', 'Acme')).toBeVisible();
      await unchanged.page.getByRole('searchbox', { name: 'Search technical users' }).fill('');
      await unchanged.close();

      // 4. Changed elsewhere while the app is closed: a user renamed and one deleted on Acme.
      await colleagueChanges(acme, 'Power BI reader', { name: 'Power BI reader (renamed)' });
      const removed = await technicalUserNamed(acme, 'HubSpot marketing');
      expect((await acme.api('DELETE', `/api/v1/technical-users/${removed.id}`)).status).toBe(204);
      const third = await launch({ profileDir, port, initScripts: [holdScript] });
      await showInventory(third.page);
      await expect.poll(async () => (await marks(third.page, 'tessera:inventory-snapshot')).length).toBe(1);
      // The replica still holds what the snapshot shows (the tenant has not been asked yet) — when the last
      // run had written it again after its sync moved the replica (it may have closed before: then no preview) …
      if ((await marks(third.page, 'tessera:inventory-snapshot'))[0]?.detail?.used) await expect(userRow(third.page, 'Box document sync', 'Acme')).toBeVisible();
      expect(await indexReady(third.page)).toBe(false);
      await third.page.evaluate(() => (window as unknown as { __tesseraReleaseIndex(): void }).__tesseraReleaseIndex());
      // … and once the index is there and the tenant synced, neither the old name nor the deleted user is shown.
      await third.page.getByRole('searchbox', { name: 'Search technical users' }).fill('Power BI reader');
      await expect(userRow(third.page, 'Power BI reader (renamed)', 'Acme')).toBeVisible({ timeout: 30_000 });
      await expect(inventoryGrid(third.page).getByRole('row', { name: /^Power BI reader · Acme/ })).toHaveCount(0);
      await third.page.getByRole('searchbox', { name: 'Search technical users' }).fill('HubSpot marketing');
      await expect(count(third.page)).toHaveText(`0 of ${total - 1} technical users`, { timeout: 30_000 });

      // 5. A tenant removed while an older snapshot stays on disk (its writes refused): not shown at the next start.
      await third.page.evaluate(() => ((window as unknown as { __tesseraRefuseSnapshots: boolean }).__tesseraRefuseSnapshots = true));
      await third.page.getByRole('searchbox', { name: 'Search technical users' }).fill('');
      await sectionButton(third.page, 'Tenants').click();
      await third.page.getByRole('listitem', { name: 'Globex' }).getByRole('button', { name: 'Remove', exact: true }).click();
      // With its local copy (the default): rows of the tenant go with it.
      await third.page.getByRole('dialog', { name: 'Remove Globex?' }).getByRole('button', { name: 'Remove connection' }).click();
      await expect(third.page.getByRole('dialog', { name: 'Remove Globex?' })).toBeHidden({ timeout: 30_000 });
      await expect.poll(() => third.main.services.connections.list().map((c) => c.id)).not.toContain(globexId);
      await third.close();
      expect(readFileSync(join(profileDir, 'settings.json'), 'utf8')).not.toContain(globexId);
      const fourth = await launch({ profileDir, port, initScripts: [holdScript] });
      await showInventory(fourth.page);
      await expect.poll(async () => (await marks(fourth.page, 'tessera:inventory-snapshot')).length).toBe(1);
      expect((await marks(fourth.page, 'tessera:inventory-snapshot'))[0]?.detail).toMatchObject({ used: false, reason: 'tenants' });
      // No rows from a snapshot that no longer describes the replica: the normal path, rows once the index is there.
      await expect(count(fourth.page)).toHaveText('Loading the local copy…');
      await expect(inventoryGrid(fourth.page)).toHaveCount(0);
      await fourth.page.evaluate(() => (window as unknown as { __tesseraReleaseIndex(): void }).__tesseraReleaseIndex());
      await expect(count(fourth.page)).toHaveText(`${acmeUsers - 1} of ${acmeUsers - 1} technical users`, { timeout: 30_000 });
      await fourth.page.getByRole('searchbox', { name: 'Search technical users' }).fill('Globex');
      await expect(count(fourth.page)).toHaveText(`0 of ${acmeUsers - 1} technical users`);
    } finally {
      for (const app of apps) await app.close();
    }
  });
});

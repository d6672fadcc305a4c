import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SessionDay } from '../shared/api/sessions.ts';
import type { ApiToken } from '../shared/api/tokens.ts';
import { datesEnding, heatmapOf, unusedUsers } from '../shared/console/sessionFacts.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { screenshotDir } from './harness/paths.ts';
import { openUser, sectionButton } from './support/console.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

const tenantName = 'Acme Sessions';
const newUser = 'E2E failing sync';

async function call(tenant: TestTenantProcess, secret: string, object: string, agent: string): Promise<number> {
  const response = await fetch(`${tenant.url}/api/v1/integration/objects/${object}`, { headers: { Authorization: `Bearer ${secret}`, 'User-Agent': agent } });
  await response.arrayBuffer();
  return response.status;
}

async function dailyFromServer(tenant: TestTenantProcess, from: string, to: string, technicalUserId?: string): Promise<SessionDay[]> {
  const all: SessionDay[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ from, to, limit: '1000', ...(technicalUserId ? { technicalUserId } : {}), ...(cursor ? { cursor } : {}) });
    const page = (await tenant.api<{ items: SessionDay[]; nextCursor: string | null }>('GET', `/api/v1/sessions/daily?${query}`)).body;
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `sessions-${name}.png`), fullPage: false });
}

/** Waits until a chart has finished drawing its current data (animations included). */
async function chartsDrawn(page: Page, testId: string): Promise<void> {
  await expect(page.getByTestId(testId).locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId(testId)).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
}

test.describe('session dashboards', () => {
  // One tenant and one console for every test here; each test starts where the one before left off.
  test.describe.configure({ mode: 'serial', timeout: 90_000 });
  type SeededUser = { id: string; name: string; createdAt: string; active: boolean };
  let tenant: TestTenantProcess;
  let app: HarnessApp;
  let page: Page;
  let connectionId: string;
  let today: string;
  let token: ApiToken;
  let dates: string[];
  let expected: ReturnType<typeof heatmapOf>;
  let users: SeededUser[];
  let canvas: ReturnType<Page['locator']>;
  test.beforeAll(async () => {
    tenant = await startTestTenant({ name: tenantName });
    app = await launchHarnessApp();
    page = app.page;
    connectionId = await connectTenant(app, tenant, tenantName);
    const tenantInfo = (await tenant.api<{ timeZone: string }>('GET', '/api/v1/tenant')).body;
    today = new Intl.DateTimeFormat('en-CA', { timeZone: tenantInfo.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
    canvas = page.getByTestId('sessions-heatmap').locator('canvas').first();
  });
  test.afterAll(async () => {
    await app?.close();
    await tenant?.stop();
  });

  test('real calls with an issued token, some failing, are recorded by the tenant as the day’s sessions', async () => {
    // A new integration user whose calls start failing today.
    const roles = (await tenant.api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/v1/roles?limit=100')).body.items;
    const created = await tenant.api<{ id: string }>('POST', '/api/v1/technical-users', { name: newUser, roleIds: [roles.find((r) => r.name === 'Support bots')!.id] });
    expect(created.status).toBe(201);
    const userId = created.body.id;
    const issued = await tenant.api<{ token: ApiToken; secret: string }>('POST', `/api/v1/technical-users/${userId}/tokens`, { label: 'E2E calls' });
    expect(issued.status).toBe(201);
    const { secret } = issued.body;
    token = issued.body.token;
    // Two callers (user agents) share the token; products is not readable → 403, a failure.
    for (const [object, agent, expected] of [
      ['activities', 'crm-sync/2.1', 200],
      ['contacts', 'crm-sync/2.1', 200],
      ['activities', 'crm-sync/2.1', 200],
      ['products', 'crm-sync/2.1', 403],
      ['activities', 'legacy-cron/0.9', 200],
      ['products', 'legacy-cron/0.9', 403],
      ['products', 'legacy-cron/0.9', 403],
      ['contacts', 'legacy-cron/0.9', 200],
    ] as const) {
      expect(await call(tenant, secret, object, agent)).toBe(expected);
    }
    const mine = (await dailyFromServer(tenant, today, today, userId))[0]!;
    expect(mine).toMatchObject({ requests: 8, failures: 3, sessions: 2, clients: 2 });
  });

  test('the user’s page shows its chart and the day’s sessions from the tenant', async () => {
    // Per user: the chart and the day's sessions (from the tenant).
    await openUser(page, newUser);
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await chartsDrawn(page, 'user-sessions-chart');
    await expect(page.getByText('2 sessions, 8 requests, 3 failures in the last 10 days')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('combobox', { name: 'Day', exact: true })).toHaveValue(today);
    await expect(page.getByRole('combobox', { name: 'Day', exact: true }).locator('option', { hasText: `${today} — 2 sessions, 3 failures` })).toHaveCount(1);
    const dayList = page.getByRole('table', { name: 'Sessions of the day' });
    await expect(dayList.getByRole('row')).toHaveCount(3);
    await expect(dayList).toContainText(`${token.prefix}…`);
    await expect(dayList).toContainText('legacy-cron/0.9');
    await expect(dayList).toContainText('crm-sync/2.1');
    await chartsDrawn(page, 'user-sessions-chart');
    await shot(page, 'user');
  });

  test('the heatmap holds every user with requests in 30 days; a rising failure rate and several clients on one day are flagged', async () => {
    // Across tenants: the heatmap holds every user with requests in 30 days.
    dates = datesEnding(today, 30);
    const days = (await dailyFromServer(tenant, dates[0]!, today)).map((d) => ({ ...d, tenantId: connectionId }));
    expected = heatmapOf(days, dates, 'requests');
    await sectionButton(page, 'Sessions').click();
    await chartsDrawn(page, 'sessions-heatmap');
    await expect(page.getByText(`${expected.users.length} technical users with requests in the last 30 days, busiest first`)).toBeVisible();
    // Failure view: the new user's rate rose from nothing to 3 of 8, failing since today.
    const rising = page.getByRole('table', { name: 'Rising failure rates' });
    const risingRow = rising.getByRole('row', { name: new RegExp(newUser) });
    await expect(risingRow).toContainText('0 % → 37.5 %');
    await expect(risingRow).toContainText(today);
    // Several clients on one day: the shared token.
    await expect(page.getByRole('table', { name: 'Several clients on one day' }).getByRole('row', { name: new RegExp(`${newUser}.*${today}`) })).toContainText('2');
  });

  test('active users with no session and no token use for 30 days show as unused', async () => {
    // Unused: active users with no session and no token use for 30 days (created 31 days ago by the seed).
    users = (await tenant.api<{ items: SeededUser[] }>('GET', '/api/v1/technical-users?limit=1000')).body.items;
    const allDays = await dailyFromServer(tenant, datesEnding(today, 90)[0]!, today);
    const tokens = (await Promise.all(users.map(async (u) => (await tenant.api<{ items: ApiToken[] }>('GET', `/api/v1/technical-users/${u.id}/tokens`)).body.items))).flat();
    const unused = unusedUsers(
      users.map((u) => ({ key: `${connectionId}|${u.id}`, createdAt: u.createdAt, active: u.active })),
      allDays.map((d) => ({ ...d, tenantId: connectionId })),
      tokens.map((t) => ({ tenantId: connectionId, technicalUserId: t.technicalUserId, lastUsedAt: t.lastUsedAt })),
      30,
      Date.now(),
    );
    expect(unused.length).toBeGreaterThan(0);
    const unusedTable = page.getByRole('table', { name: 'Unused for 30 days' });
    await expect(unusedTable.getByRole('row')).toHaveCount(Math.min(unused.length, 100) + 1);
    const neverUsed = users.find((u) => u.id === unused[0]!.key.split('|')[1])!;
    await expect(unusedTable.getByRole('row', { name: new RegExp(neverUsed.name) })).toContainText('Unused — consider deactivating');
    await chartsDrawn(page, 'sessions-heatmap');
    await shot(page, 'dashboard-light');
    await page.getByRole('heading', { name: 'Top callers' }).scrollIntoViewIfNeeded();
    await chartsDrawn(page, 'top-callers');
    await chartsDrawn(page, 'rising-failures');
    await shot(page, 'insights-light');
  });

  test('the charts follow the window’s size', async () => {
    // The charts follow the window's size.
    const canvasWidth = async () => (await page.getByTestId('sessions-heatmap').locator('canvas').first().boundingBox())!.width;
    const wide = await canvasWidth();
    await page.setViewportSize({ width: 1100, height: 860 });
    await expect.poll(canvasWidth).toBeLessThan(wide - 100);
    await page.setViewportSize({ width: 1360, height: 860 });
    await expect.poll(canvasWidth).toBeCloseTo(wide, 0);
  });

  test('the heatmap exports as a PNG', async () => {
    // Export the heatmap as a PNG.
    await page.getByRole('button', { name: /^Export PNG: Requests per technical user and day/ }).click();
    await expect(page.getByText(/Saved the chart to .*Heatmap requests\.png/)).toBeVisible();
    const png = readFileSync(join(app.profileDir, 'exports', readdirSync(join(app.profileDir, 'exports')).find((f) => f.endsWith('.png'))!));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
  });

  test('a click on a heatmap cell opens that user’s sessions on that day', async () => {
    // Drill-down from a heatmap cell: the busiest user's first active day.
    const [x, y] = expected.cells.find((c) => c[1] === 0)!;
    const rows = Math.min(20, expected.users.length);
    const busiest = users.find((u) => u.id === expected.users[0]!.split('|')[1])!;
    await chartsDrawn(page, 'sessions-heatmap');
    // A canvas has no element to wait for: a click that lands while the chart redraws (after the resize,
    // or as the replica's pages arrive) is lost, so it is made again while the Sessions page is still showing.
    await expect(async () => {
      if (await page.getByRole('heading', { level: 1, name: 'Sessions', exact: true }).isVisible()) {
        const box = (await canvas.boundingBox())!;
        // The grid: 220 px left, 56 right, 16 top, 64 bottom (HeatmapCard).
        await page.mouse.click(box.x + 220 + ((box.width - 276) * (x + 0.5)) / 30, box.y + 16 + ((box.height - 80) * (y + 0.5)) / rows);
      }
      await expect(page.getByRole('heading', { level: 1, name: busiest.name, exact: true })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('tab', { name: 'Sessions', selected: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Day', exact: true })).toHaveValue(dates[x]!);
  });

  test('the heatmap’s slider moves through the rest of the rows, by keyboard too, and a click opens that row’s user', async () => {
    // The heatmap draws 20 rows at a time; the slider beside it (a range input) moves through the rest, by keyboard too,
    // and a click on a moved window opens the user of that row.
    expect(expected.users.length).toBeGreaterThan(20);
    await sectionButton(page, 'Sessions').click();
    await chartsDrawn(page, 'sessions-heatmap');
    const slider = page.getByRole('slider', { name: 'Heatmap rows shown' });
    await slider.focus();
    await page.keyboard.press('End');
    const lastFirst = expected.users.length - 20;
    await expect(slider).toHaveAttribute('aria-valuetext', `Users ${lastFirst + 1}–${expected.users.length} of ${expected.users.length}`);
    await page.keyboard.press('ArrowUp');
    await expect(slider).toHaveAttribute('aria-valuetext', `Users ${lastFirst}–${expected.users.length - 1} of ${expected.users.length}`);
    await chartsDrawn(page, 'sessions-heatmap');
    const [mx] = expected.cells.find((c) => c[1] === lastFirst - 1)!;
    const moved = users.find((u) => u.id === expected.users[lastFirst - 1]!.split('|')[1])!;
    await expect(async () => {
      if (await page.getByRole('heading', { level: 1, name: 'Sessions', exact: true }).isVisible()) {
        const box = (await canvas.boundingBox())!;
        await page.mouse.click(box.x + 220 + ((box.width - 276) * (mx + 0.5)) / 30, box.y + 16 + ((box.height - 80) * 0.5) / 20);
      }
      await expect(page.getByRole('heading', { level: 1, name: moved.name, exact: true })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('combobox', { name: 'Day', exact: true })).toHaveValue(dates[mx]!);
  });

  test('the charts follow the dark theme', async () => {
    // Dark theme: the charts follow it.
    await page.getByRole('radio', { name: 'Dark' }).check();
    await sectionButton(page, 'Sessions').click();
    await chartsDrawn(page, 'sessions-heatmap');
    await shot(page, 'dashboard-dark');
    await page.getByRole('heading', { name: 'Top callers' }).scrollIntoViewIfNeeded();
    await chartsDrawn(page, 'top-callers');
    await shot(page, 'insights-dark');
  });

  test('offline, the dashboards still work from the local copy; a day’s list says it needs the tenant', async () => {
    // Offline: the dashboards still work from the local copy; a day's list says it needs the tenant.
    await tenant.stop();
    await page.evaluate((id) => window.tessera.connections.check({ id }), connectionId);
    await expect(page.getByText(`${expected.users.length} technical users with requests in the last 30 days, busiest first`)).toBeVisible();
    await openUser(page, newUser);
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await chartsDrawn(page, 'user-sessions-chart');
    await expect(page.getByText(/The sessions of one day come from the tenant, and Acme Sessions is offline/)).toBeVisible({ timeout: 20_000 });
    await tenant.restart();
  });
});

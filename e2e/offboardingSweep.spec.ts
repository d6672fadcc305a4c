import { FaultyProxy } from '../electron/main/tenantApi/testing/faultyProxy.ts';
import { expect, test } from './fixtures.ts';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { sectionButton } from './support/console.ts';
import { startTestTenant, type TestTenantProcess } from './support/tenants.ts';

const elena = 'elena.rossi@acme.example';
/** Main gives up on a tenant's answer after this long here (the app's default is 15 s). */
const answerTimeoutMs = 5_000;

test.describe('offboarding sweep when an answer is lost', () => {
  let tenant: TestTenantProcess;
  let proxy: FaultyProxy;
  let app: HarnessApp;
  test.beforeEach(async () => {
    tenant = await startTestTenant({ name: 'Acme Sweep', mailDomain: 'acme.example' });
    // The console reaches the tenant through a proxy that can hold an answer back.
    proxy = await FaultyProxy.start(tenant.url);
    app = await launchHarnessApp({ tenantRequestTimeoutMs: answerTimeoutMs });
  });
  test.afterEach(async () => {
    await app?.close();
    await proxy?.close();
    await tenant?.stop();
  });

  test('a termination whose answer times out says "sent, but no answer came back", and looking again finds it done', async () => {
    const { page } = app;
    await app.main.services.connections.add({ displayName: 'Acme Sweep', baseUrl: proxy.url, clientId: tenant.client.clientId, clientSecret: tenant.client.clientSecret });
    await sectionButton(page, 'People').click();
    await page.getByRole('tab', { name: 'Offboarding sweep (all tenants)' }).click();
    await page.getByLabel('Person’s e-mail').fill(elena);
    await page.getByRole('button', { name: 'Find everywhere' }).click();
    const row = page.getByRole('table', { name: `Offboarding ${elena}` }).getByRole('row', { name: 'Acme Sweep' });
    await expect(row.getByRole('status')).toHaveText('Planned');

    // The tenant carries the termination out, but its answer is held back past main's timeout.
    proxy.inject(/\/api\/v1\/users\/[^/]+\/terminate$/, { kind: 'delay', ms: answerTimeoutMs * 3 });
    await page.getByRole('button', { name: 'Carry out the plan on 1 tenant…' }).click();
    await page.getByRole('dialog', { name: `Terminate ${elena} on 1 tenant?` }).getByRole('button', { name: 'Terminate on 1 tenant' }).click();
    await expect(row.getByRole('status')).toHaveText('No answer', { timeout: answerTimeoutMs * 4 });
    await expect(row).toContainText('Sent, but no answer came back');
    await expect(row).toContainText('did not answer within 5 s');
    expect(proxy.requests.filter((r) => /terminate$/.test(r))).toHaveLength(1);

    // It did happen on the tenant: looking again says so instead of "nothing to do".
    await page.getByRole('button', { name: 'Look again on 1 tenant now reachable' }).click();
    await expect(row.getByRole('status')).toHaveText('Done');
    await expect(row).toContainText('the tenant’s report did not arrive');
    const person = (await tenant.api<{ items: Array<{ email: string; active: boolean }> }>('GET', '/api/v1/users?q=elena')).body.items.find((p) => p.email === elena)!;
    expect(person.active).toBe(false);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshotDir } from './harness/paths.ts';
import { axeViolations, serious, type AxeViolation } from './support/axe.ts';
import { openUser, sectionButton } from './support/console.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

const sections = ['Tenants', 'Technical users', 'Roles', 'Tokens', 'Sessions', 'Audit', 'People', 'Sync'];
const userTabs = ['Details', 'Effective permissions', 'API tokens', 'Sessions', 'History'];

/** Every screen a person reaches: each section, the user page's tabs and the dialogs, checked as they are drawn. */
async function everyScreen(page: Page, theme: string): Promise<Array<AxeViolation & { where: string }>> {
  const found: Array<AxeViolation & { where: string }> = [];
  const check = async (where: string) => {
    const started = Date.now();
    found.push(...(await axeViolations(page, `${theme}: ${where}`)));
    console.log(`axe ${theme} ${where}: ${Date.now() - started} ms`);
  };
  for (const name of sections) {
    await sectionButton(page, name).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await check(name);
  }
  await sectionButton(page, 'Tenants').click();
  await page.getByRole('button', { name: 'Add tenant' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('Connect a tenant dialog');
  await page.keyboard.press('Escape');
  await openUser(page, 'Salesforce sync', 'Acme');
  for (const tab of userTabs) {
    await page.getByRole('tab', { name: tab }).click();
    await check(`user page, ${tab}`);
  }
  await page.getByRole('tab', { name: 'API tokens' }).click();
  await page.getByRole('button', { name: 'Issue token…' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('Issue token dialog');
  await page.keyboard.press('Escape');
  await sectionButton(page, 'Roles').click();
  await page.getByRole('button', { name: 'New role' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('New role dialog');
  await page.keyboard.press('Escape');
  return found;
}

test.describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  let acme: TestTenantProcess;
  let globex: TestTenantProcess;
  test.beforeEach(async () => {
    [acme, globex] = await Promise.all([startTestTenant({ name: 'Acme', technicalUsers: 8 }), startTestTenant({ name: 'Globex', technicalUsers: 8 })]);
  });
  test.afterEach(async () => {
    await Promise.all([acme.stop(), globex.stop()]);
  });

  test('no critical or serious violation on any section, user tab or dialog, in light and dark', async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await connectTenant(app, acme, 'Acme');
    await connectTenant(app, globex, 'Globex');
    const all: Array<AxeViolation & { where: string }> = [];
    for (const theme of ['Light', 'Dark']) {
      await page.getByRole('radio', { name: theme }).check();
      all.push(...(await everyScreen(page, theme)));
    }
    writeFileSync(join(screenshotDir, 'axe-report.json'), JSON.stringify(all, null, 2));
    const refused = serious(all);
    expect(refused.map((v) => `${v.where} — ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.html).join(' | ').slice(0, 300)}`)).toEqual([]);
  });
});

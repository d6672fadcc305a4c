import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshotDir } from './harness/paths.ts';
import { openUser, sectionButton, showInventory } from './support/console.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

const sections = ['Tenants', 'Technical users', 'Roles', 'Tokens', 'Sessions', 'Audit', 'People', 'Sync'];
const sizes = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];

/** Nothing on the page reaches past the window's right edge (the app never scrolls sideways as a whole). */
async function nothingCutOff(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('.app *')].filter((e) => {
      const box = e.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) return false;
      // Inside something that scrolls sideways on purpose (the inventory grid, tables) is fine.
      for (let p = e.parentElement; p; p = p.parentElement) if (p.scrollWidth > p.clientWidth + 1 && getComputedStyle(p).overflowX !== 'visible') return false;
      return true;
    });
    return wide.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  });
  expect(overflow, where).toEqual([]);
}

test.describe('every screen, at two window sizes, in both themes', () => {
  let acme: TestTenantProcess;
  let globex: TestTenantProcess;
  test.beforeEach(async () => {
    [acme, globex] = await Promise.all([startTestTenant({ name: 'Acme', technicalUsers: 12 }), startTestTenant({ name: 'Globex', technicalUsers: 12 })]);
  });
  test.afterEach(async () => {
    await Promise.all([acme.stop(), globex.stop()]);
  });

  test('draws every section and the user page without anything cut off, and saves screenshots to look at', async ({ app }) => {
    test.setTimeout(300_000);
    const { page } = app;
    await connectTenant(app, acme, 'Acme');
    await connectTenant(app, globex, 'Globex');
    for (const theme of ['Light', 'Dark']) {
      await page.getByRole('radio', { name: theme }).check();
      for (const size of sizes) {
        await page.setViewportSize(size);
        for (const name of sections) {
          if (name === 'Technical users') await showInventory(page);
          else await sectionButton(page, name).click();
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          await nothingCutOff(page, `${name} ${size.width}×${size.height} ${theme}`);
          await page.screenshot({ path: join(screenshotDir, 'screens', `${theme.toLowerCase()}-${size.width}-${name.toLowerCase().replaceAll(' ', '-')}.png`) });
        }
        await openUser(page, 'Salesforce sync', 'Acme');
        await nothingCutOff(page, `user page ${size.width}×${size.height} ${theme}`);
        await page.screenshot({ path: join(screenshotDir, 'screens', `${theme.toLowerCase()}-${size.width}-user-page.png`) });
      }
    }
  });
});

import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { sectionButton } from './support/console.ts';
import { connectTenant, startTestTenant, type TestTenantProcess } from './support/tenants.ts';

/** Presses Tab until `target` has focus (keyboard only), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((e) => e === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

/** What has focus, in words: never nothing (the body). */
const focused = (page: Page) => page.evaluate(() => {
  const e = document.activeElement;
  return !e || e === document.body ? 'nothing' : `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} ${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 60)}`;
});

test.describe('keyboard only', () => {
  let tenant: TestTenantProcess;
  test.beforeEach(async () => {
    tenant = await startTestTenant({ name: 'Acme Keys', technicalUsers: 6 });
  });
  test.afterEach(async () => {
    await tenant.stop();
  });

  test('create a user, open one from the grid, and issue a token — focus always lands somewhere sensible', async ({ app }) => {
    const { page } = app;
    await connectTenant(app, tenant, 'Acme Keys');
    await sectionButton(page, 'Technical users').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inventory-count')).toHaveText(/of \d+ technical users/);

    // Create: the button, then the name field has focus; Tab to Create; after it, focus is on the new page.
    await tabTo(page, page.getByRole('button', { name: 'New technical user' }));
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
    await page.keyboard.type('Keyboard export');
    await tabTo(page, page.getByRole('button', { name: 'Create technical user' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Keyboard export', exact: true })).toBeVisible();
    expect(await focused(page)).not.toBe('nothing');

    // Open from the grid: arrows to a row, Enter; focus lands on the user's page.
    await sectionButton(page, 'Technical users').focus();
    await page.keyboard.press('Enter');
    const back = page.getByRole('button', { name: '← Technical users' });
    if (await back.isVisible()) {
      await back.focus();
      await page.keyboard.press('Enter');
    }
    const grid = page.getByRole('grid', { name: 'Technical users' });
    await tabTo(page, grid);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: '← Technical users' })).toBeVisible();
    expect(await focused(page)).not.toBe('nothing');
    const opened = (await page.getByRole('heading', { level: 1 }).textContent())!;

    // Issue a token: arrow keys between the tabs, then the button; the dialog opens on its Label field.
    await tabTo(page, page.getByRole('tab', { selected: true }));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'API tokens', selected: true })).toBeFocused();
    await tabTo(page, page.getByRole('button', { name: 'Issue token…' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Issue an API token for ${opened}` });
    await expect(dialog.getByLabel('Label')).toBeFocused();
    await page.keyboard.type('Keyboard key');
    // Tab stays in the dialog, however often it is pressed.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    const reveal = app.main.reveal.next();
    await tabTo(page, dialog.getByRole('button', { name: 'Issue token' }));
    await page.keyboard.press('Enter');
    const window = await reveal;
    await expect(window.getByRole('textbox', { name: 'Token secret' })).toBeVisible();
    await window.getByRole('button', { name: 'Copy' }).focus();
    await window.keyboard.press('Enter');
    await window.getByRole('button', { name: 'Done' }).focus();
    await window.keyboard.press('Enter').catch(() => undefined);
    await expect.poll(() => window.isClosed()).toBe(true);
    // Back in the console, focus is where it came from.
    await expect(page.getByRole('button', { name: 'Issue token…' })).toBeFocused();
  });
});

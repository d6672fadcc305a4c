import type { Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sections } from '../shared/sections.ts';
import { expect, test } from './fixtures.ts';
import { screenshotDir } from './harness/paths.ts';
import { sectionContent } from '../renderer/views/sectionContent.ts';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

test.describe('app shell', () => {
  test('opens, shows every section with its empty state, and saves screenshots', async ({ app }) => {
    const { page } = app;
    await expect(page).toHaveTitle('Tessera');
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
    await expect(page.getByText('No tenants connected yet — connect one')).toBeVisible();
    await expect(page.getByTestId('app-version')).toContainText('Tessera');

    mkdirSync(screenshotDir, { recursive: true });
    for (const section of sections) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section.label }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.label);
      await expect(page.getByRole('heading', { level: 2, name: sectionContent[section.id].empty.headline })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`#/${section.id}$`));
      await expect(nav(page).getByRole('button', { name: section.label })).toHaveAttribute('aria-current', 'page');
    }
    await nav(page).getByRole('button', { name: 'Tenants' }).click();
    await page.screenshot({ path: join(screenshotDir, 'shell-light.png') });

    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await nav(page).getByRole('button', { name: 'Technical users' }).click();
    await page.screenshot({ path: join(screenshotDir, 'shell-dark.png') });
  });

  test('empty states lead to the next step', async ({ app }) => {
    const { page } = app;
    await nav(page).getByRole('button', { name: 'Roles' }).click();
    await page.getByRole('button', { name: 'Go to Tenants' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tenants');
  });

  test('is usable from the keyboard', async ({ app }) => {
    const { page } = app;
    // First Tab reaches the skip link, the next the current section.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(nav(page).getByRole('button', { name: 'Tenants' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(nav(page).getByRole('button', { name: 'Roles' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Roles');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.keyboard.press('End');
    await page.keyboard.press('Control+5');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sessions');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Roles');
  });

  test('follows the application menu', async ({ app }) => {
    const { page, main } = app;
    const go = main.services.menu.flatMap((m) => m.items).find((i) => i.kind === 'action' && i.id === 'go.audit');
    expect(go).toBeDefined();
    if (go?.kind !== 'action') throw new Error('menu item missing');
    await main.services.runMenuAction(go.action);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit');
    await main.services.runMenuAction({ type: 'setTheme', theme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await main.services.runMenuAction({ type: 'about' });
    expect(main.recorder.dialogs.at(-1)?.title).toBe('About Tessera');
  });

  test('follows the OS theme until the user picks one, and remembers the choice', async ({ app }) => {
    const { page } = app;
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const stored = JSON.parse(readFileSync(join(app.main.profileDir, 'settings.json'), 'utf8'));
    expect(stored.preferences.theme).toBe('light');
    expect(app.main.recorder.themeSources.at(-1)).toBe('light');

    // A restart with the same profile comes back with the stored choice.
    const { launchHarnessApp } = await import('./harness/harnessApp.ts');
    await app.close();
    const again = await launchHarnessApp({ profileDir: app.main.profileDir, colorScheme: 'dark' });
    try {
      await expect(again.page.getByRole('radio', { name: 'Light' })).toBeChecked();
      await expect(again.page.locator('html')).toHaveAttribute('data-theme', 'light');
    } finally {
      await again.close();
    }
  });
});

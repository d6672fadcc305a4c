import { expect, type Page } from '@playwright/test';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const sectionButton = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });

/** The inventory of technical users (leaving a user's page if one is open). */
export async function showInventory(page: Page): Promise<void> {
  await sectionButton(page, 'Technical users').click();
  const back = page.getByRole('button', { name: '← Technical users' });
  if (await back.isVisible()) await back.click();
  await expect(page.getByTestId('inventory-count')).toBeVisible();
}

export const inventoryGrid = (page: Page) => page.getByRole('grid', { name: 'Technical users' });

/** A row of the inventory by the user's name (and tenant), among the rows on screen. */
export const userRow = (page: Page, name: string, tenant?: string) => inventoryGrid(page).getByRole('row', { name: new RegExp(`^${escape(name)} · ${tenant ? escape(tenant) : ''}`) });

/** Finds a technical user by searching for its name and opens its page. */
export async function openUser(page: Page, name: string, tenant?: string): Promise<void> {
  await showInventory(page);
  await page.getByRole('searchbox', { name: 'Search technical users' }).fill(name);
  await userRow(page, name, tenant).first().click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
}

/** Saves the open user page and waits until it says so. */
export async function saveUserPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('All changes saved here')).toBeVisible();
}

/** Opens a user, changes its description, saves. */
export async function editDescription(page: Page, userName: string, description: string): Promise<void> {
  await openUser(page, userName);
  await page.getByLabel('Description').fill(description);
  await saveUserPage(page);
}

/** Creates a technical user from the inventory's "New technical user" page with just a name (and tenant). */
export async function createUser(page: Page, name: string, tenant?: string): Promise<void> {
  await showInventory(page);
  await page.getByRole('button', { name: 'New technical user' }).click();
  if (tenant) await page.getByLabel('Tenant').selectOption({ label: new RegExp(`^${escape(tenant)}`) as unknown as string });
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create technical user' }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { ApiToken } from '../../shared/api/tokens.ts';
import type { HarnessApp } from '../harness/harnessApp.ts';
import { screenshotDir } from '../harness/paths.ts';
import type { TestTenantProcess } from './tenants.ts';

/** When the last integration call was answered (the tenant runs on this machine's clock). */
let lastAnswerAt = 0;

/** Calls the tenant's integration API as an integration would: with the token's secret. */
export async function callAsIntegration(tenant: TestTenantProcess, secret: string, object = 'invoices'): Promise<number> {
  // Each call starts on a later millisecond than the last one's answer, so the tenant records it later and
  // "which token was used last" is never a tie (this waits for the clock to tick, at most a millisecond).
  while (Date.now() <= lastAnswerAt) await new Promise((resolvePromise) => setImmediate(resolvePromise));
  const response = await fetch(`${tenant.url}/api/v1/integration/objects/${object}`, { headers: { Authorization: `Bearer ${secret}`, 'User-Agent': 'e2e-integration/1.0' } });
  await response.arrayBuffer();
  lastAnswerAt = Date.now();
  return response.status;
}

export async function serverTokens(tenant: TestTenantProcess, technicalUserId: string): Promise<ApiToken[]> {
  return (await tenant.api<{ items: ApiToken[] }>('GET', `/api/v1/technical-users/${technicalUserId}/tokens`)).body.items;
}

/** Waits for the reveal window main opens, and reads the secret as a person would (the field's value). */
export async function readReveal(app: HarnessApp, opened: Promise<Page>): Promise<{ reveal: Page; secret: string }> {
  const reveal = await opened;
  const field = reveal.getByRole('textbox', { name: 'Token secret' });
  await expect(field).toBeVisible();
  const secret = await field.inputValue();
  expect(secret.length).toBeGreaterThan(20);
  // While it is on screen, the console window has no trace of it.
  expect(await app.page.content()).not.toContain(secret);
  return { reveal, secret };
}

export async function closeReveal(reveal: Page, copied: boolean): Promise<void> {
  // The click that closes the window may not see its own end: the page is gone by then.
  const clickClosing = (name: string) =>
    reveal
      .getByRole('button', { name })
      .click()
      .catch((error: unknown) => {
        if (!reveal.isClosed()) throw error;
      });
  if (copied) {
    await clickClosing('Done');
  } else {
    await reveal.getByRole('button', { name: 'Done' }).click();
    await expect(reveal.getByRole('status')).toContainText('You have not copied the token');
    await clickClosing('Close without copying');
  }
  await expect.poll(() => reveal.isClosed()).toBe(true);
}

/** A screenshot of the console, after checking its page cannot show any of the secrets. */
export async function shot(app: HarnessApp, name: string, secrets: readonly string[]): Promise<void> {
  const html = await app.page.content();
  for (const secret of secrets) expect(html, 'a screenshot of the console must not be able to show a secret').not.toContain(secret);
  mkdirSync(screenshotDir, { recursive: true });
  await app.page.screenshot({ path: join(screenshotDir, `tokens-${name}.png`) });
}

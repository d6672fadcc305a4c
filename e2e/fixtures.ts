import { test as base } from '@playwright/test';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';

/** `app`: a fresh Tessera (new profile) driven in Chromium through the harness. */
export const test = base.extend<{ app: HarnessApp }>({
  app: async ({ browser }, use) => {
    const app = await launchHarnessApp(browser);
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';

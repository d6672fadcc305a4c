import { test as base } from '@playwright/test';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';

/** `app`: a fresh Tessera (new profile) driven in Chromium through the harness. */
export const test = base.extend<{ app: HarnessApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument.
  app: async ({}, use) => {
    const app = await launchHarnessApp();
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';

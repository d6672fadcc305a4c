import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/harness/paths.ts';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  globalSetup: './e2e/globalSetup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    // No traces, videos or automatic screenshots: they could capture a
    // secret shown once. Tests take the screenshots they need themselves.
    trace: 'off',
    video: 'off',
    screenshot: 'off',
  },
});

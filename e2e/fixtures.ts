import { test as base } from '@playwright/test';
import { launchHarnessApp, type HarnessApp } from './harness/harnessApp.ts';
import { judgePageProblems, pageProblemsError, takeNewPageProblems, type ExpectedPageProblem } from './harness/pageProblems.ts';

/** Declares, in a test that provokes them on purpose, the page problems it expects. */
export interface PageProblemsFixture {
  /** `pattern` must match at least one problem a page logs during the test; `why` says what provokes it. */
  expect(pattern: RegExp, why: string): void;
}

/**
 * `app`: a fresh Tessera (new profile) driven in Chromium through the harness.
 * `pageProblems` (automatic): fails every test during which a watched page
 * (any harness app, its reveal windows, Electron's windows) logged a console
 * error, a page error or an unhandled rejection, unless it is known noise
 * (e2e/harness/pageProblems.ts) or the test declared it.
 */
export const test = base.extend<{ app: HarnessApp; pageProblems: PageProblemsFixture }, { leftoverPageProblems: void }>({
  pageProblems: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument.
    async ({}, use) => {
      const expected: ExpectedPageProblem[] = [];
      // Set up before any other fixture, so torn down after them: what pages log while closing counts too.
      // Problems logged by a shared beforeAll (before this test) are this test's to report as well.
      await use({ expect: (pattern, why) => void expected.push({ pattern, why }) });
      const { unexpected, unseen } = judgePageProblems(takeNewPageProblems(), expected);
      const error = pageProblemsError(unexpected, unseen);
      if (error) throw error;
    },
    { auto: true },
  ],
  // What pages log after the worker's last test (a shared afterAll closing its apps) fails the run too.
  leftoverPageProblems: [
    // eslint-disable-next-line no-empty-pattern -- as above.
    async ({}, use) => {
      await use();
      const error = pageProblemsError(judgePageProblems(takeNewPageProblems(), []).unexpected, []);
      if (error) throw error;
    },
    { auto: true, scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above.
  app: async ({}, use) => {
    const app = await launchHarnessApp();
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';

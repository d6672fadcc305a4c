import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { chromiumArgs, chromiumPath } from './harness/paths.ts';
import { judgePageProblems, pageProblemsError, takeNewPageProblems, watchPageProblems } from './harness/pageProblems.ts';

/** The guard that fails every e2e test on a page problem, tested on a real page. */
test.describe('the page-problems guard', () => {
  test('records a console error, an uncaught error and an unhandled rejection, and fails on each unless declared', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
    try {
      const page = await browser.newPage();
      watchPageProblems(page, 'probe page');
      await page.setContent('<p>probe</p>');
      await page.evaluate(() => {
        console.error('probe: console error');
        setTimeout(() => {
          throw new Error('probe: uncaught');
        });
        void Promise.reject(new Error('probe: unhandled rejection'));
      });
      // What the guard sees at the end of a test (taken here, so this test's own guard has nothing left).
      const found: ReturnType<typeof takeNewPageProblems> = [];
      await expect
        .poll(() => {
          found.push(...takeNewPageProblems());
          return found.map((p) => p.text.replace(/ \(at .*\)$/, '')).sort();
        })
        .toEqual(['console error: probe: console error', 'pageerror: probe: uncaught', 'pageerror: probe: unhandled rejection']);
      expect(found.every((p) => p.page === 'probe page')).toBe(true);

      const undeclared = judgePageProblems(found, []);
      expect(undeclared.unexpected).toHaveLength(3);
      expect(pageProblemsError(undeclared.unexpected, undeclared.unseen)?.message).toContain('[probe page] pageerror: probe: uncaught');

      const declared = judgePageProblems(found, [{ pattern: /^console error: probe/, why: 'logged on purpose' }, { pattern: /^pageerror: probe/, why: 'thrown on purpose' }]);
      expect(pageProblemsError(declared.unexpected, declared.unseen)).toBeNull();

      // A declaration that no page lived up to fails the test too: it would hide nothing, and say something untrue.
      const stale = judgePageProblems([], [{ pattern: /never logged/, why: 'an old reason' }]);
      expect(pageProblemsError(stale.unexpected, stale.unseen)?.message).toContain('/never logged/ — an old reason');
    } finally {
      await browser.close();
    }
  });

  test('every spec takes `test` from e2e/fixtures.ts, so none escapes the guard', () => {
    const dir = import.meta.dirname;
    const specs = readdirSync(dir).filter((f) => f.endsWith('.spec.ts'));
    expect(specs.length).toBeGreaterThan(10);
    const escaping = specs.filter((file) => {
      const source = readFileSync(join(dir, file), 'utf8');
      return !/import \{[^}]*\btest\b[^}]*\} from '\.\/fixtures\.ts'/.test(source) || /import \{[^}]*\btest\b[^}]*\} from '@playwright\/test'/.test(source);
    });
    expect(escaping).toEqual([]);
  });
});

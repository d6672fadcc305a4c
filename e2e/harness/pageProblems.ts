import type { Page } from '@playwright/test';

/**
 * What the pages of a test said went wrong: uncaught errors, unhandled
 * promise rejections (Chromium reports both as `pageerror`) and console
 * errors. Every page the harness opens is watched here; the `pageProblems`
 * fixture (e2e/fixtures.ts) fails the test that saw one it did not expect.
 */
export interface PageProblem {
  /** Which page: "console window", "reveal window", … */
  readonly page: string;
  readonly text: string;
}

interface WatchedPage {
  readonly label: string;
  readonly problems: string[];
  /** How many of `problems` a check has already looked at. */
  checked: number;
  closed: boolean;
}

// One worker runs one test at a time, so a module-wide list is the worker's list.
const watched: WatchedPage[] = [];

/**
 * Known noise that says nothing about Tessera. Keep it short: every entry
 * names where it comes from and why it is harmless. A test that provokes an
 * error on purpose declares it itself (`pageProblems.expect`), never here.
 */
export const knownPageNoise: ReadonlyArray<{ readonly pattern: RegExp; readonly why: string }> = [];

/** Starts recording a page's problems; returns the live list (the harness exposes it as `app.problems`). */
export function watchPageProblems(page: Page, label: string): string[] {
  const entry: WatchedPage = { label, problems: [], checked: 0, closed: false };
  page.on('pageerror', (error) => entry.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    entry.problems.push(`console error: ${message.text()}${url ? ` (at ${url}:${lineNumber})` : ''}`);
  });
  page.on('close', () => (entry.closed = true));
  watched.push(entry);
  return entry.problems;
}

/**
 * The problems logged since the last call, by every page watched in this
 * worker (including pages opened by a shared `beforeAll`); closed pages whose
 * problems have all been looked at are forgotten.
 */
export function takeNewPageProblems(): PageProblem[] {
  const found: PageProblem[] = [];
  for (const entry of watched) {
    for (const text of entry.problems.slice(entry.checked)) found.push({ page: entry.label, text });
    entry.checked = entry.problems.length;
  }
  for (let i = watched.length - 1; i >= 0; i--) if (watched[i]!.closed) watched.splice(i, 1);
  return found;
}

/** What a test declared it provokes: each pattern must match at least one problem, with the reason. */
export interface ExpectedPageProblem {
  readonly pattern: RegExp;
  readonly why: string;
}

/** Splits what the pages logged into what nobody expected and the declarations that never came true. */
export function judgePageProblems(found: readonly PageProblem[], expected: readonly ExpectedPageProblem[]): { unexpected: PageProblem[]; unseen: ExpectedPageProblem[] } {
  const seen = new Set<ExpectedPageProblem>();
  const unexpected = found.filter((problem) => {
    const declared = expected.filter((e) => e.pattern.test(problem.text));
    for (const e of declared) seen.add(e);
    return declared.length === 0 && !knownPageNoise.some((noise) => noise.pattern.test(problem.text));
  });
  return { unexpected, unseen: expected.filter((e) => !seen.has(e)) };
}

/** The error a test fails with, listing every problem (not just the first). */
export function pageProblemsError(unexpected: readonly PageProblem[], unseen: readonly ExpectedPageProblem[]): Error | null {
  if (unexpected.length === 0 && unseen.length === 0) return null;
  const lines = [
    ...(unexpected.length ? [`The app's pages logged ${unexpected.length} unexpected problem(s):`, ...unexpected.map((p) => `  [${p.page}] ${p.text}`)] : []),
    ...(unseen.length ? ['Problems the test declared but no page logged (is the declaration still true?):', ...unseen.map((e) => `  ${String(e.pattern)} — ${e.why}`)] : []),
  ];
  return new Error(lines.join('\n'));
}

import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchPageProblems } from './pageProblems.ts';
import { startHarnessMain, type HarnessMain } from './harnessMain.ts';
import { chromiumArgs, chromiumPath } from './paths.ts';
import { deliverEventFunction, invokeBinding, preloadInitScript } from './preloadInBrowser.ts';
import { startRendererServer, type RendererServer } from './rendererServer.ts';

export interface HarnessApp {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly main: HarnessMain;
  readonly server: RendererServer;
  readonly origin: string;
  /** Page errors, unhandled rejections and console errors seen so far (e2e/harness/pageProblems.ts). */
  readonly problems: string[];
  /** Every console message of the page (diagnostics). */
  readonly consoleLog: string[];
  /** Main's files (settings, logs, demo tenants) and, in `chromium/`, the browser profile (IndexedDB). */
  readonly profileDir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Reuse a profile (settings, logs) from an earlier run of the app. */
  readonly profileDir?: string;
  /** Reuse a port so the origin, and so IndexedDB, stays the same. */
  readonly port?: number;
  readonly colorScheme?: 'light' | 'dark';
  readonly connectionCheckIntervalMs?: number;
  /** How long main waits for a tenant's answer (a test of a lost answer shortens it). */
  readonly tenantRequestTimeoutMs?: number;
  /** Extra Chromium switches (the benchmark exposes GC). */
  readonly extraArgs?: readonly string[];
  /** Serve more folders on the app's origin (prefix → folder). */
  readonly extraRoots?: Record<string, string>;
  /** Open this path instead of the app (then readiness is the caller's business). */
  readonly entry?: string;
  /** Shorter clipboard clearing and reveal time-out for tests. */
  readonly clipboardClearMs?: number;
  readonly revealTimeoutMs?: number;
  /** Scripts run in the page before the app's own (the benchmark counts IndexedDB requests). */
  readonly initScripts?: readonly string[];
}

/**
 * Starts Tessera as the tests see it: the built renderer served on loopback,
 * opened in Chromium, with the built preload and main's real IPC router
 * bound to the page in place of Electron's IPC.
 */
export async function launchHarnessApp(options: HarnessOptions = {}): Promise<HarnessApp> {
  const server = await startRendererServer({ ...(options.port ? { port: options.port } : {}), ...(options.extraRoots ? { extraRoots: options.extraRoots } : {}) });
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'tessera-profile-'));
  const main = startHarnessMain({
    profileDir,
    trustedOrigin: server.origin,
    ...(options.connectionCheckIntervalMs ? { connectionCheckIntervalMs: options.connectionCheckIntervalMs } : {}),
    ...(options.tenantRequestTimeoutMs ? { tenantRequestTimeoutMs: options.tenantRequestTimeoutMs } : {}),
    ...(options.clipboardClearMs ? { clipboardClearMs: options.clipboardClearMs } : {}),
    ...(options.revealTimeoutMs ? { revealTimeoutMs: options.revealTimeoutMs } : {}),
  });
  // A persistent browser profile, like the app's: IndexedDB and the rest end up on disk.
  const browserProfile = join(profileDir, 'chromium');
  mkdirSync(browserProfile, { recursive: true });
  const context = await chromium.launchPersistentContext(browserProfile, {
    executablePath: chromiumPath,
    args: [...chromiumArgs, ...(options.extraArgs ?? [])],
    viewport: { width: 1360, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.exposeBinding(invokeBinding, (source, channel: unknown, arg: unknown) =>
    main.services.router.dispatch(channel, arg, { url: source.frame.url(), isMainFrame: source.frame.parentFrame() === null }),
  );
  await context.addInitScript({ content: preloadInitScript() });
  for (const content of options.initScripts ?? []) await context.addInitScript({ content });
  const page = context.pages()[0] ?? (await context.newPage());
  // Watched from before the first script runs: the pageProblems fixture fails the test on any of them.
  const problems = watchPageProblems(page, 'console window');
  const consoleLog: string[] = [];
  page.on('console', (message) => consoleLog.push(`${message.type()}: ${message.text()}`));
  main.setEventTarget(async (event, payload) => {
    if (page.isClosed()) return;
    await page.evaluate(([name, fn, data]) => (window as unknown as Record<string, (e: string, p: unknown) => void>)[fn]!(name, data), [event, deliverEventFunction, payload] as const);
  });
  let closed = false;
  await main.services.start();
  await page.goto(`${server.origin}${options.entry ?? '/index.html'}`);
  if (!options.entry) await page.locator('html[data-app-ready="true"]').waitFor();
  return {
    page,
    context,
    main,
    server,
    origin: server.origin,
    problems,
    consoleLog,
    profileDir,
    async close() {
      if (closed) return;
      closed = true;
      main.setEventTarget(null);
      await main.services.stop();
      await main.reveal.close();
      await context.close();
      await server.close();
    },
  };
}

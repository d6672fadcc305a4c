import { chromium, type Browser, type Page } from '@playwright/test';
import { resolveRevealAsset, revealPagePath } from '../../electron/main/app/appProtocolPaths.ts';
import type { RevealWindowPort } from '../../electron/main/ports/revealWindowPort.ts';
import { securityHeaders } from '../../electron/main/security/contentSecurityPolicy.ts';
import { isRevealChannel } from '../../shared/ipc/revealContract.ts';
import { err, ok } from '../../shared/result.ts';
import { chromiumArgs, chromiumPath } from './paths.ts';
import { watchPageProblems } from './pageProblems.ts';
import { revealInvokeBinding, revealPreloadInitScript } from './preloadInBrowser.ts';
import { startRendererServer, type RendererServer } from './rendererServer.ts';

export interface HarnessRevealWindows {
  readonly port: RevealWindowPort;
  /** The reveal page now open, if any (tests read it as a person would). */
  current(): Page | null;
  /** Resolves with the next reveal page once its content is rendered. */
  next(): Promise<Page>;
  /** How many reveal windows were opened so far. */
  readonly opened: () => number;
  close(): Promise<void>;
}

/**
 * The reveal window in the harness: the built reveal page with its built
 * preload, served on its own loopback origin with the reveal CSP, in a
 * separate Chromium with a fresh in-memory profile for every window — as
 * the app gives the window its own in-memory session. Its calls reach main
 * only through a binding on that one page.
 */
export function createHarnessRevealWindows(): HarnessRevealWindows {
  let browser: Browser | null = null;
  let server: RendererServer | null = null;
  let current: Page | null = null;
  let opened = 0;
  const waiters: Array<(page: Page) => void> = [];

  const ensure = async () => {
    server ??= await startRendererServer({
      headers: securityHeaders({ page: 'reveal' }),
      allowPath: (pathname) => resolveRevealAsset('/root', `app://reveal${pathname}`) !== null,
    });
    browser ??= await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
    return { server, browser };
  };

  const port: RevealWindowPort = {
    async open(session, onClosed) {
      const { server: revealServer, browser: revealBrowser } = await ensure();
      const context = await revealBrowser.newContext({ viewport: { width: 560, height: 460 } });
      const page = await context.newPage();
      watchPageProblems(page, 'reveal window');
      let closed = false;
      const finish = () => {
        if (closed) return;
        closed = true;
        if (current === page) current = null;
        onClosed();
      };
      page.on('close', finish);
      await page.exposeBinding(revealInvokeBinding, async (source, channel: unknown) => {
        if (source.page !== page || source.frame !== page.mainFrame() || !source.frame.url().startsWith(`${revealServer.origin}/`)) return err('forbidden', 'Only the window that shows a new token may ask for it.');
        if (!isRevealChannel(channel)) return err('unknown_command', 'Unknown reveal call.');
        try {
          if (channel === 'reveal:load') return ok(session.view());
          if (channel === 'reveal:copy') return ok(await session.copy());
          session.done();
          return ok(null);
        } catch (error) {
          const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'internal';
          return err(code, error instanceof Error ? error.message : String(error));
        }
      });
      await page.addInitScript({ content: revealPreloadInitScript() });
      await page.goto(`${revealServer.origin}${revealPagePath}`);
      await page.locator('html[data-reveal-ready="true"]').waitFor();
      opened += 1;
      current = page;
      for (const resolve of waiters.splice(0)) resolve(page);
      return {
        close() {
          if (!closed) void context.close().catch(() => undefined).finally(finish);
        },
      };
    },
  };

  return {
    port,
    current: () => current,
    next: () => new Promise<Page>((resolve) => waiters.push(resolve)),
    opened: () => opened,
    async close() {
      await browser?.close();
      await server?.close();
      browser = null;
      server = null;
    },
  };
}

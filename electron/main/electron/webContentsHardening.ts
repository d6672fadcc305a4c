import type { WebContents } from 'electron';
import type { Logger } from '../../../shared/logger.ts';
import type { ExternalLinks } from '../security/externalLinkOpener.ts';
import { decideWindowOpen, isAllowedNavigation } from '../security/navigationPolicy.ts';

/**
 * Applied to every web contents the app creates: no navigation away from
 * the app, no new windows (allow-listed links go to the OS browser), no
 * <webview>, and no developer tools where they are not allowed.
 */
export function hardenWebContents(
  contents: WebContents,
  deps: { appOrigins: readonly string[]; externalLinks: ExternalLinks; logger: Logger; allowDevTools: boolean },
): void {
  const { appOrigins, externalLinks, logger } = deps;
  const blockNavigation = (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, appOrigins)) return;
    event.preventDefault();
    logger.warn('navigation blocked', { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', (event) => blockNavigation(event, event.url));
  contents.on('will-frame-navigate', (event) => blockNavigation(event, event.url));
  contents.on('will-redirect', (event) => blockNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, externalLinks.isAllowed);
    if (decision.openExternally) void externalLinks.open(url).catch(() => undefined);
    else logger.warn('window.open blocked', { url: url.slice(0, 200) });
    return { action: decision.action };
  });
  if (!deps.allowDevTools) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

import { originOf } from '../ipc/senderPolicy.ts';

/**
 * Tessera is a single-page app: it never navigates its windows. Every
 * navigation (link click, `location = …`, redirect, drag-and-drop of a URL)
 * is blocked, except a reload of the app's own page.
 */
export function isAllowedNavigation(targetUrl: string, appOrigins: readonly string[]): boolean {
  const origin = originOf(targetUrl);
  return origin !== null && appOrigins.includes(origin);
}

export type WindowOpenDecision = { action: 'deny'; openExternally: boolean };

/**
 * `window.open` and `target=_blank` never create a window; an allow-listed
 * https link is handed to the OS browser instead.
 */
export function decideWindowOpen(url: string, isAllowedExternal: (url: string) => boolean): WindowOpenDecision {
  return { action: 'deny', openExternally: isAllowedExternal(url) };
}

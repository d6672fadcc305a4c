import { extname, join, normalize, sep } from 'node:path';

/** The app's own origin: pages and assets are served from `app://tessera/`. */
export const appScheme = 'app';
const appHost = 'tessera';
export const appOrigin = `${appScheme}://${appHost}`;
/** The reveal window's own origin: nothing of the console's storage, and main's router refuses it. */
const revealHost = 'reveal';
export const revealOrigin = `${appScheme}://${revealHost}`;
export const revealPagePath = '/reveal.html';

/**
 * Maps an `app://tessera/…` URL to a file under the built renderer folder,
 * or null when it points anywhere else (another host, `..` escapes,
 * encoded separators). Paths without an extension are the single-page app.
 */
export function resolveAppAsset(rendererRoot: string, requestUrl: string, host: string = appHost): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== host) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = normalize(rendererRoot);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return file;
}

/** `app://reveal/…` serves the reveal page and its built assets, nothing else of the renderer. */
export function resolveRevealAsset(rendererRoot: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(requestUrl).pathname;
  } catch {
    return null;
  }
  if (pathname !== revealPagePath && !/^\/assets\/reveal[-.][\w.-]+\.(js|css)$/.test(pathname)) return null;
  return resolveAppAsset(rendererRoot, requestUrl, revealHost);
}

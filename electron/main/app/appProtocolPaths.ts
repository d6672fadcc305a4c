import { extname, join, normalize, sep } from 'node:path';

/** The app's own origin: pages and assets are served from `app://tessera/`. */
export const appScheme = 'app';
export const appHost = 'tessera';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Maps an `app://tessera/…` URL to a file under the built renderer folder,
 * or null when it points anywhere else (another host, `..` escapes,
 * encoded separators). Paths without an extension are the single-page app.
 */
export function resolveAppAsset(rendererRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return null;
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

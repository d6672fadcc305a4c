import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { appScheme, resolveAppAsset } from '../app/appProtocolPaths.ts';
import { securityHeaders } from '../security/contentSecurityPolicy.ts';

/** Must run before `app.ready`: `app://` behaves like https (secure context, IndexedDB, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from `app://tessera/`, with the security headers on every response. */
export function serveRenderer(rendererRoot: string): void {
  const headers = securityHeaders();
  protocol.handle(appScheme, async (request) => {
    const file = resolveAppAsset(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const merged = new Headers(response.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(response.body, { status: response.status, headers: merged });
  });
}

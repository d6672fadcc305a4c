import { net, protocol, type Session } from 'electron';
import { pathToFileURL } from 'node:url';
import { appScheme, resolveAppAsset, resolveRevealAsset } from '../app/appProtocolPaths.ts';
import { securityHeaders } from '../security/contentSecurityPolicy.ts';

/** Must run before `app.ready`: `app://` behaves like https (secure context, IndexedDB, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from `app://tessera/`, with the security headers on every response. */
export function serveRenderer(rendererRoot: string): void {
  serve(protocol, (url) => resolveAppAsset(rendererRoot, url), securityHeaders());
}

/** Serves `app://reveal/reveal.html` and its assets in the reveal window's own session, with its stricter policy. */
export function serveReveal(revealSession: Session, rendererRoot: string): void {
  serve(revealSession.protocol, (url) => resolveRevealAsset(rendererRoot, url), securityHeaders({ page: 'reveal' }));
}

function serve(target: Pick<typeof protocol, 'handle'>, resolve: (url: string) => string | null, headers: Record<string, string>): void {
  target.handle(appScheme, async (request) => {
    const file = resolve(request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const merged = new Headers(response.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(response.body, { status: response.status, headers: merged });
  });
}

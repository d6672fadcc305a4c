import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { securityHeaders } from '../../electron/main/security/contentSecurityPolicy.ts';
import { builtRenderer } from './paths.ts';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface RendererServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer over loopback with the same security headers the
 * app protocol sends, standing in for `app://tessera`. A fixed port keeps
 * the origin (and so IndexedDB) the same across a restart of the app.
 */
export async function startRendererServer(
  options: { port?: number; root?: string; extraRoots?: Record<string, string>; headers?: Record<string, string>; allowPath?: (pathname: string) => boolean } = {},
): Promise<RendererServer> {
  const headers = options.headers ?? securityHeaders();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Extra pages (the benchmark page) are served under their own path prefix on the same origin.
    const extra = Object.entries(options.extraRoots ?? {}).find(([prefix]) => url.pathname.startsWith(prefix));
    const root = normalize(extra ? extra[1] : (options.root ?? builtRenderer));
    if (extra) url.pathname = url.pathname.slice(extra[0].length - 1);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (options.allowPath && !options.allowPath(pathname)) {
      response.writeHead(404, headers).end('Not found');
      return;
    }
    const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname.slice(1);
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      response.writeHead(404, headers).end('Not found');
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': mimeTypes[extname(file)] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../shared/logger.ts';
import { routes } from '../../shared/api/routes.ts';
import { ApiError } from '../domain/apiError.ts';
import type { TenantStore } from '../domain/tenantStore.ts';
import { errorResult, send } from './httpResults.ts';
import type { RateLimit } from './rateLimiter.ts';
import { createRequestPipeline } from './requestPipeline.ts';

export interface HttpServerOptions {
  readonly store: TenantStore;
  readonly logger: Logger;
  readonly host?: string;
  readonly port?: number;
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly rateLimit?: RateLimit;
  readonly accessTokenTtlSeconds?: number;
  /** Answer within this time or fail with 500 (the socket is closed after it). */
  readonly requestTimeoutMs?: number;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The HTTP face of a tenant: routes from the shared route table, strict
 * content types, body limits, unknown fields refused, rate limiting with
 * `Retry-After`, request timeouts, and one structured log line per request
 * that never holds a secret (paths only, no query strings or headers).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { store, logger } = options;
  const streams = new Set<ServerResponse>();
  const handle = createRequestPipeline(store, {
    streams,
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
    ...(options.accessTokenTtlSeconds !== undefined ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
  });

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const log = (status: number, route: string, client?: string) =>
      logger.info('request', { method: request.method, path: (request.url ?? '').split('?')[0], route, status, ms: Math.round(performance.now() - started), ...(client ? { client } : {}) });
    handle(request, response).then(
      (outcome) => log(outcome.status, outcome.route, outcome.client),
      (error: unknown) => {
        if (error instanceof ApiError) {
          const headers: Record<string, string> | undefined = error.code === 'invalid_token' ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : undefined;
          const result = errorResult(error, headers);
          // The token endpoint answers in RFC 6749's shape as well.
          const isTokenEndpoint = (request.url ?? '').split('?')[0] === routes.oauthToken.path;
          send(response, isTokenEndpoint ? { ...result, body: { error: 'invalid_request', error_description: error.message, ...(result.body as object) } } : result);
          log(error.status, '-');
          // A body we refused to read would otherwise keep the connection busy.
          if (error.code === 'payload_too_large') response.once('finish', () => request.destroy());
          return;
        }
        logger.error('request failed', { method: request.method, path: (request.url ?? '').split('?')[0], error });
        send(response, errorResult(new ApiError('internal', 'The tenant server failed to handle this request.')));
        log(500, '-');
      },
    );
  };

  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const timeouts = {
    requestTimeout,
    headersTimeout: Math.min(requestTimeout, 15_000),
    // How often Node checks those timeouts (its default, 30 s, would let a stalled request linger).
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(requestTimeout / 2))),
    keepAliveTimeout: 5_000,
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, ...timeouts }, onRequest) : createHttpServer(timeouts, onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls ? 'https' : 'http'}://${host}:${address.port}`;
  return {
    url,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}

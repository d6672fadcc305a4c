import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../shared/logger.ts';
import { serverManagedFields, type Scope } from '../../shared/api/common.ts';
import { buildOpenApiDocument } from '../../shared/api/openapi.ts';
import { oneMiB, routes, type RouteId, type RouteSpec } from '../../shared/api/routes.ts';
import { verifyAccessToken } from '../domain/accessTokens.ts';
import { ApiError } from '../domain/apiError.ts';
import { findAdminClient } from '../domain/clients.ts';
import { tokenFromBearer } from '../domain/integrationApi.ts';
import type { TenantStore } from '../domain/tenantStore.ts';
import { createRouteHandlers, type AdminAuth, type HandlerContext, type HandlerResult } from './handlers.ts';
import { handleTokenRequest } from './oauth.ts';
import { RateLimiter, type RateLimit } from './rateLimiter.ts';
import { openReplicationStream } from './replicationStream.ts';
import { mediaType, parseIfMatch, parseJson, readBody } from './requestBody.ts';
import { issueList, issuesText, type IssueLike } from '../../shared/validationIssues.ts';

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

interface CompiledRoute {
  readonly id: RouteId;
  readonly spec: RouteSpec;
  readonly pattern: RegExp;
  readonly params: string[];
}

function compile(): CompiledRoute[] {
  return (Object.entries(routes) as Array<[RouteId, RouteSpec]>).map(([id, spec]) => {
    const params: string[] = [];
    const source = spec.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      params.push(name);
      return '([^/]+)';
    });
    return { id, spec, pattern: new RegExp(`^${source}$`), params };
  });
}

const compiledRoutes = compile();

/** A path segment's text, or null when its percent-encoding is broken (`%E0%A4%A`, a lone `%`). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function match(method: string, pathname: string): { route: CompiledRoute; params: Record<string, string> } | { allowed: string[] } | { malformed: string } | null {
  const allowed: string[] = [];
  for (const route of compiledRoutes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.spec.method !== method) {
      allowed.push(route.spec.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const [i, name] of route.params.entries()) {
      const value = decodeSegment(m[i + 1]!);
      if (value === null) return { malformed: name };
      params[name] = value;
    }
    return { route, params };
  }
  return allowed.length > 0 ? { allowed } : null;
}

function send(response: ServerResponse, result: HandlerResult): void {
  if (response.headersSent) return;
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...result.headers };
  if (result.body === undefined || result.status === 204) {
    response.writeHead(result.status, headers).end();
    return;
  }
  const text = JSON.stringify(result.body);
  response.writeHead(result.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

function errorResult(error: ApiError, headers?: Record<string, string>): HandlerResult {
  return { status: error.status, body: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) }, ...(headers ? { headers } : {}) };
}

/** A body that breaks the schema is 422 `validation_failed`; a query that does is a malformed request, 400 `invalid_request`. Both name the fields. */
function validationError(issues: readonly IssueLike[], where: string, code: 'validation_failed' | 'invalid_request' = 'validation_failed'): ApiError {
  return new ApiError(code, `Invalid ${where}: ${issuesText(issues)}`, issueList(issues));
}

/** Server-managed fields are ignored when a client sends them. */
function withoutServerManaged(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of serverManagedFields) delete copy[field];
  return copy;
}

/**
 * The HTTP face of a tenant: routes from the shared route table, strict
 * content types, body limits, unknown fields refused, rate limiting with
 * `Retry-After`, request timeouts, and one structured log line per request
 * that never holds a secret (paths only, no query strings or headers).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { store, logger } = options;
  const handlers = createRouteHandlers(store);
  const limiter = new RateLimiter(options.rateLimit ?? { perSecond: 200, burst: 400 });
  const ttl = options.accessTokenTtlSeconds ?? 900;
  const streams = new Set<ServerResponse>();
  let openApi: string | null = null;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<{ status: number; route: string; client?: string }> => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://tenant.invalid');
    const clientAddress = request.socket.remoteAddress ?? '';
    const userAgent = String(request.headers['user-agent'] ?? '').slice(0, 256);
    const found = match(method, url.pathname);
    if (!found) {
      send(response, errorResult(new ApiError('not_found', `No such endpoint: ${method} ${url.pathname}.`)));
      return { status: 404, route: '-' };
    }
    if ('allowed' in found) {
      send(response, errorResult(new ApiError('method_not_allowed', `${method} is not allowed here; use ${found.allowed.join(', ')}.`), { Allow: found.allowed.join(', ') }));
      return { status: 405, route: '-' };
    }
    if ('malformed' in found) {
      send(response, errorResult(new ApiError('invalid_request', `The path's ${found.malformed} is not valid percent-encoded text.`, [{ path: found.malformed, message: 'malformed percent-encoding' }])));
      return { status: 400, route: '-' };
    }
    const { route, params } = found;
    const spec = route.spec;

    if (route.id === 'getOpenApi') {
      openApi ??= JSON.stringify(buildOpenApiDocument());
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(openApi);
      return { status: 200, route: route.id };
    }

    // Who is calling (admin client, API token, or just an address), for auth and rate limiting.
    let auth: AdminAuth | null = null;
    let rateKey = `addr:${clientAddress}`;
    const authorization = request.headers.authorization;
    if (spec.auth === 'admin') {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      const claims = bearer ? verifyAccessToken(store, bearer) : null;
      const client = claims?.kind === 'admin' ? findAdminClient(store, claims.sub) : null;
      if (!claims || !client) {
        throw new ApiError('invalid_token', bearer ? 'The access token is invalid or has expired; get a new one from /oauth/token.' : 'Send an admin access token as "Authorization: Bearer <token>".');
      }
      auth = { client, scopes: claims.scopes.filter((s): s is Scope => client.scopes.includes(s)), expiresAt: claims.exp };
      rateKey = `client:${client.id}`;
      if (spec.scope && !auth.scopes.includes(spec.scope)) {
        throw new ApiError('insufficient_scope', `This needs the "${spec.scope}" scope; the access token has: ${auth.scopes.join(' ') || '(none)'}.`, { required: spec.scope });
      }
    } else if (spec.auth === 'integration') {
      const token = tokenFromBearer(store, authorization);
      if (token) rateKey = `token:${token.id}`;
    }
    const wait = limiter.take(rateKey);
    if (wait > 0) {
      send(response, errorResult(new ApiError('rate_limited', `Too many requests; try again in ${wait} s.`, { retryAfterSeconds: wait }), { 'Retry-After': String(wait) }));
      return { status: 429, route: route.id, ...(auth ? { client: auth.client.id } : {}) };
    }

    // Query string
    let query: unknown = {};
    if (spec.query) {
      const parsed = spec.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) throw validationError(parsed.error.issues, 'query', 'invalid_request');
      query = parsed.data;
    }

    // Body
    let body: unknown = undefined;
    let form: URLSearchParams | null = null;
    if (spec.body) {
      const expected = spec.bodyKind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
      if (mediaType(request) !== expected) throw new ApiError('unsupported_media_type', `Send the body as ${expected}.`);
      const raw = await readBody(request, spec.maxBodyBytes ?? oneMiB);
      if (spec.bodyKind === 'form') {
        form = new URLSearchParams(raw.toString('utf8'));
      } else {
        const parsed = spec.body.safeParse(route.id === 'replicationPush' ? parseJson(raw) : withoutServerManaged(parseJson(raw)));
        if (!parsed.success) throw validationError(parsed.error.issues, 'body');
        body = parsed.data;
      }
    } else if (method !== 'GET' && method !== 'DELETE') {
      await readBody(request, oneMiB);
    }

    if (route.id === 'oauthToken') {
      const result = handleTokenRequest(store, request, form ?? new URLSearchParams(), { accessTokenTtlSeconds: ttl, clientAddress, userAgent });
      send(response, result);
      return { status: result.status, route: route.id };
    }
    if (route.id === 'replicationStream') {
      openReplicationStream(store, response, auth!.expiresAt, streams);
      return { status: 200, route: route.id, client: auth!.client.id };
    }
    const ctx: HandlerContext<RouteId> = {
      params,
      query: query as never,
      body: body as never,
      auth,
      ifMatch: spec.ifMatch ? parseIfMatch(request.headers['if-match'] as string | undefined) : undefined,
      clientAddress,
      userAgent,
      authorization,
    };
    const handler = handlers[route.id as keyof typeof handlers] as (c: HandlerContext<RouteId>) => HandlerResult;
    const result = handler(ctx);
    send(response, result);
    return { status: result.status, route: route.id, ...(auth ? { client: auth.client.id } : {}) };
  };

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

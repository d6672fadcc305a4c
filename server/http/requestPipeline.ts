import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildOpenApiDocument } from '../../shared/api/openapi.ts';
import type { RouteId } from '../../shared/api/routes.ts';
import { ApiError } from '../domain/apiError.ts';
import type { TenantStore } from '../domain/tenantStore.ts';
import { identifyCaller, type Caller } from './callerIdentity.ts';
import { createRouteHandlers, type HandlerContext, type HandlerResult, type RouteHandlers } from './handlers.ts';
import { errorResult, send } from './httpResults.ts';
import { handleTokenRequest } from './oauth.ts';
import { RateLimiter, type RateLimit } from './rateLimiter.ts';
import { openReplicationStream } from './replicationStream.ts';
import { parseIfMatch } from './requestBody.ts';
import { readRequestInput, type RequestInput } from './requestInput.ts';
import { matchRoute, unmatchedResult } from './routeMatching.ts';

/** What became of a request, for its log line. */
export interface RequestOutcome {
  readonly status: number;
  readonly route: string;
  readonly client?: string;
}

export interface PipelineOptions {
  readonly rateLimit?: RateLimit;
  readonly accessTokenTtlSeconds?: number;
  /** Open replication streams, ended when the server closes. */
  readonly streams: Set<ServerResponse>;
}

interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly caller: Caller;
  readonly input: RequestInput;
  readonly context: HandlerContext<RouteId>;
}

/** Routes that answer on the response themselves (a form in RFC 6749's shape, an event stream) instead of with a JSON result. */
type ResponseRoute = (exchange: Exchange) => RequestOutcome;

const clientOf = (caller: Caller) => (caller.auth ? { client: caller.auth.client.id } : {});

/**
 * Every request, in order: match a route, serve the OpenAPI document
 * (before anything else: no authentication, no rate limit), identify the
 * caller, rate-limit, read and validate query and body, then run the
 * route's handler. Failures are thrown as `ApiError`s; the server turns
 * them into answers.
 */
export function createRequestPipeline(store: TenantStore, options: PipelineOptions): (request: IncomingMessage, response: ServerResponse) => Promise<RequestOutcome> {
  const handlers = createRouteHandlers(store);
  const limiter = new RateLimiter(options.rateLimit ?? { perSecond: 200, burst: 400 });
  const ttl = options.accessTokenTtlSeconds ?? 900;
  let openApi: string | null = null;

  const responseRoutes: Partial<Record<RouteId, ResponseRoute>> = {
    oauthToken: ({ request, response, input, context }) => {
      const result = handleTokenRequest(store, request, input.form ?? new URLSearchParams(), { accessTokenTtlSeconds: ttl, clientAddress: context.clientAddress, userAgent: context.userAgent });
      send(response, result);
      return { status: result.status, route: 'oauthToken' };
    },
    replicationStream: ({ response, caller }) => {
      openReplicationStream(store, response, caller.auth!.expiresAt, options.streams);
      return { status: 200, route: 'replicationStream', ...clientOf(caller) };
    },
  };

  return async (request, response) => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://tenant.invalid');
    const found = matchRoute(method, url.pathname);
    if (!('route' in found)) {
      const result = unmatchedResult(method, url.pathname, found);
      send(response, result);
      return { status: result.status, route: '-' };
    }
    const { route, params } = found;
    if (route.id === 'getOpenApi') {
      openApi ??= JSON.stringify(buildOpenApiDocument());
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(openApi);
      return { status: 200, route: route.id };
    }
    const caller = identifyCaller(store, route.spec, request);
    const wait = limiter.take(caller.rateKey);
    if (wait > 0) {
      send(response, errorResult(new ApiError('rate_limited', `Too many requests; try again in ${wait} s.`, { retryAfterSeconds: wait }), { 'Retry-After': String(wait) }));
      return { status: 429, route: route.id, ...clientOf(caller) };
    }
    const input = await readRequestInput(request, url, route.spec);
    const context: HandlerContext<RouteId> = {
      params,
      query: input.query as never,
      body: input.body as never,
      auth: caller.auth,
      ifMatch: route.spec.ifMatch ? parseIfMatch(request.headers['if-match'] as string | undefined) : undefined,
      clientAddress: request.socket.remoteAddress ?? '',
      userAgent: String(request.headers['user-agent'] ?? '').slice(0, 256),
      authorization: request.headers.authorization,
    };
    const answersItself = responseRoutes[route.id];
    if (answersItself) return answersItself({ request, response, caller, input, context });
    const handler = handlers[route.id as keyof RouteHandlers] as (c: HandlerContext<RouteId>) => HandlerResult;
    const result = handler(context);
    send(response, result);
    return { status: result.status, route: route.id, ...clientOf(caller) };
  };
}

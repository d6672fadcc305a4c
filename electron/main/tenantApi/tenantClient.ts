import type { z } from 'zod';
import { apiErrorSchema, isPlainId, type Scope } from '../../../shared/api/common.ts';
import { oauthErrorSchema, oauthTokenResponseSchema } from '../../../shared/api/oauth.ts';
import { routes, type RouteId, type RouteSpec } from '../../../shared/api/routes.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { IncomingMessage } from 'node:http';
import { openStream, sendHttp, TransportError, type HttpExchange, type HttpResult } from './httpTransport.ts';
import { tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';
import { fromTransport } from './tenantErrors.ts';
import { issueList, issuesText } from '../../../shared/validationIssues.ts';
import { backoffMs, maxRetryAfterMs, parseJsonOrNull, retryAfterMs } from './httpAnswers.ts';

/** Where a tenant is and who we are there. The secret is fetched from the vault when needed. */
export interface TenantEndpoint {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly caCertificate: string | null;
}

/** The `{name}` placeholders of a route's path, as the names its `params` must give. */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;
type ParamsOf<R extends RouteId> = Readonly<Record<PathParams<(typeof routes)[R]['path']>, string>>;
type QueryOf<R extends RouteId> = (typeof routes)[R] extends { query: infer Q extends z.ZodType } ? z.input<Q> : never;
type BodyOf<R extends RouteId> = (typeof routes)[R] extends { body: infer B extends z.ZodType } ? z.input<B> : never;
type SuccessSchemas<R extends RouteId> = (typeof routes)[R]['responses'][keyof (typeof routes)[R]['responses']];
export type RouteOutput<R extends RouteId> = SuccessSchemas<R> extends infer S ? (S extends z.ZodType ? z.output<S> : null) : never;

/** Request and response types come from the route's schemas in `shared/api/routes.ts`. */
export interface CallInput<R extends RouteId, S extends z.ZodType | undefined = undefined> {
  readonly params?: ParamsOf<R>;
  readonly query?: QueryOf<R>;
  readonly body?: BodyOf<R>;
  readonly ifMatch?: number;
  readonly signal?: AbortSignal;
  /** Override the response size limit (replication pages are larger). */
  readonly maxResponseBytes?: number;
  /** Validate the success answer with this narrower schema (one collection's documents instead of the union). */
  readonly responseSchema?: S;
}

/** What a call answers: the route's success type, or what the narrower schema gives. */
type CallOutput<R extends RouteId, S> = S extends z.ZodType ? z.output<S> : RouteOutput<R>;

export interface TenantClientOptions {
  readonly endpoint: TenantEndpoint;
  /** The client secret, read from the OS keychain only when a token is needed. */
  readonly secret: () => Promise<string | null>;
  readonly logger: Logger;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly maxResponseBytes?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  /** The HTTP exchange (tests count or break calls through it). */
  readonly send?: (exchange: HttpExchange) => Promise<HttpResult>;
}

/**
 * Routes that are safe to send again when the answer was lost: reads,
 * writes the server makes idempotent (replication push, PATCH/DELETE of a
 * resource), never ones that mint something (tokens, termination).
 */
const retryable: ReadonlySet<RouteId> = new Set<RouteId>([
  'getOpenApi', 'getTenant', 'listTechnicalUsers', 'getTechnicalUser', 'patchTechnicalUser', 'deleteTechnicalUser',
  'getEffectivePermissions', 'getTechnicalUserHistory', 'listRoles', 'getRole', 'patchRole', 'deleteRole', 'listTokens',
  'patchToken', 'revokeToken', 'listDailySessions', 'listSessions', 'listAudit', 'listEmployees', 'listEmployeeIntegrations',
  'replicationPull', 'replicationPush',
]);


interface CachedToken {
  readonly value: string;
  readonly scopes: Scope[];
  readonly expiresAt: number;
  readonly lifetimeMs: number;
}

/**
 * Talks Tenant Admin API v1 for one connection: OAuth2 client credentials
 * (the access token lives in this object's memory only, refreshed before it
 * expires or on a 401), timeouts, retries with exponential backoff and
 * jitter, `Retry-After` on 429, and every answer checked against the shared
 * contract so a malformed or hostile response is an error, not a crash.
 */
export class TenantClient {
  private readonly options: TenantClientOptions;
  private token: CachedToken | null = null;
  private tokenRequest: Promise<CachedToken> | null = null;
  private readonly send: (exchange: HttpExchange) => Promise<HttpResult>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: TenantClientOptions) {
    this.options = options;
    this.send = options.send ?? sendHttp;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  get endpoint(): TenantEndpoint {
    return this.options.endpoint;
  }

  /** Scopes of the current access token (empty before the first one). */
  grantedScopes(): Scope[] {
    return this.token ? [...this.token.scopes] : [];
  }

  /** Forget the access token (the secret changed, or the connection is going away). */
  reset(): void {
    this.token = null;
    this.tokenRequest = null;
  }

  /** A valid access token, fetched or refreshed as needed. */
  async accessToken(force = false): Promise<CachedToken> {
    const current = this.token;
    const margin = current ? Math.min(60_000, current.lifetimeMs / 5) : 0;
    if (!force && current && current.expiresAt - margin > this.now()) return current;
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = null;
    });
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<CachedToken> {
    const secret = await this.options.secret();
    if (!secret) throw new CodedError(tenantErrorCodes.noSecret, 'The client secret of this connection is not in the keychain any more. Edit the connection and enter it again.');
    const { clientId } = this.options.endpoint;
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
    const result = await this.exchange('oauthToken', {
      method: 'POST',
      path: routes.oauthToken.path,
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    if (result.status !== 200) {
      const parsed = oauthErrorSchema.safeParse(parseJsonOrNull(result.body));
      if (result.status === 401 || (parsed.success && parsed.data.error === 'invalid_client')) {
        throw new CodedError(tenantErrorCodes.authFailed, 'The tenant refused this client id and secret (invalid_client). Check them, or whether the client still exists.');
      }
      throw new CodedError(tenantErrorCodes.authFailed, parsed.success ? `The tenant refused the sign-in: ${parsed.data.error_description}` : `The tenant refused the sign-in (HTTP ${result.status}).`);
    }
    const parsed = oauthTokenResponseSchema.safeParse(parseJsonOrNull(result.body));
    if (!parsed.success) throw invalidResponse('the access token', parsed.error.issues);
    const lifetimeMs = parsed.data.expires_in * 1000;
    this.token = { value: parsed.data.access_token, scopes: parsed.data.scope.split(' ').filter(Boolean) as Scope[], expiresAt: this.now() + lifetimeMs, lifetimeMs };
    return this.token;
  }

  /** One API call; throws `CodedError` with the tenant's code, or a `tenant_*` code for transport trouble. */
  async call<R extends RouteId, S extends z.ZodType | undefined = undefined>(routeId: R, input: CallInput<R, S> = {}): Promise<CallOutput<R, S>> {
    const route = routes[routeId] as RouteSpec;
    const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = (input.params as Record<string, string> | undefined)?.[name];
      if (value === undefined) throw new Error(`missing path parameter ${name} for ${routeId}`);
      // Checked before a URL is built: `.` or `..` would be resolved as path steps and reach another endpoint.
      if (!isPlainId(value)) throw new CodedError('invalid_id', `"${value.slice(0, 40)}" is not an id Tessera sends to a tenant (letters, digits and . _ : -, not . or ..).`, { parameter: name });
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) query.set(key, String(value));
    }
    const headers: Record<string, string> = {};
    if (input.body !== undefined) headers['Content-Type'] = 'application/json';
    if (input.ifMatch !== undefined) headers['If-Match'] = `"${input.ifMatch}"`;
    let refreshed = false;
    for (;;) {
      if (route.auth === 'admin') headers.Authorization = `Bearer ${(await this.accessToken()).value}`;
      const result = await this.exchange(routeId, {
        method: route.method,
        path: query.size ? `${path}?${query}` : path,
        headers,
        ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.maxResponseBytes ? { maxResponseBytes: input.maxResponseBytes } : {}),
      });
      if (result.status === 401 && route.auth === 'admin' && !refreshed) {
        // The access token expired early or the server restarted with a new key: get a new one once.
        refreshed = true;
        this.token = null;
        continue;
      }
      return this.interpret(routeId, route, result, input.responseSchema) as CallOutput<R, S>;
    }
  }

  private interpret(routeId: RouteId, route: RouteSpec, result: HttpResult, narrower?: z.ZodType): unknown {
    const declared = route.responses[result.status];
    const schema = declared && narrower ? narrower : declared;
    if (schema !== undefined) {
      if (schema === null) return null;
      const type = String(result.headers['content-type'] ?? '');
      if (!type.startsWith('application/json')) throw new CodedError(tenantErrorCodes.invalidResponse, `The tenant answered ${route.summary.toLowerCase()} with ${type || 'no content type'} instead of JSON.`);
      const body = parseJsonOrNull(result.body);
      if (body === undefined) throw new CodedError(tenantErrorCodes.invalidResponse, 'The tenant sent malformed JSON.');
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw invalidResponse(routeId, parsed.error.issues);
      return parsed.data;
    }
    const error = apiErrorSchema.safeParse(parseJsonOrNull(result.body));
    if (error.success) throw new CodedError(error.data.code, error.data.message, error.data.details);
    throw new CodedError(tenantErrorCodes.invalidResponse, `The tenant answered HTTP ${result.status} without a Tenant Admin API error.`);
  }

  /** Sends one request with timeouts, retries and redirect rules; returns the final HTTP result. */
  private async exchange(
    routeId: RouteId,
    request: { method: string; path: string; headers: Record<string, string>; body?: string; signal?: AbortSignal; maxResponseBytes?: number },
  ): Promise<HttpResult> {
    const base = new URL(this.options.endpoint.baseUrl.replace(/\/+$/, '') + '/');
    const url = new URL(request.path.replace(/^\//, ''), base);
    const maxRetries = retryable.has(routeId) || routeId === 'oauthToken' ? (this.options.maxRetries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      let result: HttpResult;
      try {
        result = await this.send({
          method: request.method,
          url,
          headers: request.headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          caCertificate: this.options.endpoint.caCertificate,
          timeoutMs: this.options.timeoutMs ?? 15_000,
          maxResponseBytes: request.maxResponseBytes ?? this.options.maxResponseBytes ?? 8 * 1024 * 1024,
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        const transport = error instanceof TransportError ? error : new TransportError('network', String(error));
        const transient = transport.kind === 'refused' || transport.kind === 'reset' || transport.kind === 'timeout' || transport.kind === 'network';
        if (transient && attempt < maxRetries && !request.signal?.aborted) {
          await this.sleep(backoffMs(attempt, this.random));
          continue;
        }
        throw fromTransport(transport);
      }
      if (result.status >= 300 && result.status < 400) {
        const location = String(result.headers.location ?? '');
        const target = location ? new URL(location, url) : null;
        const origin = target ? `${target.protocol}//${target.host}` : 'nowhere';
        throw new CodedError(
          tenantErrorCodes.redirect,
          target && `${target.protocol}//${target.host}` !== `${url.protocol}//${url.host}`
            ? `The tenant redirected to another origin (${origin}); Tessera does not follow that with your credentials.`
            : `The tenant answered with a redirect (HTTP ${result.status}); check the base URL of this connection.`,
        );
      }
      if (result.status === 429 && attempt < Math.max(maxRetries, 1)) {
        const wait = Math.min(maxRetryAfterMs, retryAfterMs(result.headers) ?? backoffMs(attempt, this.random));
        this.options.logger.info('tenant asked to slow down', { route: routeId, waitMs: wait });
        await this.sleep(wait);
        continue;
      }
      if (result.status === 429) throw new CodedError(tenantErrorCodes.rateLimited, 'The tenant is limiting requests; try again in a moment.');
      if (result.status >= 500 && attempt < maxRetries) {
        this.options.logger.warn('tenant error, retrying', { route: routeId, status: result.status, attempt: attempt + 1 });
        await this.sleep(backoffMs(attempt, this.random));
        continue;
      }
      return result;
    }
  }

  /**
   * Opens `GET /replication/stream` with a fresh access token; resolves with
   * the response once the server has answered 200 (the caller reads and
   * closes it), or throws a `CodedError`.
   */
  async openReplicationStream(signal: AbortSignal): Promise<IncomingMessage> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const base = new URL(this.options.endpoint.baseUrl.replace(/\/+$/, '') + '/');
      const url = new URL(routes.replicationStream.path.replace(/^\//, ''), base);
      let response: IncomingMessage;
      try {
        response = await openStream({ url, headers: { Authorization: `Bearer ${token.value}`, Accept: 'text/event-stream' }, caCertificate: this.options.endpoint.caCertificate, timeoutMs: this.options.timeoutMs ?? 15_000, signal });
      } catch (error) {
        throw fromTransport(error instanceof TransportError ? error : new TransportError('network', String(error)));
      }
      if (response.statusCode === 200) return response;
      response.resume();
      if (response.statusCode === 401 && attempt === 0) {
        this.token = null;
        continue;
      }
      throw new CodedError(response.statusCode === 401 ? tenantErrorCodes.authFailed : tenantErrorCodes.invalidResponse, `The tenant refused the replication stream (HTTP ${response.statusCode}).`);
    }
  }

}



function invalidResponse(what: string, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): CodedError {
  const where = issues.length > 0 ? issuesText(issues.slice(0, 1)) : 'unknown';
  return new CodedError(tenantErrorCodes.invalidResponse, `The tenant's answer for ${what} does not match Tenant Admin API v1 (${where}).`, { issues: issueList(issues.slice(0, 5)) });
}


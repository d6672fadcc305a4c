import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scope } from '../../shared/api/common.ts';
import { AdjustableClock } from '../domain/clock.ts';
import { addAdminClient } from '../domain/clients.ts';
import type { RateLimit } from '../http/rateLimiter.ts';
import type { MailRelay } from '../mail/notificationMailer.ts';
import { startTenantServer, type RunningTenantServer } from '../tenantServer.ts';
import { OpenApiValidator } from './openApiValidator.ts';

export const allScopes: Scope[] = ['admin:read', 'admin:write', 'tokens:issue', 'employees:manage'];

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly form?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** Send this raw text as the body (with `headers` choosing the content type). */
  readonly raw?: string;
  /** Skip OpenAPI validation (for deliberately malformed exchanges). */
  readonly unchecked?: boolean;
}

/**
 * A tenant server for a test: a real HTTP server on loopback over a fresh
 * SQLite file, an adjustable clock, captured logs, and a client whose every
 * response is checked against the OpenAPI document the server serves.
 */
export class TestTenant {
  readonly logs: string[] = [];
  server!: RunningTenantServer;
  validator!: OpenApiValidator;
  readonly dataFile: string;

  private constructor(dataFile: string) {
    this.dataFile = dataFile;
  }

  static async start(options: { seed?: 'demo' | 'empty'; planLimit?: number; rateLimit?: RateLimit; accessTokenTtlSeconds?: number; name?: string; technicalUsers?: number; employees?: number; dataFile?: string; requestTimeoutMs?: number; port?: number; smtp?: MailRelay } = {}): Promise<TestTenant> {
    const tenant = new TestTenant(options.dataFile ?? join(mkdtempSync(join(tmpdir(), 'tessera-tenant-')), 'tenant.db'));
    tenant.server = await startTenantServer({
      dataFile: tenant.dataFile,
      seed: options.seed ?? 'empty',
      ...(options.planLimit !== undefined ? { planLimit: options.planLimit } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.accessTokenTtlSeconds ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
      ...(options.name ? { name: options.name } : {}),
      ...(options.technicalUsers ? { technicalUsers: options.technicalUsers } : {}),
      ...(options.employees ? { employees: options.employees } : {}),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.smtp ? { smtp: options.smtp } : {}),
      clock: new AdjustableClock(),
      logSink: (line) => tenant.logs.push(line),
    });
    const document = (await (await fetch(`${tenant.url}/api/v1/openapi.json`)).json()) as Record<string, unknown>;
    tenant.validator = new OpenApiValidator(document);
    return tenant;
  }

  get url(): string {
    return this.server.url;
  }

  get clock(): AdjustableClock {
    return this.server.clock;
  }

  get store() {
    return this.server.store;
  }

  addClient(scopes: readonly Scope[] = allScopes, person: { name?: string; email?: string | null } = {}) {
    return addAdminClient(this.store, { name: person.name ?? 'Ada Admin', email: person.email === undefined ? 'ada@example.com' : person.email, scopes });
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${this.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    const parsed = contentType?.includes('json') && text ? (JSON.parse(text) as unknown) : text || undefined;
    if (!options.unchecked) this.validator.check(method, new URL(`${this.url}${path}`).pathname, response.status, contentType, parsed);
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** An admin access token for a new client with these scopes. */
  async adminToken(scopes: readonly Scope[] = allScopes, person: { name?: string; email?: string | null } = {}): Promise<string> {
    const client = this.addClient(scopes, person);
    const response = await this.request<{ access_token: string }>('POST', '/oauth/token', {
      form: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret },
    });
    if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.access_token;
  }

  /** A request helper bound to an access token. */
  as(accessToken: string) {
    return <T = unknown>(method: string, path: string, options: RequestOptions = {}) =>
      this.request<T>(method, path, { ...options, headers: { Authorization: `Bearer ${accessToken}`, ...options.headers } });
  }

  async stop(): Promise<void> {
    await this.server.close();
  }
}

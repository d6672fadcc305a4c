import type { Logger } from '../../../../shared/logger.ts';
import { CodedError } from '../../../../shared/result.ts';
import { scimRefusal } from '../../../../shared/scim/scimErrors.ts';
import type { ScimResource } from '../../../../shared/scim/scimUsers.ts';
import { tenantErrorCodes } from '../../../../shared/tenantErrorCodes.ts';
import { sendHttp, TransportError, type HttpResult } from '../../tenantApi/httpTransport.ts';
import { fromTransport } from '../../tenantApi/tenantErrors.ts';
import { backoffMs, maxRetryAfterMs, parseJsonOrNull, retryAfterMs } from '../../tenantApi/httpAnswers.ts';

/** What a SCIM service says it supports (RFC 7643 5, `/ServiceProviderConfig`): the connector uses only that. */
export interface ScimServiceConfig {
  readonly patch: boolean;
  readonly filter: boolean;
  /** The most resources it returns in one page (its `filter.maxResults`), if it says. */
  readonly maxResults: number | null;
  readonly sort: boolean;
  readonly etag: boolean;
}

export interface ScimClientOptions {
  /** The service's base URL, e.g. https://idp.example/scim/v2 (no trailing slash needed). */
  readonly baseUrl: string;
  /** The bearer token, from the keychain; null when it is not there. */
  readonly token: () => Promise<string | null>;
  readonly caCertificate: string | null;
  readonly logger: Logger;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  /** Tests make waiting instant and jitter fixed. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** A page asked for at most; the service may send fewer (its `itemsPerPage`). */
const pageSize = 200;
/** Lists stop here and say so: a SCIM service with more technical users than this is beyond what one pass reads. */
const maxListed = 100_000;
const maxResponseBytes = 32 * 1024 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const supported = (value: unknown) => isRecord(value) && value.supported === true;


/**
 * HTTP to one SCIM 2.0 service (RFC 7644), with the same limits as the
 * Tenant Admin API v1 client: a deadline, bounded answers, the system's CAs
 * plus the connection's own, no redirects followed, and retries with
 * backoff where a request can safely be sent twice (reads, PUT, DELETE) —
 * on a dropped connection, a 5xx or a 429. SCIM error bodies become the
 * console's codes (`scimRefusal`); `If-Match` goes along when a version is given.
 */
export class ScimClient {
  private readonly options: ScimClientOptions;
  private readonly base: string;

  constructor(options: ScimClientOptions) {
    this.options = options;
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  async serviceConfig(): Promise<ScimServiceConfig> {
    const config = await this.json('GET', '/ServiceProviderConfig');
    const filter = isRecord(config.filter) ? config.filter : {};
    return { patch: supported(config.patch), filter: supported(filter), maxResults: typeof filter.maxResults === 'number' && filter.maxResults > 0 ? filter.maxResults : null, sort: supported(config.sort), etag: supported(config.etag) };
  }

  /** Every resource at `path` (`/Users`, `/Groups`) that `filter` selects, page by page (`startIndex`/`count`, as the service pages). */
  async listAll(path: string, filter: string | null, config: Pick<ScimServiceConfig, 'maxResults'> = { maxResults: null }): Promise<ScimResource[]> {
    const count = Math.min(pageSize, config.maxResults ?? pageSize);
    const all: ScimResource[] = [];
    for (let startIndex = 1; ; ) {
      const query = new URLSearchParams({ startIndex: String(startIndex), count: String(count), ...(filter ? { filter } : {}) });
      const page = await this.json('GET', `${path}?${query}`);
      const resources = Array.isArray(page.Resources) ? page.Resources.filter(isRecord) : [];
      all.push(...(resources as ScimResource[]));
      const total = typeof page.totalResults === 'number' ? page.totalResults : all.length;
      // A service that ignores paging sends everything at once; one that sends an empty page has no more.
      if (resources.length === 0 || all.length >= total) return all;
      if (all.length >= maxListed) throw new CodedError('scim_list_too_long', `The SCIM service lists more than ${maxListed.toLocaleString('en-US')} resources at ${path}; Tessera reads at most that many.`);
      startIndex += resources.length;
    }
  }

  get(path: string): Promise<ScimResource> {
    return this.json('GET', path) as Promise<ScimResource>;
  }

  create(path: string, resource: ScimResource): Promise<ScimResource> {
    return this.json('POST', path, resource) as Promise<ScimResource>;
  }

  /** A whole new state (PUT); `version` makes it conditional (`If-Match`: a 412 is `revision_mismatch`). */
  replace(path: string, resource: ScimResource, version: string | null): Promise<ScimResource> {
    return this.json('PUT', path, resource, version) as Promise<ScimResource>;
  }

  /** RFC 7644 3.5.2: some operations; a service that changes nothing may answer 204 (then null). */
  async patch(path: string, operations: ReadonlyArray<Record<string, unknown>>, version: string | null): Promise<ScimResource | null> {
    const answer = await this.send('PATCH', path, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations }, version);
    return answer.status === 204 ? null : (this.parse(answer, path) as ScimResource);
  }

  async remove(path: string, version: string | null): Promise<void> {
    await this.send('DELETE', path, undefined, version);
  }

  private async json(method: string, path: string, body?: unknown, version: string | null = null): Promise<Record<string, unknown>> {
    return this.parse(await this.send(method, path, body, version), path);
  }

  private parse(answer: HttpResult, path: string): Record<string, unknown> {
    const parsed = parseJsonOrNull(answer.body);
    if (!isRecord(parsed)) throw new CodedError(tenantErrorCodes.invalidResponse, `The SCIM service's answer for ${path.split('?')[0]} is not a JSON object.`);
    return parsed;
  }

  private async send(method: string, path: string, body: unknown, version: string | null): Promise<HttpResult> {
    const token = await this.options.token();
    if (!token) throw new CodedError(tenantErrorCodes.noSecret, 'The bearer token of this SCIM connection is not in the keychain any more. Edit the connection and enter it again.');
    const idempotent = method !== 'POST' && method !== 'PATCH';
    const maxRetries = idempotent ? (this.options.maxRetries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      let answer: HttpResult;
      try {
        answer = await sendHttp({
          method,
          url: new URL(`${this.base}${path}`),
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/scim+json, application/json', ...(body !== undefined ? { 'Content-Type': 'application/scim+json' } : {}), ...(version ? { 'If-Match': version } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          caCertificate: this.options.caCertificate,
          timeoutMs: this.options.timeoutMs ?? 15_000,
          maxResponseBytes,
        });
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        // A connection that dropped may have carried the request: only what can be sent twice is.
        if (attempt < maxRetries && (error.kind === 'reset' || error.kind === 'refused' || error.kind === 'timeout')) {
          await this.wait(attempt);
          continue;
        }
        throw fromTransport(error);
      }
      if (answer.status >= 200 && answer.status < 300) return answer;
      if (answer.status >= 300 && answer.status < 400) throw new CodedError(tenantErrorCodes.redirect, `The SCIM service answered HTTP ${answer.status} (a redirect), which Tessera does not follow. Check the base URL.`);
      const refusal = scimRefusal(answer.status, parseJsonOrNull(answer.body));
      if (refusal.retry && attempt < Math.max(maxRetries, answer.status === 429 ? 1 : 0)) {
        this.options.logger.warn('SCIM service busy or failing, retrying', { method, status: answer.status, attempt: attempt + 1 });
        // A 429 was not carried out: wait as long as the service asks (within reason), as for v1.
        await this.wait(attempt, answer.status === 429 ? retryAfterMs(answer.headers) : null);
        continue;
      }
      if (answer.status === 429) throw new CodedError(tenantErrorCodes.rateLimited, 'The SCIM service is limiting requests; try again in a moment.');
      if (answer.status === 401) throw new CodedError(tenantErrorCodes.authFailed, refusal.message);
      throw new CodedError(refusal.code, refusal.message);
    }
  }

  /** The same waits as for v1: the service's `Retry-After` where it gave one, else backoff with jitter. */
  private wait(attempt: number, askedMs: number | null = null): Promise<void> {
    const ms = Math.min(maxRetryAfterMs, askedMs ?? backoffMs(attempt, this.options.random ?? Math.random));
    return (this.options.sleep ?? ((t) => new Promise((resolve) => setTimeout(resolve, t))))(ms);
  }
}

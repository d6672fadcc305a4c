import type { IncomingMessage } from 'node:http';
import { serverManagedFields } from '../../shared/api/common.ts';
import { oneMiB, type RouteSpec } from '../../shared/api/routes.ts';
import { issueList, issuesText, type IssueLike } from '../../shared/validationIssues.ts';
import { ApiError } from '../domain/apiError.ts';
import { mediaType, parseJson, readBody } from './requestBody.ts';

/** A request's query and body, read and checked against its route's schemas. */
export interface RequestInput {
  readonly query: unknown;
  /** The parsed JSON body (undefined without one). */
  readonly body: unknown;
  /** The form body of a form route (OAuth), else null. */
  readonly form: URLSearchParams | null;
}

/** A body that breaks the schema is 422 `validation_failed`; a query that does is a malformed request, 400 `invalid_request`. Both name the fields. */
function validationError(issues: readonly IssueLike[], where: string, code: 'validation_failed' | 'invalid_request' = 'validation_failed'): ApiError {
  return new ApiError(code, `Invalid ${where}: ${issuesText(issues)}`, issueList(issues));
}

/** Server-managed fields are ignored when a client sends them (in an object body; a replication push is a list of rows). */
function withoutServerManaged(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of serverManagedFields) delete copy[field];
  return copy;
}

function parseQuery(spec: RouteSpec, url: URL): unknown {
  if (!spec.query) return {};
  const parsed = spec.query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw validationError(parsed.error.issues, 'query', 'invalid_request');
  return parsed.data;
}

/**
 * Strict content types and body limits: a route with a body takes exactly
 * its media type; a write without one still has its body read (up to 1 MiB),
 * so the connection stays usable.
 */
export async function readRequestInput(request: IncomingMessage, url: URL, spec: RouteSpec): Promise<RequestInput> {
  const query = parseQuery(spec, url);
  const method = request.method ?? 'GET';
  if (!spec.body) {
    if (method !== 'GET' && method !== 'DELETE') await readBody(request, oneMiB);
    return { query, body: undefined, form: null };
  }
  const expected = spec.bodyKind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  if (mediaType(request) !== expected) throw new ApiError('unsupported_media_type', `Send the body as ${expected}.`);
  const raw = await readBody(request, spec.maxBodyBytes ?? oneMiB);
  if (spec.bodyKind === 'form') return { query, body: undefined, form: new URLSearchParams(raw.toString('utf8')) };
  const parsed = spec.body.safeParse(withoutServerManaged(parseJson(raw)));
  if (!parsed.success) throw validationError(parsed.error.issues, 'body');
  return { query, body: parsed.data, form: null };
}

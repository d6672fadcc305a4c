import type { ApiErrorCode } from '../api/common.ts';

/** RFC 7644 3.12: the error body a SCIM service answers with. */
export const scimErrorSchemaUrn = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A SCIM service's refusal in the console's words: the code every screen already explains, and the service's own detail. */
export interface ScimRefusal {
  readonly code: ApiErrorCode;
  readonly message: string;
  /** Worth sending again later (the service was busy or broke), rather than shown as a refusal. */
  readonly retry: boolean;
}

const byScimType: Readonly<Record<string, ApiErrorCode>> = {
  uniqueness: 'name_taken',
  invalidFilter: 'invalid_request',
  invalidSyntax: 'validation_failed',
  invalidPath: 'validation_failed',
  noTarget: 'validation_failed',
  invalidValue: 'validation_failed',
  mutability: 'validation_failed',
  tooMany: 'invalid_request',
  invalidVers: 'invalid_request',
  sensitive: 'invalid_request',
};

const byStatus = (status: number): ApiErrorCode =>
  status === 401 ? 'invalid_token' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 409 ? 'name_taken' : status === 412 ? 'revision_mismatch' : status === 413 ? 'payload_too_large' : status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : status === 405 ? 'method_not_allowed' : 'validation_failed';

/**
 * Turns a SCIM answer that is not a success into a refusal: by `scimType`
 * where the service gives one (a 409 `uniqueness` is a name taken, whatever
 * else a 409 may be), else by HTTP status. The message keeps the service's
 * `detail` (its words) behind a sentence of ours.
 */
export function scimRefusal(status: number, body: unknown): ScimRefusal {
  const error = typeof body === 'object' && body !== null ? (body as { scimType?: unknown; detail?: unknown }) : {};
  const scimType = typeof error.scimType === 'string' ? error.scimType : null;
  const detail = typeof error.detail === 'string' && error.detail.trim() ? error.detail.trim() : null;
  const code = (scimType && byScimType[scimType]) || byStatus(status);
  const said = detail ? `: ${detail}` : '.';
  return { code, message: `The SCIM service refused this (HTTP ${status}${scimType ? `, ${scimType}` : ''})${said}`, retry: status === 429 || status >= 500 };
}

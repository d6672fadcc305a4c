import { CodedError } from '../../../shared/result.ts';
import type { TransportError } from './httpTransport.ts';

/** Codes for what can go wrong between Tessera and a tenant (the tenant's own API codes pass through unchanged). */
export const tenantErrorCodes = {
  dns: 'tenant_dns_failed',
  refused: 'tenant_unreachable',
  reset: 'tenant_unreachable',
  network: 'tenant_unreachable',
  timeout: 'tenant_timeout',
  tls: 'tenant_tls_failed',
  too_large: 'tenant_response_too_large',
  aborted: 'tenant_request_cancelled',
  authFailed: 'tenant_auth_failed',
  invalidResponse: 'tenant_invalid_response',
  redirect: 'tenant_redirect_refused',
  rateLimited: 'tenant_rate_limited',
  noSecret: 'vault_secret_missing',
} as const;

/** Codes that mean "the tenant cannot be reached right now" (offline), rather than "it said no". */
export const offlineCodes: ReadonlySet<string> = new Set([tenantErrorCodes.dns, tenantErrorCodes.refused, tenantErrorCodes.timeout, tenantErrorCodes.rateLimited]);

export function fromTransport(error: TransportError): CodedError {
  return new CodedError(tenantErrorCodes[error.kind], error.message, error.causeCode ? { cause: error.causeCode } : undefined);
}

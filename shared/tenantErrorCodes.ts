/**
 * The one home of the codes for what can go wrong between Tessera and a
 * tenant, and of the sets that say what a code means. Main produces them
 * (its tenant client and online actions); the renderer decides from the
 * same sets whether a tenant is away or said no. The tenant's own API codes
 * (`name_taken`, …) pass through unchanged and are not listed here.
 */
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
  /** Main did not send the request: the connection is not connected right now. */
  offline: 'tenant_offline',
} as const;

/** No answer came from the tenant (not found, refused, cut off or too slow): it is away, it did not say no. */
export const unreachableCodes: ReadonlySet<string> = new Set([tenantErrorCodes.dns, tenantErrorCodes.refused, tenantErrorCodes.timeout]);

/** Codes that put a connection in the `offline` state: unreachable, or limiting requests for now. */
export const offlineCodes: ReadonlySet<string> = new Set([...unreachableCodes, tenantErrorCodes.rateLimited]);

/** The request never left: the tenant was known to be away, so nothing can have happened there. */
export const notSentCodes: ReadonlySet<string> = new Set([tenantErrorCodes.offline]);

/**
 * A change was sent but its answer did not come back: it may or may not have
 * been carried out, so the console must look again instead of calling it
 * failed. A connection cut mid-request shares `tenant_unreachable` with a
 * refused one, so it counts here too (looking again is right for both).
 */
export const answerLostCodes: ReadonlySet<string> = new Set([tenantErrorCodes.timeout, tenantErrorCodes.refused]);

/** The tenant is away for this purpose: unreachable now, or known offline before anything was sent. */
export function isTenantAway(code: string): boolean {
  return unreachableCodes.has(code) || notSentCodes.has(code);
}

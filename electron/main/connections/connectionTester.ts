import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { scopes as allScopes } from '../../../shared/api/common.ts';
import { checkTenantAddress } from '../../../shared/connectionAddress.ts';
import { optionalScopes, requiredScopes, toTenantSummary, type ConnectionTestReport, type TenantSummary, type TestStep } from '../../../shared/connections.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';
import { describeNetworkError, sendHttp, trustedCertificates } from '../tenantApi/httpTransport.ts';
import { TenantClient } from '../tenantApi/tenantClient.ts';

export interface TestTarget {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly secret: string | null;
  readonly caCertificate: string | null;
}

const labels: Record<TestStep['id'], string> = {
  address: 'Address',
  dns: 'Name lookup (DNS)',
  tls: 'Secure connection (TLS)',
  http: 'Tenant Admin API',
  oauth: 'Sign-in (OAuth client credentials)',
  scopes: 'Permissions (scopes)',
  tenant: 'Tenant',
};

/**
 * "Test connection": walks from the address to the tenant, step by step,
 * so the report says exactly what works and what does not — DNS, TLS,
 * HTTP status, OAuth `invalid_client`, missing scopes — and ends with the
 * tenant's plan and counts. Steps after a failure are skipped.
 */
export async function testConnection(target: TestTarget, deps: { logger: Logger; timeoutMs?: number }): Promise<ConnectionTestReport> {
  const steps: TestStep[] = [];
  const timeoutMs = deps.timeoutMs ?? 10_000;
  let failed = false;
  const step = (id: TestStep['id'], status: TestStep['status'], detail: string, code?: string) => {
    steps.push({ id, label: labels[id], status, detail, ...(code ? { code } : {}) });
    if (status === 'failed') failed = true;
  };
  const skipRest = () => {
    for (const id of Object.keys(labels) as Array<TestStep['id']>) {
      if (!steps.some((s) => s.id === id)) steps.push({ id, label: labels[id], status: 'skipped', detail: 'Not tried: an earlier step failed.' });
    }
  };
  const report = (tenant: TenantSummary | null, granted: string[], missing: string[], encrypted: boolean): ConnectionTestReport => ({
    ok: !failed,
    steps,
    tenant,
    grantedScopes: granted,
    missingScopes: missing,
    encrypted,
  });

  const address = checkTenantAddress(target.baseUrl);
  if (!address.ok) {
    step('address', 'failed', address.message, address.code);
    skipRest();
    return report(null, [], [], false);
  }
  const { url, encrypted } = address;
  step('address', encrypted ? 'ok' : 'warning', encrypted ? `${address.normalized}` : `${address.normalized} — not encrypted (plain HTTP, allowed on this computer only)`);

  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) || host === 'localhost') {
    step('dns', 'ok', `${host} needs no lookup.`);
  } else {
    try {
      const found = await lookup(host);
      step('dns', 'ok', `${host} is ${found.address}.`);
    } catch (error) {
      step('dns', 'failed', describeNetworkError(error, url).message, tenantErrorCodes.dns);
    }
  }
  if (failed) return (skipRest(), report(null, [], [], encrypted));

  if (encrypted) {
    const tls = await checkTls(url, target.caCertificate, timeoutMs);
    step('tls', tls.ok ? 'ok' : 'failed', tls.detail, tls.ok ? undefined : tenantErrorCodes.tls);
  } else {
    step('tls', 'warning', 'Not encrypted: the tenant is reached over plain HTTP on this computer.');
  }
  if (failed) return (skipRest(), report(null, [], [], encrypted));

  try {
    const response = await sendHttp({ method: 'GET', url: new URL('api/v1/openapi.json', `${address.normalized}/`), caCertificate: target.caCertificate, timeoutMs, maxResponseBytes: 4 * 1024 * 1024 });
    const document = response.status === 200 ? (JSON.parse(response.body.toString('utf8')) as { openapi?: string; info?: { title?: string; version?: string } }) : null;
    if (document?.info?.title === 'Tenant Admin API') step('http', 'ok', `HTTP ${response.status}: it speaks Tenant Admin API ${document.info.version ?? ''} (OpenAPI ${document.openapi ?? '?'}).`);
    else step('http', 'failed', `HTTP ${response.status}: this address does not serve Tenant Admin API v1. Is it the tenant's base URL?`, 'tenant_not_an_api');
  } catch (error) {
    const described = error instanceof SyntaxError ? { message: 'The answer is not JSON: this is not a Tenant Admin API.' } : describeNetworkError(error, url);
    step('http', 'failed', described.message, tenantErrorCodes.refused);
  }
  if (failed) return (skipRest(), report(null, [], [], encrypted));

  const client = new TenantClient({
    endpoint: { baseUrl: address.normalized, clientId: target.clientId, caCertificate: target.caCertificate },
    secret: async () => target.secret,
    logger: deps.logger,
    timeoutMs,
    maxRetries: 0,
  });
  let granted: string[] = [];
  try {
    granted = (await client.accessToken(true)).scopes;
    step('oauth', 'ok', `Signed in as client ${target.clientId}.`);
  } catch (error) {
    const coded = error instanceof CodedError ? error : new CodedError(tenantErrorCodes.authFailed, String(error));
    step('oauth', 'failed', coded.message, coded.code);
  }
  if (failed) return (skipRest(), report(null, [], [], encrypted));

  const missingRequired = requiredScopes.filter((s) => !granted.includes(s));
  const missingOptional = Object.keys(optionalScopes).filter((s) => !granted.includes(s));
  const missing = allScopes.filter((s) => !granted.includes(s));
  if (missingRequired.length > 0) {
    step('scopes', 'failed', `The client lacks ${missingRequired.join(' and ')}, which Tessera needs to manage technical users.`, 'insufficient_scope');
  } else if (missingOptional.length > 0) {
    step('scopes', 'warning', `Granted: ${granted.join(', ')}. Without ${missingOptional.map((s) => `${s} (${optionalScopes[s]})`).join(' and ')}, those actions stay disabled.`);
  } else {
    step('scopes', 'ok', `Granted: ${granted.join(', ')}.`);
  }
  if (failed) return (skipRest(), report(null, granted, missing, encrypted));

  try {
    const info = await client.call('getTenant');
    const tenant: TenantSummary = toTenantSummary(info);
    step('tenant', 'ok', `${info.name} · ${info.plan.name} plan · ${info.counts.technicalUsers} of ${info.plan.technicalUserLimit} technical users`);
    return report(tenant, granted, missing, encrypted);
  } catch (error) {
    const coded = error instanceof CodedError ? error : new CodedError(tenantErrorCodes.invalidResponse, String(error));
    step('tenant', 'failed', coded.message, coded.code);
    return report(null, granted, missing, encrypted);
  }
}

function checkTls(url: URL, caCertificate: string | null, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 443);
    // The same trust store the tenant client uses.
    const socket = tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ca: trustedCertificates(caCertificate), timeout: timeoutMs }, () => {
      const cert = socket.getPeerCertificate();
      const subject = cert.subject?.CN ?? host;
      const issuer = cert.issuer?.CN ?? cert.issuer?.O ?? 'unknown issuer';
      socket.end();
      resolve({ ok: true, detail: `Certificate for ${subject}, issued by ${issuer}${caCertificate ? ' (trusted through this connection\'s CA certificate)' : ''}, valid until ${cert.valid_to}.` });
    });
    socket.on('timeout', () => {
      socket.destroy();
      resolve({ ok: false, detail: `${url.host} did not complete the TLS handshake in time.` });
    });
    socket.on('error', (error) => resolve({ ok: false, detail: describeNetworkError(error, url).message }));
  });
}


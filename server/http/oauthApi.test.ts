import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestTenant } from '../testing/testTenant.ts';

describe('OAuth 2.0 client credentials', () => {
  let tenant: TestTenant;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    tenant = await TestTenant.start({ accessTokenTtlSeconds: 60 });
    client = tenant.addClient(['admin:read', 'admin:write']);
  });
  afterAll(() => tenant.stop());

  const token = (form: Record<string, string>, headers: Record<string, string> = {}) => tenant.request<Record<string, unknown>>('POST', '/oauth/token', { form, headers });

  it('accepts HTTP Basic and form credentials and grants the client\'s scopes', async () => {
    const basic = await token({ grant_type: 'client_credentials' }, { Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` });
    expect(basic.status).toBe(200);
    expect(basic.body).toMatchObject({ token_type: 'Bearer', expires_in: 60, scope: 'admin:read admin:write' });
    expect(basic.headers.get('cache-control')).toBe('no-store');
    const form = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'admin:read' });
    expect(form.body.scope).toBe('admin:read');
    const reader = tenant.as(String(form.body.access_token));
    expect((await reader('POST', '/api/v1/technical-users', { body: { name: 'x' } })).status).toBe(403);
  });

  it('answers errors the RFC 6749 way, with this API\'s code and message too', async () => {
    const wrong = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client', code: 'invalid_client', message: expect.any(String), error_description: expect.any(String) });
    const grant = await token({ grant_type: 'authorization_code', client_id: client.clientId, client_secret: client.clientSecret });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
    const scope = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'admin:read tokens:issue' });
    expect(scope.status).toBe(400);
    expect(scope.body.error).toBe('invalid_scope');
    const missing = await token({ client_id: client.clientId, client_secret: client.clientSecret });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
    const json = await tenant.request<Record<string, unknown>>('POST', '/oauth/token', { body: { grant_type: 'client_credentials' }, unchecked: true });
    expect(json.status).toBe(415);
    expect(json.body).toMatchObject({ error: 'invalid_request', code: 'unsupported_media_type' });
  });

  it('expires access tokens', async () => {
    const issued = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
    const api = tenant.as(String(issued.body.access_token));
    expect((await api('GET', '/api/v1/tenant')).status).toBe(200);
    tenant.clock.pin(Date.now() + 61_000);
    try {
      const expired = await api<{ code: string }>('GET', '/api/v1/tenant');
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('invalid_token');
    } finally {
      tenant.clock.release();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkTenantAddress, isLoopbackHost } from './connectionAddress.ts';

describe('tenant addresses', () => {
  it('accepts https anywhere and normalises the path', () => {
    expect(checkTenantAddress(' https://tenant.example.com/ ')).toMatchObject({ ok: true, encrypted: true, normalized: 'https://tenant.example.com' });
    expect(checkTenantAddress('https://example.com:8443/tenants/acme/')).toMatchObject({ ok: true, normalized: 'https://example.com:8443/tenants/acme' });
  });

  it('accepts plain http only on loopback, marked unencrypted', () => {
    expect(checkTenantAddress('http://127.0.0.1:4410')).toMatchObject({ ok: true, encrypted: false });
    expect(checkTenantAddress('http://localhost:4410')).toMatchObject({ ok: true, encrypted: false });
    expect(checkTenantAddress('http://[::1]:4410')).toMatchObject({ ok: true, encrypted: false });
    expect(checkTenantAddress('http://tenant.example.com')).toMatchObject({ ok: false, code: 'address_not_encrypted' });
    expect(checkTenantAddress('http://10.0.0.5')).toMatchObject({ ok: false, code: 'address_not_encrypted' });
  });

  it('refuses other schemes, credentials in the URL and nonsense', () => {
    expect(checkTenantAddress('ftp://x')).toMatchObject({ ok: false });
    expect(checkTenantAddress('https://user:pw@x.example')).toMatchObject({ ok: false });
    expect(checkTenantAddress('https://x.example/?a=1')).toMatchObject({ ok: false });
    expect(checkTenantAddress('tenant.example.com')).toMatchObject({ ok: false, code: 'address_invalid' });
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.9.9.9', '::1', '[::1]', 'app.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['127.example.com', 'localhost.example.com', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});

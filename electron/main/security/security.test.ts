import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyForMeta, securityHeaders } from './contentSecurityPolicy.ts';
import { isAllowedExternalUrl } from './externalLinks.ts';
import { decideWindowOpen, isAllowedNavigation } from './navigationPolicy.ts';

describe('content security policy', () => {
  const policy = contentSecurityPolicy();

  it('allows only the app itself in production', () => {
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/https?:/);
  });

  it('loosens only for the dev server', () => {
    expect(contentSecurityPolicy({ dev: true })).toContain("'unsafe-inline'");
    expect(contentSecurityPolicy({ dev: true })).not.toContain('unsafe-eval');
  });

  it('drops header-only directives from the meta form', () => {
    expect(contentSecurityPolicyForMeta()).not.toContain('frame-ancestors');
    expect(contentSecurityPolicyForMeta()).toContain("script-src 'self'");
  });

  it('is sent with the other hardening headers', () => {
    expect(securityHeaders()).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': policy });
  });

  it('gives the reveal window a stricter policy: its own script and style, nothing else', () => {
    const reveal = contentSecurityPolicy({ page: 'reveal' });
    for (const directive of ['connect-src', 'img-src', 'font-src', 'worker-src', 'frame-src', 'object-src', 'form-action', 'base-uri', 'frame-ancestors']) {
      expect(reveal).toContain(`${directive} 'none'`);
    }
    expect(reveal).toContain("script-src 'self'");
    expect(reveal).not.toContain('unsafe-inline');
    expect(reveal).not.toMatch(/https?:|data:|blob:/);
    expect(contentSecurityPolicyForMeta({ page: 'reveal' })).not.toContain('frame-ancestors');
  });
});

describe('external links', () => {
  it('opens allow-listed https links only', () => {
    expect(isAllowedExternalUrl('https://www.electronjs.org/docs/latest/tutorial/security')).toBe(true);
    expect(isAllowedExternalUrl('http://www.electronjs.org/')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com:8443/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('smb://host/share')).toBe(false);
  });
});

describe('navigation', () => {
  it('allows only the app origin and denies every new window', () => {
    expect(isAllowedNavigation('app://tessera/index.html', ['app://tessera'])).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', ['app://tessera'])).toBe(false);
    expect(isAllowedNavigation('file:///x', ['app://tessera'])).toBe(false);
    expect(decideWindowOpen('https://github.com/x', isAllowedExternalUrl)).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('https://evil.example/', isAllowedExternalUrl)).toEqual({ action: 'deny', openExternally: false });
  });
});

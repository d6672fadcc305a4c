/**
 * The Content-Security-Policy of every Tessera page. The production policy
 * allows nothing but the app's own files: no inline or remote script, no
 * network access (tenants are reached by main, never by the renderer), no
 * frames, no plugins, no forms.
 *
 * The development policy (electron-vite's dev server with hot reload) also
 * allows the dev server's inline preamble, injected styles and websocket.
 */
export interface CspOptions {
  /** Dev server with hot module reload. */
  readonly dev?: boolean;
  /**
   * `reveal`: the window that shows a new token's secret. Stricter still:
   * no images, fonts, workers or connections of any kind — its script and
   * style, and nothing else.
   */
  readonly page?: 'main' | 'reveal';
}

function contentSecurityPolicyDirectives(options: CspOptions = {}): Record<string, string[]> {
  const dev = options.dev === true;
  const own = dev ? ["'self'", "'unsafe-inline'"] : ["'self'"];
  const console = {
    'default-src': ["'none'"],
    'script-src': own,
    'style-src': own,
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': dev ? ["'self'", 'ws:', 'http://localhost:*', 'http://127.0.0.1:*'] : ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'none'"],
    'media-src': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  if (options.page !== 'reveal') return console;
  return { ...console, 'img-src': ["'none'"], 'font-src': ["'none'"], 'connect-src': dev ? ["'self'", 'ws:'] : ["'none'"], 'worker-src': ["'none'"] };
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return Object.entries(contentSecurityPolicyDirectives(options))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The policy as a `<meta>` tag can carry it (`frame-ancestors` is header-only). */
export function contentSecurityPolicyForMeta(options: CspOptions = {}): string {
  const directives = contentSecurityPolicyDirectives(options);
  delete directives['frame-ancestors'];
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Response headers every page and asset of the app is served with. */
export function securityHeaders(options: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}

/**
 * Rules for a tenant's base URL: HTTPS, or plain HTTP only for this
 * computer (loopback), which the console marks "not encrypted".
 */
export type AddressCheck =
  | { readonly ok: true; readonly url: URL; readonly encrypted: boolean; readonly normalized: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function checkTenantAddress(input: string): AddressCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, code: 'address_invalid', message: 'This is not a web address. Use one like https://tenant.example.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, code: 'address_invalid', message: 'Use an https:// address.' };
  }
  if (url.username || url.password) return { ok: false, code: 'address_invalid', message: 'Do not put credentials in the address; use the client id and secret fields.' };
  if (url.search || url.hash) return { ok: false, code: 'address_invalid', message: 'The address should not have a query (?…) or fragment (#…).' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, code: 'address_not_encrypted', message: 'Plain HTTP is allowed only for a tenant on this computer (localhost). Use https:// for anything else.' };
  }
  const path = url.pathname.replace(/\/+$/, '');
  const normalized = `${url.protocol}//${url.host}${path}`;
  return { ok: true, url: new URL(normalized), encrypted: url.protocol === 'https:', normalized };
}

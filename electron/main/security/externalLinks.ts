/**
 * External links open in the user's browser only when they are https and
 * their host is on this allow-list (documentation the app links to). Any
 * other URL is refused, so a compromised or confused renderer cannot make
 * the OS open arbitrary schemes (file:, smb:, custom protocol handlers).
 */
const externalLinkAllowList: readonly string[] = [
  'www.electronjs.org',
  'github.com',
  'developer.mozilla.org',
  'datatracker.ietf.org',
  'www.rfc-editor.org',
];

export function isAllowedExternalUrl(url: string, allowList: readonly string[] = externalLinkAllowList): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password) return false;
  if (parsed.port && parsed.port !== '443') return false;
  return allowList.includes(parsed.hostname.toLowerCase());
}

import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from './appProtocolPaths.ts';

const root = '/opt/tessera/out/renderer';

describe('resolveAppAsset', () => {
  it('serves files under the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://tessera/assets/index-abc.js')).toBe(`${root}/assets/index-abc.js`);
    expect(resolveAppAsset(root, 'app://tessera/')).toBe(`${root}/index.html`);
    expect(resolveAppAsset(root, 'app://tessera/technical-users')).toBe(`${root}/index.html`);
  });

  it('refuses escapes and other hosts', () => {
    // URL parsing already folds dot segments; whatever remains must stay under the root.
    for (const url of ['app://tessera/../../etc/passwd.txt', 'app://tessera/%2e%2e/%2e%2e/etc/passwd.txt', 'app://tessera/a/%2E%2E/%2E%2E/%2E%2E/x.js']) {
      const file = resolveAppAsset(root, url);
      expect(file === null || file.startsWith(`${root}/`)).toBe(true);
    }
    expect(resolveAppAsset(root, 'app://tessera/assets/..%5c..%5csecret.txt')).toBeNull();
    expect(resolveAppAsset(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppAsset(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppAsset(root, 'app://tessera/%E0%A4%A')).toBeNull();
    expect(resolveAppAsset(root, 'app://tessera/a%00.js')).toBeNull();
  });
});

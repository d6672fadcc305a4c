import { describe, expect, it } from 'vitest';
import { resolveAppAsset, resolveRevealAsset } from './appProtocolPaths.ts';

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

describe('resolveRevealAsset', () => {
  it('serves the reveal page and its own assets only', () => {
    expect(resolveRevealAsset(root, 'app://reveal/reveal.html')).toBe(`${root}/reveal.html`);
    expect(resolveRevealAsset(root, 'app://reveal/assets/reveal-Ab3_x.js')).toBe(`${root}/assets/reveal-Ab3_x.js`);
    expect(resolveRevealAsset(root, 'app://reveal/assets/reveal-Ab3_x.css')).toBe(`${root}/assets/reveal-Ab3_x.css`);
  });

  it('refuses the console and every other host', () => {
    expect(resolveRevealAsset(root, 'app://reveal/index.html')).toBeNull();
    expect(resolveRevealAsset(root, 'app://reveal/')).toBeNull();
    expect(resolveRevealAsset(root, 'app://reveal/assets/index-abc.js')).toBeNull();
    expect(resolveRevealAsset(root, 'app://tessera/reveal.html')).toBeNull();
    expect(resolveRevealAsset(root, 'app://reveal/assets/reveal-a/../../x.js')).toBeNull();
  });
});

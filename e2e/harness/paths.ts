import { resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');
export const builtRenderer = resolve(projectRoot, 'out/renderer');
export const builtPreload = resolve(projectRoot, 'out/preload/index.cjs');
export const builtRevealPreload = resolve(projectRoot, 'out/preload/reveal.cjs');
export const builtMain = resolve(projectRoot, 'out/main/index.js');
export const screenshotDir = resolve(projectRoot, 'test-results/screenshots');

/** Debian's Chromium; Playwright never downloads a browser here. */
export const chromiumPath = process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

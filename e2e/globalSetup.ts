import { existsSync } from 'node:fs';
import { builtMain, builtPreload, builtRenderer, chromiumPath } from './harness/paths.ts';

/** The suite drives the production build; `npm run test:e2e` builds it first. */
export default function globalSetup(): void {
  for (const path of [builtMain, builtPreload, `${builtRenderer}/index.html`]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" before the end-to-end suite.`);
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install Debian's package (apt-get install -y chromium) or set TESSERA_CHROMIUM.`);
  }
}

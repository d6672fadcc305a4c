import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { resolve } from 'node:path';
import { contentSecurityPolicyForMeta } from './electron/main/security/contentSecurityPolicy.ts';

/** Puts the app's Content-Security-Policies (one source: electron/main/security) into its pages. */
function contentSecurityPolicyMeta(): Plugin {
  let dev = false;
  return {
    name: 'tessera:csp-meta',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html, context) {
      if (context.path.endsWith('/reveal.html')) {
        if (!html.includes('%TESSERA_REVEAL_CSP%')) throw new Error('renderer/reveal.html lost its %TESSERA_REVEAL_CSP% placeholder');
        return html.replaceAll('%TESSERA_REVEAL_CSP%', contentSecurityPolicyForMeta({ dev, page: 'reveal' }));
      }
      if (!html.includes('%TESSERA_CSP%')) throw new Error('renderer/index.html lost its %TESSERA_CSP% placeholder');
      return html.replaceAll('%TESSERA_CSP%', contentSecurityPolicyForMeta({ dev }));
    },
  };
}

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(import.meta.dirname, 'electron/main/index.ts') },
      outDir: 'out/main',
    },
  },
  preload: {
    build: {
      // The sandboxed preload can require only 'electron': bundle everything
      // else, and emit CommonJS (sandboxed preloads cannot be ES modules).
      externalizeDeps: false,
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts'), reveal: resolve(import.meta.dirname, 'electron/preload/reveal.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react(), contentSecurityPolicyMeta()],
    // Which build this is: the inventory's start-up snapshot is only read by the build that wrote it (rows are made by code that may change).
    define: { 'import.meta.env.TESSERA_BUILD': JSON.stringify(`${process.env.npm_package_version ?? '0'}+${Date.now().toString(36)}`) },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // The console, and the reveal window's page (its own entry: it shares no code with the console).
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html'), reveal: resolve(import.meta.dirname, 'renderer/reveal.html') } },
      sourcemap: false,
      // TESSERA_UNMINIFIED=1 keeps function names readable in CPU profiles (npm run bench -- --renderer-profile).
      minify: process.env.TESSERA_UNMINIFIED !== '1',
    },
  },
});

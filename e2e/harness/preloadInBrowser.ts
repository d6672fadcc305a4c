import { readFileSync } from 'node:fs';
import { builtPreload, builtRevealPreload } from './paths.ts';

/** Binding names the harness exposes to the page in place of Electron's IPC. */
export const invokeBinding = '__tesseraHarnessInvoke';
export const deliverEventFunction = '__tesseraHarnessDeliver';
export const revealInvokeBinding = '__tesseraHarnessRevealInvoke';

/**
 * Runs a built preload in the page as Electron would: top-level frames only,
 * `require('electron')` answered by a stand-in whose `ipcRenderer` is given
 * as script text, `contextBridge` putting the API on `window`.
 */
function runPreloadScript(preloadFile: string, ipcRenderer: string, setup = ''): string {
  const preloadSource = readFileSync(preloadFile, 'utf8');
  return `(() => {
  if (window.top !== window) return;
${setup}
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        Object.defineProperty(window, key, { value: api, enumerable: true, configurable: false, writable: false });
      },
    },
    ipcRenderer: ${ipcRenderer},
  };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('The sandboxed preload cannot require ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

/** The built reveal preload (out/preload/reveal.cjs), run the same way, its three calls bound to the reveal page's binding. */
export function revealPreloadInitScript(): string {
  return runPreloadScript(builtRevealPreload, `{ invoke: (channel) => window[${JSON.stringify(revealInvokeBinding)}](channel) }`);
}

/**
 * An init script that runs the **built** preload (out/preload/index.cjs) in
 * the page, with a stand-in `electron` module: `ipcRenderer.invoke` goes to
 * the harness binding (the same IPC router main uses), events come back
 * through `window.__tesseraHarnessDeliver`, and `contextBridge` puts the API
 * on `window`. Like Electron's preload, it runs in top-level frames only.
 */
export function preloadInitScript(): string {
  return runPreloadScript(
    builtPreload,
    `{
      invoke: (channel, arg) => window[${JSON.stringify(invokeBinding)}](channel, arg === undefined ? null : arg),
      on(channel, listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(listener);
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener);
      },
    }`,
    `  const listeners = new Map();
  Object.defineProperty(window, ${JSON.stringify(deliverEventFunction)}, {
    value: (channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, payload);
    },
  });`,
  );
}

import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The one factory for every Tessera window's options. The Electron windows
 * adapter creates no window any other way (a lint rule keeps
 * `new BrowserWindow` inside it), so the security baseline below holds for
 * every window, including ones added later.
 */
export type WindowKind = 'main' | 'tokenReveal';

/**
 * The reveal window's session: in memory only (no `persist:` prefix), so
 * nothing the page holds — cache, storage — ever reaches the disk, and it
 * shares nothing with the console's session.
 */
export const revealPartition = 'tessera-reveal';

export interface WindowSpec {
  readonly kind: WindowKind;
  readonly options: BrowserWindowConstructorOptions;
  /** Ask the OS to keep the window out of screenshots and screen sharing. */
  readonly contentProtection: boolean;
}

export interface WindowOptionsInput {
  /** Absolute path of the built (CommonJS) preload script. */
  readonly preloadPath: string;
  /** Developer tools: only in development builds, never for secret windows. */
  readonly allowDevTools: boolean;
  readonly backgroundColor?: string;
  readonly icon?: string;
}

/** Electron's security checklist, as web preferences every window shares. */
export function secureWebPreferences(preloadPath: string, allowDevTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    enableWebSQL: false,
    devTools: allowDevTools,
    autoplayPolicy: 'user-gesture-required',
    disableBlinkFeatures: 'Auxclick',
  };
}

export function createWindowOptions(kind: WindowKind, input: WindowOptionsInput): WindowSpec {
  const base: BrowserWindowConstructorOptions = {
    show: false,
    title: 'Tessera',
    backgroundColor: input.backgroundColor ?? '#f6f7f9',
    ...(input.icon ? { icon: input.icon } : {}),
    autoHideMenuBar: false,
  };
  switch (kind) {
    case 'main':
      return {
        kind,
        contentProtection: false,
        options: {
          ...base,
          width: 1360,
          height: 860,
          minWidth: 960,
          minHeight: 600,
          webPreferences: secureWebPreferences(input.preloadPath, input.allowDevTools),
        },
      };
    case 'tokenReveal':
      return {
        kind,
        contentProtection: true,
        options: {
          ...base,
          title: 'Tessera — new API token',
          width: 560,
          resizable: false,
          minimizable: false,
          maximizable: false,
          fullscreenable: false,
          modal: true,
          skipTaskbar: true,
          height: 460,
          // A window that shows a secret never gets developer tools, and keeps nothing on disk.
          webPreferences: { ...secureWebPreferences(input.preloadPath, false), partition: revealPartition },
        },
      };
  }
}

import { describe, expect, it } from 'vitest';
import { createWindowOptions, type WindowKind } from './windowOptions.ts';

const kinds: WindowKind[] = ['main', 'tokenReveal'];

describe('window options factory', () => {
  for (const kind of kinds) {
    describe(kind, () => {
      const spec = createWindowOptions(kind, { preloadPath: '/app/out/preload/index.cjs', allowDevTools: true });
      const prefs = spec.options.webPreferences!;

      it('isolates and sandboxes the renderer', () => {
        expect(prefs.sandbox).toBe(true);
        expect(prefs.contextIsolation).toBe(true);
        expect(prefs.nodeIntegration).toBe(false);
        expect(prefs.nodeIntegrationInWorker).toBe(false);
        expect(prefs.nodeIntegrationInSubFrames).toBe(false);
      });

      it('keeps web security on and experimental surfaces off', () => {
        expect(prefs.webSecurity).toBe(true);
        expect(prefs.allowRunningInsecureContent).toBe(false);
        expect(prefs.experimentalFeatures).toBe(false);
        expect(prefs.webviewTag).toBe(false);
        expect(prefs.navigateOnDragDrop).toBe(false);
        expect(prefs.enableBlinkFeatures).toBeUndefined();
      });

      it('loads the built CommonJS preload', () => {
        expect(prefs.preload).toMatch(/\.cjs$/);
      });

      it('stays hidden until the renderer is ready', () => {
        expect(spec.options.show).toBe(false);
      });
    });
  }

  it('turns developer tools off unless allowed', () => {
    const spec = createWindowOptions('main', { preloadPath: '/p.cjs', allowDevTools: false });
    expect(spec.options.webPreferences?.devTools).toBe(false);
  });

  it('never gives the token reveal window developer tools, and protects its content', () => {
    const spec = createWindowOptions('tokenReveal', { preloadPath: '/p.cjs', allowDevTools: true });
    expect(spec.options.webPreferences?.devTools).toBe(false);
    expect(spec.contentProtection).toBe(true);
    expect(spec.options.modal).toBe(true);
    // In-memory session of its own: no `persist:` prefix, not the console's.
    expect(spec.options.webPreferences?.partition).toBe('tessera-reveal');
    expect(createWindowOptions('main', { preloadPath: '/p.cjs', allowDevTools: false }).options.webPreferences?.partition).toBeUndefined();
  });
});

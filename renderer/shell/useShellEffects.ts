import { useEffect } from 'react';
import { sections } from '../../shared/sections.ts';
import { bridge } from '../bridge.ts';
import { useNoticesStore } from '../state/noticesStore.ts';
import { resolveTheme, sectionFromHash, useUiStore } from '../state/uiStore.ts';

/** Loads preferences from main and follows their changes (menu, other windows). */
export function usePreferences(): void {
  const setPreferences = useUiStore((s) => s.setPreferences);
  useEffect(() => {
    let active = true;
    void bridge()
      .preferences.get()
      .then((result) => {
        if (!active) return;
        // A choice the user made meanwhile wins over this first answer.
        if (result.ok) {
          if (!useUiStore.getState().preferencesLoaded) setPreferences(result.value);
        }
        else useNoticesStore.getState().push({ kind: 'error', message: result.error.message, code: result.error.code });
      });
    const unsubscribe = bridge().on('preferences:changed', setPreferences);
    return () => {
      active = false;
      unsubscribe();
    };
  }, [setPreferences]);
}

/** Follows the OS light/dark setting and applies the effective theme to the document. */
export function useTheme(): 'light' | 'dark' {
  const preference = useUiStore((s) => s.preferences.theme);
  const system = useUiStore((s) => s.systemTheme);
  const setSystemTheme = useUiStore((s) => s.setSystemTheme);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => setSystemTheme(query.matches ? 'dark' : 'light');
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [setSystemTheme]);
  const theme = resolveTheme(preference, system);
  const loaded = useUiStore((s) => s.preferencesLoaded);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // Tests (and screenshots) wait for this instead of sleeping.
  useEffect(() => {
    if (loaded) document.documentElement.dataset.appReady = 'true';
  }, [loaded]);
  return theme;
}

/** Keeps the section in the URL hash (reload and back/forward land where you were). */
export function useSectionInHash(): void {
  const section = useUiStore((s) => s.section);
  const navigate = useUiStore((s) => s.navigate);
  useEffect(() => {
    const target = `#/${section}`;
    if (location.hash !== target) history.pushState(null, '', target);
  }, [section]);
  useEffect(() => {
    const onPop = () => {
      const fromHash = sectionFromHash(location.hash);
      if (fromHash) navigate(fromHash);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [navigate]);
}

/** The application menu's "Go" items, and Ctrl/⌘+1…7 where no native menu exists. */
export function useSectionShortcuts(): void {
  const navigate = useUiStore((s) => s.navigate);
  useEffect(() => bridge().on('app:navigate', ({ section }) => navigate(section)), [navigate]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const index = Number.parseInt(event.key, 10);
      const section = Number.isInteger(index) ? sections[index - 1] : undefined;
      if (!section) return;
      event.preventDefault();
      navigate(section.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}

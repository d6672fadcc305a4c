import type { Preferences, PreferencesPatch } from '../../../shared/settings.ts';
import type { EventSink } from '../ports/eventSink.ts';
import type { ThemePort } from '../ports/themePort.ts';
import type { SettingsRepository } from '../settings/settingsRepository.ts';

export interface PreferencesService {
  get(): Preferences;
  update(patch: PreferencesPatch): Preferences;
}

/** User preferences: persisted in settings, applied to the OS theme, announced to windows. */
export function createPreferencesService(deps: { settings: SettingsRepository; events: EventSink; theme: ThemePort }): PreferencesService {
  const { settings, events, theme } = deps;
  theme.setThemeSource(settings.get().preferences.theme);
  return {
    get: () => settings.get().preferences,
    update(patch) {
      const next = settings.update((s) => ({ ...s, preferences: { ...s.preferences, ...patch } })).preferences;
      if (patch.theme !== undefined) theme.setThemeSource(next.theme);
      events.emit('preferences:changed', next);
      return next;
    },
  };
}

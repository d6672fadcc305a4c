import { create, type StateCreator } from 'zustand';
import { isSectionId, type SectionId } from '../../shared/sections.ts';
import { defaultPreferences, type Preferences, type ThemePreference } from '../../shared/settings.ts';

/** UI state only (which section, which theme); never copies of tenant data. */
export interface NavigationSlice {
  section: SectionId;
  navigate: (section: SectionId) => void;
}

export interface PreferencesSlice {
  preferences: Preferences;
  /** Whether main's stored preferences have arrived. */
  preferencesLoaded: boolean;
  setPreferences: (preferences: Preferences) => void;
  systemTheme: 'light' | 'dark';
  setSystemTheme: (theme: 'light' | 'dark') => void;
}

export type UiState = NavigationSlice & PreferencesSlice;

export const sectionFromHash = (hash: string): SectionId | null => {
  const id = hash.replace(/^#\/?/, '');
  return isSectionId(id) ? id : null;
};

const createNavigationSlice: StateCreator<UiState, [], [], NavigationSlice> = (set) => ({
  section: sectionFromHash(typeof location === 'undefined' ? '' : location.hash) ?? 'tenants',
  navigate: (section) => set({ section }),
});

const createPreferencesSlice: StateCreator<UiState, [], [], PreferencesSlice> = (set) => ({
  preferences: defaultPreferences,
  preferencesLoaded: false,
  setPreferences: (preferences) => set({ preferences, preferencesLoaded: true }),
  systemTheme: 'light',
  setSystemTheme: (systemTheme) => set({ systemTheme }),
});

export const useUiStore = create<UiState>()((...a) => ({
  ...createNavigationSlice(...a),
  ...createPreferencesSlice(...a),
}));

export function resolveTheme(preference: ThemePreference, system: 'light' | 'dark'): 'light' | 'dark' {
  return preference === 'system' ? system : preference;
}

import { create, type StateCreator } from 'zustand';
import { isSectionId, type SectionId } from '../../shared/sections.ts';
import { defaultPreferences, type Preferences, type ThemePreference } from '../../shared/settings.ts';

/** UI state only (which section, which theme); never copies of tenant data. */
export interface NavigationSlice {
  section: SectionId;
  /** What has unsaved changes right now (e.g. a technical user's page), or null. */
  unsaved: string | null;
  /** A section the person asked for while something was unsaved: waiting for "discard" or "keep editing". */
  requestedSection: SectionId | null;
  navigate: (section: SectionId) => void;
  setUnsaved: (what: string | null) => void;
  confirmNavigation: () => void;
  cancelNavigation: () => void;
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
  unsaved: null,
  requestedSection: null,
  // Unsaved changes are never dropped by a click elsewhere: the page asks first.
  navigate: (section) => set((state) => (state.unsaved && section !== state.section ? { requestedSection: section } : { section, requestedSection: null })),
  setUnsaved: (unsaved) => set({ unsaved }),
  confirmNavigation: () => set((state) => ({ section: state.requestedSection ?? state.section, requestedSection: null, unsaved: null })),
  cancelNavigation: () => set({ requestedSection: null }),
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

import type { ThemePreference } from '../../../shared/settings.ts';

/** Tells the OS-drawn parts (menus, dialogs, title bar) which theme to use. */
export interface ThemePort {
  setThemeSource(theme: ThemePreference): void;
}

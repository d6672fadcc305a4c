import { z } from 'zod';

/** Non-secret user preferences kept by main (electron-store). */
export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof themePreferenceSchema>;

export const preferencesSchema = z.object({
  theme: themePreferenceSchema,
  sidebarCollapsed: z.boolean(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesPatchSchema = preferencesSchema.partial().strict();
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;

export const defaultPreferences: Preferences = {
  theme: 'system',
  sidebarCollapsed: false,
};

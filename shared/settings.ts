import { z } from 'zod';
import { inventoryFilterSchema } from './console/inventoryFilter.ts';

/** Non-secret user preferences kept by main (electron-store). */
export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof themePreferenceSchema>;

/** A named inventory filter the person saved. */
export const savedFilterSchema = z.object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(80), filter: inventoryFilterSchema }).strict();

export const preferencesSchema = z.object({
  theme: themePreferenceSchema,
  sidebarCollapsed: z.boolean(),
  /** The inventory's visible columns, in table order; null = the defaults. */
  inventoryColumns: z.array(z.string().max(40)).max(40).nullable(),
  savedFilters: z.array(savedFilterSchema).max(50),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesPatchSchema = preferencesSchema.partial().strict();
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;

export const defaultPreferences: Preferences = {
  theme: 'system',
  sidebarCollapsed: false,
  inventoryColumns: null,
  savedFilters: [],
};

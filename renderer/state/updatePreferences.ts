import type { PreferencesPatch } from '../../shared/settings.ts';
import { bridge } from '../bridge.ts';
import { useNoticesStore } from './noticesStore.ts';
import { useUiStore } from './uiStore.ts';

/**
 * Applies a preference change at once; main's answer confirms it, or the
 * previous preferences come back with the reason shown. Returns whether it stuck.
 */
export async function updatePreferences(patch: PreferencesPatch): Promise<boolean> {
  const { preferences: before, setPreferences } = useUiStore.getState();
  setPreferences({ ...before, ...patch });
  const result = await bridge().preferences.update(patch);
  if (result.ok) {
    setPreferences(result.value);
    return true;
  }
  setPreferences(before);
  useNoticesStore.getState().push({ kind: 'error', message: result.error.message, code: result.error.code });
  return false;
}

import type { ThemePreference } from '../../shared/settings.ts';
import { updatePreferences } from '../state/updatePreferences.ts';
import { useUiStore } from '../state/uiStore.ts';
import { ThemeIcon } from './icons.tsx';

const choices: Array<{ value: ThemePreference; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark, or follow the OS; stored by main so the menu and every window agree. */
export function ThemeSwitcher() {
  const theme = useUiStore((s) => s.preferences.theme);
  const choose = (value: ThemePreference) => updatePreferences({ theme: value });
  return (
    <fieldset className="segmented" aria-label="Theme">
      <legend className="visually-hidden">Theme</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="segment" data-checked={theme === choice.value || undefined} title={`${choice.label} theme`}>
          <input type="radio" name="theme" value={choice.value} checked={theme === choice.value} onChange={() => void choose(choice.value)} />
          <ThemeIcon theme={choice.value} />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

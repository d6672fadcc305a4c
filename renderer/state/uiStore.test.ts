import { beforeEach, describe, expect, it } from 'vitest';
import { resolveTheme, sectionFromHash, useUiStore } from './uiStore.ts';
import { defaultPreferences } from '../../shared/settings.ts';

const initial = useUiStore.getState();

describe('ui store', () => {
  beforeEach(() => useUiStore.setState(initial, true));

  it('navigates between sections', () => {
    useUiStore.getState().navigate('roles');
    expect(useUiStore.getState().section).toBe('roles');
  });

  it('reads a section from the location hash, ignoring unknown ones', () => {
    expect(sectionFromHash('#/technical-users')).toBe('technical-users');
    expect(sectionFromHash('#sync')).toBe('sync');
    expect(sectionFromHash('#/nope')).toBeNull();
    expect(sectionFromHash('')).toBeNull();
  });

  it('marks preferences loaded once main answers', () => {
    expect(useUiStore.getState().preferencesLoaded).toBe(false);
    useUiStore.getState().setPreferences({ ...defaultPreferences, theme: 'dark', sidebarCollapsed: true });
    expect(useUiStore.getState()).toMatchObject({ preferencesLoaded: true, preferences: { theme: 'dark' } });
  });

  it('resolves the effective theme', () => {
    expect(resolveTheme('system', 'dark')).toBe('dark');
    expect(resolveTheme('light', 'dark')).toBe('light');
  });
});

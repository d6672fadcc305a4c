import Conf from 'conf';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import { SettingsRepository } from './settingsRepository.ts';
import { currentSettingsVersion } from './storedSettings.ts';
import { createConfSettingsStore } from './confSettingsStore.ts';

const logger = createLogger(() => {});

function openStore(dir: string) {
  const open = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'tessera-test', clearInvalidConfig: false });
  return createConfSettingsStore(open, join(dir, 'settings.json'), logger);
}

describe('conf settings store (the store under electron-store)', () => {
  it('round-trips settings through the real file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-settings-'));
    const repo = new SettingsRepository(openStore(dir), logger);
    repo.update((s) => ({ ...s, preferences: { ...s.preferences, theme: 'dark' } }));
    const reopened = new SettingsRepository(openStore(dir), logger);
    expect(reopened.get().preferences.theme).toBe('dark');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).schemaVersion).toBe(currentSettingsVersion);
  });

  it('moves an unparsable file aside instead of losing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-settings-'));
    writeFileSync(join(dir, 'settings.json'), '{ "schemaVersion": 1, "preferences": ');
    const repo = new SettingsRepository(openStore(dir), logger);
    expect(repo.get().preferences.theme).toBe('system');
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toContain('"preferences": ');
  });

  it('keeps schema-invalid content aside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-settings-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 2, preferences: { theme: 'purple' }, connections: [] }));
    new SettingsRepository(openStore(dir), logger);
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toContain('purple');
  });
});

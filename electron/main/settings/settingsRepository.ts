import type { Logger } from '../../../shared/logger.ts';
import type { SettingsStorePort } from '../ports/settingsStorePort.ts';
import { defaultSettings, migrateSettings, storedSettingsSchema, type StoredSettings } from './storedSettings.ts';

/**
 * Main's settings, loaded once, migrated to the current schema, validated,
 * and written back through the store port on every change. Content that
 * cannot be read is quarantined, never overwritten in place.
 */
export class SettingsRepository {
  private current: StoredSettings;
  private readonly store: SettingsStorePort;

  constructor(store: SettingsStorePort, logger: Logger) {
    this.store = store;
    const raw = store.read();
    const outcome = migrateSettings(raw);
    if (outcome.ok) {
      this.current = outcome.settings;
      if (outcome.migratedFrom !== null) {
        logger.info('settings migrated', { from: outcome.migratedFrom, to: outcome.settings.schemaVersion });
        store.write(this.current);
      }
    } else {
      logger.error('settings could not be read; kept aside and started from defaults', { reason: outcome.reason });
      store.quarantine(raw, outcome.reason);
      this.current = defaultSettings();
      store.write(this.current);
    }
  }

  get(): StoredSettings {
    return this.current;
  }

  update(change: (settings: StoredSettings) => StoredSettings): StoredSettings {
    const next = storedSettingsSchema.parse(change(structuredClone(this.current)));
    this.store.write(next);
    this.current = next;
    return next;
  }
}

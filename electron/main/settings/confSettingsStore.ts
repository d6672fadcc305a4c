import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../../../shared/logger.ts';
import type { SettingsStorePort } from '../ports/settingsStorePort.ts';

/** The slice of `conf`'s API that electron-store shares (electron-store is `conf` plus Electron's paths). */
export interface ConfLike {
  store: Record<string, unknown>;
  readonly path: string;
}

/**
 * A settings store port over `conf` or electron-store. A file that does
 * not even parse is moved aside (quarantined), never silently replaced.
 */
export function createConfSettingsStore(open: () => ConfLike, expectedPath: string, logger: Logger): SettingsStorePort {
  let conf: ConfLike;
  try {
    conf = open();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const aside = quarantinePath(expectedPath);
    renameSync(expectedPath, aside);
    logger.error('settings file did not parse; moved aside and started from defaults', { file: aside });
    conf = open();
  }
  return {
    read: () => conf.store,
    write: (data) => {
      conf.store = data;
    },
    quarantine: (raw, reason) => {
      const aside = quarantinePath(conf.path);
      writeFileSync(aside, JSON.stringify({ reason, content: raw }, null, 2), { mode: 0o600 });
      logger.error('settings kept aside', { file: aside, reason });
    },
  };
}

function quarantinePath(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dirname(file), `settings.unreadable-${stamp}.json`);
}

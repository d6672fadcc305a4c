import type { CommandResult, ParsedCommandArgs } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { EventSink } from '../ports/eventSink.ts';
import type { NotificationPort } from '../ports/notificationPort.ts';
import type { SettingsRepository } from '../settings/settingsRepository.ts';
import { splitLocalKey } from '../../../shared/sync/localDocuments.ts';

/** One reminder the console found due (from its replica), described for a person (shape: the IPC contract's `tokens:remind`). */
export type ExpiryReminder = ParsedCommandArgs<'tokens:remind'>['reminders'][number];

export interface ExpiryReminders {
  /** Thresholds already sent, per token: the console skips those. */
  sent(): CommandResult<'tokens:remindersSent'>;
  /** Shows the reminders not sent before (once per token and threshold, across restarts). */
  remind(reminders: readonly ExpiryReminder[], liveConnectionIds: readonly string[]): CommandResult<'tokens:remind'>;
}

/** More than this many at once become one summary notification instead of a stack. */
const individualLimit = 3;
/** Remembered reminders are bounded; the oldest entries go first. */
const maxRemembered = 20_000;

const inDays = (threshold: number) => (threshold === 1 ? '1 day' : `${threshold} days`);

export function createExpiryReminders(deps: { settings: SettingsRepository; notifications: NotificationPort; events: EventSink; logger: Logger }): ExpiryReminders {
  const { settings, notifications, logger } = deps;
  const openTokens = () => deps.events.emit('app:navigate', { section: 'tokens' });
  return {
    sent: () => structuredClone(settings.get().tokenReminders),
    remind(reminders, liveConnectionIds) {
      const remembered = settings.get().tokenReminders;
      const fresh = reminders.filter((r) => !(remembered[r.key] ?? []).includes(r.threshold));
      const supported = notifications.isSupported();
      if (fresh.length > 0 && supported) {
        if (fresh.length <= individualLimit) {
          for (const r of fresh) {
            notifications.show({
              title: `API token expires in ${inDays(r.threshold)}`,
              body: `${r.userName} on ${r.tenantName}: “${r.label || r.prefix}” (${r.prefix}…) expires on ${new Date(r.expiresAt).toLocaleDateString()}. Replace it before the integration stops.`,
              onClick: openTokens,
            });
          }
        } else {
          const tightest = Math.min(...fresh.map((r) => r.threshold));
          notifications.show({
            title: `${fresh.length} API tokens expire soon`,
            body: `The first within ${inDays(tightest)}. Open Tokens in Tessera to see the expiry calendar.`,
            onClick: openTokens,
          });
        }
      }
      if (fresh.length > 0) {
        const live = new Set(liveConnectionIds);
        settings.update((s) => {
          const next: Record<string, number[]> = {};
          // Drop reminders of connections that are gone; keep the newest entries when over the bound.
          const entries = Object.entries(s.tokenReminders).filter(([key]) => live.has(splitLocalKey(key).tenantId));
          for (const [key, thresholds] of entries.slice(Math.max(0, entries.length + fresh.length - maxRemembered))) next[key] = thresholds;
          for (const r of fresh) next[r.key] = [...new Set([...(next[r.key] ?? []), ...r.reached])].sort((a, b) => b - a);
          return { ...s, tokenReminders: next };
        });
        logger.info('token expiry reminders', { count: fresh.length, notified: supported });
      }
      return { shown: supported ? fresh.length : 0, supported };
    },
  };
}

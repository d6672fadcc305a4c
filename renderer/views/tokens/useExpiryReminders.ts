import { useEffect } from 'react';
import { dueExpiryReminders, tokenReminderKey } from '../../../shared/console/tokenFacts.ts';
import { localKey, splitLocalKey } from '../../../shared/sync/localDocuments.ts';
import { bridge } from '../../bridge.ts';
import type { LocalReplica } from '../../sync/localReplica.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { useReplica } from '../../sync/useDatabase.ts';

const dayMs = 86_400_000;
/**
 * First look shortly after start (the replica catches up first), then when
 * tokens change (at most every 15 s: integrations update `lastUsedAt` all
 * the time) and at least every 15 minutes, as thresholds pass by the clock.
 */
const firstCheckMs = 5_000;
const minGapMs = 15_000;
const checkEveryMs = 900_000;

/**
 * Desktop reminders 30, 7 and 1 day(s) before a token expires: found in the
 * local copy, sent through main, which remembers what it sent (across
 * restarts) so each token and threshold is reminded once.
 */
export function useExpiryReminders(): void {
  const replica = useReplica();
  useEffect(() => {
    if (!replica) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastCheck = 0;
    const startedAt = Date.now();
    const check = () => {
      timer = null;
      lastCheck = Date.now();
      checkExpiries(replica).catch((error: unknown) => {
        if (!stopped) console.warn('token expiry check failed', error);
      });
    };
    const schedule = () => {
      if (timer !== null || stopped) return;
      timer = setTimeout(check, Math.max(0, startedAt + firstCheckMs - Date.now(), lastCheck + minGapMs - Date.now()));
    };
    schedule();
    const changes = replica.pages.tokens.changes$.subscribe(schedule);
    const every = setInterval(schedule, checkEveryMs);
    return () => {
      stopped = true;
      changes.unsubscribe();
      if (timer !== null) clearTimeout(timer);
      clearInterval(every);
    };
  }, [replica]);
}

export async function checkExpiries(replica: Pick<LocalReplica, 'db' | 'pages'>): Promise<number> {
  const now = Date.now();
  const connections = useConnectionsStore.getState().connections;
  const names = new Map(connections.map((c) => [c.id, c.displayName]));
  const from = new Date(now).toISOString();
  const to = new Date(now + 30 * dayMs).toISOString();
  const expiring = (await replica.pages.tokens.expiringBetween(from, to)).filter((t) => t.status === 'active');
  if (expiring.length === 0) return 0;
  const users = await replica.db.technicalusers.findByIds(expiring.map((t) => localKey(t.tenantId, t.technicalUserId))).exec();
  // A token of an inactive user is refused by the tenant: no reminder that it is about to stop working.
  const tokens = expiring.map((t) => ({ ...t, ownerActive: users.get(localKey(t.tenantId, t.technicalUserId))?.active ?? true }));
  const sent = await bridge().tokens.remindersSent();
  if (!sent.ok) return 0;
  const due = dueExpiryReminders(tokens as never, (key) => sent.value[key] ?? [], now).filter((r) => names.has(splitLocalKey(r.key).tenantId));
  if (due.length === 0) return 0;
  const byKey = new Map(tokens.map((t) => [tokenReminderKey(t), t]));
  const reminders = due.slice(0, 5000).map((r) => {
    const token = byKey.get(r.key)!;
    return {
      key: r.key,
      threshold: r.threshold,
      reached: [...r.reached],
      userName: users.get(localKey(token.tenantId, token.technicalUserId))?.name ?? token.technicalUserId,
      tenantName: names.get(token.tenantId) ?? '',
      label: token.label ?? '',
      prefix: token.prefix ?? '',
      expiresAt: token.expiresAt,
    };
  });
  const result = await bridge().tokens.remind({ reminders, liveConnectionIds: connections.map((c) => c.id) });
  if (result.ok && (result.value.shown > 0 || !result.value.supported)) {
    const tightest = Math.min(...reminders.map((r) => r.threshold));
    useNoticesStore.getState().push({
      kind: 'info',
      message: `${reminders.length} API token${reminders.length === 1 ? '' : 's'} expire${reminders.length === 1 ? 's' : ''} within ${tightest === 1 ? '1 day' : `${tightest} days`} — see Tokens › Expiry calendar.${result.value.supported ? '' : ' (This system shows no desktop notifications.)'}`,
    });
  }
  return reminders.length;
}

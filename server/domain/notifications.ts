import { randomUUID } from 'node:crypto';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { recordNoun, type StoredRecord } from './objectRecords.ts';
import { tenantSettings } from './tenant.ts';
import type { TenantStore } from './tenantStore.ts';

/**
 * Notification e-mail (LeanIX: technical users are subscribed to objects
 * with a group address). When an integration creates or edits a record of an
 * object, every active technical user subscribed to that object with a
 * notification e-mail is told — one message per address, naming the
 * subscribed users. Messages wait in `notifications` until the mail relay
 * takes them (server/mail/notificationMailer.ts), so none is lost while it is
 * away.
 */

export interface ObjectChange {
  readonly record: StoredRecord;
  readonly change: 'created' | 'updated';
  /** The technical user whose token made the change. */
  readonly by: Pick<TechnicalUser, 'id' | 'name'>;
}

export interface QueuedNotification {
  readonly id: string;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  /** `X-Tessera-*` headers: which tenant, users and record it is about (no secrets). */
  readonly headers: Record<string, string>;
  readonly createdAt: string;
  readonly attempts: number;
}

const queuedListeners = new WeakMap<TenantStore, Set<() => void>>();

/** Called after notifications are queued (the mailer sends them without waiting for its next look). */
export function onNotificationsQueued(store: TenantStore, listener: () => void): () => void {
  let listeners = queuedListeners.get(store);
  if (!listeners) queuedListeners.set(store, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Active technical users subscribed to an object (ignoring case) with a notification e-mail. */
export function subscribersOf(store: TenantStore, object: string): TechnicalUser[] {
  return store.db
    .all<{ body: string }>(
      `SELECT body FROM technical_users
       WHERE deleted = 0 AND json_extract(body, '$.active') = 1 AND json_extract(body, '$.notificationEmail') IS NOT NULL
         AND EXISTS (SELECT 1 FROM json_each(body, '$.subscriptions') WHERE lower(json_each.value) = lower(?))
       ORDER BY name_key`,
      object,
    )
    .map((r) => JSON.parse(r.body) as TechnicalUser);
}

/** Queues the e-mail a change causes; returns how many messages. Nothing when the server has no mail relay. */
export function queueNotifications(store: TenantStore, change: ObjectChange): number {
  if (!store.notifications) return 0;
  const subscribers = subscribersOf(store, change.record.object).filter((u) => u.id !== change.by.id);
  const byAddress = new Map<string, TechnicalUser[]>();
  for (const user of subscribers) {
    const address = user.notificationEmail!.toLowerCase();
    byAddress.set(address, [...(byAddress.get(address) ?? []), user]);
  }
  if (byAddress.size === 0) return 0;
  const tenant = tenantSettings(store);
  const at = store.now();
  const { record } = change;
  const name = record.name.en ?? Object.values(record.name)[0] ?? record.id;
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: tenant.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const verb = change.change === 'created' ? 'created' : 'changed';
  for (const [, users] of byAddress) {
    const body = [
      `${change.by.name} ${verb} ${recordNoun(record.object)} in ${tenant.name}:`,
      '',
      `  ${name}`,
      `  Record ${record.object}/${record.id}, ${when} (${tenant.timeZone})`,
      '',
      `This address gets notifications for ${users.length === 1 ? 'this technical user' : 'these technical users'}, subscribed to ${record.object}:`,
      ...users.map((u) => `  • ${u.name}`),
      '',
      `To stop them, remove "${record.object}" from ${users.length === 1 ? 'its' : 'their'} subscriptions or change ${users.length === 1 ? 'its' : 'their'} notification e-mail.`,
    ].join('\n');
    store.db.run(
      'INSERT INTO notifications (id, recipient, subject, body, headers, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      randomUUID(),
      users[0]!.notificationEmail!,
      `${tenant.name}: ${recordNoun(record.object).replace(/^an? /, '')} ${verb} — ${name}`,
      body,
      JSON.stringify({
        'X-Tessera-Tenant': tenant.id,
        'X-Tessera-Technical-Users': users.map((u) => u.id).join(', '),
        'X-Tessera-Record': `${record.object}/${record.id}`,
      }),
      at.toISOString(),
      at.toISOString(),
    );
  }
  for (const listener of queuedListeners.get(store) ?? []) listener();
  return byAddress.size;
}

/** Messages due now, oldest first. */
export function dueNotifications(store: TenantStore, limit = 20): QueuedNotification[] {
  return store.db
    .all<{ id: string; recipient: string; subject: string; body: string; headers: string; created_at: string; attempts: number }>(
      'SELECT id, recipient, subject, body, headers, created_at, attempts FROM notifications WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?',
      store.now().toISOString(),
      limit,
    )
    .map((r) => ({ id: r.id, recipient: r.recipient, subject: r.subject, body: r.body, headers: JSON.parse(r.headers) as Record<string, string>, createdAt: r.created_at, attempts: r.attempts }));
}

export function markSent(store: TenantStore, id: string): void {
  store.db.run('UPDATE notifications SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?', store.now().toISOString(), id);
}

/** The relay refused or was away: try again later, a little later each time (at most every 30 minutes). */
export function markFailed(store: TenantStore, id: string, error: string, attempts: number): void {
  const wait = Math.min(30 * 60_000, 5_000 * 2 ** Math.min(attempts, 12));
  store.db.run('UPDATE notifications SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?', error.slice(0, 500), new Date(store.now().getTime() + wait).toISOString(), id);
}

import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import type { DesktopNotification } from '../ports/notificationPort.ts';
import { SettingsRepository } from '../settings/settingsRepository.ts';
import { createExpiryReminders, type ExpiryReminder } from './expiryReminders.ts';

const logger = createLogger(() => undefined);

function rig(supported = true) {
  let stored: unknown = undefined;
  const store = { read: () => stored, write: (value: unknown) => void (stored = structuredClone(value)), quarantine: () => undefined };
  const shown: DesktopNotification[] = [];
  const navigations: unknown[] = [];
  const make = () =>
    createExpiryReminders({
      settings: new SettingsRepository(store, logger),
      notifications: { isSupported: () => supported, show: (n) => void shown.push(n) },
      events: { emit: (_event, payload) => void navigations.push(payload) },
      logger,
    });
  return { make, shown, navigations, stored: () => stored as { tokenReminders: Record<string, number[]> } };
}

const reminder = (key: string, threshold: number, reached: number[] = [threshold]): ExpiryReminder => ({
  key,
  threshold,
  reached,
  userName: 'Salesforce sync',
  tenantName: 'Acme',
  label: 'CI deploy',
  prefix: 'tsk_abcd',
  expiresAt: '2026-12-02T12:00:00.000Z',
});

describe('token expiry reminders', () => {
  it('notifies once per token and threshold, remembered by a new instance (a restart)', () => {
    const r = rig();
    const first = r.make();
    expect(first.remind([reminder('c1|t1', 7, [30, 7])], ['c1'])).toEqual({ shown: 1, supported: true });
    expect(r.shown[0]).toMatchObject({ title: 'API token expires in 7 days' });
    expect(r.shown[0]!.body).toContain('Salesforce sync on Acme');
    expect(first.remind([reminder('c1|t1', 7)], ['c1']).shown).toBe(0);
    const afterRestart = r.make();
    expect(afterRestart.sent()).toEqual({ 'c1|t1': [30, 7] });
    expect(afterRestart.remind([reminder('c1|t1', 7), reminder('c1|t1', 30)], ['c1']).shown).toBe(0);
    expect(afterRestart.remind([reminder('c1|t1', 1, [30, 7, 1])], ['c1']).shown).toBe(1);
    expect(r.shown.map((n) => n.title)).toEqual(['API token expires in 7 days', 'API token expires in 1 day']);
  });

  it('turns many at once into one summary that opens the Tokens section', () => {
    const r = rig();
    const reminders = r.make();
    reminders.remind(['a', 'b', 'c', 'd', 'e'].map((k, i) => reminder(`c1|${k}`, i === 0 ? 1 : 30)), ['c1']);
    expect(r.shown).toHaveLength(1);
    expect(r.shown[0]).toMatchObject({ title: '5 API tokens expire soon' });
    expect(r.shown[0]!.body).toContain('within 1 day');
    r.shown[0]!.onClick?.();
    expect(r.navigations).toEqual([{ section: 'tokens' }]);
  });

  it('forgets reminders of connections that are gone', () => {
    const r = rig();
    const reminders = r.make();
    reminders.remind([reminder('old|t1', 30)], ['old']);
    reminders.remind([reminder('c2|t2', 30)], ['c2']);
    expect(Object.keys(r.stored().tokenReminders)).toEqual(['c2|t2']);
  });

  it('without OS notifications, still remembers and says it could not show them', () => {
    const r = rig(false);
    expect(r.make().remind([reminder('c1|t1', 30)], ['c1'])).toEqual({ shown: 0, supported: false });
    expect(r.shown).toEqual([]);
    expect(r.stored().tokenReminders).toEqual({ 'c1|t1': [30] });
  });
});

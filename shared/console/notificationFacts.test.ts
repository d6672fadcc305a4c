import { describe, expect, it } from 'vitest';
import { listInWords, notificationSummary } from './notificationFacts.ts';

describe('notificationSummary', () => {
  const base = { email: 'finance@acme.example', subscriptions: ['invoices', 'orders'], active: true, delivery: 'email' as const };

  it('says where e-mail goes and for what when the tenant sends it', () => {
    expect(notificationSummary(base)).toEqual({ state: 'sends', text: 'E-mail goes to finance@acme.example when an integration creates or changes invoices and orders (not for its own changes).' });
  });

  it('says why nothing is sent: no address, no subscriptions, an inactive user, a tenant without a relay', () => {
    expect(notificationSummary({ ...base, email: '  ' }).text).toBe('Subscribed to invoices and orders, but without a notification e-mail nothing is sent.');
    expect(notificationSummary({ ...base, subscriptions: [] }).text).toBe('Nothing is sent to finance@acme.example yet: add the objects whose changes it should hear about.');
    expect(notificationSummary({ ...base, email: '', subscriptions: [] }).state).toBe('silent');
    expect(notificationSummary({ ...base, active: false }).text).toBe('Inactive: nothing is sent to finance@acme.example until it is active again.');
    expect(notificationSummary({ ...base, delivery: 'none' }).text).toContain('This tenant sends no notification e-mail');
  });

  it('does not claim delivery for a tenant that does not say', () => {
    const summary = notificationSummary({ ...base, delivery: undefined });
    expect(summary.state).toBe('unknown');
    expect(summary.text).toContain('it does not say');
  });

  it('lists objects in words', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

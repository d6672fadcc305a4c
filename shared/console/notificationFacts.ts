/**
 * Where a technical user's notification e-mail goes, and for what — in the
 * words the user page shows. A tenant says whether it sends notification
 * e-mail at all (`GET /tenant` → `notifications.delivery`); an older server
 * may not say.
 */
export interface NotificationInput {
  readonly email: string;
  readonly subscriptions: readonly string[];
  readonly active: boolean;
  /** `undefined`: the tenant does not say. */
  readonly delivery: 'email' | 'none' | undefined;
}

export interface NotificationSummary {
  /** `sends`: e-mail goes out on changes; `silent`: nothing is sent (and why). */
  readonly state: 'sends' | 'silent' | 'unknown';
  readonly text: string;
}

/** "invoices", "invoices and orders", "accounts, invoices and orders". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function notificationSummary(input: NotificationInput): NotificationSummary {
  const email = input.email.trim();
  const objects = listInWords(input.subscriptions);
  if (!email && input.subscriptions.length === 0) return { state: 'silent', text: 'No notifications: give an e-mail address and the objects whose changes it should hear about.' };
  if (!email) return { state: 'silent', text: `Subscribed to ${objects}, but without a notification e-mail nothing is sent.` };
  if (input.subscriptions.length === 0) return { state: 'silent', text: `Nothing is sent to ${email} yet: add the objects whose changes it should hear about.` };
  if (input.delivery === 'none') return { state: 'silent', text: `This tenant sends no notification e-mail (it has no mail relay), so ${email} gets nothing for ${objects}.` };
  if (!input.active) return { state: 'silent', text: `Inactive: nothing is sent to ${email} until it is active again.` };
  const what = `when an integration creates or changes ${objects} (not for its own changes)`;
  if (input.delivery === undefined) return { state: 'unknown', text: `Notifications go to ${email} ${what}, if this tenant sends notification e-mail — it does not say.` };
  return { state: 'sends', text: `E-mail goes to ${email} ${what}.` };
}

import type { Integration } from '../../shared/api/employees.ts';
import type { Result } from '../../shared/result.ts';

/** A person's integrations as read from the tenant, or why they could not be (never mistaken for "owns nothing"). */
export type OwnedIntegrations = Integration[] | { readonly error: string };

export interface IntegrationsReader {
  /** Reads, a few at a time and in this order, the integrations of these people not asked for yet. */
  want(personIds: readonly string[]): void;
  /** What is known of one person: undefined while not read yet. */
  of(personId: string): OwnedIntegrations | undefined;
  /** Forgets one person's answer (after an action on them), so the next `want` reads it again. */
  forget(personId: string): void;
  /** Forgets the answers that failed, so they are asked again (when the list itself was read again). */
  forgetFailed(): void;
  /** Called after every change of what is known. */
  subscribe(listener: () => void): () => void;
  /** Drops what is queued and not yet asked of the tenant (the view went away); a later `want` asks for it again. */
  stop(): void;
}

/**
 * The People view's fan-out over one tenant: every drawn person's webhooks
 * and apps, read through main at most `parallel` at a time, each person once
 * until forgotten. Headless; the view only renders what `of` says.
 */
export function createIntegrationsReader(read: (personId: string) => Promise<Result<Integration[]>>, options: { parallel: number }): IntegrationsReader {
  const known = new Map<string, OwnedIntegrations>();
  /** Who has been asked for, each with the ask's number (an answer to an older ask, from before `forget`, is dropped). */
  const asked = new Map<string, number>();
  let asks = 0;
  const queue: string[] = [];
  const listeners = new Set<() => void>();
  let running = 0;

  const changed = () => {
    for (const listener of listeners) listener();
  };

  async function work(): Promise<void> {
    running += 1;
    try {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const ask = asked.get(id);
        const answer = await read(id).catch((error: unknown) => ({ ok: false as const, error: { message: error instanceof Error ? error.message : String(error) } }));
        if (asked.get(id) !== ask) continue;
        known.set(id, answer.ok ? answer.value : { error: answer.error.message });
        changed();
      }
    } finally {
      running -= 1;
    }
  }

  return {
    want(personIds) {
      for (const id of personIds) {
        if (asked.has(id)) continue;
        asked.set(id, ++asks);
        queue.push(id);
      }
      while (running < options.parallel && queue.length > 0) void work();
    },
    of: (personId) => known.get(personId),
    forget(personId) {
      asked.delete(personId);
      if (known.delete(personId)) changed();
    },
    forgetFailed() {
      let any = false;
      for (const [id, owned] of known) {
        if (Array.isArray(owned)) continue;
        known.delete(id);
        asked.delete(id);
        any = true;
      }
      if (any) changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      for (const id of queue.splice(0)) asked.delete(id);
    },
  };
}

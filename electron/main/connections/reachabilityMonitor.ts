import type { ConnectionState, TenantSummary } from '../../../shared/connections.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { offlineCodes, tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';

/** What is known about a connection's tenant right now (memory only). */
export interface Reachability {
  readonly state: ConnectionState;
  readonly detail: { code: string; message: string } | null;
  readonly lastCheckedAt: string | null;
  readonly lastConnectedAt: string | null;
  readonly tenant: TenantSummary | null;
  readonly grantedScopes: string[];
}

/** What one look at a tenant found when it answered. */
export interface ProbeAnswer {
  readonly tenant: TenantSummary;
  readonly grantedScopes: string[];
}

export interface ReachabilityMonitorOptions {
  /** One look at a connection's tenant: its summary, or a `CodedError` saying why not. */
  readonly probe: (connectionId: string) => Promise<ProbeAnswer>;
  /** The connections there are (a removed one is not looked at again). */
  readonly connectionIds: () => readonly string[];
  readonly logger: Logger;
  /** How often a connected tenant is checked, and the longest wait between checks of an offline one. */
  readonly checkIntervalMs?: number;
  readonly maxOfflineBackoffMs?: number;
}

export interface ReachabilityMonitor {
  of(connectionId: string): Reachability;
  /** Looks at a connection's tenant now (the "Retry" button, a broken stream, the schedule). */
  check(connectionId: string): Promise<Reachability>;
  /** Starts over after the connection changed how it is reached: forgets its failures, looks now, then on schedule. */
  restart(connectionId: string): Promise<void>;
  /** What adding a connection found out (its test just ran); the caller announces it. */
  record(connectionId: string, found: { answer: ProbeAnswer } | { unreachable: string }): void;
  /** Puts a connection on the schedule. */
  watch(connectionId: string): void;
  forget(connectionId: string): void;
  /** Watches every connection; `stop` ends that (app quit, tests). */
  start(): void;
  stop(): void;
  /** Called when a look changed what is known about a connection (timestamps aside). */
  onChange(listener: () => void): () => void;
}

/** Errors that mean the credentials are wrong, not that the tenant is away. */
const authCodes = new Set<string>([tenantErrorCodes.authFailed, tenantErrorCodes.noSecret, 'vault_unavailable', 'vault_failed', 'insufficient_scope']);

/** The state a failed look leaves a connection in. */
export function stateAfterFailure(code: string): ConnectionState {
  return offlineCodes.has(code) ? 'offline' : authCodes.has(code) ? 'auth_failed' : 'error';
}

/**
 * How long until the next look: the normal interval while the tenant answers; after failures a
 * backoff from a quarter of it (at least 500 ms), doubling each time, capped at `maxOfflineBackoffMs`.
 */
export function nextCheckDelayMs(failures: number, timing: { checkIntervalMs: number; maxOfflineBackoffMs: number }): number {
  if (failures === 0) return timing.checkIntervalMs;
  return Math.min(timing.maxOfflineBackoffMs, Math.max(500, timing.checkIntervalMs / 4) * 2 ** Math.min(failures - 1, 8));
}

const unknown = (): Reachability => ({ state: 'checking', detail: null, lastCheckedAt: null, lastConnectedAt: null, tenant: null, grantedScopes: [] });
/** Timestamps move on every look; a change is anything else. */
const signature = (state: Reachability) => JSON.stringify({ ...state, lastCheckedAt: null, lastConnectedAt: null });

/**
 * Whether each connection's tenant answers — connected, offline, credentials
 * refused — found by looking at it on a schedule: every interval while it
 * answers, with a growing backoff while it does not.
 */
export function createReachabilityMonitor(options: ReachabilityMonitorOptions): ReachabilityMonitor {
  const { probe, logger } = options;
  const timing = { checkIntervalMs: options.checkIntervalMs ?? 15_000, maxOfflineBackoffMs: options.maxOfflineBackoffMs ?? 15_000 };
  const known = new Map<string, Reachability>();
  /** What each connection looked like when listeners last heard of it. */
  const reported = new Map<string, string>();
  const failures = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();
  const listeners = new Set<() => void>();
  let running = false;

  const of = (id: string) => known.get(id) ?? unknown();
  const exists = (id: string) => options.connectionIds().includes(id);
  const set = (id: string, next: Reachability) => {
    // A look that ends after its connection was removed leaves nothing behind.
    if (exists(id)) known.set(id, next);
  };
  const report = (id: string) => {
    if (!exists(id)) return;
    const current = signature(of(id));
    // Compared with what was last reported, not with this look's start: looks overlap (the schedule,
    // the event stream, the Retry button), and a slow one must not hide a change another one made.
    if (reported.get(id) === current) return;
    reported.set(id, current);
    for (const listener of listeners) listener();
  };

  const check = async (id: string): Promise<Reachability> => {
    if (!exists(id)) throw new CodedError('connection_not_found', 'This connection no longer exists.');
    try {
      const answer = await probe(id);
      set(id, { state: 'connected', detail: null, lastCheckedAt: new Date().toISOString(), lastConnectedAt: new Date().toISOString(), tenant: answer.tenant, grantedScopes: answer.grantedScopes });
      // Back after failures: the next look is at the normal interval again, not at the end of an
      // offline backoff (that would leave a tenant that goes away again unnoticed for as long).
      if (failures.delete(id)) watch(id);
    } catch (error) {
      const coded = error instanceof CodedError ? error : new CodedError('internal', String(error));
      const state = stateAfterFailure(coded.code);
      set(id, { ...of(id), state, detail: { code: coded.code, message: coded.message }, lastCheckedAt: new Date().toISOString() });
      failures.set(id, (failures.get(id) ?? 0) + 1);
      if (state !== 'offline') logger.warn('connection check failed', { connection: id, code: coded.code });
    }
    report(id);
    return of(id);
  };

  const watch = (id: string) => {
    clearTimeout(timers.get(id));
    if (!running) return;
    timers.set(
      id,
      setTimeout(() => {
        if (!exists(id)) return;
        void check(id).finally(() => watch(id));
      }, nextCheckDelayMs(failures.get(id) ?? 0, timing)),
    );
  };

  return {
    of,
    check,
    watch,
    async restart(id) {
      failures.delete(id);
      await check(id);
      watch(id);
    },
    record(id, found) {
      const now = new Date().toISOString();
      set(
        id,
        'answer' in found
          ? { ...unknown(), state: 'connected', tenant: found.answer.tenant, grantedScopes: found.answer.grantedScopes, lastCheckedAt: now, lastConnectedAt: now }
          : { ...unknown(), state: 'offline', detail: { code: tenantErrorCodes.refused, message: found.unreachable } },
      );
      reported.set(id, signature(of(id)));
    },
    forget(id) {
      clearTimeout(timers.get(id));
      timers.delete(id);
      known.delete(id);
      reported.delete(id);
      failures.delete(id);
    },
    start() {
      if (running) return;
      running = true;
      for (const id of options.connectionIds()) void check(id).finally(() => watch(id));
    },
    stop() {
      running = false;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

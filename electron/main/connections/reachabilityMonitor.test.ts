import { describe, expect, it } from 'vitest';
import type { TenantSummary } from '../../../shared/connections.ts';
import { createLogger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { createReachabilityMonitor, nextCheckDelayMs, stateAfterFailure, type ProbeAnswer } from './reachabilityMonitor.ts';

const logger = createLogger(() => {});
const tenant = { id: 'srv-acme', name: 'Acme' } as TenantSummary;

/** A monitor over the given connections whose looks answer what the test queues (this test is about the monitor's own logic). */
function rig(ids: string[]) {
  const answers: Array<ProbeAnswer | CodedError> = [];
  let changes = 0;
  const monitor = createReachabilityMonitor({
    connectionIds: () => ids,
    logger,
    probe: async () => {
      const next = answers.shift();
      if (!next) throw new Error('no answer queued');
      if (next instanceof CodedError) throw next;
      return next;
    },
  });
  monitor.onChange(() => void (changes += 1));
  return { monitor, answers, ids, changes: () => changes };
}

describe('reachability monitor', () => {
  it('waits the normal interval while a tenant answers, and backs off while it does not, up to the cap', () => {
    const timing = { checkIntervalMs: 15_000, maxOfflineBackoffMs: 60_000 };
    expect(nextCheckDelayMs(0, timing)).toBe(15_000);
    expect([1, 2, 3, 4, 5].map((failures) => nextCheckDelayMs(failures, timing))).toEqual([3_750, 7_500, 15_000, 30_000, 60_000]);
    expect(nextCheckDelayMs(40, timing)).toBe(60_000);
    // A short interval still waits at least half a second after a failure.
    expect(nextCheckDelayMs(1, { checkIntervalMs: 100, maxOfflineBackoffMs: 60_000 })).toBe(500);
  });

  it('tells away from refused from broken', () => {
    expect(['tenant_unreachable', 'tenant_timeout', 'tenant_dns_failed', 'tenant_rate_limited'].map(stateAfterFailure)).toEqual(['offline', 'offline', 'offline', 'offline']);
    expect(['tenant_auth_failed', 'vault_secret_missing', 'vault_unavailable', 'insufficient_scope'].map(stateAfterFailure)).toEqual(['auth_failed', 'auth_failed', 'auth_failed', 'auth_failed']);
    expect(stateAfterFailure('connection_tenant_mismatch')).toBe('error');
  });

  it('records what each look finds, and reports only changes', async () => {
    const r = rig(['c1']);
    expect(r.monitor.of('c1').state).toBe('checking');
    r.answers.push({ tenant, grantedScopes: ['admin:read'] });
    expect(await r.monitor.check('c1')).toMatchObject({ state: 'connected', tenant, grantedScopes: ['admin:read'], detail: null });
    expect(r.changes()).toBe(1);
    r.answers.push({ tenant, grantedScopes: ['admin:read'] });
    await r.monitor.check('c1');
    expect(r.changes()).toBe(1);
    r.answers.push(new CodedError('tenant_unreachable', 'connection refused'));
    const away = await r.monitor.check('c1');
    // Offline keeps what was known of the tenant, and says why.
    expect(away).toMatchObject({ state: 'offline', tenant, detail: { code: 'tenant_unreachable', message: 'connection refused' } });
    expect(away.lastConnectedAt).not.toBeNull();
    expect(r.changes()).toBe(2);
  });

  it('records what adding found without reporting it again at the next look', async () => {
    const r = rig(['c1']);
    r.monitor.record('c1', { answer: { tenant, grantedScopes: [] } });
    expect(r.monitor.of('c1').state).toBe('connected');
    r.answers.push({ tenant, grantedScopes: [] });
    await r.monitor.check('c1');
    expect(r.changes()).toBe(0);
    r.monitor.record('c1', { unreachable: 'Not reachable yet.' });
    expect(r.monitor.of('c1')).toMatchObject({ state: 'offline', detail: { code: 'tenant_unreachable', message: 'Not reachable yet.' } });
  });

  it('refuses to look at a connection that does not exist, and leaves nothing of one removed while it was looked at', async () => {
    const r = rig(['c1']);
    await expect(r.monitor.check('gone')).rejects.toMatchObject({ code: 'connection_not_found' });
    let answer!: (value: ProbeAnswer) => void;
    const slow = createReachabilityMonitor({ connectionIds: () => r.ids, logger, probe: () => new Promise((resolve) => (answer = resolve)) });
    const look = slow.check('c1');
    r.ids.splice(0, 1);
    slow.forget('c1');
    answer({ tenant, grantedScopes: [] });
    await look;
    expect(slow.of('c1').state).toBe('checking');
  });
});

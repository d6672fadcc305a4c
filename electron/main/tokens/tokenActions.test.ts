import { describe, expect, it } from 'vitest';
import type { ApiToken } from '../../../shared/api/tokens.ts';
import { createLogger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { Reachability } from '../connections/reachabilityMonitor.ts';
import type { StoredConnection } from '../settings/storedSettings.ts';
import { createTenantApiPort } from '../tenantApi/tenantApiPort.ts';
import type { TenantClient } from '../tenantApi/tenantClient.ts';
import { createTokenActions } from './tokenActions.ts';
import type { TokenReveal } from './tokenReveal.ts';

const token: ApiToken = {
  id: 'tok-1', technicalUserId: 'u1', label: 'CI', prefix: 'tsk_abcd', createdAt: '2026-11-25T12:00:00.000Z', createdBy: { clientId: 'c', name: 'Ada', email: null },
  expiresAt: '2027-02-23T12:00:00.000Z', lastUsedAt: null, lastAttemptAt: null, status: 'active', replacedBy: null, revision: 1, updatedAt: '2026-11-25T12:00:00.000Z',
};

/** The tenant port over one connection whose client records the calls (this test is about the action's own logic). */
function rig(options: { state?: 'connected' | 'offline'; revealOpen?: boolean; revealFails?: boolean } = {}) {
  const calls: string[] = [];
  const shown: string[] = [];
  const client = {
    async call(route: string) {
      calls.push(route);
      if (route === 'issueToken') return { token, secret: 'tsk_abcd-the-secret' };
      return null;
    },
  };
  const tenants = createTenantApiPort({
    connections: { list: () => [{ id: 'conn', displayName: 'Acme' } as StoredConnection] },
    reachability: { of: () => ({ state: options.state ?? 'connected' }) as Reachability },
    clients: { client: () => client as unknown as TenantClient, forget: () => undefined },
  });
  const reveal: TokenReveal = {
    reserve: () => {
      if (options.revealOpen) throw new CodedError('reveal_open', 'open');
      return {
        show: async (request) => {
          if (options.revealFails) throw new CodedError('reveal_failed', 'The window could not open.');
          shown.push(request.secret);
        },
        release: () => undefined,
      };
    },
    shutdown: async () => undefined,
  };
  return { actions: createTokenActions({ tenants, reveal, logger: createLogger(() => undefined) }), calls, shown };
}

const issue = { connectionId: 'conn', technicalUserId: 'u1', userName: 'Salesforce sync' };

describe('token actions', () => {
  it('hands the secret to the reveal window and answers with metadata only', async () => {
    const r = rig();
    const result = await r.actions.issue(issue);
    expect(result).toEqual({ token });
    expect(JSON.stringify(result)).not.toContain('the-secret');
    expect(r.shown).toEqual(['tsk_abcd-the-secret']);
  });

  it('mints nothing while another secret is on screen, or when the tenant is offline', async () => {
    const open = rig({ revealOpen: true });
    await expect(open.actions.issue(issue)).rejects.toMatchObject({ code: 'reveal_open' });
    expect(open.calls).toEqual([]);
    const offline = rig({ state: 'offline' });
    await expect(offline.actions.issue(issue)).rejects.toMatchObject({ code: 'tenant_offline' });
    expect(offline.calls).toEqual([]);
  });

  it('revokes a token whose secret nobody could see', async () => {
    const r = rig({ revealFails: true });
    await expect(r.actions.issue(issue)).rejects.toMatchObject({ code: 'reveal_failed', message: expect.stringContaining('was revoked') });
    expect(r.calls).toEqual(['issueToken', 'revokeToken']);
  });
});

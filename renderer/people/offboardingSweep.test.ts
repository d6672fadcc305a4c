import { describe, expect, it } from 'vitest';
import type { Employee, Integration, TerminationResult } from '../../shared/api/employees.ts';
import type { ConnectionView } from '../../shared/connections.ts';
import { err, ok, type Result } from '../../shared/result.ts';
import { tenantErrorCodes } from '../../shared/tenantErrorCodes.ts';
import { createSweepStore } from '../state/sweepStore.ts';
import { createOffboardingSweep, type SweepDeps } from './offboardingSweep.ts';

// The sweep's own logic (what each answer of the tenant means for its state); the real
// tenant, main and the timeout are in e2e/offboardingSweep.spec.ts.

const connection = (id: string, state: ConnectionView['state'] = 'connected') => ({ id, displayName: `Tenant ${id}`, state }) as ConnectionView;
const maya: Employee = { id: 'e1', firstName: 'Maya', lastName: 'Novak', email: 'maya@acme.example', roleIds: [], language: 'en', timeZone: 'UTC', active: true };
const hook: Integration = { id: 'i1', kind: 'webhook', name: 'Orders hook', ownerType: 'user', ownerId: 'e1', active: true, local: false } as Integration;
const done = { employee: { ...maya, active: false }, systemUsers: [], moved: [], disabled: [] } as unknown as TerminationResult;

function sweepWith(answers: { terminate: () => Promise<Result<TerminationResult>>; active?: () => boolean }, connections = [connection('a')]) {
  const store = createSweepStore();
  const calls: string[] = [];
  const people: SweepDeps['people'] = {
    list: async ({ connectionId }) => (calls.push(`list ${connectionId}`), ok({ people: [{ ...maya, active: answers.active?.() ?? true }], truncated: false })),
    integrations: async () => ok([hook]),
    terminate: async ({ connectionId }) => (calls.push(`terminate ${connectionId}`), answers.terminate()),
  };
  const sweep = createOffboardingSweep({ people, connections: () => connections, localCopy: { technicalUsers: async () => [], tokens: async () => [] }, store });
  return { sweep, store, calls };
}

describe('offboarding sweep', () => {
  it('plans the person on an online tenant and lists an offline one as pending', async () => {
    const { sweep, store, calls } = sweepWith({ terminate: async () => ok(done) }, [connection('a'), connection('b', 'offline')]);
    await sweep.findEverywhere(' maya@acme.example ');
    expect(store.getState().email).toBe('maya@acme.example');
    expect(store.getState().tenants.a).toMatchObject({ status: 'planned', employee: { id: 'e1' }, integrations: [{ id: 'i1' }] });
    expect(store.getState().tenants.b).toMatchObject({ status: 'pending_offline', employee: null });
    expect(calls).toEqual(['list a']);
  });

  it('calls a termination whose answer timed out "unanswered", not failed, and looking again finds it done', async () => {
    let terminated = false;
    const { sweep, store } = sweepWith({
      terminate: async () => ((terminated = true), err(tenantErrorCodes.timeout, 'acme.example did not answer within 15 s.')),
      active: () => !terminated,
    });
    await sweep.findEverywhere('maya@acme.example');
    await sweep.run(['a']);
    expect(store.getState().tenants.a).toMatchObject({ status: 'unanswered', message: expect.stringMatching(/^Sent, but no answer came back \(acme\.example did not answer within 15 s\.\)/) });
    await sweep.lookAgain(['a']);
    expect(store.getState().tenants.a).toMatchObject({ status: 'done', message: expect.stringContaining('report did not arrive') });
  });

  it('a cut connection is unanswered too; a tenant known offline before sending stays pending; a refusal is a failure', async () => {
    for (const [code, status] of [
      [tenantErrorCodes.refused, 'unanswered'],
      [tenantErrorCodes.offline, 'pending_offline'],
      ['employee_not_found', 'failed'],
    ] as const) {
      const { sweep, store } = sweepWith({ terminate: async () => err(code, 'no') });
      await sweep.findEverywhere('maya@acme.example');
      await sweep.run(['a']);
      expect(store.getState().tenants.a?.status, code).toBe(status);
    }
  });

  it('looking again after a plain failure that someone else resolved says "already terminated", not that this sweep did it', async () => {
    let active = true;
    const { sweep, store } = sweepWith({ terminate: async () => err('employee_not_found', 'no'), active: () => active });
    await sweep.findEverywhere('maya@acme.example');
    await sweep.run(['a']);
    active = false;
    await sweep.lookAgain(['a']);
    expect(store.getState().tenants.a).toMatchObject({ status: 'nothing_to_do', message: expect.stringContaining('already terminated') });
  });

  it('a tenant that does not answer the lookup stays pending (looked at again later); one that says no is a failure', async () => {
    for (const [code, status] of [
      [tenantErrorCodes.timeout, 'pending_offline'],
      [tenantErrorCodes.dns, 'pending_offline'],
      [tenantErrorCodes.authFailed, 'failed'],
    ] as const) {
      const store = createSweepStore();
      const people: SweepDeps['people'] = { list: async () => err(code, 'no'), integrations: async () => ok([]), terminate: async () => ok(done) };
      const sweep = createOffboardingSweep({ people, connections: () => [connection('a')], localCopy: { technicalUsers: async () => [], tokens: async () => [] }, store });
      await sweep.findEverywhere('maya@acme.example');
      expect(store.getState().tenants.a?.status, code).toBe(status);
    }
  });

  it('runs one piece of work at a time', async () => {
    const { sweep, store, calls } = sweepWith({ terminate: async () => ok(done) });
    await sweep.findEverywhere('maya@acme.example');
    await Promise.all([sweep.run(['a']), sweep.run(['a'])]);
    expect(calls.filter((c) => c.startsWith('terminate'))).toHaveLength(1);
    expect(store.getState().tenants.a?.status).toBe('done');
    expect(store.getState().working).toBeNull();
  });
});

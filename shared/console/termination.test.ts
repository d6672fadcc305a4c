import { describe, expect, it } from 'vitest';
import type { Integration } from '../api/employees.ts';
import { appHandoverProblem, appHandoverRefusal, systemUserRoleIds, terminationPlan } from './termination.ts';

const integration = (id: string, kind: 'webhook' | 'app', over: Partial<Integration> = {}): Integration => ({ id, kind, name: `${kind} ${id}`, ownerId: 'emp-1', ownerType: 'user', local: false, active: true, ...over });
const person = { firstName: 'Maya', lastName: 'Novak' };

describe('termination preview', () => {
  const owned = [integration('w1', 'webhook'), integration('w2', 'webhook', { active: false }), integration('a1', 'app', { name: 'Calendar sync app' }), integration('a2', 'app', { name: 'Legacy CRM', local: true }), integration('x', 'webhook', { ownerType: 'system' })];

  it('preserve: all webhooks to one system user named after the person, each app to its own, local apps stay behind', () => {
    const preview = terminationPlan(person, owned, 'preserve');
    expect(preview.systemUsers.map((s) => [s.kind, s.name, s.integrations.map((i) => i.id)])).toEqual([
      ['webhook', 'Maya Novak', ['w1', 'w2']],
      ['app', 'Calendar sync app', ['a1']],
    ]);
    expect(preview.notTransferable.map((i) => i.id)).toEqual(['a2']);
    expect(preview.disabled).toEqual([]);
  });

  it('disable: every integration the person owns is disabled, nothing moves', () => {
    const preview = terminationPlan(person, owned, 'disable');
    expect(preview.systemUsers).toEqual([]);
    expect(preview.disabled.map((i) => i.id)).toEqual(['w1', 'w2', 'a1', 'a2']);
  });

  it('names system users as the tenant will: a taken name gets " (2)", and two apps of one name differ', () => {
    const twins = [integration('a1', 'app', { name: 'Slack' }), integration('a2', 'app', { name: 'Slack' }), integration('w1', 'webhook')];
    expect(terminationPlan(person, twins, 'preserve', ['maya novak', 'Other']).systemUsers.map((s) => s.name)).toEqual(['Maya Novak (2)', 'Slack', 'Slack (2)']);
  });

  it('compares names as the tenant does, ignoring Unicode compatibility forms too', () => {
    expect(terminationPlan({ firstName: 'Ｍａｙａ', lastName: 'Ｎｏｖａｋ' }, [integration('w1', 'webhook')], 'preserve', ['maya novak']).systemUsers.map((s) => s.name)).toEqual(['Ｍａｙａ Ｎｏｖａｋ (2)']);
  });

  it('system users take the employee\'s roles but the root role and roles that are gone', () => {
    expect(systemUserRoleIds(['root', 'sales', 'gone', 'finance'], 'root', (id) => id !== 'gone')).toEqual(['sales', 'finance']);
  });

  it('no integrations: no system users at all', () => {
    expect(terminationPlan(person, [], 'preserve')).toEqual({ systemUsers: [], disabled: [], notTransferable: [] });
  });

  it('says why an app cannot be handed over', () => {
    expect(appHandoverRefusal(integration('a1', 'app'))).toBeNull();
    expect(appHandoverRefusal(integration('a2', 'app', { name: 'Legacy CRM', local: true }))).toMatch(/local apps cannot be transferred/);
    expect(appHandoverRefusal(integration('w1', 'webhook'))).toMatch(/Only apps/);
    expect(appHandoverRefusal(integration('a3', 'app', { ownerType: 'system' }))).toMatch(/already runs/);
    expect(appHandoverProblem(integration('a2', 'app', { local: true }))?.code).toBe('not_transferable');
    expect(appHandoverProblem(integration('w1', 'webhook'))?.code).toBe('validation_failed');
  });
});

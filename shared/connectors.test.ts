import { describe, expect, it } from 'vitest';
import { capabilitiesOf, connectorCapabilitiesSchema, unsupportedOn, type ConnectorCapabilities } from './connectors.ts';

describe('connector capabilities', () => {
  it('Tenant Admin API v1 can do everything the console does', () => {
    const v1 = { kind: 'tessera-v1' as const, capabilities: capabilitiesOf('tessera-v1') };
    expect(connectorCapabilitiesSchema.parse(v1.capabilities)).toEqual(v1.capabilities);
    for (const feature of ['tokens', 'tokenReplace', 'sessions', 'audit', 'disable', 'offboarding'] as const) expect(unsupportedOn(v1, feature), feature).toBeNull();
  });

  it('says once, in words, what a tenant cannot do', () => {
    const none: ConnectorCapabilities = { ...capabilitiesOf('tessera-v1'), tokens: 'none', replace: 'none', sessions: false, audit: 'none', disable: false, offboarding: 'none' };
    const tenant = { kind: 'tessera-v1' as const, capabilities: none };
    expect(unsupportedOn(tenant, 'tokens')).toBe('API tokens are not supported by this tenant (Tenant Admin API v1).');
    expect(unsupportedOn(tenant, 'sessions')).toBe('Session records are not supported by this tenant (Tenant Admin API v1).');
    expect(unsupportedOn({ ...tenant, capabilities: { ...none, tokens: 'single' } }, 'tokenReplace')).toMatch(/^Replacing a token is not supported/);
    expect(unsupportedOn(undefined, 'tokens')).toBeNull();
  });
});

import { z } from 'zod';

/**
 * What kind of system a tenant is, and what its connector can do there. The
 * console reads a connection's capabilities instead of assuming every
 * tenant speaks Tenant Admin API v1: what a connector cannot do is said
 * once, where a person would look for it, never shown as broken.
 */
export const connectorKinds = ['tessera-v1'] as const;
export type ConnectorKind = (typeof connectorKinds)[number];

/** How the kind is named to a person ("not supported by this tenant (…)"). */
export const connectorLabels: Readonly<Record<ConnectorKind, string>> = { 'tessera-v1': 'Tenant Admin API v1' };

export const connectorCapabilitiesSchema = z.object({
  /** How changes reach the replica: the tenant's own replication API, a delta pull on modification time, or whole snapshots compared. */
  changeFeed: z.enum(['replication', 'delta', 'snapshot']),
  /** How a write is checked against the state it was based on: the tenant's revision or ETag, or re-read and compared first. */
  concurrency: z.enum(['native', 'emulated']),
  /** API tokens of a technical user: none, one secret, or many. */
  tokens: z.enum(['none', 'single', 'many']),
  /** Who may issue a token: an admin, or only the technical user itself. */
  tokenIssuer: z.enum(['admin', 'self']),
  /** Where a token's expiry is set: on each token, by the tenant's policy, or nowhere. */
  expiry: z.enum(['per-token', 'per-policy', 'none']),
  /** Replacing a token: the tenant does it, Tessera emulates it (new, then old revoked after the overlap), or not at all. */
  replace: z.enum(['native', 'emulated', 'none']),
  /** The tenant's audit log, readable over HTTP or not at all. */
  audit: z.enum(['http', 'none']),
  /** Session records of a technical user's calls. */
  sessions: z.boolean(),
  /** Deactivating a technical user while keeping it. */
  disable: z.boolean(),
  /** Terminating an employee with the handover of what they own. */
  offboarding: z.enum(['full', 'none']),
});
export type ConnectorCapabilities = z.infer<typeof connectorCapabilitiesSchema>;

/** Tenant Admin API v1 is the full connector: everything Tessera does, it does natively. */
const tenantAdminV1: ConnectorCapabilities = {
  changeFeed: 'replication',
  concurrency: 'native',
  tokens: 'many',
  tokenIssuer: 'admin',
  expiry: 'per-token',
  replace: 'native',
  audit: 'http',
  sessions: true,
  disable: true,
  offboarding: 'full',
};

export function capabilitiesOf(kind: ConnectorKind): ConnectorCapabilities {
  switch (kind) {
    case 'tessera-v1':
      return tenantAdminV1;
  }
}

/** What a part of the console needs from a tenant's connector. */
export type ConsoleFeature = 'tokens' | 'tokenReplace' | 'sessions' | 'audit' | 'disable' | 'offboarding';

const featureWords: Readonly<Record<ConsoleFeature, string>> = {
  tokens: 'API tokens are',
  tokenReplace: 'Replacing a token is',
  sessions: 'Session records are',
  audit: 'Its audit log is',
  disable: 'Deactivating a technical user is',
  offboarding: 'Offboarding is',
};

function has(capabilities: ConnectorCapabilities, feature: ConsoleFeature): boolean {
  switch (feature) {
    case 'tokens':
      return capabilities.tokens !== 'none';
    case 'tokenReplace':
      return capabilities.tokens !== 'none' && capabilities.replace !== 'none';
    case 'sessions':
      return capabilities.sessions;
    case 'audit':
      return capabilities.audit !== 'none';
    case 'disable':
      return capabilities.disable;
    case 'offboarding':
      return capabilities.offboarding !== 'none';
  }
}

/** Why a feature is not offered on this tenant ("API tokens are not supported by this tenant (SCIM 2.0)."), or null when it is. */
export function unsupportedOn(connection: { readonly kind: ConnectorKind; readonly capabilities: ConnectorCapabilities } | undefined, feature: ConsoleFeature): string | null {
  if (!connection || has(connection.capabilities, feature)) return null;
  return `${featureWords[feature]} not supported by this tenant (${connectorLabels[connection.kind]}).`;
}

import type { SectionId } from '../../shared/sections.ts';

export interface SectionContent {
  readonly title: string;
  readonly summary: string;
  readonly empty: {
    readonly headline: string;
    readonly body: string;
    /** Where the empty state's button leads (none on the Tenants section itself). */
    readonly next?: { readonly label: string; readonly section: SectionId };
  };
}

const connectFirst = { label: 'Go to Tenants', section: 'tenants' as const };

export const sectionContent: Record<SectionId, SectionContent> = {
  tenants: {
    title: 'Tenants',
    summary: 'The tenant instances this console manages. Admin credentials stay in your OS keychain.',
    empty: {
      headline: 'No tenants connected yet — connect one',
      body: 'Connect a tenant with the client id and secret of an admin client. Tessera keeps a local copy of each tenant, so you can keep working offline and sync later.',
    },
  },
  'technical-users': {
    title: 'Technical users',
    summary: 'Every service account, programmatic user and system user, across all connected tenants.',
    empty: {
      headline: 'No technical users to show',
      body: 'Technical users appear here once a tenant is connected and synced — one inventory for all of them.',
      next: connectFirst,
    },
  },
  roles: {
    title: 'Roles',
    summary: 'Roles under “All employees” on each tenant. Technical users get permissions from their direct roles only.',
    empty: {
      headline: 'No roles to show',
      body: 'Each tenant’s role tree appears here after its first sync, with a privileges matrix and the users holding each role.',
      next: connectFirst,
    },
  },
  tokens: {
    title: 'Tokens',
    summary: 'API tokens of your technical users. Tessera keeps their metadata; a secret is shown once, when it is issued.',
    empty: {
      headline: 'No API tokens yet',
      body: 'Tokens, their expiry dates and last use appear here once a tenant is connected.',
      next: connectFirst,
    },
  },
  sessions: {
    title: 'Sessions',
    summary: 'How integrations use their tokens: sessions, requests and failures per technical user and day.',
    empty: {
      headline: 'No session data yet',
      body: 'Session activity is synced from each tenant, so you can see which integrations still call and which are failing.',
      next: connectFirst,
    },
  },
  audit: {
    title: 'Audit',
    summary: 'Every change on every tenant: who made it, when, and what changed.',
    empty: {
      headline: 'No audit entries yet',
      body: 'Changes made from this console or by other administrators show up here after a sync.',
      next: connectFirst,
    },
  },
  people: {
    title: 'People',
    summary: 'Employees on each tenant and the webhooks and apps they own — so integrations survive when someone leaves.',
    empty: {
      headline: 'No people to show',
      body: 'Connect a tenant to see its employees and hand their integrations over when they leave.',
      next: connectFirst,
    },
  },
  sync: {
    title: 'Sync',
    summary: 'Changes waiting for their tenant, conflicts to decide, and anything a tenant refused.',
    empty: {
      headline: 'Nothing waiting to sync',
      body: 'Edits you make while a tenant is unreachable wait here and are sent when it is back. Nothing is dropped without you seeing it.',
    },
  },
};

import { describe, expect, it } from 'vitest';
import { newTechnicalUserDefaults, technicalUserSchema, technicalUserWritableKeys, type TechnicalUserWritable } from '../api/technicalUsers.ts';
import { revisionOf, scimUserFrom, technicalUserFromScim, tesseraUserExtensionUrn, userSchemaUrn, type ScimResource } from './scimUsers.ts';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const seenAt = '2026-12-03T10:00:00.000Z';
const context = { timeZone: 'Europe/Prague', seenAt };

/** A User as a SCIM service sends it: core attributes, another vendor's extension, attributes Tessera does not know. */
const fromServer: ScimResource = {
  schemas: [userSchemaUrn, enterprise, tesseraUserExtensionUrn],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'crm-bridge',
  userName: 'CRM bridge',
  displayName: 'CRM bridge (prod)',
  nickName: 'crm',
  userType: 'Technical',
  active: true,
  preferredLanguage: 'de_AT',
  timezone: 'Europe/Vienna',
  emails: [
    { value: 'ops@acme.example', type: 'work', primary: true },
    { value: 'alerts@acme.example', type: 'other' },
  ],
  groups: [{ value: 'g-sales', display: 'Sales integrations' }],
  [enterprise]: { costCenter: '4130', department: 'Integrations' },
  [tesseraUserExtensionUrn]: { description: 'Pushes orders to the CRM', kind: 'webhook', category: 'Programmatic user', dataFields: [{ key: 'owner', value: 'Ops' }], permissionRole: 'member', subscriptions: ['orders'], customRoles: [], accessControlEntities: [], vendorNote: 'kept' },
  meta: { resourceType: 'User', created: '2026-11-01T08:00:00Z', lastModified: '2026-11-20T09:30:00.5Z', version: 'W/"a330bc54f0671c9"', location: 'https://scim.example/Users/2819c223' },
};

const writable = (u: Record<string, unknown>) => Object.fromEntries(technicalUserWritableKeys.map((k) => [k, u[k]])) as TechnicalUserWritable;

describe('SCIM users as technical users', () => {
  it('reads every mapped attribute into a valid v1 document, with the service version and times', () => {
    const { user, version } = technicalUserFromScim(fromServer, context);
    expect(technicalUserSchema.safeParse(user).success).toBe(true);
    expect(user).toMatchObject({
      id: '2819c223-7f76-453a-919d-413861904646',
      name: 'CRM bridge',
      description: 'Pushes orders to the CRM',
      kind: 'webhook',
      category: 'Programmatic user',
      dataFields: [{ key: 'owner', value: 'Ops' }],
      language: 'de-AT',
      timeZone: 'Europe/Vienna',
      notificationEmail: 'ops@acme.example',
      subscriptions: ['orders'],
      active: true,
      permissionRole: 'member',
      roleIds: ['g-sales'],
      createdAt: '2026-11-01T08:00:00.000Z',
      updatedAt: '2026-11-20T09:30:00.500Z',
    });
    expect(version).toBe('W/"a330bc54f0671c9"');
    expect(user.revision).toBe(revisionOf('W/"a330bc54f0671c9"'));
  });

  it('gives a plain User (no extension, no times, no version) the defaults of a new technical user, seen now', () => {
    const { user, version } = technicalUserFromScim({ schemas: [userSchemaUrn], id: 'u1', userName: 'nightly-export', timezone: 'Mars/Olympus', preferredLanguage: 'not a language' }, context);
    expect(writable(user)).toEqual({ ...newTechnicalUserDefaults('Europe/Prague'), name: 'nightly-export' });
    expect(version).toBeNull();
    expect([user.createdAt, user.updatedAt]).toEqual([seenAt, seenAt]);
    expect(technicalUserSchema.safeParse(user).success).toBe(true);
  });

  it('without a version, the revision follows the content: the same resource keeps it, a change moves it', () => {
    const plain = { schemas: [userSchemaUrn], id: 'u1', userName: 'x', active: true };
    const a = technicalUserFromScim(plain, context).user.revision;
    expect(technicalUserFromScim({ active: true, userName: 'x', id: 'u1', schemas: [userSchemaUrn] }, { ...context, seenAt: '2026-12-04T00:00:00.000Z' }).user.revision).toBe(a);
    expect(technicalUserFromScim({ ...plain, active: false }, context).user.revision).not.toBe(a);
  });

  it('round trip: what Tessera writes back reads as the same technical user and keeps every attribute it does not map', () => {
    const { user } = technicalUserFromScim(fromServer, context);
    const written = scimUserFrom(writable(user), fromServer);
    expect(writable(technicalUserFromScim(written, context).user)).toEqual({ ...writable(user), roleIds: [] });
    expect(written).toMatchObject({ externalId: 'crm-bridge', nickName: 'crm', userType: 'Technical', displayName: 'CRM bridge (prod)', [enterprise]: { costCenter: '4130', department: 'Integrations' } });
    expect((written[tesseraUserExtensionUrn] as Record<string, unknown>).vendorNote).toBe('kept');
    expect(written.emails).toEqual([
      { value: 'ops@acme.example', type: 'work', primary: true },
      { value: 'alerts@acme.example', type: 'other', primary: false },
    ]);
    // Read-only and server-kept attributes are not sent back.
    expect(written).not.toHaveProperty('meta');
    expect(written).not.toHaveProperty('groups');
    expect(written.schemas).toEqual([userSchemaUrn, enterprise, tesseraUserExtensionUrn]);
  });

  it('an edit changes only what was edited; a new notification address becomes the primary one, the old one stays', () => {
    const { user } = technicalUserFromScim(fromServer, context);
    const written = scimUserFrom({ ...writable(user), name: 'CRM bridge v2', active: false, notificationEmail: 'crm@acme.example', kind: 'app' }, fromServer);
    expect(written).toMatchObject({ userName: 'CRM bridge v2', active: false, nickName: 'crm', [tesseraUserExtensionUrn]: { kind: 'app', description: 'Pushes orders to the CRM' } });
    expect(written.emails).toEqual([
      { value: 'crm@acme.example', type: 'work', primary: true },
      { value: 'ops@acme.example', type: 'work', primary: false },
      { value: 'alerts@acme.example', type: 'other', primary: false },
    ]);
  });

  it('a new technical user becomes a User with the core and Tessera schemas, its name also its display name', () => {
    const written = scimUserFrom({ ...newTechnicalUserDefaults('UTC'), name: 'billing-sync', notificationEmail: null }, null);
    expect(written).toMatchObject({ schemas: [userSchemaUrn, tesseraUserExtensionUrn], userName: 'billing-sync', displayName: 'billing-sync', active: true, preferredLanguage: 'en', timezone: 'UTC' });
    expect(written).not.toHaveProperty('emails');
  });
});

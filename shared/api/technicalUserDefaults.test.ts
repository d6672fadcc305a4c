import { describe, expect, it } from 'vitest';
import { newTechnicalUserDefaults, technicalUserCreateSchema, technicalUserWritableKeys, withCreateDefaults } from './technicalUsers.ts';

describe('a new technical user\'s defaults', () => {
  it('are the API\'s: an active integration with viewer rights, English, the tenant\'s time zone, and no roles', () => {
    expect(newTechnicalUserDefaults('Europe/Prague')).toMatchObject({ kind: 'integration', active: true, permissionRole: 'viewer', language: 'en', timeZone: 'Europe/Prague', roleIds: [], notificationEmail: null });
  });

  it('fill every writable field a create leaves out, and nothing it sends', () => {
    const input = technicalUserCreateSchema.parse({ name: 'CRM reader', kind: 'webhook', roleIds: ['r1'], notificationEmail: null });
    const fields = withCreateDefaults(input, 'UTC');
    expect(Object.keys(fields)).toEqual(technicalUserWritableKeys);
    expect(fields).toEqual({ ...newTechnicalUserDefaults('UTC'), name: 'CRM reader', kind: 'webhook', roleIds: ['r1'] });
  });
});

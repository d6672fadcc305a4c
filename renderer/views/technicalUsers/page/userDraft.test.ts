import { describe, expect, it } from 'vitest';
import { changedFields, draftOf, fieldsOf, validateDraft, type UserDraft } from './userDraft.ts';

const saved = (extra: Partial<UserDraft> = {}): UserDraft => ({
  ...draftOf(
    {
      name: 'Salesforce sync',
      description: 'Pushes leads',
      kind: 'integration',
      category: 'Programmatic user',
      dataFields: [
        { key: 'team', value: 'sales' },
        { key: 'cost centre', value: '4711' },
      ],
      language: 'de-AT',
      timeZone: 'Europe/Vienna',
      notificationEmail: 'ops@example.com',
      subscriptions: ['outages'],
      active: true,
      permissionRole: 'member',
      customRoles: ['reader'],
      accessControlEntities: ['G1'],
      roleIds: ['r-sales', 'r-finance'],
    },
    { timeZone: 'UTC' },
  ),
  ...extra,
});

describe('draftOf', () => {
  it('gives a new user the API defaults, the tenant’s time zone and no roles', () => {
    expect(draftOf(null, { timeZone: 'Europe/Prague' })).toEqual({
      name: '',
      description: '',
      kind: 'integration',
      category: '',
      dataFields: [],
      language: 'en',
      timeZone: 'Europe/Prague',
      notificationEmail: '',
      subscriptions: [],
      active: true,
      permissionRole: 'viewer',
      customRoles: [],
      accessControlEntities: [],
      roleIds: [],
    });
  });

  it('takes a stored document as the form holds it (null e-mail → empty, lists copied)', () => {
    const roleIds = ['r1'];
    const draft = draftOf({ name: 'Power BI', notificationEmail: null, roleIds, active: false, dataFields: [{ key: 'k', value: 'v' }] }, { timeZone: 'UTC' });
    expect(draft).toMatchObject({ name: 'Power BI', notificationEmail: '', roleIds: ['r1'], active: false, dataFields: [{ key: 'k', value: 'v' }], timeZone: 'UTC' });
    // The form may edit its lists without touching the stored document.
    expect(draft.roleIds).not.toBe(roleIds);
  });

  it('falls back to the defaults for fields of the wrong type', () => {
    const draft = draftOf({ name: 42, active: 'yes', roleIds: 'r1', timeZone: null, language: undefined }, { timeZone: 'Asia/Tokyo' });
    expect(draft).toMatchObject({ name: '', active: true, roleIds: [], timeZone: 'Asia/Tokyo', language: 'en' });
  });
});

describe('fieldsOf', () => {
  it('trims the name and data-field keys and turns an empty e-mail into null', () => {
    const fields = fieldsOf(saved({ name: '  Salesforce sync ', notificationEmail: '   ', dataFields: [{ key: ' team ', value: ' sales ' }] }));
    expect(fields.name).toBe('Salesforce sync');
    expect(fields.notificationEmail).toBeNull();
    // Values are kept as typed: only keys are identifiers.
    expect(fields.dataFields).toEqual([{ key: 'team', value: ' sales ' }]);
    expect(fieldsOf(saved({ notificationEmail: ' ops@example.com ' })).notificationEmail).toBe('ops@example.com');
  });
});

describe('validateDraft', () => {
  it('accepts a complete draft and a new user’s defaults once it has a name', () => {
    expect(validateDraft(saved())).toEqual(new Map());
    expect(validateDraft({ ...draftOf(null, { timeZone: 'UTC' }), name: 'New one' })).toEqual(new Map());
  });

  it('asks for a name when it is empty or only spaces', () => {
    expect(validateDraft(saved({ name: '' })).get('name')).toBe('Give the technical user a name.');
    expect(validateDraft(saved({ name: '   ' })).get('name')).toBe('Give the technical user a name.');
    expect(validateDraft(draftOf(null, { timeZone: 'UTC' })).get('name')).toBe('Give the technical user a name.');
  });

  it('refuses a name over 64 characters, but not one that fits once trimmed', () => {
    expect(validateDraft(saved({ name: 'x'.repeat(64) })).has('name')).toBe(false);
    expect(validateDraft(saved({ name: 'x'.repeat(65) })).get('name')).toBe('A name has 1 to 64 characters.');
    expect(validateDraft(saved({ name: ` ${'x'.repeat(64)} ` })).has('name')).toBe(false);
  });

  it('refuses a malformed e-mail address and accepts none', () => {
    for (const email of ['not-an-email', 'ops@', '@example.com', 'two words@example.com']) {
      expect(validateDraft(saved({ notificationEmail: email })).get('notificationEmail'), email).toBe('Enter a valid e-mail address, or leave it empty.');
    }
    expect(validateDraft(saved({ notificationEmail: '' })).has('notificationEmail')).toBe(false);
    expect(validateDraft(saved({ notificationEmail: '  ' })).has('notificationEmail')).toBe(false);
  });

  it('names the data field whose key is empty or too long', () => {
    const errors = validateDraft(
      saved({
        dataFields: [
          { key: 'team', value: 'sales' },
          { key: '', value: 'orphan' },
          { key: '   ', value: 'blank' },
          { key: 'k'.repeat(65), value: 'long' },
        ],
      }),
    );
    expect([...errors.keys()]).toEqual(['dataFields.1', 'dataFields.2', 'dataFields.3']);
    expect(errors.get('dataFields.1')).toBe('A data field needs a key (up to 64 characters).');
    expect(validateDraft(saved({ dataFields: [{ key: 'k'.repeat(64), value: '' }] })).size).toBe(0);
  });

  it('says what is wrong when a data field’s value is too long', () => {
    const errors = validateDraft(saved({ dataFields: [{ key: 'notes', value: 'v'.repeat(1001) }] }));
    expect(errors.get('dataFields.0')).toBe('A data field value has up to 1,000 characters.');
  });

  it('refuses more than 50 data fields', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(validateDraft(saved({ dataFields: many })).has('dataFields')).toBe(true);
    expect(validateDraft(saved({ dataFields: many.slice(0, 50) })).size).toBe(0);
  });

  it('refuses a data-field key used twice (ignoring case and spaces), on the field that repeats it, as the tenant does', () => {
    // technicalUserPatchSchema (shared with the tenant) refuses duplicate keys; the form says so inline.
    const errors = validateDraft(
      saved({
        dataFields: [
          { key: 'team', value: 'sales' },
          { key: ' Team', value: 'finance' },
        ],
      }),
    );
    expect([...errors.keys()]).toEqual(['dataFields.1']);
    expect(errors.get('dataFields.1')).toMatch(/already used/);
  });

  it('refuses a time zone that is not IANA, and a language that is not a tag', () => {
    expect(validateDraft(saved({ timeZone: 'Mars/Olympus' })).get('timeZone')).toBe('Choose an IANA time zone from the list.');
    expect(validateDraft(saved({ timeZone: '' })).get('timeZone')).toBe('Choose an IANA time zone from the list.');
    expect(validateDraft(saved({ timeZone: 'America/New_York' })).size).toBe(0);
    expect(validateDraft(saved({ language: 'not a tag!' })).has('language')).toBe(true);
  });

  it('reports several fields at once, one message each', () => {
    const errors = validateDraft(saved({ name: '', notificationEmail: 'nope', timeZone: 'Nowhere/Land', dataFields: [{ key: '', value: '' }] }));
    expect([...errors.keys()].sort()).toEqual(['dataFields.0', 'name', 'notificationEmail', 'timeZone']);
  });
});

describe('changedFields', () => {
  it('is empty when nothing changed, even for a fresh copy of the same lists', () => {
    const before = saved();
    expect(changedFields(before, saved())).toEqual({});
    expect(changedFields(before, { ...before, roleIds: [...before.roleIds], dataFields: before.dataFields.map((f) => ({ ...f })) })).toEqual({});
  });

  it('returns only the fields that differ, as the tenant takes them', () => {
    const before = saved();
    const after = { ...before, description: 'Pushes leads and contacts', active: false, notificationEmail: '' };
    expect(changedFields(before, after)).toEqual({ description: 'Pushes leads and contacts', active: false, notificationEmail: null });
  });

  it('ignores edits that normalise away (spaces around the name, a blank e-mail)', () => {
    const before = saved({ notificationEmail: '' });
    expect(changedFields(before, { ...before, name: ' Salesforce sync  ', notificationEmail: '   ' })).toEqual({});
  });

  it('counts reordered data fields and roles as a change, and sends the whole list', () => {
    const before = saved();
    const reordered = [...before.dataFields].reverse();
    expect(changedFields(before, { ...before, dataFields: reordered })).toEqual({ dataFields: reordered });
    expect(changedFields(before, { ...before, roleIds: ['r-finance', 'r-sales'] })).toEqual({ roleIds: ['r-finance', 'r-sales'] });
  });

  it('sees a changed data-field value and a removed role', () => {
    const before = saved();
    const after = { ...before, dataFields: [{ key: 'team', value: 'marketing' }, before.dataFields[1]!], roleIds: ['r-sales'] };
    expect(changedFields(before, after)).toEqual({ dataFields: [{ key: 'team', value: 'marketing' }, { key: 'cost centre', value: '4711' }], roleIds: ['r-sales'] });
  });
});

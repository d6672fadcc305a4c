import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from './auditDiff.ts';
import { auditToCsv, auditToJson, compileAuditFilter, emptyAuditFilter, sortTimeline, subjectNameOf, tokenOwnerOf, tokensInAudit, type AuditEntryLike, type AuditFilter } from './auditTimeline.ts';

const ada = { name: 'Ada Admin', email: 'ada@acme.example', clientId: 'c-ada' };
const bob = { name: 'Bob Builder', email: null, clientId: 'c-bob' };
const entry = (over: Partial<AuditEntryLike> & Pick<AuditEntryLike, 'id' | 'at'>): AuditEntryLike => ({
  tenantId: 'acme',
  actor: ada,
  action: 'technical-user.updated',
  subjectType: 'technical-user',
  subjectId: 'u1',
  before: { permissionRole: 'viewer' },
  after: { permissionRole: 'admin' },
  ...over,
});
const entries = [
  entry({ id: 'a1', at: '2026-11-30T09:00:00.000Z' }),
  entry({ id: 'g1', at: '2026-12-01T10:00:00.000Z', tenantId: 'globex', actor: bob, subjectId: 'u9', before: null, after: { name: 'Old export' }, action: 'technical-user.created' }),
  entry({ id: 'a2', at: '2026-12-01T10:00:00.000Z', action: 'token.issued', subjectType: 'api-token', subjectId: 't1', before: null, after: { technicalUserId: 'u1', label: 'CI', prefix: 'tsk_ab', status: 'active' } }),
  entry({ id: 'a3', at: '2026-12-02T08:00:00.000Z', subjectType: 'role', subjectId: 'r1', action: 'role.updated', before: { name: 'Sales' }, after: { name: 'Sales EU' } }),
];
const users: Record<string, string> = { 'acme|u1': 'Salesforce sync' };
const roles: Record<string, string> = { 'acme|r1': 'Sales EU' };
const lookup = { user: (t: string, id: string) => users[`${t}|${id}`], role: (t: string, id: string) => roles[`${t}|${id}`] };
const name = (e: AuditEntryLike) => subjectNameOf(e, lookup);
const run = (patch: Partial<AuditFilter>) => sortTimeline(entries.filter(compileAuditFilter({ ...emptyAuditFilter, ...patch }, name, (iso) => iso.slice(0, 10)))).map((e) => e.id);

describe('the audit timeline', () => {
  it('is newest first across tenants, with a stable order within the same millisecond', () => {
    expect(run({})).toEqual(['a3', 'a2', 'g1', 'a1']);
  });

  it('names subjects from the local copy, a deleted one from its last state, a token by label and prefix', () => {
    expect(entries.map(name)).toEqual(['Salesforce sync', 'Old export', '“CI” tsk_ab…', 'Sales EU']);
    expect(tokenOwnerOf(entries[2]!)).toBe('u1');
  });

  it('names a replaced or revoked token, and finds its owner, from its issue entry (later entries say only what changed)', () => {
    const replaced = entry({ id: 'a4', at: '2026-12-02T09:00:00.000Z', action: 'token.replaced', subjectType: 'api-token', subjectId: 't1', before: { status: 'active' }, after: { status: 'replaced', replacedBy: 't2' } });
    const tokens = tokensInAudit([...entries, replaced]);
    expect(tokens.get('acme|t1')).toEqual({ label: 'CI', prefix: 'tsk_ab', technicalUserId: 'u1' });
    // Without the issue entry: its id, and no owner (nothing to open) — never a made-up name.
    expect(subjectNameOf(replaced, lookup)).toBe('t1');
    expect(tokenOwnerOf(replaced)).toBeNull();
    const known = { ...lookup, token: (t: string, id: string) => tokens.get(`${t}|${id}`) };
    expect(subjectNameOf(replaced, known)).toBe('“CI” tsk_ab…');
    expect(tokenOwnerOf(replaced, tokens.get('acme|t1'))).toBe('u1');
    expect(describeAuditEntry(replaced, { role: () => undefined, token: (id) => tokens.get(`acme|${id}`) }).summary).toContain('“CI” (tsk_ab…)');
  });

  it('filters by tenant, actor (name, e-mail or client), subject type and name, action and date range', () => {
    expect(run({ tenantIds: ['globex'] })).toEqual(['g1']);
    expect(run({ actor: 'ACME.example' })).toEqual(['a3', 'a2', 'a1']);
    expect(run({ actor: 'bob' })).toEqual(['g1']);
    expect(run({ subjectType: 'api-token' })).toEqual(['a2']);
    expect(run({ subject: 'salesforce' })).toEqual(['a1']);
    expect(run({ subject: 'u9' })).toEqual(['g1']);
    expect(run({ action: 'role.updated' })).toEqual(['a3']);
    expect(run({ from: '2026-12-01', to: '2026-12-01' })).toEqual(['a2', 'g1']);
    expect(run({ from: '2026-12-02' })).toEqual(['a3']);
  });

  it('exports what is shown with tenant names, subject names and the changes in the forms’ words', () => {
    const context = { tenant: (id: string) => ({ acme: 'Acme', globex: 'Globex' })[id] ?? id, subjectName: name, names: () => ({ role: () => undefined }) };
    const csv = auditToCsv([entries[0]!, entries[1]!], context).trim().split('\r\n');
    expect(csv[0]).toBe('When (UTC),Tenant,Actor,Actor e-mail,What,Subject type,Subject,Changes');
    expect(csv[1]).toBe('2026-11-30T09:00:00.000Z,Acme,Ada Admin,ada@acme.example,changed the technical user,Technical user,Salesforce sync,Permission role: Viewer → Admin');
    expect(csv[2]).toBe('2026-12-01T10:00:00.000Z,Globex,Bob Builder,,created the technical user,Technical user,Old export,Name: Old export');
    const json = JSON.parse(auditToJson([entries[0]!], context)) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ tenant: 'Acme', subject: 'Salesforce sync', changes: [{ label: 'Permission role', before: 'Viewer', after: 'Admin' }] });
  });
});

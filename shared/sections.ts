/** The console's top-level sections, in navigation order. */
export const sections = [
  { id: 'tenants', label: 'Tenants' },
  { id: 'technical-users', label: 'Technical users' },
  { id: 'roles', label: 'Roles' },
  { id: 'tokens', label: 'Tokens' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'audit', label: 'Audit' },
  { id: 'people', label: 'People' },
  { id: 'sync', label: 'Sync' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export const sectionIds = sections.map((s) => s.id) as [SectionId, ...SectionId[]];

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && (sectionIds as readonly string[]).includes(value);
}

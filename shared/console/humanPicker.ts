import { employeeSchema, type Employee } from '../api/employees.ts';

/**
 * The employees a picker of human users may offer (an owner, a person to
 * terminate, someone to hand integrations to).
 *
 * Technical users stay out of human pickers: picking one as a person would
 * hand an integration to another integration, or "terminate" a system user.
 * The tenant already leaves them out of `GET /api/v1/users`, but the console
 * does not rely on that (an older tenant, a proxy, a bug): it drops
 * - anything that does not parse as an employee;
 * - anything carrying an `externalAuthId` (only technical and system users
 *   have one; `rest_system` marks the system users termination creates);
 * - any id that is a technical or system user of the same tenant in the
 *   local replica (`technicalUserIds`), even if it looks like a person.
 * What is kept is the parsed employee, without any extra fields.
 */
export function humanUsersOnly(entries: readonly unknown[], technicalUserIds: ReadonlySet<string>): Employee[] {
  const humans: Employee[] = [];
  for (const entry of entries) {
    if (hasExternalAuthId(entry)) continue;
    const parsed = employeeSchema.safeParse(entry);
    if (!parsed.success || technicalUserIds.has(parsed.data.id)) continue;
    humans.push(parsed.data);
  }
  return humans;
}

function hasExternalAuthId(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null || !('externalAuthId' in entry)) return false;
  const value = entry.externalAuthId;
  return typeof value === 'string' ? value.trim() !== '' : value !== null && value !== undefined;
}

/**
 * The tenant's rules, checked against the local replica so the console can
 * warn before anything is sent. The tenant has the last word: these are
 * warnings, and what the tenant refuses comes back to the Sync view.
 */

export interface LocalUserFacts {
  readonly id: string;
  readonly name: string;
  readonly externalAuthId?: string | null;
}

/** Names compare ignoring case (and Unicode compatibility forms), as the tenant compares them. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US');
}

export function findNameClash<T extends LocalUserFacts>(name: string, users: readonly T[], exceptId?: string | null): T | null {
  const wanted = nameKey(name.trim());
  if (!wanted) return null;
  return users.find((u) => u.id !== exceptId && nameKey(u.name) === wanted) ?? null;
}

export interface PlanFacts {
  readonly limit: number;
  readonly used: number;
}

/** Users the plan counts: all but the system users termination and app transfer create. */
export function planUsage(users: readonly LocalUserFacts[], limit: number): PlanFacts {
  return { limit, used: users.filter((u) => u.externalAuthId !== 'rest_system').length };
}

export function planFull(plan: PlanFacts | null): boolean {
  return plan !== null && plan.used >= plan.limit;
}

export const rootRoleExplanation =
  'Technical users cannot be members of the root role "All employees" — only of its child roles. They get permissions from their direct roles only; permissions from parent roles are not inherited.';

import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { nameKey } from '../../shared/rules/technicalUserRules.ts';
import type { DocumentTable } from './documents.ts';

/** Users created by termination or app transfer carry this and stay outside the plan limit. */
export const restSystem = 'rest_system';

export function searchText(user: Pick<TechnicalUser, 'name' | 'description' | 'dataFields'>): string {
  return nameKey([user.name, user.description, ...user.dataFields.map((f) => f.value)].join('\n'));
}

export const technicalUsersTable: DocumentTable<TechnicalUser> = {
  collection: 'technical-users',
  table: 'technical_users',
  columns: (user) => ({ name_key: nameKey(user.name), search: searchText(user), counts_for_plan: user.externalAuthId === restSystem ? 0 : 1 }),
};

import type { ApiToken } from '../../shared/api/tokens.ts';
import type { DocumentTable } from './documents.ts';

/**
 * Token documents hold metadata only. The secret's hash lives in its own
 * column, set when the token is issued, and is never part of a document,
 * an audit entry or a response.
 */
export const tokensTable: DocumentTable<ApiToken> = {
  collection: 'tokens',
  table: 'tokens',
  columns: (token) => ({ technical_user_id: token.technicalUserId }),
};

import type { AuditEntry } from '../../../shared/api/audit.ts';
import type { SessionDay } from '../../../shared/api/sessions.ts';
import type { ApiToken } from '../../../shared/api/tokens.ts';
import type { LocalDocument } from '../../../shared/sync/localDocuments.ts';

/** Token metadata as the console reads it (the secret exists nowhere but in the reveal window). */
export type LocalToken = LocalDocument<ApiToken>;
export type LocalSessionDay = LocalDocument<SessionDay>;
export type LocalAuditEntry = LocalDocument<AuditEntry>;

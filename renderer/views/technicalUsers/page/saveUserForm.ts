import { CodedError } from '../../../../shared/result.ts';
import { saveTechnicalUser } from '../../../sync/localEdits.ts';
import type { LocalReplica } from '../../../sync/localReplica.ts';
import { expectedValuesOf, type SeenValues } from './remoteChanges.ts';
import { fieldsOf, type UserDraft } from './userDraft.ts';

export type SaveOutcome =
  | { readonly kind: 'created'; readonly id: string }
  | { readonly kind: 'saved' }
  /** Someone's change landed just now: the form shows both values (the local copy has it already). */
  | { readonly kind: 'changedMeanwhile'; readonly problem: string };

/**
 * Writes a technical user's form to the local copy (it goes to the tenant
 * with the next sync): a new user whole, an existing one only the fields
 * changed here, each checked against the stored value the person decided
 * against. A refused draft that this resubmits leaves the Sync view.
 * Other failures are thrown.
 */
export async function saveUserForm(
  replica: LocalReplica,
  form: {
    readonly tenantId: string;
    readonly draft: UserDraft;
    /** The stored document; null for a new user. */
    readonly stored: (Record<string, unknown> & { id: string }) | null;
    /** The fields changed here (for an existing user). */
    readonly own: Partial<UserDraft>;
    readonly base: Readonly<Record<string, unknown>> | null;
    readonly seen: SeenValues;
    readonly defaultTimeZone: string;
    readonly rejectionKey: string | undefined;
  },
): Promise<SaveOutcome> {
  try {
    let outcome: SaveOutcome;
    if (!form.stored) {
      outcome = { kind: 'created', id: await saveTechnicalUser(replica, form.tenantId, null, fieldsOf(form.draft), { defaultTimeZone: form.defaultTimeZone }) };
    } else {
      const all = fieldsOf(form.draft) as Record<string, unknown>;
      const fields = Object.fromEntries(Object.keys(form.own).map((f) => [f, all[f]]));
      if (Object.keys(fields).length > 0) await saveTechnicalUser(replica, form.tenantId, form.stored.id, fields, { expected: expectedValuesOf(form.base ?? form.stored, form.seen, Object.keys(fields)) });
      outcome = { kind: 'saved' };
    }
    if (form.rejectionKey) await replica.notes.dropRejection(form.rejectionKey);
    return outcome;
  } catch (error) {
    if (error instanceof CodedError && error.code === 'changed_meanwhile') return { kind: 'changedMeanwhile', problem: error.message };
    throw error;
  }
}

import { ago } from '../../../format/time.ts';
import type { RemoteChange } from './remoteChanges.ts';
import type { UserDraft } from './userDraft.ts';
import { labelOfValue, technicalUserFieldLabels } from '../../../../shared/console/fieldLabels.ts';

/** A stored value as the form would show it. */
function readable(field: keyof UserDraft, value: unknown, roleName: (id: string) => string): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (field === 'active') return value ? 'Active' : 'Inactive';
  if (field === 'kind' || field === 'permissionRole') return labelOfValue(field, value) ?? String(value);
  if (field === 'roleIds') return (value as string[]).length === 0 ? 'No roles' : (value as string[]).map(roleName).join(', ');
  if (field === 'dataFields') return (value as Array<{ key: string; value: string }>).length === 0 ? '(none)' : (value as Array<{ key: string; value: string }>).map((f) => `${f.key}: ${f.value}`).join('; ');
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  return String(value);
}

/**
 * Fields the person changed here that someone else changed too since the
 * form was opened: both values, who and when, and the choice — before
 * anything is saved.
 */
export function RemoteChangesPanel(props: { changes: readonly RemoteChange[]; roleName: (id: string) => string; onKeepMine: (field: keyof UserDraft) => void; onTakeTheirs: (field: keyof UserDraft) => void }) {
  if (props.changes.length === 0) return null;
  return (
    <section className="card remote-changes" role="region" aria-labelledby="remote-changes-title">
      <h2 id="remote-changes-title" className="card-title">
        Changed by someone else while you were editing
      </h2>
      <p className="muted">Choose for each field which value to keep; nothing is saved until you do.</p>
      <ul className="item-list" aria-label="Fields changed by someone else">
        {props.changes.map((change) => (
          <li key={change.field} className="item">
            <div className="item-main">
              <strong>{technicalUserFieldLabels[change.field]}</strong>
              <div className="compare">
                <span>
                  Yours: <code>{readable(change.field, change.mine, props.roleName)}</code>
                </span>
                <span>
                  Theirs: <code>{readable(change.field, change.theirs, props.roleName)}</code>
                  {change.by || change.at ? (
                    <span className="muted">
                      {' '}
                      — {change.by ? (change.by.email ? `${change.by.name} (${change.by.email})` : change.by.name) : 'someone'}
                      {change.at ? (
                        <>
                          ,{' '}
                          <time dateTime={change.at} title={new Date(change.at).toLocaleString()}>
                            {ago(Date.parse(change.at))}
                          </time>
                        </>
                      ) : null}
                    </span>
                  ) : null}
                </span>
              </div>
            </div>
            <div className="button-row">
              <button type="button" className="button button-small" onClick={() => props.onKeepMine(change.field)}>
                Keep mine
              </button>
              <button type="button" className="button button-small" onClick={() => props.onTakeTheirs(change.field)}>
                Take theirs
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { EffectivePermissions } from '../../../../shared/api/technicalUsers.ts';
import { grantsNothing } from '../../../../shared/rules/effectivePermissions.ts';

const mark = (on: boolean) => (on ? <span aria-label="yes">✓</span> : <span className="muted" aria-label="no">–</span>);

/**
 * What a token of this user can do: exactly what its direct roles grant.
 * Read-only; shown before a token is issued or shared (DESIGN.md, rule 5).
 */
export function EffectivePermissionsPanel(props: { permissions: EffectivePermissions; roleNames: readonly string[]; active: boolean }) {
  const { permissions } = props;
  return (
    <section className="card" aria-labelledby="effective-title">
      <h2 id="effective-title" className="card-title">
        Effective permissions
      </h2>
      <p className="field-hint">
        A token of this user can do exactly this — whoever holds the token can. Permissions come from its direct roles only
        {props.roleNames.length > 0 ? ` (${props.roleNames.join(', ')})` : ''}; <strong>permissions from parent roles are not inherited.</strong>
      </p>
      {!props.active ? <p className="alert alert-warning">This user is inactive: the tenant refuses its tokens until it is activated again.</p> : null}
      {grantsNothing(permissions) ? (
        <p className="empty-inline muted">No access: {props.roleNames.length === 0 ? 'this user has no roles yet. New technical users start with none — give it a child role with what the integration needs.' : 'its roles grant nothing.'}</p>
      ) : (
        <>
          {permissions.objects.length > 0 ? (
            <table className="data-table matrix" aria-label="Object permissions">
              <thead>
                <tr>
                  <th scope="col">Object</th>
                  <th scope="col">Read</th>
                  <th scope="col">Create</th>
                  <th scope="col">Edit</th>
                  <th scope="col">Delete</th>
                </tr>
              </thead>
              <tbody>
                {permissions.objects.map((o) => (
                  <tr key={o.object}>
                    <th scope="row">{o.object}</th>
                    <td>{mark(o.read)}</td>
                    <td>{mark(o.create)}</td>
                    <td>{mark(o.edit)}</td>
                    <td>{mark(o.delete)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <h3 className="subheading">System operations</h3>
          {permissions.system.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="chip-list" aria-label="System operations">
              {permissions.system.map((s) => (
                <li key={s} className="chip">
                  {s}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

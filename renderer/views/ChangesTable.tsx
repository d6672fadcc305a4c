import type { FieldChange } from '../../shared/console/auditDiff.ts';

/** An audit entry's changes, field by field: before (struck through) → after, in the forms' words. */
export function ChangesTable(props: { changes: readonly FieldChange[]; label: string }) {
  return (
    <table className="diff-table" aria-label={props.label}>
      <tbody>
        {props.changes.map((change) => (
          <tr key={change.field}>
            <th scope="row">{change.label}</th>
            <td className="diff-before">{change.before ? <del>{change.before}</del> : null}</td>
            <td aria-hidden="true">{change.before && change.after ? '→' : ''}</td>
            <td className="diff-after">{change.after ? <ins>{change.after}</ins> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

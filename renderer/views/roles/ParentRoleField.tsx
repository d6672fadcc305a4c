/** Where a role sits in the tree; says plainly that nothing comes down from the parent. */
export function ParentRoleField(props: { id: string; value: string; roles: ReadonlyArray<{ id: string; name: string }>; onChange: (parentId: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>Parent role</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.roles.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      <p className="field-hint">Members get this role’s privileges only — never its parent’s.</p>
    </div>
  );
}

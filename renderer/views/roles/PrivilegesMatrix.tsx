import { useState } from 'react';
import type { Privileges } from '../../../shared/api/roles.ts';
import { operations, type Operation } from '../../../shared/console/roleCompare.ts';
import { wellKnownObjects, wellKnownSystemOperations } from '../../../shared/rules/effectivePermissions.ts';

const operationLabels: Record<Operation, string> = { read: 'Read', create: 'Create', edit: 'Edit', delete: 'Delete' };

/**
 * The privileges of a role: objects × read/create/edit/delete, and system
 * operations. Every well-known object is listed; others can be added.
 */
export function PrivilegesMatrix(props: { privileges: Privileges; onChange?: (privileges: Privileges) => void; roleName: string }) {
  const { privileges, onChange } = props;
  const readOnly = !onChange;
  const [newObject, setNewObject] = useState('');
  const [newOperation, setNewOperation] = useState('');
  const objects = [...new Set([...wellKnownObjects, ...privileges.objects.map((o) => o.object)])].sort((a, b) => a.localeCompare(b));
  const system = [...new Set([...wellKnownSystemOperations, ...privileges.system])].sort((a, b) => a.localeCompare(b));
  const grantOf = (object: string) => privileges.objects.find((o) => o.object === object) ?? { object, read: false, create: false, edit: false, delete: false };

  const setGrant = (object: string, operation: Operation, on: boolean) => {
    const current = grantOf(object);
    const next = { ...current, [operation]: on };
    // Reading is what the other operations act on: granting one grants read; taking read away takes the rest.
    if (on && operation !== 'read') next.read = true;
    if (!on && operation === 'read') Object.assign(next, { create: false, edit: false, delete: false });
    const others = privileges.objects.filter((o) => o.object !== object);
    const keep = next.read || next.create || next.edit || next.delete;
    onChange?.({ ...privileges, objects: [...others, ...(keep ? [next] : [])].sort((a, b) => a.object.localeCompare(b.object)) });
  };
  const setSystem = (operation: string, on: boolean) => onChange?.({ ...privileges, system: on ? [...new Set([...privileges.system, operation])].sort() : privileges.system.filter((s) => s !== operation) });

  return (
    <div className="privileges">
      <table className="data-table matrix" aria-label={`Privileges of ${props.roleName}`}>
        <thead>
          <tr>
            <th scope="col">Object</th>
            {operations.map((op) => (
              <th key={op} scope="col">
                {operationLabels[op]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {objects.map((object) => {
            const grant = grantOf(object);
            return (
              <tr key={object}>
                <th scope="row">{object}</th>
                {operations.map((op) => (
                  <td key={op}>
                    <input type="checkbox" aria-label={`${operationLabels[op]} ${object}`} checked={grant[op]} disabled={readOnly} onChange={(e) => setGrant(object, op, e.target.checked)} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly ? (
        <form
          className="inline-row add-row"
          onSubmit={(e) => {
            e.preventDefault();
            const name = newObject.trim().toLowerCase();
            if (!name) return;
            setGrant(name, 'read', true);
            setNewObject('');
          }}
        >
          <input aria-label="Another object" placeholder="Another object (e.g. tickets)" value={newObject} maxLength={64} onChange={(e) => setNewObject(e.target.value)} />
          <button type="submit" className="button button-small" disabled={!newObject.trim()}>
            Add object
          </button>
        </form>
      ) : null}
      <fieldset className="filter-group system-operations">
        <legend>System operations</legend>
        {system.map((operation) => (
          <label key={operation} className="checkbox">
            <input type="checkbox" checked={privileges.system.includes(operation)} disabled={readOnly} onChange={(e) => setSystem(operation, e.target.checked)} />
            <span>{operation}</span>
          </label>
        ))}
      </fieldset>
      {!readOnly ? (
        <form
          className="inline-row add-row"
          onSubmit={(e) => {
            e.preventDefault();
            const name = newOperation.trim().toLowerCase();
            if (!name) return;
            setSystem(name, true);
            setNewOperation('');
          }}
        >
          <input aria-label="Another system operation" placeholder="Another system operation" value={newOperation} maxLength={64} onChange={(e) => setNewOperation(e.target.value)} />
          <button type="submit" className="button button-small" disabled={!newOperation.trim()}>
            Add operation
          </button>
        </form>
      ) : null}
    </div>
  );
}

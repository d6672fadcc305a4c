import type { ReactNode } from 'react';
import type { Integration } from '../../../shared/api/employees.ts';

export const kindLabel = (i: Integration) => `${i.kind === 'webhook' ? 'Webhook' : 'App'}${i.local ? ' (local)' : ''}`;

/** Integrations as a table: name, kind, state, and an action per row. */
export function IntegrationTable(props: { label: string; integrations: readonly Integration[]; action?: (integration: Integration) => ReactNode }) {
  return (
    <table className="data-table" aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">Integration</th>
          <th scope="col">Kind</th>
          <th scope="col">State</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.integrations.map((i) => (
          <tr key={i.id}>
            <td>{i.name}</td>
            <td>{kindLabel(i)}</td>
            <td>{i.active ? 'Active' : 'Disabled'}</td>
            <td className="row-actions">{props.action?.(i)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A titled list of integrations (a termination preview or report); nothing when empty. */
export function IntegrationList(props: { title: string; integrations: readonly Integration[]; note?: (integration: Integration) => string; className?: string }) {
  if (props.integrations.length === 0) return null;
  return (
    <div className={props.className}>
      <h3 className="preview-title">{props.title}</h3>
      <ul>
        {props.integrations.map((i) => (
          <li key={i.id}>
            {kindLabel(i)}: {i.name}
            {props.note ? ` — ${props.note(i)}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

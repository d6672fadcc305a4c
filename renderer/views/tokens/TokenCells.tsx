import { shownStatus, shownStatusLabels, stillValid } from '../../../shared/console/tokenFacts.ts';
import type { LocalToken } from '../../db/pages/pulledTypes.ts';
import { formatDate, formatDateTime, relativeDays } from './tokenFormat.ts';

const statusBadge: Record<string, string> = { active: 'badge-ok', overlap: 'badge-warning', refused: 'badge-danger' };

/** A token as the tables show it: with whether its technical user is active (unknown counts as active). */
export type OwnedToken = LocalToken & { readonly ownerActive?: boolean };

/** The metadata cells every token table shows: label, prefix, created (by), expires, last used, status. */
export function TokenCells(props: { token: OwnedToken; now: number }) {
  const { token: t, now } = props;
  const status = shownStatus(t, now);
  return (
    <>
      <td>{t.label || <span className="muted">(no label)</span>}</td>
      <td className="nowrap">
        <code>{t.prefix}…</code>
      </td>
      <td className="date-cell">
        {formatDate(t.createdAt)}
        <span className="cell-sub">by {t.createdBy?.name ?? 'unknown'}</span>
      </td>
      <td className="date-cell">
        {formatDate(t.expiresAt)}
        {stillValid(t, now) ? <span className="cell-sub">{relativeDays(t.expiresAt, now)}</span> : null}
      </td>
      <td className="date-cell">{formatDateTime(t.lastUsedAt)}</td>
      <td>
        <span className={`badge ${statusBadge[status] ?? 'badge-muted'}`}>{shownStatusLabels[status]}</span>
        {status === 'refused' ? <span className="cell-sub">The tenant refuses every token of an inactive user; it works again once the user is active.</span> : null}
      </td>
    </>
  );
}

export function TokenHeaderCells() {
  return (
    <>
      <th scope="col">Label</th>
      <th scope="col">Prefix</th>
      <th scope="col">Created</th>
      <th scope="col">Expires</th>
      <th scope="col">Last used</th>
      <th scope="col">Status</th>
    </>
  );
}

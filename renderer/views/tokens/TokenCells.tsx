import { shownStatus, shownStatusLabels, stillWorks } from '../../../shared/console/tokenFacts.ts';
import type { LocalToken } from '../../db/pages/pulledTypes.ts';
import { formatDate, formatDateTime, relativeDays } from './tokenFormat.ts';

const statusBadge: Record<string, string> = { active: 'badge-ok', overlap: 'badge-warning' };

/** The metadata cells every token table shows: label, prefix, created (by), expires, last used, status. */
export function TokenCells(props: { token: LocalToken; now: number }) {
  const { token: t, now } = props;
  const status = shownStatus(t, now);
  return (
    <>
      <td>{t.label || <span className="muted">(no label)</span>}</td>
      <td>
        <code>{t.prefix}…</code>
      </td>
      <td>
        {formatDate(t.createdAt)}
        <span className="cell-sub">by {t.createdBy?.name ?? 'unknown'}</span>
      </td>
      <td>
        {formatDate(t.expiresAt)}
        {stillWorks(t, now) ? <span className="cell-sub">{relativeDays(t.expiresAt, now)}</span> : null}
      </td>
      <td>{formatDateTime(t.lastUsedAt)}</td>
      <td>
        <span className={`badge ${statusBadge[status] ?? 'badge-muted'}`}>{shownStatusLabels[status]}</span>
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

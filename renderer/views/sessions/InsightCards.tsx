import { useCallback, useState } from 'react';
import type { FailureTrend, SessionDayLike, TokenUseLike, UnusedUser, UserTotals } from '../../../shared/console/sessionFacts.ts';
import { EChart, type ChartPalette } from '../../charts/EChart.tsx';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { formatDate, formatDateTime } from '../tokens/tokenFormat.ts';
import { openSessionUser, type LabelledUser, type UserLabel } from './openSessionUser.ts';
import { percent } from './sessionFormat.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';

function UserCell(props: { user: LabelledUser; date?: string }) {
  return (
    <td>
      <button type="button" className="link-button" onClick={() => openSessionUser(props.user.key, props.date)}>
        {props.user.name}
      </button>
      <span className="cell-sub">
        <TenantBadge connection={props.user.tenant} />
      </span>
    </td>
  );
}

/** The ten busiest technical users: requests with their failures. */
export function TopCallersCard(props: { top: readonly UserTotals[]; label: UserLabel }) {
  const { top, label } = props;
  // Users of several tenants are compared here: each bar names its tenant (unless only one is shown).
  const names = top.map((t) => {
    const user = label(t.key);
    return user.oneTenant ? user.name : `${user.name} · ${user.tenantName}`;
  });
  const option = useCallback(
    (p: ChartPalette) => ({
      grid: { left: 220, right: 24, top: 32, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 210, overflow: 'truncate' } },
      series: [
        { name: 'Succeeded', type: 'bar', stack: 'calls', data: top.map((t) => t.requests - t.failures), itemStyle: { color: p.accent } },
        { name: 'Failed', type: 'bar', stack: 'calls', data: top.map((t) => t.failures), itemStyle: { color: p.danger } },
      ],
    }),
    [top, names],
  );
  return (
    <section className="card" aria-labelledby="top-callers-title">
      <h2 id="top-callers-title" className="card-title">
        Top callers
      </h2>
      {top.length === 0 ? (
        <p className="empty-inline muted">No calls in the window.</p>
      ) : (
        <EChart option={option} label="Top callers by requests, last 30 days" exportName="Top callers" height={Math.max(160, top.length * 28 + 64)} testId="top-callers" onItemClick={(click) => top[click.dataIndex] && openSessionUser(top[click.dataIndex]!.key)} />
      )}
    </section>
  );
}

/** Users whose failure rate rose in the last 7 days, and since when they fail. */
export function RisingFailuresCard(props: { rising: readonly FailureTrend[]; label: UserLabel }) {
  const { rising, label } = props;
  const names = rising.map((t) => label(t.key).name);
  const option = useCallback(
    (p: ChartPalette) => ({
      grid: { left: 220, right: 24, top: 32, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v} %` },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 210, overflow: 'truncate' } },
      series: [
        { name: 'Before (days 1–23)', type: 'bar', data: rising.map((t) => Math.round(t.earlierRate * 1000) / 10), itemStyle: { color: p.muted } },
        { name: 'Last 7 days', type: 'bar', data: rising.map((t) => Math.round(t.recentRate * 1000) / 10), itemStyle: { color: p.danger } },
      ],
    }),
    [rising, names],
  );
  return (
    <section className="card" aria-labelledby="rising-title">
      <h2 id="rising-title" className="card-title">
        Rising failure rates
      </h2>
      {rising.length === 0 ? (
        <p className="empty-inline muted">No technical user fails more often lately than before.</p>
      ) : (
        <>
          <EChart option={option} label="Failure rate, last 7 days against the 23 days before" exportName="Rising failure rates" height={Math.max(160, rising.length * 34 + 64)} testId="rising-failures" onItemClick={(click) => rising[click.dataIndex] && openSessionUser(rising[click.dataIndex]!.key, rising[click.dataIndex]!.failingSince ?? undefined)} />
          <table className="data-table" aria-label="Rising failure rates">
            <thead>
              <tr>
                <th scope="col">Technical user</th>
                <th scope="col">Failure rate</th>
                <th scope="col">Failing since</th>
              </tr>
            </thead>
            <tbody>
              {rising.map((t) => (
                <tr key={t.key}>
                  <UserCell user={label(t.key)} {...(t.failingSince ? { date: t.failingSince } : {})} />
                  <td>
                    {percent(t.earlierRate)} → <strong>{percent(t.recentRate)}</strong>
                    <span className="cell-sub">
                      {t.recentFailures} of {t.recentRequests} calls failed
                    </span>
                  </td>
                  <td>{t.failingSince ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Active technical users nobody uses: no session and no successful token use for 30 or 90 days. */
export function UnusedCard(props: { unused30: readonly UnusedUser[]; unused90: readonly UnusedUser[]; label: UserLabel }) {
  const [quiet, setQuiet] = useState<30 | 90>(30);
  const list = quiet === 30 ? props.unused30 : props.unused90;
  const shown = list.slice(0, 100);
  return (
    <section className="card" aria-labelledby="unused-title">
      <div className="card-header">
        <h2 id="unused-title" className="card-title">
          Unused technical users
        </h2>
        <span className="spacer" />
        <fieldset className="segmented segmented-two" aria-label="No sessions for">
          <legend className="visually-hidden">No sessions for</legend>
          {([30, 90] as const).map((d) => (
            <label key={d} className="segment" data-checked={quiet === d || undefined}>
              <input type="radio" name="unused-days" value={d} checked={quiet === d} onChange={() => setQuiet(d)} />
              <span>{d} days</span>
            </label>
          ))}
        </fieldset>
      </div>
      <p className="field-hint">
        {list.length === 0
          ? `Every active technical user was used in the last ${quiet} days.`
          : `${list.length} active technical user${list.length === 1 ? ' has' : 's have'} had no session and no successful token use for ${quiet} days — unused: consider deactivating ${list.length === 1 ? 'it' : 'them'}.`}
      </p>
      {shown.length > 0 ? (
        <table className="data-table" aria-label={`Unused for ${quiet} days`}>
          <thead>
            <tr>
              <th scope="col">Technical user</th>
              <th scope="col">Last activity</th>
              <th scope="col">Advice</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.key}>
                <UserCell user={props.label(u.key)} />
                <td>{u.lastActivity ? formatDate(u.lastActivity) : 'none on record'}</td>
                <td>Unused — consider deactivating</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.length > shown.length ? <p className="field-hint">The first 100 are listed; the Technical users section filters by “unused for N days” for all of them.</p> : null}
    </section>
  );
}

/** One technical user, several callers on one day: the seeds' advice is one technical user per integration. */
export function SeveralClientsCard(props: { days: ReadonlyArray<SessionDayLike & { key: string }>; label: UserLabel }) {
  return (
    <section className="card" aria-labelledby="clients-title">
      <h2 id="clients-title" className="card-title">
        Several clients on one day
      </h2>
      <p className="field-hint">Tokens of one technical user used from several client addresses or user agents on the same day. One technical user per integration keeps permissions tight and failures traceable.</p>
      {props.days.length === 0 ? (
        <p className="empty-inline muted">Every technical user was called from one client per day.</p>
      ) : (
        <table className="data-table" aria-label="Several clients on one day">
          <thead>
            <tr>
              <th scope="col">Technical user</th>
              <th scope="col">Date</th>
              <th scope="col">Clients</th>
              <th scope="col">Sessions</th>
            </tr>
          </thead>
          <tbody>
            {props.days.map((d) => (
              <tr key={`${d.key}|${d.date}`}>
                <UserCell user={props.label(d.key)} date={d.date} />
                <td>{d.date}</td>
                <td>{d.clients}</td>
                <td>{d.sessions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Tokens that expire within two weeks while integrations still use them. */
export function ExpiringInUseCard<T extends TokenUseLike>(props: { tokens: readonly T[]; label: (token: T) => LabelledUser; now: number }) {
  return (
    <section className="card" aria-labelledby="expiring-use-title">
      <h2 id="expiring-use-title" className="card-title">
        Expiring soon, still in use
      </h2>
      <p className="field-hint">Working tokens that expire within 14 days and were used in the last 7: replace them before the integration stops.</p>
      {props.tokens.length === 0 ? (
        <p className="empty-inline muted">No busy token expires in the next 14 days.</p>
      ) : (
        <table className="data-table" aria-label="Expiring soon, still in use">
          <thead>
            <tr>
              <th scope="col">Technical user</th>
              <th scope="col">Token</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((t) => (
              <tr key={localKey(t.tenantId, t.id)}>
                <UserCell user={props.label(t)} />
                <td>
                  {t.label || '(no label)'} <code>{t.prefix}…</code>
                </td>
                <td>{formatDateTime(t.expiresAt)}</td>
                <td>{formatDateTime(t.lastUsedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

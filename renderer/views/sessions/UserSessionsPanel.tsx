import { useCallback, useMemo, useState } from 'react';
import type { Session } from '../../../shared/api/sessions.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import { dateIn, datesEnding, seriesOf } from '../../../shared/console/sessionFacts.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import { notSentCodes } from '../../../shared/tenantErrorCodes.ts';
import { bridge } from '../../bridge.ts';
import { useTenantRead } from '../../shell/useTenantRead.ts';
import { EChart, type ChartPalette } from '../../charts/EChart.tsx';
import type { LocalReplica } from '../../sync/localReplica.ts';
import { useMinuteClock } from '../../inventory/useInventory.ts';
import { usePulled } from '../../sync/useDatabase.ts';
import { shortDate } from './sessionFormat.ts';

const shownDays = 10;

type DayList = { state: 'loading' } | { state: 'offline'; message: string } | { state: 'error'; message: string } | { state: 'ready'; sessions: Session[]; truncated: boolean };

/**
 * A technical user's session activity: the last 10 days as a chart (from
 * the local copy, offline too), and the sessions of a chosen day (from the
 * tenant, online only) — Creatio's "User sessions" tab.
 */
export function UserSessionsPanel(props: { replica: LocalReplica; connection: ConnectionView | undefined; tenantId: string; userId: string; userName: string; initialDate?: string | undefined }) {
  const { replica, connection, tenantId, userId } = props;
  const now = useMinuteClock();
  const today = dateIn(connection?.tenant?.timeZone ?? 'UTC', now);
  const dates = useMemo(() => datesEnding(today, shownDays), [today]);
  const days = usePulled(replica, ['session-days'], (r) => r.pages.sessionDays.ofUser(tenantId, userId, dates[0]!), [tenantId, userId, dates[0]], { tenantId });
  const series = useMemo(() => seriesOf(days ?? [], dates), [days, dates]);
  const lastActive = [...dates].reverse().find((_, i) => series.sessions[dates.length - 1 - i]! > 0 || series.requests[dates.length - 1 - i]! > 0);
  const [chosen, setChosen] = useState<string | null>(props.initialDate ?? null);
  const date = chosen ?? lastActive ?? today;
  const online = connection?.state === 'connected';
  // The day's list for one (user, date); an answer for another day never shows under this one.
  const day = useTenantRead(online ? `${localKey(tenantId, userId)}|${date}` : null, () => bridge().technicalUsers.sessionsOn({ connectionId: tenantId, technicalUserId: userId, date }));
  const list: DayList =
    day.read.state === 'idle' || (day.read.state === 'failed' && notSentCodes.has(day.read.error.code))
      ? { state: 'offline', message: day.read.state === 'failed' ? day.read.error.message : `The sessions of one day come from the tenant, and ${connection?.displayName ?? 'it'} is offline. The chart above is from the local copy.` }
      : day.read.state === 'loading'
        ? { state: 'loading' }
        : day.read.state === 'failed'
          ? { state: 'error', message: day.read.error.message }
          : { state: 'ready', sessions: [...day.read.value.sessions].sort((a, b) => a.startedAt.localeCompare(b.startedAt)), truncated: day.read.value.truncated };

  const option = useCallback(
    (p: ChartPalette) => ({
      grid: { left: 48, right: 48, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: dates.map(shortDate) },
      yAxis: [
        { type: 'value', name: 'Requests', minInterval: 1 },
        { type: 'value', name: 'Sessions', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: 'Requests', type: 'bar', data: series.requests, itemStyle: { color: p.accent } },
        { name: 'Failures', type: 'bar', data: series.failures, itemStyle: { color: p.danger } },
        { name: 'Sessions', type: 'line', yAxisIndex: 1, data: series.sessions, itemStyle: { color: p.warn }, symbolSize: 7 },
      ],
    }),
    [dates, series],
  );

  const total = series.requests.reduce((a, b) => a + b, 0);
  return (
    <div className="user-sessions">
      <section className="card" aria-labelledby="sessions-chart-title">
        <h2 id="sessions-chart-title" className="card-title">
          Sessions, last {shownDays} days
        </h2>
        <p className="field-hint">
          {total === 0
            ? `${props.userName} made no calls in the last ${shownDays} days (dates in the tenant’s time zone).`
            : `${series.sessions.reduce((a, b) => a + b, 0)} sessions, ${total} requests, ${series.failures.reduce((a, b) => a + b, 0)} failures in the last ${shownDays} days (dates in the tenant’s time zone). Choose a day to list its sessions.`}
        </p>
        <EChart option={option} label={`Sessions of ${props.userName}, last ${shownDays} days`} exportName={`Sessions ${props.userName}`} height={260} onItemClick={(click) => setChosen(dates[click.dataIndex] ?? null)} testId="user-sessions-chart" />
      </section>
      <section className="card" aria-labelledby="sessions-day-title">
        <div className="card-header">
          <h2 id="sessions-day-title" className="card-title">
            Sessions on {date}
          </h2>
          <span className="spacer" />
          <label className="field-inline">
            Day
            <select aria-label="Day" value={date} onChange={(e) => setChosen(e.target.value)}>
              {dates.includes(date) ? null : <option value={date}>{date} — chosen on the dashboard</option>}
              {[...dates].reverse().map((d, i) => {
                const at = dates.length - 1 - i;
                return (
                  <option key={d} value={d}>
                    {d} — {series.sessions[at]} sessions, {series.failures[at]} failures
                  </option>
                );
              })}
            </select>
          </label>
          <button type="button" className="button button-small" onClick={day.reload} disabled={!online || list.state === 'loading'}>
            Reload
          </button>
        </div>
        <SessionList list={list} />
      </section>
    </div>
  );
}

function SessionList(props: { list: DayList }) {
  const { list } = props;
  if (list.state === 'loading') return <p className="muted empty-inline">Loading the day’s sessions from the tenant…</p>;
  if (list.state === 'offline') return <p className="alert alert-warning">{list.message}</p>;
  if (list.state === 'error') return <p className="alert alert-error" role="alert">{list.message}</p>;
  if (list.sessions.length === 0) return <p className="muted empty-inline">No sessions on this day.</p>;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <>
      <table className="data-table" aria-label="Sessions of the day">
        <thead>
          <tr>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Requests</th>
            <th scope="col">Failures</th>
            <th scope="col">Client address</th>
            <th scope="col">Token</th>
            <th scope="col">User agent</th>
          </tr>
        </thead>
        <tbody>
          {list.sessions.map((s) => (
            <tr key={s.id} className={s.failures > 0 ? 'row-failing' : undefined}>
              <td>{time(s.startedAt)}</td>
              <td>{time(s.endedAt)}</td>
              <td>{s.requests}</td>
              <td>{s.failures}</td>
              <td>
                <code>{s.clientAddress}</code>
              </td>
              <td>
                <code>{s.tokenPrefix}…</code>
              </td>
              <td className="cell-wrap">{s.userAgent}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.truncated ? <p className="field-hint">Only the first 5,000 sessions of the day are listed.</p> : null}
    </>
  );
}
